import type { ErrorStats } from "@/lib/schemas/predict";
import { formatSignedPct } from "./format";

export type ErrorStatsCardProps = { id: string; title: string; stats: ErrorStats; unit: string };

const pct = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}%`);

/** Count, mean and median absolute % error and bias of one quantity's point predictions. */
export function ErrorStatsCard({ id, title, stats, unit }: ErrorStatsCardProps) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <dl className="calibration-stats">
        <div><dt>Runs</dt><dd data-testid={`${id}-count`}>{stats.count}</dd></div>
        <div><dt>MAPE</dt><dd data-testid={`${id}-mape`}>{pct(stats.mapePct)}</dd></div>
        <div><dt>Median |error|</dt><dd>{pct(stats.medianAbsPct)}</dd></div>
        <div><dt>Bias</dt><dd>{stats.biasPct === null ? "—" : formatSignedPct(stats.biasPct)}</dd></div>
      </dl>
      <p className="muted small">
        Point measurements in {unit}. MAPE: mean of |predicted − measured| / measured; bias: the signed mean, positive when the estimate runs high.
      </p>
    </section>
  );
}
