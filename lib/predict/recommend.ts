// Ranked training configurations that fit the GPUs on hand. Candidates come from the seeded guidance (rank
// range for the dataset, the target-module rows) for full fine-tuning, LoRA and QLoRA, each with and without
// gradient checkpointing, at the largest micro-batch that fits and gradient accumulation up to the target
// effective batch. Each is predicted by predict() itself, so memory, its interval, the framework's defaults and
// the calibrated throughput are /plan's own; then they are ranked by the priority and near-duplicates dropped.
import type { PredictConfig, Prediction, PredictionInterval, RecommendRequest } from "@/lib/schemas/predict";
import { METHOD_LABELS } from "@/lib/schemas/run";
import { describeFit, type FitVerdict } from "./fit-advice";
import { formatCount, formatDuration, formatUsd } from "./format";
import {
  DECISION_GUIDE,
  describeDecision,
  describeRankRow,
  describeTargetRow,
  rankRowFor,
  TARGET_MODULE_GUIDANCE,
  type DecisionRow,
  type TargetModuleRow,
} from "./guidance";
import type { MemoryBreakdownGb } from "./memory";
import { countParameters, expandTargetModules } from "./params";
import { predict, PredictInputError, resolveArchitecture, type PredictContext } from "./predict";
import { predictQuality, type Metric, type QualityRange } from "./quality";
import { estimateCost, estimateTime } from "./throughput";
import type { GpuSpec, Method } from "./types";

export type RecommendContext = PredictContext & { topN?: number };

export type RecommendedConfig = Pick<
  PredictConfig,
  "model" | "method" | "rank" | "targetModules" | "quantization" | "doubleQuant" | "precision" | "batchSize" | "seqLen" | "attention" | "optimizer" | "gpuCount" | "sharding" | "framework"
> & {
  model: string;
  hardware: string;
  gradientCheckpointing: boolean;
  gradientAccumulation: number;
  datasetSize: number;
  epochs: number;
  tokensPerExample: number;
};

export type Recommendation = {
  position: number;
  label: string;
  config: RecommendedConfig;
  /** Sequences per optimizer step: batch × accumulation × GPUs. */
  effectiveBatch: number;
  memoryGb: number;
  memoryInterval: PredictionInterval | null;
  fit: FitVerdict;
  breakdownGb: MemoryBreakdownGb;
  maxBatchSize: number | null;
  tokensPerSec: number;
  tokensPerSecInterval: PredictionInterval | null;
  seconds: number;
  costUsd: number;
  quality: { mtBench: QualityRange | null; mmlu: QualityRange | null };
  /** What sets this card apart from the first one, in RECOMMENDATION_FIELDS' names; empty for the first. */
  differences: RecommendationField[];
  reasoning: string[];
};

/**
 * Sequences per optimizer step the recommender reaches with gradient accumulation: 16, the batch size the QLoRA
 * paper used for its 7B and 13B Guanaco models (Dettmers et al. 2023, hyperparameter table), inside the 16-32
 * range common for instruction tuning. Accumulation costs no memory, so a small card reaches it too.
 */
export const TARGET_EFFECTIVE_BATCH = 16;
/** Cards of one method before the other methods have had their place (see recommend's picking). */
export const MAX_CARDS_PER_METHOD = 2;
/** Without a calibrated interval, the share of the GPU a recommendation may fill: the estimate is a model. */
export const RECOMMENDED_MEMORY_SHARE = 0.95;
/** Quality differences below this are noise: 0.05 MT-Bench points, 0.5 MMLU points. */
export const QUALITY_RESOLUTION: Record<Metric, number> = { mtBench: 0.05, mmlu: 0.5 };
const METRIC_LABEL: Record<Metric, string> = { mtBench: "MT-Bench", mmlu: "MMLU" };

/** The settings a card is compared on, in the order the differences are listed. */
export const RECOMMENDATION_FIELDS = ["method", "rank", "targetModules", "batchSize", "gradientAccumulation", "gradientCheckpointing", "optimizer", "sharding"] as const;
export type RecommendationField = (typeof RECOMMENDATION_FIELDS)[number];

