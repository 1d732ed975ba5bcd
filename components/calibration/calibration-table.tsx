import Link from "next/link";
import { MethodBadge } from "@/components/runs/method-badge";
import type { CalibrationRow } from "@/lib/schemas/predict";
import { formatMeasured, formatSignedPct } from "./format";

export type CalibrationTableProps = { rows: CalibrationRow[] };

/** Every compared run: measured, predicted, the error (or inside/outside for a stated range) and the defaults assumed. */
export function CalibrationTable({ rows }: CalibrationTableProps) {
  const sorted = [...rows].sort((a, b) => a.quantity.localeCompare(b.quantity) || Math.abs(b.errorPct) - Math.abs(a.errorPct));
  return (
    <div className="data-table-wrap calibration-table">
      <table className="data-table" data-testid="calibration-table">
        <thead>
          <tr>
            <th scope="col">Run</th><th scope="col">Method</th><th scope="col">Quantity</th><th scope="col" className="num">Measured</th>
            <th scope="col" className="num">Predicted</th><th scope="col" className="num">Error</th><th scope="col">Assumed (not recorded on the run)</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={`${row.runId}-${row.quantity}`}>
              <td><Link href={`/runs/${encodeURIComponent(row.runId)}`}>{row.name}</Link></td>
              <td><MethodBadge method={row.method} /></td>
              <td>{row.quantity === "memory" ? `Peak memory (${row.unit})` : `Throughput (${row.unit})`}</td>
              <td className="num">{formatMeasured(row)}{row.measured === null ? <span className="badge calibration-range-badge">range</span> : null}</td>
              <td className="num">{row.predicted.toFixed(2)}</td>
              <td className="num">
                {row.measured === null ? (row.isInsideRange ? "inside" : `outside, ${formatSignedPct(row.errorPct)}`) : formatSignedPct(row.errorPct)}
              </td>
              <td className="small muted">{row.assumed.join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
