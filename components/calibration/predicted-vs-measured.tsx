"use client";
import Link from "next/link";
import { useCalibration } from "@/lib/hooks/use-predict";
import { formatNumber } from "@/lib/runs/format";
import type { RunDetail } from "@/lib/schemas/run";
import { formatMeasured, formatSignedPct } from "./format";

export type PredictedVsMeasuredProps = { run: RunDetail };

/** Whether the run page has anything to compare: a measured outcome of a catalogued model that did not run out of memory. */
export function hasMeasuredOutcome(run: RunDetail): boolean {
  const hasThroughput = run.hardware !== null && (run.throughputSamplesPerSec !== null || run.throughputTokensPerSec !== null);
  return run.modelId !== null && !run.oom && (run.peakMemoryGb !== null || run.peakMemoryGbMin !== null || hasThroughput);
}

/**
 * The estimator's answer for this run's configuration next to what was measured: the run's rows of
 * GET /api/calibration, so the numbers are those of /calibration. Throughput is predicted without this run's
 * own measurement; predicting it with the fit it is part of would grade the run against itself.
 */
export function PredictedVsMeasured({ run }: PredictedVsMeasuredProps) {
  const calibration = useCalibration({ id: run.id, updatedAt: run.updatedAt });
  const rows = calibration.data?.rows ?? [];

  return (
    <section className="card" aria-labelledby="pvm-heading" data-testid="predicted-vs-measured">
      <h2 id="pvm-heading">Predicted vs measured</h2>
      {calibration.error ? <div className="error-banner" role="alert">Could not predict this run: {calibration.error.message}</div> : null}
      {calibration.isPending ? <p className="muted" aria-live="polite">Predicting…</p> : null}
      {calibration.data && rows.length === 0 ? <p className="muted">Nothing to compare: the run&apos;s configuration cannot be predicted.</p> : null}
      {rows.length ? (
        <>
          <div className="data-table-wrap">
            <table className="data-table">
              <thead>
                <tr><th scope="col">Quantity</th><th scope="col" className="num">Predicted</th><th scope="col" className="num">Measured</th><th scope="col">Error</th><th scope="col">Assumed (not recorded on this run)</th></tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.quantity} data-testid={`pvm-${row.quantity}`}>
                    <th scope="row">{row.quantity === "memory" ? "Peak memory per GPU (GB)" : `Throughput (${row.unit})`}</th>
                    <td className="num">{formatNumber(row.predicted)}</td>
                    <td className="num">{formatMeasured(row)}</td>
                    <td>{row.measured === null ? (row.isInsideRange ? "inside the stated range" : `outside the stated range, ${formatSignedPct(row.errorPct)}`) : formatSignedPct(row.errorPct)}</td>
                    <td className="small muted">{row.assumed.join(", ") || "nothing"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">
            Error = (predicted − measured) / measured. Memory uses the API&apos;s defaults for what the run does not record; throughput uses the efficiency of the other
            runs on this GPU. <Link href="/calibration">Calibration</Link> shows every run.
          </p>
        </>
      ) : null}
    </section>
  );
}
