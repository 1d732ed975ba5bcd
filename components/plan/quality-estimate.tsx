import Link from "next/link";
import { formatNumber } from "@/lib/runs/format";
import type { Prediction } from "@/lib/schemas/predict";

type Quality = NonNullable<Prediction["quality"]>;
export type QualityEstimateProps = { quality: Quality | null };

function Metric({ label, range, loo, scale, unit }: { label: string; range: Quality["mtBench"]; loo: number | null; scale: string; unit: string }) {
  return (
    <div className="plan-metric" data-testid={`quality-${label.toLowerCase().replace(/[^a-z]/g, "")}`}>
      <div className="muted small">{label} ({scale})</div>
      {range ? (
        <>
          <div className="plan-metric-value">{range.point.toFixed(2)}{unit}</div>
          <div className="small">95% interval {range.low.toFixed(2)}–{range.high.toFixed(2)}{unit}</div>
        </>
      ) : (
        <div className="muted">no prediction</div>
      )}
      <div className="muted small">leave-one-out RMSE {loo === null ? "— (fewer than 3 runs)" : `${loo.toFixed(2)}${unit}`}</div>
    </div>
  );
}

/** Predicted MT-Bench and MMLU from the runs in the database, with the fit's leave-one-out error and its nearest evidence. */
export function QualityEstimate({ quality }: QualityEstimateProps) {
  return (
    <section className="card" aria-labelledby="plan-quality-heading">
      <h2 id="plan-quality-heading">Quality</h2>
      {!quality ? (
        <p className="muted">No run in the database reports MT-Bench or MMLU, so there is nothing to fit.</p>
      ) : (
        <>
          <p className="muted small">
            A least-squares fit to every run that reports the score (model size, method, log₂ rank, target-module breadth), refitted whenever a run is logged.
            The interval counts sources, not cells: ± 1.96 × the error of predicting each source from the others, or with fewer than three sources the leave-one-out error widened by √(cells ÷ sources).
          </p>
          <div className="plan-metrics">
            <Metric label="MT-Bench" range={quality.mtBench} loo={quality.leaveOneOutError.mtBench} scale="0–10" unit="" />
            <Metric label="MMLU" range={quality.mmlu} loo={quality.leaveOneOutError.mmlu} scale="%" unit=" %" />
          </div>
          {quality.notes.length ? (
            <ul className="small plan-notes">{quality.notes.map((note) => <li key={note}>{note}</li>)}</ul>
          ) : null}
          <h3>Nearest evidence</h3>
          <ol className="small plan-evidence" data-testid="quality-evidence">
            {quality.evidence.map((run) => (
              <li key={run.runId}>
                <Link href={`/runs/${encodeURIComponent(run.runId)}`}>{run.name}</Link>
                <span className="muted"> · MT-Bench {formatNumber(run.mtBench)} · MMLU {formatNumber(run.mmlu)} · distance {run.distance.toFixed(2)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
