import type { AppliedDefault } from "@/lib/schemas/predict";
import { TRAINING_SETTING_LABELS } from "@/lib/schemas/run";

export type ReasoningListProps = { reasoning: string[]; defaults: AppliedDefault[] };


const formatValue = (value: AppliedDefault["value"]) => (typeof value === "boolean" ? (value ? "on" : "off") : String(value));

/**
 * Every step of the estimate with its numbers and sources, in the order the estimator took them, after the
 * settings it assumed: which the request set and which the framework's documented default decided, and where
 * that default was read.
 */
export function ReasoningList({ reasoning, defaults }: ReasoningListProps) {
  return (
    <section className="card" aria-labelledby="plan-reasoning-heading">
      <h2 id="plan-reasoning-heading">How this was estimated</h2>
      {defaults.length > 0 ? (
        <div className="data-table-wrap">
          <table className="data-table plan-defaults small" data-testid="plan-defaults">
            <caption className="muted">How the run is assumed to train</caption>
            <thead>
              <tr><th scope="col">Setting</th><th scope="col">Value</th><th scope="col">Decided by</th></tr>
            </thead>
            <tbody>
              {defaults.map((row) => (
                <tr key={row.field} data-origin={row.origin}>
                  <td>{(TRAINING_SETTING_LABELS as Record<string, string>)[row.field] ?? row.field}</td>
                  <td>{formatValue(row.value)}</td>
                  <td>
                    {row.origin === "request" ? "you set" : "framework default"}
                    {row.origin === "framework" ? <div className="muted plan-default-why">{row.why}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ol className="plan-reasoning small" data-testid="plan-reasoning">
        {reasoning.map((line, index) => <li key={index}>{line}</li>)}
      </ol>
    </section>
  );
}
