// Ranked training configurations that fit the GPUs on hand. Candidates come from the seeded guidance (rank
// range for the dataset, the target-module rows), each is made to fit by the memory estimate (checkpointing,
// 8-bit optimizer, sharding, in that order), then scored by the priority with the other two as tie-breaks.
import type { RecommendRequest } from "@/lib/schemas/predict";
import { METHOD_LABELS } from "@/lib/schemas/run";
import { formatCount, formatDuration, formatGb, formatUsd } from "./format";
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
import { findMaxBatchSize } from "./limits";
import { BYTES_PER_GB, estimateMemory, estimateMemoryBytes, type MemoryBreakdownGb } from "./memory";
import { countParameters, expandTargetModules } from "./params";
import { PredictInputError } from "./predict";
import { predictQuality, type Metric, type QualityModel, type QualityRange } from "./quality";
import { estimateCost, estimateTime, predictThroughput, type EfficiencyFit } from "./throughput";
import type { GpuSpec, Method, ModelArchitecture, TrainingConfig } from "./types";

export type RecommendContext = {
  arch: ModelArchitecture;
  gpus: readonly GpuSpec[];
  efficiency: EfficiencyFit;
  qualityModel: QualityModel | null;
  topN?: number;
};

export type RecommendedConfig = TrainingConfig & { model: string; hardware: string; datasetSize: number; epochs: number; tokensPerExample: number };

export type Recommendation = {
  position: number;
  label: string;
  config: RecommendedConfig;
  memoryGb: number;
  breakdownGb: MemoryBreakdownGb;
  maxBatchSize: number | null;
  tokensPerSec: number;
  seconds: number;
  costUsd: number;
  quality: { mtBench: QualityRange | null; mmlu: QualityRange | null };
  reasoning: string[];
};

/** Per-device batch cap: larger effective batches come from gradient accumulation, which costs no memory. */
export const RECOMMENDED_BATCH_CAP = 16;
/** Share of the GPU a recommendation may fill: the estimate is a model, so 5% is kept back. */
export const RECOMMENDED_MEMORY_SHARE = 0.95;
/** Quality differences below this are noise: 0.05 MT-Bench points, 0.5 MMLU points. */
export const QUALITY_RESOLUTION: Record<Metric, number> = { mtBench: 0.05, mmlu: 0.5 };
const METRIC_LABEL: Record<Metric, string> = { mtBench: "MT-Bench", mmlu: "MMLU" };

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

type Candidate = Omit<Recommendation, "position" | "reasoning"> & { method: Method; moduleRow: TargetModuleRow | null; notes: string[] };

