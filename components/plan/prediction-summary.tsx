import { formatDuration, formatNumber, formatParams } from "@/lib/runs/format";
import type { Prediction } from "@/lib/schemas/predict";
import { formatGb } from "./breakdown-terms";

export type PredictionSummaryProps = { prediction: Prediction; gpu: { id: string; name: string; memoryGb: number } | null; gpuCount: number; datasetLabel: string | null };

/** The headline numbers: peak memory against the chosen GPU, limits, throughput, time and cost. */
export function PredictionSummary({ prediction, gpu, gpuCount, datasetLabel }: PredictionSummaryProps) {
  const { memory, limits, throughput, time, cost } = prediction;
  const fit = gpu ? prediction.fits.find((row) => row.hardwareId === gpu.id) : undefined;
  return (
    <section className="card plan-summary" aria-labelledby="plan-summary-heading">
      <h2 id="plan-summary-heading" className="visually-hidden">Prediction</h2>
      <div className="plan-headline">
        <div>
          <div className="muted small">Peak memory per GPU</div>
          <div className="plan-total" data-testid="memory-total">{formatGb(memory.totalGb)}</div>
          <div className="muted small">GB = 10⁹ bytes · {formatParams(memory.trainableParams)} of {formatParams(memory.totalParams)} parameters trained ({((memory.trainableParams / memory.totalParams) * 100).toFixed(memory.trainableParams / memory.totalParams < 0.01 ? 3 : 1)}%)</div>
        </div>
        {fit ? (
          <div className={`plan-verdict ${fit.fits ? "plan-verdict-fits" : "plan-verdict-over"}`} data-testid="plan-verdict">
            {fit.fits ? "✓ Fits" : "✗ Does not fit"} one {fit.name} ({fit.memoryGb} GB):{" "}
            {fit.fits ? `${formatGb(fit.headroomGb)} to spare` : `${formatGb(-fit.headroomGb)} over`}
          </div>
        ) : null}
      </div>
      <dl className="fields-list plan-numbers">
        {limits && gpu ? (
          <>
            <dt>Largest batch</dt>
            <dd data-testid="limit-batch">{limits.maxBatchSize === null ? "none: batch 1 does not fit" : `${formatNumber(limits.maxBatchSize)} per GPU at this sequence length`}</dd>
            <dt>Longest sequence</dt>
            <dd data-testid="limit-seq">{limits.maxSeqLen === null ? "none fits" : `${formatNumber(limits.maxSeqLen)} tokens at this batch size`}</dd>
          </>
        ) : null}
        {throughput ? (
          <>
            <dt>Throughput</dt>
            <dd>
              {formatNumber(Math.round(throughput.tokensPerSec))} tokens/s · {formatNumber(throughput.samplesPerSec)} samples/s on {gpuCount} GPU{gpuCount === 1 ? "" : "s"}
              <div className="muted small">efficiency {throughput.efficiency.toFixed(2)} of peak ({throughput.efficiencySource})</div>
            </dd>
          </>
        ) : null}
        {time ? (
          <>
            <dt>Training time</dt>
            <dd>{formatDuration(time.seconds)} for {formatNumber(time.tokens)} tokens{datasetLabel ? ` (${datasetLabel})` : ""}</dd>
          </>
        ) : null}
        {cost ? (
          <>
            <dt>Cost</dt>
            <dd data-testid="plan-cost">${cost.usd < 100 ? cost.usd.toFixed(2) : formatNumber(Math.round(cost.usd))} = {cost.gpuHours.toFixed(2)} GPU-hours × ${cost.hourlyPriceUsd}/h</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
