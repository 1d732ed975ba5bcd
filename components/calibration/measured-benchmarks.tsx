import type { MeasuredEvaluationResponse } from "@/lib/schemas/predict";
import { MeasuredErrorTable } from "./measured-error-table";
import { MeasuredScatter } from "./measured-scatter";
import { sourceColors } from "./source-colors";
import { UnpredictedRows } from "./unpredicted-rows";

export type MeasuredBenchmarksProps = { measured: MeasuredEvaluationResponse };

/** /calibration's first section: the published measurements, each source predicted from the others. */
export function MeasuredBenchmarks({ measured }: MeasuredBenchmarksProps) {
  const ids = [...new Set(measured.rows.map((row) => row.sourceId))].sort();
  const colors = sourceColors(ids);
  const titles = new Map(measured.sources.map((source) => [source.id, source.title]));
  const sources = ids.map((id) => ({ id, title: titles.get(id) ?? id, color: colors.get(id)! }));
  const { fitted } = measured;
  return (
    <section className="stack" aria-labelledby="measured-heading" data-testid="measured-benchmarks">
      <h2 id="measured-heading">Measured benchmarks, each source predicted from the others</h2>
      <ul className="muted small calibration-notes">{measured.notes.map((note) => <li key={note}>{note}</li>)}</ul>
      <div className="stack">
        <section className="card stack" aria-labelledby="measured-memory-heading">
          <h3 id="measured-memory-heading">Peak memory per GPU</h3>
          <MeasuredErrorTable id="measured-memory" caption="GB (1e9 bytes) per GPU, each source held out" quantity={measured.memory} colors={colors} />
        </section>
        <section className="card stack" aria-labelledby="measured-throughput-heading">
          <h3 id="measured-throughput-heading">Throughput</h3>
          <MeasuredErrorTable id="measured-throughput" caption="tokens/s over the row's GPUs, each source held out" quantity={measured.throughput} colors={colors} />
        </section>
      </div>
      <div className="compare-grid">
        <MeasuredScatter id="measured-memory-scatter" title="Peak memory: held-out predicted vs measured" unit="GB" rows={measured.rows.filter((row) => row.quantity === "memory")} sources={sources} />
        <MeasuredScatter id="measured-throughput-scatter" title="Throughput: held-out predicted vs measured" unit="tokens/s" rows={measured.rows.filter((row) => row.quantity === "throughput")} sources={sources} />
      </div>
      <p className="muted small" data-testid="measured-fitted">
        Fitted on every source for predictions: overhead {fitted.overheadFixedGb.toFixed(2)} GB + {(fitted.overheadFraction * 100).toFixed(1)} % of the rest; measure factors over the
        allocated peak {Object.entries(fitted.measureFactors).map(([measure, { factor, n }]) => `${measure} ×${factor.toFixed(2)} (${n} rows)`).join(", ")}; throughput efficiency
        {fitted.efficiencyRows > 0 ? ` fitted on ${fitted.efficiencyRows} rows` : " not calibrated (too few rows)"}.
      </p>
      <h3>Rows the estimator cannot predict</h3>
      <UnpredictedRows rows={measured.unpredicted} />
    </section>
  );
}