export function recommend(request: RecommendRequest, context: RecommendContext): Recommendation[] {
  const gpu = context.gpus.find((g) => g.id === request.hardware);
  if (!gpu) throw new PredictInputError(`hardware "${request.hardware}" is not in the catalog`, "hardware");
  const { arch, qualityModel } = context;
  const totalParams = countParameters(arch).total;
  const precision = gpu.bf16DenseTflops === null ? "fp16" : "bf16";
  const rankRow = rankRowFor(request.datasetSize, request.taskComplexity);
  const decisions = applicableDecisions(gpu, request.gpuCount, request.datasetSize);
  const metric: Metric = qualityModel?.mtBench ? "mtBench" : "mmlu";
  const qualityOf = (method: Method, rank: number, modules: TrainingConfig["targetModules"]) =>
    qualityModel ? predictQuality(qualityModel, { method, modelParams: totalParams, rank, targetModules: modules }, 3) : null;
  const pointOf = (method: Method, rank: number) => qualityOf(method, rank, ["q_proj", "v_proj"])?.[metric]?.point ?? null;

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

  const base = {
    doubleQuant: false,
    precision,
    batchSize: 1,
    seqLen: request.seqLen,
    attention: "sdpa",
    gpuCount: request.gpuCount,
  } as const;
  const capacity = gpu.memoryGb * BYTES_PER_GB * RECOMMENDED_MEMORY_SHARE;
  const budget: GpuSpec = { ...gpu, memoryGb: gpu.memoryGb * RECOMMENDED_MEMORY_SHARE };
  const specs: { method: Method; rank: number; moduleRow: TargetModuleRow | null }[] = [{ method: "full", rank: 16, moduleRow: null }];
  for (const method of ["lora", "qlora"] as const) {
    for (const rank of ranks) for (const moduleRow of moduleRows) specs.push({ method, rank, moduleRow });
  }

  const candidates: Candidate[] = [];
  for (const spec of specs) {
    const isFull = spec.method === "full";
    const notes: string[] = [];
    const attempts: TrainingConfig[] = [];
    for (const optimizer of isFull ? (["adamw", "paged_adamw8bit"] as const) : (["adamw"] as const)) {
      for (const sharding of isFull && request.gpuCount > 1 ? (["none", "zero2", "zero3"] as const) : (["none"] as const)) {
        for (const gradientCheckpointing of [false, true]) {
          attempts.push({ ...base, method: spec.method, rank: spec.rank, targetModules: spec.moduleRow?.modules ?? ["q_proj", "v_proj"], optimizer, sharding, gradientCheckpointing });
        }
      }
    }
    const first = attempts[0]!;
    const fitting = attempts.find((attempt) => estimateMemoryBytes(attempt, arch).totalBytes <= capacity);
    if (!fitting) continue;
    if (fitting !== first) {
      const firstGb = estimateMemoryBytes(first, arch).totalBytes / BYTES_PER_GB;
      notes.push(
        `Made to fit: without gradient checkpointing, sharding or an 8-bit optimizer the peak is ${formatGb(firstGb)} > ${formatGb(budget.memoryGb)} (95% of ${gpu.memoryGb} GB), so ` +
          `gradient checkpointing is ${fitting.gradientCheckpointing ? "on" : "off"}, optimizer ${fitting.optimizer}, sharding ${fitting.sharding}.`,
      );
    }
    const maxBatchSize = findMaxBatchSize(fitting, arch, budget);
    const config: TrainingConfig = { ...fitting, batchSize: Math.min(maxBatchSize ?? 1, RECOMMENDED_BATCH_CAP) };
    const memory = estimateMemory(config, arch);
    const throughput = predictThroughput(arch, { ...config, tokensPerExample: request.seqLen }, gpu, context.efficiency);
    const time = estimateTime(throughput.tokensPerSec, { datasetSize: request.datasetSize, epochs: request.epochs, tokensPerExample: request.seqLen });
    const cost = estimateCost(time.seconds, gpu, request.gpuCount);
    const quality = qualityOf(spec.method, spec.rank, config.targetModules);
    if (quality) notes.push(...quality.notes.filter((note, i, all) => all.indexOf(note) === i));
    candidates.push({
      method: spec.method,
      moduleRow: spec.moduleRow,
      label: isFull ? "Full fine-tuning" : `${METHOD_LABELS[spec.method]} r=${spec.rank} · ${spec.moduleRow!.target}`,
      config: { ...config, model: request.model, hardware: gpu.id, datasetSize: request.datasetSize, epochs: request.epochs, tokensPerExample: request.seqLen },
      memoryGb: memory.totalGb,
      breakdownGb: memory.breakdownGb,
      maxBatchSize,
      tokensPerSec: throughput.tokensPerSec,
      seconds: time.seconds,
      costUsd: cost.usd,
      quality: { mtBench: quality?.mtBench ?? null, mmlu: quality?.mmlu ?? null },
      notes: [
        ...notes,
        `Speed: ${formatCount(throughput.tokensPerSec)} tokens/s (efficiency ${throughput.efficiency.toFixed(2)}, ${throughput.efficiencySource}) → ${formatDuration(time.seconds)} for ` +
          `${request.epochs} epoch(s) x ${formatCount(request.datasetSize)} examples x ${formatCount(request.seqLen)} tokens; cost ${formatUsd(cost.usd)} at $${gpu.hourlyPriceUsd}/GPU-hour x ${request.gpuCount}.`,
      ],
    });
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
  return [...candidates]
    .sort(compare)
    .slice(0, context.topN ?? 5)
    .map((candidate, index) => {
      const { notes, method, moduleRow, ...rest } = candidate;
      const reasoning = [
        `${candidate.label}: ${formatGb(candidate.memoryGb)} of ${gpu.memoryGb} GB per GPU on ${request.gpuCount} x ${gpu.name}, within the 95% budget ` +
          `(batch ${candidate.config.batchSize}${candidate.maxBatchSize !== null && candidate.maxBatchSize > candidate.config.batchSize ? `, up to ${candidate.maxBatchSize} fits` : ""}, ` +
          `gradient checkpointing ${candidate.config.gradientCheckpointing ? "on" : "off"}, ${candidate.config.optimizer}, ${precision}).`,
        ...decisions.map((row) => decisionNote(row, method, candidate.memoryGb, gpu.memoryGb, smallData && request.priority === "quality")),
        ...(method === "full"
          ? rankRow.allowsFull
            ? [`${describeRankRow(rankRow)}: full fine-tuning is the row's alternative.`]
            : []
          : [
              `${describeRankRow(rankRow)}${rankRow.ranks.includes(candidate.config.rank) ? "" : ` — r=${candidate.config.rank} is the data's extension above it`}.`,
              ...rankNotes,
              `${describeTargetRow(moduleRow!)}.`,
            ]),
        ...notes,
        `Ranked by ${request.priority}${request.priority === "quality" ? " (predicted " + METRIC_LABEL[metric] + " in steps of " + QUALITY_RESOLUTION[metric] + ", then the target-module guidance, time, cost)" : ", then predicted quality, then the other of time and cost"}.`,
      ];
      return { ...rest, position: index + 1, reasoning };
    });
}

function decisionNote(row: DecisionRow, method: Method, memoryGb: number, gpuMemoryGb: number, demoteFull: boolean): string {
  const head = describeDecision(row);
  if ((row.methods as readonly Method[]).includes(method)) return `${head} (followed).`;
  if (row === DECISION_GUIDE.smallDataset && method === "full" && demoteFull) {
    return `${head}: full fine-tuning is ranked below the adapters; the quality runs do not record dataset size, so no data overrides this rule.`;
  }
  return `${head}: ${METHOD_LABELS[method]} departs from it because the memory estimate says it fits (${formatGb(memoryGb)} ≤ ${gpuMemoryGb} GB) and it is ranked on its predicted numbers.`;
}
