import Link from "next/link";
import type { CalibrationResponse, QualityFitSummary } from "@/lib/schemas/predict";

export type QualityFitsCardProps = { quality: CalibrationResponse["quality"] };

const METRICS = [["mtBench", "MT-Bench", "points (0–10)"], ["mmlu", "MMLU", "points (0–100)"]] as const;

function FitLine({ label, unit, fit }: { label: string; unit: string; fit: QualityFitSummary | null }) {
  if (!fit) return <li>{label}: no run reports it.</li>;
  const rmse = fit.leaveOneOutRmse === null ? "no leave-one-out error (fewer than 3 runs)" : `leave-one-out RMSE ${fit.leaveOneOutRmse.toFixed(fit.leaveOneOutRmse < 1 ? 3 : 2)} ${unit}`;
  return (
    <li data-testid={`quality-fit-${label}`}>
      {label}: {fit.runs} runs, {rmse}.
      {fit.nearestFolds.map((fold) => (
        <span key={fold.runId}>
          {" "}Left out, <Link href={`/runs/${encodeURIComponent(fold.runId)}`}>{fold.name}</Link> is a configuration no regression of the other runs can predict, so
          its fold takes the mean of the 3 nearest runs: {fold.predicted.toFixed(2)} against {fold.measured} measured.
        </span>
      ))}
    </li>
  );
}

/** The quality fits behind /plan and the recommender: runs kept, leave-one-out error, and folds that fell back to nearest runs. */
export function QualityFitsCard({ quality }: QualityFitsCardProps) {
  return (
    <section className="card" aria-labelledby="quality-fits-heading" data-testid="quality-fits">
      <h2 id="quality-fits-heading">Quality fits</h2>
      <ul className="small">
        {METRICS.map(([key, label, unit]) => <FitLine key={key} label={label} unit={unit} fit={quality[key]} />)}
      </ul>
    </section>
  );
}
