// Timing of the prediction core (issue #4's budget): one prediction < 1 ms and a 1,000-config sweep < 100 ms.
// The context (catalog, efficiency fit, quality model) is built once from the seed files, as a server would
// build it once per refit; the timed calls are pure computation.
//
//   npx tsx bench/predict.mts
//
// lib/predict is imported module by module: tsx loads the project's .ts files as CommonJS, where the index's
// `export *` re-exports are not visible to an ES module import.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { hardware } from "../seed/catalog/hardware";
import { models } from "../seed/catalog/models";
import { referenceRuns } from "../seed/reference-runs";
import { predictConfigSchema } from "../lib/schemas/predict";
import { runRecordFromSeed, toQualityObservations, toThroughputObservations, type RunRecord } from "../lib/predict/observations";
import { predict, sweep, type PredictContext } from "../lib/predict/predict";
import { fitQualityModel } from "../lib/predict/quality";
import { fitEfficiency } from "../lib/predict/throughput";

const PREDICTION_BUDGET_MS = 1;
const SWEEP_BUDGET_MS = 100;
const PREDICTION_ITERATIONS = 10_000;
const SWEEP_REPEATS = 20;

const runs: RunRecord[] = referenceRuns.map(runRecordFromSeed);

const setupStart = performance.now();
const context: PredictContext = {
  models,
  gpus: hardware,
  efficiency: fitEfficiency(toThroughputObservations(runs, models), hardware),
  qualityModel: fitQualityModel(toQualityObservations(runs, models)),
};
const setupMs = performance.now() - setupStart;

// A full prediction: memory, fits on every catalogued GPU, both limit searches, throughput, time, cost, quality.
const config = predictConfigSchema.parse({
  model: "meta-llama/Llama-3.1-8B",
  method: "qlora",
  rank: 16,
  targetModules: ["all-linear"],
  gradientCheckpointing: true,
  batchSize: 4,
  seqLen: 2048,
  hardware: "rtx-4090",
  datasetSize: 10_000,
  epochs: 3,
});

for (let i = 0; i < 1_000; i++) predict(config, context); // warm-up: let the JIT settle
const predictionStart = performance.now();
for (let i = 0; i < PREDICTION_ITERATIONS; i++) predict(config, context);
const predictionMs = (performance.now() - predictionStart) / PREDICTION_ITERATIONS;

// 1,000 configurations: 40 ranks x 25 sequence lengths.
const vary = [
  { field: "rank" as const, values: Array.from({ length: 40 }, (_, i) => 4 * (i + 1)) },
  { field: "seqLen" as const, values: Array.from({ length: 25 }, (_, i) => 256 * (i + 1)) },
];
let points = 0;
for (let i = 0; i < 5; i++) points = sweep(config, vary, context).length;
const sweepTimes: number[] = [];
for (let i = 0; i < SWEEP_REPEATS; i++) {
  const start = performance.now();
  sweep(config, vary, context);
  sweepTimes.push(performance.now() - start);
}
sweepTimes.sort((a, b) => a - b);
const sweepMs = (sweepTimes[SWEEP_REPEATS / 2 - 1]! + sweepTimes[SWEEP_REPEATS / 2]!) / 2;

const verdict = (ms: number, budget: number) => (ms < budget ? "PASS" : "FAIL");
const cpus = os.cpus();
console.log(`Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}`);
console.log(`Context build (efficiency fit + quality fit with leave-one-out, from ${runs.length} seed runs): ${setupMs.toFixed(1)} ms`);
console.log(`One prediction (mean of ${formatCount(PREDICTION_ITERATIONS)}): ${(predictionMs * 1000).toFixed(1)} µs — ${verdict(predictionMs, PREDICTION_BUDGET_MS)} (budget ${PREDICTION_BUDGET_MS} ms)`);
console.log(`Sweep of ${points} configurations (median of ${SWEEP_REPEATS}): ${sweepMs.toFixed(2)} ms — ${verdict(sweepMs, SWEEP_BUDGET_MS)} (budget ${SWEEP_BUDGET_MS} ms)`);
if (predictionMs >= PREDICTION_BUDGET_MS || sweepMs >= SWEEP_BUDGET_MS) process.exitCode = 1;

function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
