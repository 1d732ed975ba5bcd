export type ReasoningListProps = { reasoning: string[] };

/** Every step of the estimate with its numbers and sources, in the order the estimator took them. */
export function ReasoningList({ reasoning }: ReasoningListProps) {
  return (
    <section className="card" aria-labelledby="plan-reasoning-heading">
      <h2 id="plan-reasoning-heading">How this was estimated</h2>
      <ol className="plan-reasoning small" data-testid="plan-reasoning">
        {reasoning.map((line, index) => <li key={index}>{line}</li>)}
      </ol>
    </section>
  );
}
