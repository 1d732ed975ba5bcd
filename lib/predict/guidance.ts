// The seeded rules of thumb the recommender follows, quoted cell for cell from source 000 ("LoRA vs QLoRA vs
// Full Fine-Tuning", Flash Attention Team): tables decision-guide, rank-recommendations and target-modules.
import type { Method, TargetModule } from "./types";

export const GUIDANCE_SOURCE_ID = "lora-vs-qlora-vs-full";

export type DecisionRow = { scenario: string; recommended: string; methods: Method[] };
export const DECISION_GUIDE = {
  consumerGpu: { scenario: "Consumer GPU (16-24GB)", recommended: "QLoRA", methods: ["qlora"] },
  singleDatacenterGpu: { scenario: "Single A100/H100", recommended: "LoRA or Full (7B models)", methods: ["lora", "full"] },
  multiGpu: { scenario: "Multi-GPU setup", recommended: "Full fine-tuning", methods: ["full"] },
  smallDataset: { scenario: "Small dataset (<5K)", recommended: "LoRA (any rank)", methods: ["lora"] },
  largeDataset: { scenario: "Large dataset (>50K)", recommended: "Full fine-tuning", methods: ["full"] },
} as const satisfies Record<string, DecisionRow>;

export type RankRow = {
  datasetSize: string;
  complexity: string;
  recommended: string;
  /** Examples: minExamples <= size < maxExamples. */
  minExamples: number;
  maxExamples: number;
  appliesTo: "simple" | "complex" | "any";
  ranks: number[];
  allowsFull: boolean;
};
export const RANK_RECOMMENDATIONS: RankRow[] = [
  { datasetSize: "<1K", complexity: "Simple", recommended: "4-8", minExamples: 0, maxExamples: 1_000, appliesTo: "simple", ranks: [4, 8], allowsFull: false },
  { datasetSize: "<1K", complexity: "Complex", recommended: "8-16", minExamples: 0, maxExamples: 1_000, appliesTo: "complex", ranks: [8, 16], allowsFull: false },
  { datasetSize: "1K-10K", complexity: "Simple", recommended: "8-16", minExamples: 1_000, maxExamples: 10_000, appliesTo: "simple", ranks: [8, 16], allowsFull: false },
  { datasetSize: "1K-10K", complexity: "Complex", recommended: "16-32", minExamples: 1_000, maxExamples: 10_000, appliesTo: "complex", ranks: [16, 32], allowsFull: false },
  { datasetSize: "10K-100K", complexity: "Any", recommended: "32-64", minExamples: 10_000, maxExamples: 100_001, appliesTo: "any", ranks: [32, 64], allowsFull: false },
  { datasetSize: ">100K", complexity: "Any", recommended: "64-128 or Full FT", minExamples: 100_001, maxExamples: Number.POSITIVE_INFINITY, appliesTo: "any", ranks: [64, 128], allowsFull: true },
];

/** The row for a dataset size (examples) and complexity; "10K-100K" includes 100,000 itself. */
export function rankRowFor(datasetSize: number, complexity: "simple" | "complex"): RankRow {
  const row = RANK_RECOMMENDATIONS.find(
    (r) => datasetSize >= r.minExamples && datasetSize < r.maxExamples && (r.appliesTo === "any" || r.appliesTo === complexity),
  );
  return row ?? RANK_RECOMMENDATIONS[RANK_RECOMMENDATIONS.length - 1]!;
}

export type TargetModuleRow = {
  target: string;
  params: string;
  memory: string;
  quality: string;
  modules: TargetModule[];
  /** Midpoint of the quality column, % over q,v: used only to order module sets the data cannot tell apart. */
  qualityGainPct: number;
};
export const TARGET_MODULE_GUIDANCE: TargetModuleRow[] = [
  { target: "q,v only", params: "0.04%", memory: "Low", quality: "Baseline", modules: ["q_proj", "v_proj"], qualityGainPct: 0 },
  { target: "All attention", params: "0.12%", memory: "Low", quality: "+3-5%", modules: ["q_proj", "k_proj", "v_proj", "o_proj"], qualityGainPct: 4 },
  {
    target: "Attention + MLP",
    params: "0.24%",
    memory: "Medium",
    quality: "+5-8%",
    modules: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    qualityGainPct: 6.5,
  },
  { target: "All linear", params: "0.48%", memory: "Higher", quality: "+8-10%", modules: ["all-linear"], qualityGainPct: 9 },
];

export const describeRankRow = (row: RankRow) => `Rank recommendations: ${row.datasetSize}, ${row.complexity} → r ${row.recommended}`;
export const describeDecision = (row: DecisionRow) => `Decision guide: ${row.scenario} → ${row.recommended}`;
export const describeTargetRow = (row: TargetModuleRow) =>
  `Target modules: ${row.target} → quality ${row.quality} (params ${row.params}, memory ${row.memory})`;