/** The decision-guide rows that describe this request. */
export function applicableDecisions(gpu: GpuSpec, gpuCount: number, datasetSize: number): DecisionRow[] {
  const rows: DecisionRow[] = [];
  if (gpuCount > 1) rows.push(DECISION_GUIDE.multiGpu);
  else if (/A100|H100/i.test(gpu.name)) rows.push(DECISION_GUIDE.singleDatacenterGpu);
  else if (gpu.memoryGb <= 24) rows.push(DECISION_GUIDE.consumerGpu);
  if (datasetSize < 5_000) rows.push(DECISION_GUIDE.smallDataset);
  if (datasetSize > 50_000) rows.push(DECISION_GUIDE.largeDataset);
  return rows;
}

/** The fields of a config that differ from the reference's; rank and modules count only for adapters. */
export function differencesBetween(reference: RecommendedConfig, config: RecommendedConfig): RecommendationField[] {
  const isAdapter = (c: RecommendedConfig) => c.method !== "full";
  return RECOMMENDATION_FIELDS.filter((field) => {
    if ((field === "rank" || field === "targetModules") && !(isAdapter(reference) && isAdapter(config))) return false;
    if (field === "targetModules") return expandTargetModules(reference.targetModules).projections.join() !== expandTargetModules(config.targetModules).projections.join();
    return reference[field] !== config[field];
  });
}

/**
 * Whether two cards are the same advice: the same method, batch, accumulation, checkpointing, optimizer and
 * sharding, with ranks at most one doubling apart (a rank step alone, or a module set alone, is not a choice
 * a person would weigh; those the priority has already decided).
 */
export function isNearDuplicate(a: RecommendedConfig, b: RecommendedConfig): boolean {
  const same = (["method", "batchSize", "gradientAccumulation", "gradientCheckpointing", "optimizer", "sharding"] as const).every((field) => a[field] === b[field]);
  if (!same) return false;
  if (a.method === "full") return true;
  return Math.max(a.rank, b.rank) / Math.min(a.rank, b.rank) <= 2;
}

type Candidate = Omit<Recommendation, "position" | "reasoning" | "differences"> & {
  method: Method;
  moduleRow: TargetModuleRow | null;
  notes: string[];
  prediction: Prediction;
};

/** Largest power of two ≤ n (n ≥ 1). */
const floorPow2 = (n: number) => 2 ** Math.floor(Math.log2(Math.max(1, n)));

