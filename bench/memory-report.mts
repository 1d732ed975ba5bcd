// The prediction core against the seeded articles, with no database: memory error for every seeded memory figure
// (runs and claims), the throughput efficiency fitted to the seeded speed table, and the quality model's
// leave-one-out error. Prints markdown.
//
//   npx tsx bench/memory-report.mts
//
// GB = 1e9 bytes. lib/predict is imported module by module: tsx loads the project's .ts files as CommonJS, where
// the index's `export *` re-exports are not visible to an ES module import.
import { hardware } from "../seed/catalog/hardware";
import { models } from "../seed/catalog/models";
import { claims } from "../seed/claims";
import { referenceRuns } from "../seed/reference-runs";
import type { CellRef } from "../seed/types";
import { formatMemoryReport, memoryErrorReport, type MemoryClaim } from "../lib/predict/calibration";
import { runRecordFromSeed, toQualityObservations, toThroughputObservations } from "../lib/predict/observations";
import { fitQualityModel, type QualityModel } from "../lib/predict/quality";
import { fitEfficiency } from "../lib/predict/throughput";
import type { TargetModule } from "../lib/predict/types";

const ATTENTION: TargetModule[] = ["q_proj", "k_proj", "v_proj", "o_proj"];


// ------------------------------------------------------------------------------------ memory claims
const cellKey = (cell: CellRef) => `${cell.table}/${cell.row}/${cell.col}`;
const runMemoryCells = new Set<string>();
const runClaims: MemoryClaim[] = referenceRuns.flatMap((run): MemoryClaim[] => {
  const min = run.peakMemoryGb ?? run.peakMemoryGbMin;
  if (min === undefined) return [];
  for (const { field, cell } of run.cells) if (field === "peakMemoryGb") runMemoryCells.add(cellKey(cell));
  const known: MemoryClaim["known"] = {};
  if (run.precision) known.precision = run.precision;
  if (run.gradientCheckpointing !== undefined) known.gradientCheckpointing = run.gradientCheckpointing;
  if (run.rank !== undefined) known.rank = run.rank;
  if (run.targetModules) known.targetModules = run.targetModules as TargetModule[];
  if (run.quantization) known.quantization = run.quantization;
  // 000 states AdamW for its memory arithmetic ("For AdamW optimizer: ... 8 bytes/param"; LoRA "~13M × 12 bytes").
  if (run.sourceId === "lora-vs-qlora-vs-full") known.optimizer = "adamw";
  return [
    {
      id: run.externalId,
      label: run.name,
      sourceId: run.sourceId,
      quote: run.notes ?? "",
      modelId: run.modelId,
      method: run.method,
      known,
      statedMinGb: min,
      statedMaxGb: run.peakMemoryGb ?? run.peakMemoryGbMax ?? null,
      scope: "total",
    },
  ];
});

// Prose figures (claims evidence without a run behind it). What each sentence states about its configuration:
const PROSE_CONFIG: { quote: string; known: MemoryClaim["known"]; static?: boolean }[] = [
  { quote: "7B × 12 bytes = 84GB", known: { precision: "bf16", optimizer: "adamw" }, static: true },
  { quote: "Total: ~15GB", known: { precision: "bf16", rank: 16, targetModules: ATTENTION }, static: true },
  { quote: "Total: ~5GB", known: { precision: "bf16", quantization: "nf4" }, static: true },
  { quote: "Over 28GB of GPU memory (FP16)", known: { precision: "fp16" } },
];
const proseClaims: MemoryClaim[] = claims
  .filter((claim) => claim.quantity === "memory")
  .flatMap((claim) =>
    claim.evidence.flatMap((evidence, index): MemoryClaim[] => {
      if (evidence.cell && runMemoryCells.has(cellKey(evidence.cell))) return [];
      const [modelId, method] = claim.subject.split(" · ") as [string, MemoryClaim["method"]];
      const config = PROSE_CONFIG.find((entry) => evidence.quote.includes(entry.quote));
      const min = evidence.valueMin ?? 0;
      // "(plus activations)" sums are points for the static terms, not open-ended totals.
      const max = config?.static ? min : evidence.valueMax === undefined ? min : evidence.valueMax;
      return [
        {
          id: `${claim.id}#${index}`,
          label: `${claim.title}: "${evidence.quote.length > 60 ? `${evidence.quote.slice(0, 57)}...` : evidence.quote}"`,
          sourceId: evidence.sourceId,
          quote: evidence.quote,
          modelId,
          method,
          known: { ...(method === "qlora" ? { quantization: "nf4" as const } : {}), ...config?.known },
          statedMinGb: min,
          statedMaxGb: max,
          scope: config?.static ? "static" : "total",
        },
      ];
    }),
  );

