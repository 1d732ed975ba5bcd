import type { CSSProperties } from "react";
import type { MeasuredEvaluationResponse } from "@/lib/schemas/predict";

export type MeasuredErrorTableProps = {
  id: string;
  caption: string;
  quantity: MeasuredEvaluationResponse["memory"];
  colors: ReadonlyMap<string, string>;
};

const pct = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)} %`);
const share = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)} %`);

/** Held-out accuracy per source and overall: median and 90th-percentile |error|, within 10 %, 80 % interval coverage. */
export function MeasuredErrorTable({ id, caption, quantity, colors }: MeasuredErrorTableProps) {
  const { overall, bySource, interval } = quantity;
  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid={id}>
        <caption className="muted small">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Source (held out)</th><th scope="col" className="num">Rows</th><th scope="col" className="num">Median |error|</th>
            <th scope="col" className="num">90th pct |error|</th><th scope="col" className="num">Within 10 %</th><th scope="col" className="num">In 80 % interval</th>
          </tr>
        </thead>
        <tbody>
          {bySource.map((row) => (
            <tr key={row.sourceId} data-testid={`${id}-row`}>
              <td><span className="swatch swatch-circle" aria-hidden style={{ "--swatch": colors.get(row.sourceId) } as CSSProperties} /> {row.title}</td>
              <td className="num">{row.n}</td><td className="num">{pct(row.medianAbsPct)}</td><td className="num">{pct(row.p90AbsPct)}</td>
              <td className="num">{share(row.within10)}</td>
              <td className="num">{row.intervalN === 0 ? "no interval" : share(row.intervalCoverage)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid={`${id}-overall`}>
            <th scope="row">All sources</th><td className="num">{overall.n}</td><td className="num">{pct(overall.medianAbsPct)}</td>
            <td className="num">{pct(overall.p90AbsPct)}</td><td className="num">{share(overall.within10)}</td><td className="num">{share(overall.intervalCoverage)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="muted small">
        80 % interval carried by predictions: ×{interval.lowFactor.toFixed(2)} to ×{interval.highFactor.toFixed(2)} of the estimate, from {interval.n} out-of-source residuals
        {quantity.upperBounds.n > 0 ? `; "fits in X" bounds respected: ${quantity.upperBounds.consistent} of ${quantity.upperBounds.n}` : ""}
        {quantity.outOfMemory.n > 0 ? `; out-of-memory rows predicted above the card: ${quantity.outOfMemory.consistent} of ${quantity.outOfMemory.n}` : ""}.
      </p>
    </div>
  );
}
