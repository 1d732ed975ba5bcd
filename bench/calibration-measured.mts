// How well the estimator predicts published measurements it was not fitted to (issue 11 §3): every source (one
// original document) is predicted by a calibration fitted on the OTHER sources; per source and overall, for peak
// memory and throughput: median and 90th-percentile absolute % error, share within 10 %, and how often the 80 %
// interval (built from the other sources' residuals only) contained the measurement. Beside it, in the same run,
// the uncalibrated predictor as it stood before: memory.ts's constants, framework "transformers" for every row,
// and the efficiency fitted to the articles' reference runs.
//
//   npx tsx bench/calibration-measured.mts            all measured rows
//   npx tsx bench/calibration-measured.mts --limit 60  the first 60 rows of each source (a quick check)
//
// lib/predict is imported module by module: tsx loads the project's .ts files as CommonJS (see bench/predict.mts).
import os from "node:os";
import { performance } from "node:perf_hooks";
import { hardware } from "../seed/catalog/hardware";
import { models } from "../seed/catalog/models";
import { measuredRuns } from "../seed/measurements";
import { referenceRuns } from "../seed/reference-runs";
import type { MeasurementSeed } from "../seed/types";
import {
  calibrateOnMeasurements, errorSummary, toMeasuredPoint, type ErrorSummary, type HeldOutResidual, type MeasuredPoint,
} from "../lib/predict/measured";
import { BYTES_PER_GB, estimateMemoryBytes } from "../lib/predict/memory";
import { runRecordFromSeed, toThroughputObservations } from "../lib/predict/observations";
import { fitEfficiency, predictThroughput } from "../lib/predict/throughput";
import { resolveArchitecture } from "../lib/predict/predict";

const limitArg = process.argv.indexOf("--limit");
const limit = limitArg >= 0 ? Number(process.argv[limitArg + 1]) : Number.POSITIVE_INFINITY;
const perSource = new Map<string, number>();
const rows: MeasurementSeed[] = measuredRuns.filter((row) => {
  const count = perSource.get(row.sourceId) ?? 0;
  perSource.set(row.sourceId, count + 1);
  return count < limit;
});
const catalog = { models, gpus: hardware };

const start = performance.now();
const evaluation = calibrateOnMeasurements(rows, catalog);
const elapsedMs = performance.now() - start;

// ---- the uncalibrated predictor on the same points: framework "transformers", memory.ts's overhead constants.
const points: MeasuredPoint[] = rows.flatMap((row) => toMeasuredPoint(row, catalog).point ?? []);
const articleEfficiency = fitEfficiency(toThroughputObservations(referenceRuns.map(runRecordFromSeed), models), hardware);
const baseline: HeldOutResidual[] = points.flatMap((point): HeldOutResidual[] => {
  const config = {
    ...point.config, framework: "transformers" as const, packing: undefined, chunkedLoss: undefined, activationOffloading: undefined,
    torchCompile: undefined, optimizerInBackward: undefined, masterWeights: undefined,
  };
  const { arch } = resolveArchitecture(config, models);
  const base = { id: point.id, name: point.name, sourceId: point.sourceId, kind: "point" as const, isConsistent: null };
  const out: HeldOutResidual[] = [];
  if (point.memory?.kind === "point") {
    const predicted = estimateMemoryBytes(config, arch, { loraDropout: config.loraDropout }).totalBytes / BYTES_PER_GB;
    out.push({ ...base, quantity: "memory", predicted, measured: point.memory.gb, logResidual: Math.log(point.memory.gb / predicted) });
  }
  const gpu = hardware.find((candidate) => candidate.id === config.hardware);
  if (point.throughput && gpu) {
    // Before issue 11 a prediction assumed every sample was seqLen tokens long.
    const predicted = predictThroughput(arch, { ...config, tokensPerExample: config.seqLen }, gpu, articleEfficiency).samplesPerSec * point.throughput.tokensPerSample;
    out.push({ ...base, quantity: "throughput", predicted, measured: point.throughput.tokensPerSec, logResidual: Math.log(point.throughput.tokensPerSec / predicted) });
  }
  return out;
});

// ---- report
const pct = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)} %`);
const share = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)} %`);
const line = (label: string, summary: ErrorSummary, before: ErrorSummary) =>
  `| ${label} | ${summary.n} | ${pct(summary.medianAbsPct)} | ${pct(summary.p90AbsPct)} | ${share(summary.within10)} | ${share(summary.intervalCoverage)}${summary.intervalN < summary.n ? ` (of ${summary.intervalN})` : ""} | ${pct(before.medianAbsPct)} | ${pct(before.p90AbsPct)} | ${share(before.within10)} |`;

console.log(`# Measured benchmarks, each source predicted from the others (${new Date().toISOString()})`);
console.log(`${os.cpus()[0]?.model ?? "cpu"} x ${os.cpus().length}, Node ${process.version}; ${rows.length} rows${Number.isFinite(limit) ? ` (at most ${limit} per source)` : ""}; evaluation ${elapsedMs.toFixed(0)} ms\n`);
for (const quantity of ["memory", "throughput"] as const) {
  const summary = evaluation[quantity];
  const before = (sourceId?: string) => errorSummary(baseline.filter((row) => row.quantity === quantity && (sourceId === undefined || row.sourceId === sourceId)));
  console.log(`## ${quantity === "memory" ? "Peak memory per GPU" : "Throughput (tokens/s)"}\n`);
  console.log("| source | n | median | p90 | within 10 % | 80 % interval coverage | before: median | before: p90 | before: within 10 % |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const source of summary.bySource) console.log(line(source.sourceId, source, before(source.sourceId)));
  console.log(line("**overall**", summary.overall, before()));
  const { p10, p90, n } = summary.interval;
  console.log(`\n80 % interval: x${Math.exp(p10).toFixed(2)} to x${Math.exp(p90).toFixed(2)} of the prediction (${n} out-of-source residuals).`);
  if (quantity === "memory") {
    console.log(`"Fits in X" bounds respected: ${summary.upperBounds.consistent} of ${summary.upperBounds.n}; OOM rows predicted above the card: ${summary.outOfMemory.consistent} of ${summary.outOfMemory.n}.`);
  }
  console.log("");
}
const { memory, throughput } = evaluation.calibration;
console.log(
  `Fitted on every source: overhead ${(memory.overheadFixedBytes / 1e9).toFixed(2)} GB + ${(memory.overheadFraction * 100).toFixed(1)} %; measure factors ${Object.entries(memory.measureFactors)
    .map(([measure, { factor, n }]) => `${measure} x${factor.toFixed(3)} (${n})`)
    .join(", ")}; efficiency model on ${throughput.efficiency?.n ?? 0} rows` +
    (throughput.efficiency
      ? ` (tokens slope ${throughput.efficiency.tokensSlope.toFixed(3)}, size slope ${throughput.efficiency.paramsSlope.toFixed(3)}, 4-bit x${Math.exp(throughput.efficiency.quantized).toFixed(2)}, paged x${Math.exp(throughput.efficiency.paged).toFixed(2)})`
      : ""),
);
const reasons = new Map<string, number>();
for (const row of evaluation.unpredicted) reasons.set(`${row.quantity}: ${row.reason}`, (reasons.get(`${row.quantity}: ${row.reason}`) ?? 0) + 1);
console.log(`\nNot predicted (${evaluation.unpredicted.length} row-quantities):`);
for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`- ${count} x ${reason}`);