export function recommend(request: RecommendRequest, context: RecommendContext): Recommendation[] {
  const gpu = context.gpus.find((g) => g.id === request.hardware);
  if (!gpu) throw new PredictInputError(`hardware "${request.hardware}" is not in the catalog`, "hardware");
  const { arch } = resolveArchitecture({ model: request.model }, context.models);
  const { qualityModel } = context;
  const totalParams = countParameters(arch).total;
  const precision = gpu.bf16DenseTflops === null ? "fp16" : "bf16";
  const rankRow = rankRowFor(request.datasetSize, request.taskComplexity);
  const decisions = applicableDecisions(gpu, request.gpuCount, request.datasetSize);
  const metric: Metric = qualityModel?.mtBench ? "mtBench" : "mmlu";
  const tokensPerExample = request.tokensPerExample ?? request.seqLen;
  const pointOf = (method: Method, rank: number) =>
    qualityModel ? (predictQuality(qualityModel, { method, modelParams: totalParams, rank, targetModules: ["q_proj", "v_proj"] }, 0)[metric]?.point ?? null) : null;

  // Where the data overrides the rank guidance: try one doubling above the row when it is predicted to pay.
  const ranks = [...rankRow.ranks];
  const rankNotes: string[] = [];
  const top = Math.max(...rankRow.ranks);
  const bottom = Math.min(...rankRow.ranks);
  const atTop = pointOf("lora", top);
  const above = pointOf("lora", 2 * top);
  const below = pointOf("lora", bottom);
  if (atTop !== null && above !== null && below !== null) {
    const gain = above - atTop;
    const label = METRIC_LABEL[metric];
    const within = atTop - below;
    rankNotes.push(`Quality model: r=${top} vs r=${bottom}: ${within >= 0 ? "+" : ""}${within.toFixed(2)} ${label}.`);
    if (gain >= QUALITY_RESOLUTION[metric]) {
      ranks.push(2 * top);
      rankNotes.push(`Data overrides the guidance: r=${2 * top} is predicted to add +${gain.toFixed(2)} ${label} over r=${top} (≥ ${QUALITY_RESOLUTION[metric]}), so it is tried too.`);
    } else {
      rankNotes.push(`Data agrees with the guidance: r=${2 * top} would add only ${gain.toFixed(2)} ${label} over r=${top} (< ${QUALITY_RESOLUTION[metric]}).`);
    }
  }

  // "All linear" adapts the same seven projections as "Attention + MLP" in PEFT (lm_head excluded), so it is
  // the same configuration for a Llama-style model; the first row of each distinct set is kept.
  const seen = new Set<string>();
  const moduleRows = TARGET_MODULE_GUIDANCE.filter((row) => {
    const key = expandTargetModules(row.modules).projections.join(",");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  const base: PredictConfig = {
    model: request.model,
    method: "lora",
    rank: 16,
    targetModules: ["q_proj", "v_proj"],
    doubleQuant: false,
    loraDropout: 0,
    precision,
    framework: request.framework,
    batchSize: 1,
    seqLen: request.seqLen,
    gradientCheckpointing: false,
    attention: "sdpa",
    optimizer: "adamw",
    gpuCount: request.gpuCount,
    sharding: "none",
    hardware: gpu.id,
    datasetSize: request.datasetSize,
    epochs: request.epochs,
    tokensPerExample,
  } as PredictConfig;
  const predictOf = (config: PredictConfig) => predict(config, context);
  /** Within budget: the 80 % interval's upper end fits the card; without an interval, 95 % of it. */
  const withinBudget = (prediction: Prediction) =>
    prediction.memory.interval ? prediction.memory.interval.high <= gpu.memoryGb : prediction.memory.totalGb <= gpu.memoryGb * RECOMMENDED_MEMORY_SHARE;
  // Micro-batches are powers of two up to the target per GPU; memory is linear in the batch, so the largest
  // that fits is read off batch 1 and 2 and then confirmed (or stepped down) by the full prediction.
  const largestMicroBatch = (config: PredictConfig): { batchSize: number; prediction: Prediction } | null => {
    const one = predictOf({ ...config, batchSize: 1 });
    if (!withinBudget(one)) return null;
    const cap = floorPow2(TARGET_EFFECTIVE_BATCH / config.gpuCount);
    if (cap === 1) return { batchSize: 1, prediction: one };
    const two = predictOf({ ...config, batchSize: 2 });
    if (!withinBudget(two)) return { batchSize: 1, prediction: one };
    const perSequence = two.memory.totalGb - one.memory.totalGb;
    const allowed = one.memory.interval ? gpu.memoryGb * (one.memory.totalGb / one.memory.interval.high) : gpu.memoryGb * RECOMMENDED_MEMORY_SHARE;
    let batchSize = perSequence > 0 ? Math.min(cap, floorPow2(1 + (allowed - one.memory.totalGb) / perSequence)) : cap;
    while (batchSize > 2) {
      const prediction = predictOf({ ...config, batchSize });
      if (withinBudget(prediction)) return { batchSize, prediction };
      batchSize /= 2;
    }
    return { batchSize: 2, prediction: two };
  };

  type Spec = { method: Method; rank: number; moduleRow: TargetModuleRow | null };
  const specs: Spec[] = [{ method: "full", rank: 16, moduleRow: null }];
  for (const method of ["lora", "qlora"] as const) for (const rank of ranks) for (const moduleRow of moduleRows) specs.push({ method, rank, moduleRow });

  const candidates: Candidate[] = [];
  for (const spec of specs) {
    const isFull = spec.method === "full";
    for (const gradientCheckpointing of [false, true]) {
      // The first optimizer and sharding (in this order) that fit: the cheapest change that makes it fit.
      let chosen: { config: PredictConfig; batchSize: number; prediction: Prediction } | null = null;
      for (const optimizer of isFull ? (["adamw", "paged_adamw8bit"] as const) : (["adamw"] as const)) {
        for (const sharding of isFull && request.gpuCount > 1 ? (["none", "zero2", "zero3"] as const) : (["none"] as const)) {
          const config: PredictConfig = {
            ...base,
            method: spec.method,
            rank: spec.rank,
            targetModules: spec.moduleRow?.modules ?? ["q_proj", "v_proj"],
            ...(spec.method === "qlora" ? { quantization: "nf4" as const } : {}),
            optimizer,
            sharding,
            gradientCheckpointing,
          };
          const fitting = largestMicroBatch(config);
          if (fitting) {
            chosen = { config, ...fitting };
            break;
          }
        }
        if (chosen) break;
      }
      if (!chosen) continue;
      candidates.push(toCandidate(spec, chosen.config, chosen.batchSize, chosen.prediction));
    }
  }

  function toCandidate(spec: Spec, config: PredictConfig, batchSize: number, prediction: Prediction): Candidate {
    const gradientAccumulation = Math.max(1, Math.ceil(TARGET_EFFECTIVE_BATCH / (batchSize * config.gpuCount)));
    const throughput = prediction.throughput!;
    const time = estimateTime(throughput.tokensPerSec, { datasetSize: request.datasetSize, epochs: request.epochs, tokensPerExample });
    const cost = estimateCost(time.seconds, gpu!, request.gpuCount);
    const notes: string[] = [];
    if (prediction.quality) notes.push(...prediction.quality.notes.filter((note, i, all) => all.indexOf(note) === i));
    const frameworkDefaults = prediction.defaults.filter((row) => row.origin === "framework");
    if (frameworkDefaults.length) notes.push(`${request.framework} defaults applied: ${frameworkDefaults.map((row) => `${row.field} ${String(row.value)}`).join(", ")}.`);
    const recommended: RecommendedConfig = {
      model: request.model,
      hardware: gpu!.id,
      method: spec.method,
      rank: spec.rank,
      targetModules: config.targetModules,
      ...(spec.method === "qlora" ? { quantization: "nf4" as const } : {}),
      doubleQuant: false,
      precision: config.precision,
      framework: request.framework,
      batchSize,
      gradientAccumulation,
      seqLen: request.seqLen,
      gradientCheckpointing: Boolean(config.gradientCheckpointing),
      attention: config.attention,
      optimizer: config.optimizer,
      gpuCount: request.gpuCount,
      sharding: config.sharding,
      datasetSize: request.datasetSize,
      epochs: request.epochs,
      tokensPerExample,
    };
    return {
      method: spec.method,
      moduleRow: spec.moduleRow,
      prediction,
      label: spec.method === "full" ? "Full fine-tuning" : `${METHOD_LABELS[spec.method]} r=${spec.rank} · ${spec.moduleRow!.target}`,
      config: recommended,
      effectiveBatch: batchSize * gradientAccumulation * request.gpuCount,
      memoryGb: prediction.memory.totalGb,
      memoryInterval: prediction.memory.interval,
      fit: describeFit(prediction.memory.totalGb, prediction.memory.interval, gpu!.memoryGb),
      breakdownGb: prediction.memory.breakdown,
      maxBatchSize: prediction.limits?.maxBatchSize ?? null,
      tokensPerSec: throughput.tokensPerSec,
      tokensPerSecInterval: throughput.interval,
      seconds: time.seconds,
      costUsd: cost.usd,
      quality: { mtBench: prediction.quality?.mtBench ?? null, mmlu: prediction.quality?.mmlu ?? null },
      notes: [
        ...notes,
        `Speed: ${formatCount(throughput.tokensPerSec)} tokens/s (efficiency ${throughput.efficiency.toFixed(2)}, ${throughput.efficiencySource}) → ${formatDuration(time.seconds)} for ` +
          `${request.epochs} epoch(s) x ${formatCount(request.datasetSize)} examples x ${formatCount(tokensPerExample)} tokens; cost ${formatUsd(cost.usd)} at $${gpu!.hourlyPriceUsd}/GPU-hour x ${request.gpuCount}.`,
      ],
    };
  }

  const smallData = request.datasetSize < 5_000;
  const qualityKey = (c: Candidate) => {
    const point = c.quality[metric]?.point;
    return point === undefined ? Number.NEGATIVE_INFINITY : Math.floor(point / QUALITY_RESOLUTION[metric] + 1e-9);
  };
  const moduleGain = (c: Candidate) => (c.method === "full" ? 10 : (c.moduleRow?.qualityGainPct ?? 0));
  const keys: Record<RecommendRequest["priority"], (c: Candidate) => number[]> = {
    quality: (c) => [c.method === "full" && smallData ? 1 : 0, -qualityKey(c), -moduleGain(c), c.seconds, c.costUsd],
    speed: (c) => [c.seconds, -qualityKey(c), -moduleGain(c), c.costUsd],
    cost: (c) => [c.costUsd, -qualityKey(c), -moduleGain(c), c.seconds],
  };
  const key = keys[request.priority];
  const compare = (a: Candidate, b: Candidate) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  };
  // Best first; no near-duplicates; at most MAX_CARDS_PER_METHOD of a method while other methods fit, so the
  // cards show the choice between methods before variations of one, then the rest fill the remaining places.
  const ranked = [...candidates].sort(compare);
  const picked: Candidate[] = [];
  const topN = context.topN ?? 5;
  for (const isCapped of [true, false]) {
    for (const candidate of ranked) {
      if (picked.length >= topN) break;
      if (picked.includes(candidate) || picked.some((card) => isNearDuplicate(card.config, candidate.config))) continue;
      if (isCapped && picked.filter((card) => card.method === candidate.method).length >= MAX_CARDS_PER_METHOD) continue;
      picked.push(candidate);
    }
  }
  const first = picked[0];
  return picked.map((candidate, index) => {
    const { notes, method, moduleRow, prediction, ...rest } = candidate;
    void prediction;
    const { config } = candidate;
    const reasoning = [
      `${candidate.label}: ${candidate.fit.text} per GPU on ${request.gpuCount} x ${gpu.name} ` +
        `(batch ${config.batchSize} × gradient accumulation ${config.gradientAccumulation}${request.gpuCount > 1 ? ` × ${request.gpuCount} GPUs` : ""} = ${candidate.effectiveBatch} sequences per step` +
        `${candidate.maxBatchSize !== null && candidate.maxBatchSize > config.batchSize ? `; up to batch ${candidate.maxBatchSize} fits by the point estimate` : ""}, ` +
        `gradient checkpointing ${config.gradientCheckpointing ? "on" : "off"}, ${config.optimizer}, ${precision}).`,
      `Budget: ${candidate.memoryInterval ? "the upper end of the 80 % memory interval within the card" : `${RECOMMENDED_MEMORY_SHARE * 100}% of the card (no calibrated interval)`}; effective batch ${TARGET_EFFECTIVE_BATCH} by gradient accumulation, which costs no memory.`,
      ...decisions.map((row) => decisionNote(row, method, candidate.memoryGb, gpu.memoryGb, smallData && request.priority === "quality")),
      ...(method === "full"
        ? rankRow.allowsFull
          ? [`${describeRankRow(rankRow)}: full fine-tuning is the row's alternative.`]
          : []
        : [
            `${describeRankRow(rankRow)}${rankRow.ranks.includes(config.rank) ? "" : ` — r=${config.rank} is the data's extension above it`}.`,
            ...rankNotes,
            `${describeTargetRow(moduleRow!)}.`,
          ]),
      ...notes,
      `Ranked by ${request.priority}${request.priority === "quality" ? " (predicted " + METRIC_LABEL[metric] + " in steps of " + QUALITY_RESOLUTION[metric] + ", then the target-module guidance, time, cost)" : ", then predicted quality, then the other of time and cost"}; a card that differs from a better one only by a rank step is left out.`,
    ];
    return { ...rest, position: index + 1, differences: index === 0 || !first ? [] : differencesBetween(first.config, config), reasoning };
  });
}

function decisionNote(row: DecisionRow, method: Method, memoryGb: number, gpuMemoryGb: number, demoteFull: boolean): string {
  const head = describeDecision(row);
  if ((row.methods as readonly Method[]).includes(method)) return `${head} (followed).`;
  if (row === DECISION_GUIDE.smallDataset && method === "full" && demoteFull) {
    return `${head}: full fine-tuning is ranked below the adapters; the quality runs do not record dataset size, so no data overrides this rule.`;
  }
  return `${head}: ${METHOD_LABELS[method]} departs from it because the memory estimate says it fits (${memoryGb.toFixed(1)} GB of ${gpuMemoryGb} GB) and it is ranked on its predicted numbers.`;
}
