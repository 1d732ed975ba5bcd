import Link from "next/link";
import type { IgnoredRunEntry } from "@/lib/schemas/predict";

export type IgnoredRunsTableProps = { runs: IgnoredRunEntry[] };

/** Every run a fit left out, with the fit and the reason, each linked to its run page. */
export function IgnoredRunsTable({ runs }: IgnoredRunsTableProps) {
  if (runs.length === 0) return <p className="muted small" data-testid="ignored-runs-empty">No run was left out: every run that reports a score or a throughput is fitted.</p>;
  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid="ignored-runs">
        <thead>
          <tr><th scope="col">Run</th><th scope="col">Fit</th><th scope="col">Why it was left out</th></tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={`${run.fit}-${run.runId}`}>
              <td><Link href={`/runs/${encodeURIComponent(run.runId)}`}>{run.name}</Link></td>
              <td>{run.fit}</td>
              <td className="small">{run.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
