"use client";
import { useState } from "react";
import { OptionSwitch } from "@/components/charts/option-switch";
import { QueryStatus } from "@/components/sources/query-status";
import { useCalibration } from "@/lib/hooks/use-predict";
import { CalibrationScatter } from "./calibration-scatter";
import { CalibrationTable } from "./calibration-table";
import { ErrorStatsCard } from "./error-stats";
import { IgnoredRunsTable } from "./ignored-runs";
import { MeasuredBenchmarks } from "./measured-benchmarks";
import { QualityFitsCard } from "./quality-fits";

type ThroughputUnit = "samples/s" | "tokens/s";

/** /calibration's interactive part: error statistics, predicted-against-measured scatters and the table behind them. */
export function CalibrationView() {
  const calibration = useCalibration();
  const [unitChoice, setUnit] = useState<ThroughputUnit | null>(null);
  const data = calibration.data;
  if (!data) return <QueryStatus what="the calibration" isPending={calibration.isPending} error={calibration.error} />;

  const memoryRows = data.rows.filter((row) => row.quantity === "memory");
  const throughputRows = data.rows.filter((row) => row.quantity === "throughput");
  const count = (unit: ThroughputUnit) => throughputRows.filter((row) => row.unit === unit).length;
  // A run records samples/s or tokens/s; one axis shows one unit, the one more runs report unless chosen.
  const unit = unitChoice ?? (count("tokens/s") > count("samples/s") ? "tokens/s" : "samples/s");
  const { memoryRanges } = data.stats;
  const query = { isPending: false, isFetching: calibration.isFetching, error: null };

  return (
    <div className="stack">
      {data.measured ? <MeasuredBenchmarks measured={data.measured} /> : null}
      <h2>Seeded and logged runs</h2>
      <div className="calibration-stats-grid">
        <ErrorStatsCard id="stats-memory" title="Peak memory" stats={data.stats.memory} unit="GB (1e9 bytes) per GPU" />
        <ErrorStatsCard id="stats-throughput" title="Throughput" stats={data.stats.throughput} unit="samples/s or tokens/s, leave-one-out" />
        <section className="card" aria-labelledby="stats-ranges-heading" data-testid="stats-ranges">
          <h2 id="stats-ranges-heading">Stated memory ranges</h2>
          <dl className="calibration-stats">
            <div><dt>Runs</dt><dd>{memoryRanges.count}</dd></div>
            <div><dt>Inside</dt><dd>{memoryRanges.inside}</dd></div>
            <div><dt>Outside</dt><dd>{memoryRanges.outside}</dd></div>
          </dl>
          <p className="muted small">Figures given as a range or a bound (&ldquo;24–32 GB&rdquo;, &ldquo;84GB+&rdquo;) have no point to take an error from: the prediction is inside or outside.</p>
        </section>
      </div>
      <ul className="muted small calibration-notes">{data.notes.map((note) => <li key={note}>{note}</li>)}</ul>
      <div className="compare-grid">
        <CalibrationScatter
          id="calibration-memory"
          title="Peak memory: predicted vs measured"
          description="Each run predicted from its own configuration; hollow markers with whiskers are stated ranges. On the dashed line the prediction is exact."
          unit="GB"
          rows={memoryRows}
          query={query}
        />
        <CalibrationScatter
          id="calibration-throughput"
          title="Throughput: predicted vs measured"
          description="Each run predicted with the efficiency of the other runs on its GPU (leave-one-out), so no run predicts itself."
          unit={unit}
          rows={throughputRows.filter((row) => row.unit === unit)}
          query={query}
          controls={count("samples/s") && count("tokens/s") ? <OptionSwitch label="Unit" value={unit} options={[{ value: "samples/s", label: "samples/s" }, { value: "tokens/s", label: "tokens/s" }]} onChange={setUnit} /> : undefined}
        />
      </div>
      <section aria-labelledby="calibration-table-heading" className="stack">
        <h2 id="calibration-table-heading">Runs</h2>
        <CalibrationTable rows={data.rows} />
      </section>
      <QualityFitsCard quality={data.quality} />
      <section aria-labelledby="ignored-runs-heading" className="stack">
        <h2 id="ignored-runs-heading">Runs the fits ignored</h2>
        <p className="muted small">
          Rejected in review, implausible (an MMLU of 1 or less is a fraction), or an outlier: more than 3.5 robust standard deviations (1.4826 × MAD) from what the other
          runs predict. None of them moves a prediction or a recommendation.
        </p>
        <IgnoredRunsTable runs={data.ignored} />
      </section>
    </div>
  );
}
