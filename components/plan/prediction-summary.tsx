import { describeFit } from "@/lib/predict/fit-advice";
import { formatDuration, formatNumber, formatParams } from "@/lib/runs/format";
import type { Prediction } from "@/lib/schemas/predict";
import { formatGb } from "./breakdown-terms";

const VERDICT_CLASS = { fits: "plan-verdict-fits", "may-not-fit": "plan-verdict-warn", "does-not-fit": "plan-verdict-over" } as const;
const VERDICT_MARK = { fits: "✓", "may-not-fit": "!", "does-not-fit": "✗" } as const;

export type PredictionSummaryProps = { prediction: Prediction; gpu: { id: string; name: string; memoryGb: number } | null; gpuCount: number; datasetLabel: string | null };

/**
 * The headline numbers: peak memory with its interval against the chosen GPU, limits, throughput, time and
 * cost; a configuration that does not fit is not priced, and the changes that would make it fit are listed.
 */
export function PredictionSummary({ prediction, gpu, gpuCount, datasetLabel }: PredictionSummaryProps) {
  const { memory, limits, throughput, time, cost, fitAdvice } = prediction;
  const fit = gpu ? prediction.fits.find((row) => row.hardwareId === gpu.id) : undefined;
  const verdict = fit ? describeFit(memory.totalGb, memory.interval, fit.memoryGb) : null;
  return (
    <section className="card plan-summary" aria-labelledby="plan-summary-heading">
      <h2 id="plan-summary-heading" className="visually-hidden">Prediction</h2>
      <div className="plan-headline">
        <div>
          <div className="muted small">Peak memory per GPU</div>
          <div className="plan-total" data-testid="memory-total">{formatGb(memory.totalGb)}</div>
          <div className="muted small" data-testid="memory-interval">
            {memory.interval
              ? `80 % interval ${memory.interval.low.toFixed(1)}–${memory.interval.high.toFixed(1)} GB (${memory.interval.basis})`
              : "no calibrated interval"}
          </div>
          <div className="muted small">GB = 10⁹ bytes · {formatParams(memory.trainableParams)} of {formatParams(memory.totalParams)} parameters trained ({((memory.trainableParams / memory.totalParams) * 100).toFixed(memory.trainableParams / memory.totalParams < 0.01 ? 3 : 1)}%)</div>
        </div>
        {fit && verdict ? (
          <div className={`plan-verdict ${VERDICT_CLASS[verdict.kind]}`} data-testid="plan-verdict" data-kind={verdict.kind}>
            <span aria-hidden>{VERDICT_MARK[verdict.kind]} </span>One {fit.name}: {verdict.text}
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
              <div className="muted small">
                {throughput.interval
                  ? `80 % interval ${formatNumber(Math.round(throughput.interval.low))}–${formatNumber(Math.round(throughput.interval.high))} tokens/s · `
                  : ""}
                efficiency {throughput.efficiency.toFixed(2)} of peak ({throughput.efficiencySource})
              </div>
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
        ) : fit && !fit.fits ? (
          <>
            <dt>Time and cost</dt>
            <dd data-testid="plan-not-priced">Not priced: it does not fit one {fit.name}.</dd>
          </>
        ) : null}
      </dl>
      {fitAdvice.length > 0 && fit ? (
        <div className="plan-fit-advice" data-testid="plan-fit-advice">
          <h3 className="small">{fit.fits ? "To fit with room for the estimate's error" : `What would make it fit one ${fit.name}`}</h3>
          <ul className="small">{fitAdvice.map((line) => <li key={line}>{line}</li>)}</ul>
        </div>
      ) : null}
    </section>
  );
}