const rows = memoryErrorReport([...runClaims, ...proseClaims], models);
const runs = referenceRuns.map(runRecordFromSeed);

console.log("## Memory estimate vs the articles' memory figures\n");
console.log(
  "GB = 1e9 bytes, per GPU. *Defaults*: the contract's defaults (batch 1, seqLen 2048, no checkpointing, sdpa, adamw, r=16 on q_proj,v_proj, bf16, fp32 master for full FT) with what the source states. " +
    "*Best-matching*: the assumption set from the grid (batch 1/4/8/16 × seqLen 512/2048 × checkpointing on/off × adamw/paged_adamw8bit (+ sgd for full FT) × r 8/16/64 × q,v / q,k,v,o / all-linear × fp32 master on/off) " +
    "closest to the stated figure, over the fields the source leaves open. Error: distance to the stated range relative to its nearest bound (0% inside).\n",
);
console.log(formatMemoryReport(rows));
const fullyStated = rows.filter((row) => row.fullyStated).length;
console.log(
  `\n${rows.filter((row) => row.reproduced).length} of ${rows.length} figures reproduced. Calibration: ${fullyStated} of ${rows.length} figures state batch, sequence length, checkpointing and optimizer` +
    `${fullyStated === 0 ? ", so no constant of the estimator is fitted to them" : ""}.`,
);

// ------------------------------------------------------------------------------------ throughput
const efficiency = fitEfficiency(toThroughputObservations(runs, models), hardware);
console.log("\n## Efficiency fitted to the seeded throughput runs\n");
console.log("| Run | Hardware | Method | Tokens/s | Effective FLOPs/token | Efficiency | Assumed |\n|---|---|---|---|---|---|---|");
for (const point of efficiency.points) {
  console.log(
    `| ${point.runId} | ${point.hardwareId} | ${point.method} | ${Math.round(point.tokensPerSec)} | ${point.effectiveFlopsPerToken.toExponential(3)} | ${point.efficiency.toFixed(3)} | ${point.assumed.join(", ")} |`,
  );
}

// ------------------------------------------------------------------------------------ quality
const qualityObservations = toQualityObservations(runs, models);
const quality: QualityModel = fitQualityModel(qualityObservations);
console.log("\n## Quality model: leave-one-out error on the seeded runs\n");
console.log("| Metric | Runs | Model | Features kept | Coefficients | In-sample RMSE | Leave-one-out RMSE |\n|---|---|---|---|---|---|---|");
const FEATURES = ["intercept", "log10Params", "lora", "qlora", "log2Rank", "targetBreadth"];
for (const metric of [quality.mtBench, quality.mmlu]) {
  if (!metric) continue;
  const kept = metric.fit ? metric.fit.kept.map((index) => FEATURES[index]).join(", ") : "-";
  const coefficients = metric.fit ? metric.fit.kept.map((index) => `${FEATURES[index]} ${metric.fit!.coefficients[index]!.toFixed(3)}`).join("; ") : "-";
  console.log(
    `| ${metric.metric} | ${metric.points.length} | ${metric.kind} | ${kept} | ${coefficients} | ${metric.fit ? metric.fit.residualRmse.toFixed(3) : "-"} | ${metric.looRmse === null ? "-" : metric.looRmse.toFixed(3)} |`,
  );
}
