// Calibration on published measurements (issue 11): what physics leaves open, fitted to the measured benchmark
// rows (seed/measurements), evaluated by leaving one source out at a time, and the 80 % intervals built from those
// out-of-source residuals. Pure: the rows and the catalog come in as arguments.
//
// Units: bytes, GB = 1e9 bytes (a GiB figure is converted by the seed, which keeps the original text), tokens/s,
// FLOPs. A residual is ln(measured / predicted): positive means the estimator under-predicted.
//
// The physics (memory.ts, throughput.ts, the framework defaults) is evaluated ONCE per row: its raw peak without
// overhead and its tokens/s at an efficiency of 1. The calibration is a map from those numbers to a prediction with
// few parameters, so fitting it once per held-out source costs well under a millisecond.
import type { MeasurementSeed, SeqLenKind } from "@/seed/types";
import type { Framework } from "@/lib/schemas/run";
import { predictConfigSchema, type PredictConfig, type PredictionInterval } from "@/lib/schemas/predict";
import { BYTES_PER_GB, estimateMemoryBytes } from "./memory";
import { fitEfficiency, predictThroughput } from "./throughput";
import { median } from "./robust";
import type { GpuSpec, Method, ModelArchitecture, PredictConfigLike } from "./types";

// ---------------------------------------------------------------------------------------------- types

/** What a memory figure measured. "unknown": the source does not say (Qwen's and Unsloth's tables). */
export const MEMORY_MEASURES = ["allocated", "reserved", "nvidia-smi", "unknown"] as const;
export type MemoryMeasure = (typeof MEMORY_MEASURES)[number];

export type LogResidualQuantiles = { p10: number; p90: number; n: number; sources: string[] };

/** Shrunk log offset of one group's efficiency: exp(effect) multiplies the pooled efficiency. */
export type GroupEffect = { effect: number; n: number };

/** The efficiency model: ln(efficiency) = intercept + Σ coefficient x feature + GPU effect + framework effect. */
export type EfficiencyModel = {
  intercept: number;
  /** Per unit of ln(tokens per micro-step / 2048). */
  tokensSlope: number;
  /** Per unit of ln(parameters / 7e9). */
  paramsSlope: number;
  /** ln of the extra efficiency factor of 4-bit base weights, on top of throughput.ts's assumed dequantization cost. */
  quantized: number;
  /** ln of the efficiency factor of a paged optimizer. */
  paged: number;
  byHardware: Record<string, GroupEffect>;
  byFramework: Record<string, GroupEffect>;
  n: number;
  sources: string[];
};

/** What the fit produces and predict() reads. Ratios are measured / physics-predicted. */
export type MeasuredCalibration = {
  memory: {
    /** Replaces memory.ts's OVERHEAD_FIXED_BYTES (CUDA context, workspaces). */
    overheadFixedBytes: number;
    /** Replaces memory.ts's OVERHEAD_FRACTION (allocator fragmentation). */
    overheadFraction: number;
    /** torch's reserved peak over its allocated peak. */
    reservedOverAllocated: number;
    /** Every measure's factor over the allocated peak (allocated = 1), with how many rows set it. */
    measureFactors: Record<MemoryMeasure, { factor: number; n: number }>;
    /** Quantiles of ln(measured / predicted) over the out-of-source residuals, for the 80 % interval. */
    logResidual: LogResidualQuantiles;
    n: number;
    sources: string[];
  };
  throughput: {
    logResidual: LogResidualQuantiles;
    /** null when fewer than MIN_THROUGHPUT_ROWS measured throughputs were available. */
    efficiency?: EfficiencyModel | null;
  };
};

export type EfficiencyInput = {
  hardwareId: string;
  framework: Framework;
  method: Method;
  quantized: boolean;
  /** Tokens per optimizer micro-step on one GPU (batch × sequence). */
  tokensPerStep: number;
  modelParams: number;
  /** paged_adamw / paged_adamw8bit. */
  pagedOptimizer?: boolean;
};

export type Catalog = { models: readonly ModelArchitecture[]; gpus: readonly GpuSpec[] };

/** A measured figure of memory, per GPU, in GB, in the estimator's terms. */
export type MeasuredMemory =
  | { kind: "point"; gb: number; measure: MemoryMeasure; scope: "per-gpu" | "total" }
  /** "fits in X": the true peak is at most gb. A violation only when the prediction exceeds it. */
  | { kind: "upper-bound"; gb: number; measure: MemoryMeasure }
  /** Ran out of memory on a card of cardGb: the prediction should exceed the card. */
  | { kind: "oom"; cardGb: number };

export type MeasuredThroughput = {
  /** Tokens/s over all the row's GPUs. */
  tokensPerSec: number;
  /** Tokens each sample contributed (see tokensPerSample). */
  tokensPerSample: number;
  /** How the figure became tokens/s, in words. */
  derivation: string;
};

/** One measured row, predicted by physics once: the calibration maps these numbers to predictions. */
export type MeasuredPoint = {
  id: string;
  name: string;
  sourceId: string;
  config: PredictConfig;
  framework: Framework;
  memory: MeasuredMemory | null;
  throughput: MeasuredThroughput | null;
  physics: {
    /** The estimator's peak per GPU without its overhead terms (weights, states, activations, logits), bytes. */
    rawMemoryBytes: number;
    /** Card capacity, GB, when the GPU is catalogued. */
    cardGb: number | null;
    /**
     * Tokens/s at an efficiency of 1: the GPUs' dense peak over the effective FLOPs per token, as predict()
     * computes it (throughput.ts: framework defaults, checkpointing, dequantization, compile). Efficiency scales it.
     */
    tokensPerSecAtPeak: number | null;
    efficiencyInput: EfficiencyInput | null;
  };
};

export type UnpredictedRow = { id: string; name: string; sourceId: string; quantity: "memory" | "throughput"; reason: string };

export type MeasuredPointResult = { point: MeasuredPoint | null; unpredicted: UnpredictedRow[] };

// ---------------------------------------------------------------------------------------------- rows → points

/**
 * Tokens a sample contributes to compute, by how the source built its sequences:
 *   packed, fixed: seqLen (every row is full);
 *   truncated: min(seqLen, the dataset's stated mean length) — most samples hit the cap, the rest are shorter;
 *   padded-longest: the longest sample of each batch is what is computed; with a stated mean length we take
 *     min(seqLen, mean x PADDED_LONGEST_FACTOR) for batches above 1 and the mean at batch 1 (a chosen constant:
 *     the longest of a few samples of a long-tailed length distribution is about 1.5x the mean);
 *   unknown, max-fits: seqLen.
 */
export const PADDED_LONGEST_FACTOR = 1.5;

export function tokensPerSample(kind: SeqLenKind, seqLen: number, batchSize: number, meanTokens: number | undefined): number {
  if (meanTokens === undefined || meanTokens <= 0) return seqLen;
  if (kind === "truncated") return Math.min(seqLen, meanTokens);
  if (kind === "padded-longest") return Math.min(seqLen, batchSize > 1 ? meanTokens * PADDED_LONGEST_FACTOR : meanTokens);
  return seqLen;
}

/**
 * Samples that vary in length (cut at seqLen, or padded to a batch's longest) without a stated mean length: a
 * samples/s figure then has no token count. ms-swift 1.x's benchmark drops samples longer than max_length, so the
 * dataset's stated mean is not the mean of the samples it trained on (scripts/import-measurements.mts).
 */
function hasUnstatedSampleLength(row: MeasurementSeed): boolean {
  const kind = row.measurement.seqLenKind;
  return (kind === "truncated" || kind === "padded-longest") && !(row.measurement.meanTokensPerSample !== undefined && row.measurement.meanTokensPerSample > 0);
}

/** "1.0 s/it", "2.35 it/s" → iterations per second; null when the text is no such rate. */
export function parseIterationRate(text: string | undefined): number | null {
  if (!text) return null;
  const match = /([\d.,]+)\s*(s\/it|it\/s)/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]!.replace(/,/g, ""));
  if (!(value > 0)) return null;
  return match[2]!.toLowerCase() === "it/s" ? value : 1 / value;
}

/** Why a row cannot be predicted at all (both quantities), or null. */
function rowLevelReason(row: MeasurementSeed): string | null {
  if (row.isEstimate) return "an estimate, not a measurement: never used as one";
  if (row.measurement.unrepresentable) return row.measurement.unrepresentable;
  const text = `${row.notes ?? ""} ${(row.tags ?? []).join(" ")}`.toLowerCase();
  if (/device_map|model[- ]parallel/.test(text)) return "model parallel across GPUs (device_map): the estimator models data parallelism and ZeRO sharding only";
  if (/cpu offload|offload(ed)? to cpu|zero-offload|offload_optimizer|offload_param/.test(text)) return "states offloaded to CPU memory (DeepSpeed offload): not modelled";
  return null;
}

/**
 * One measured row in the estimator's terms: the prediction config (its framework, overrides, batch, sequence,
 * checkpointing, ...) and what was measured, per GPU; or the reasons it cannot be predicted, per quantity.
 */
export function toMeasuredPoint(row: MeasurementSeed, catalog: Catalog): MeasuredPointResult {
  const base = { id: row.externalId, name: row.name, sourceId: row.sourceId };
  const hasMemory = row.peakMemoryGb !== undefined || row.peakMemoryGbMax !== undefined || row.oom === true;
  const hasThroughput =
    row.throughputTokensPerSec !== undefined || row.throughputSamplesPerSec !== undefined || row.wallTimeSec !== undefined || row.measurement.throughputOriginal !== undefined;
  const skip = (reason: string): MeasuredPointResult => ({
    point: null,
    unpredicted: [...(hasMemory ? [{ ...base, quantity: "memory" as const, reason }] : []), ...(hasThroughput ? [{ ...base, quantity: "throughput" as const, reason }] : [])],
  });
  const rowReason = rowLevelReason(row);
  if (rowReason) return skip(rowReason);
  const arch = catalog.models.find((model) => model.id === row.modelId);
  if (!arch) return skip(`model ${row.modelId} is not in the catalog`);
  if (row.seqLen === undefined) return skip("no sequence length stated");
  if (row.batchSize === undefined) return skip("no batch size stated");
  const parsed = predictConfigSchema.safeParse({
    model: row.modelId,
    method: row.method,
    ...(row.rank !== undefined ? { rank: row.rank } : {}),
    ...(row.targetModules ? { targetModules: row.targetModules } : {}),
    ...(row.method === "qlora" ? { quantization: row.quantization && row.quantization !== "none" ? row.quantization : "nf4", doubleQuant: row.doubleQuant ?? false } : {}),
    ...(row.loraDropout !== undefined ? { loraDropout: row.loraDropout } : {}),
    precision: row.precision ?? "bf16",
    framework: row.framework ?? "other",
    ...(row.packing !== undefined ? { packing: row.packing } : {}),
    ...(row.chunkedLoss !== undefined ? { chunkedLoss: row.chunkedLoss } : {}),
    ...(row.activationOffloading !== undefined ? { activationOffloading: row.activationOffloading } : {}),
    ...(row.torchCompile !== undefined ? { torchCompile: row.torchCompile } : {}),
    ...(row.optimizerInBackward !== undefined ? { optimizerInBackward: row.optimizerInBackward } : {}),
    ...(row.masterWeights !== undefined ? { masterWeights: row.masterWeights } : {}),
    batchSize: row.batchSize,
    seqLen: row.seqLen,
    // Left unstated, the framework's default decides (lib/predict/frameworks.ts).
    ...(row.gradientCheckpointing !== undefined ? { gradientCheckpointing: row.gradientCheckpointing } : {}),
    attention: row.attention ?? "sdpa",
    optimizer: row.optimizer ?? "adamw",
    gpuCount: row.gpuCount ?? 1,
    // ZeRO on one GPU has no other rank to partition across: it trains as unsharded.
    sharding: (row.gpuCount ?? 1) > 1 ? (row.sharding ?? "none") : "none",
    ...(row.hardwareId ? { hardware: row.hardwareId } : {}),
  });
  if (!parsed.success) return skip(`configuration not accepted by the estimator: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  const config = parsed.data;
  const gpu = row.hardwareId ? (catalog.gpus.find((candidate) => candidate.id === row.hardwareId) ?? null) : null;
  const gpuCount = config.gpuCount;
  const unpredicted: UnpredictedRow[] = [];

  let memory: MeasuredMemory | null = null;
  const measure: MemoryMeasure = row.peakMemoryMeasure && row.peakMemoryMeasure !== "fits-in" ? row.peakMemoryMeasure : "unknown";
  const isBound = row.oom === true || row.peakMemoryMeasure === "fits-in" || row.measurement.seqLenKind === "max-fits";
  if (isBound && row.gradientCheckpointing === undefined) {
    // A bound (fits in X, out of memory) checks a prediction only for a known configuration. Checkpointing changes
    // the activations by the number of layers, so a bound row that does not state it can be made to hold or fail
    // by the default we pick; Unsloth's context-length table does not say what its "Hugging Face + FA2" baseline
    // ran with (README.md at 05fdaff970), and transformers' own default (off) is not evidence of it.
    unpredicted.push({ ...base, quantity: "memory", reason: "a bound (fits in X / out of memory) whose gradient checkpointing the source does not state: on or off decides whether any estimate is inside it, so it checks nothing" });
  } else if (row.oom) {
    if (gpu) memory = { kind: "oom", cardGb: gpu.memoryGb };
    else unpredicted.push({ ...base, quantity: "memory", reason: "out of memory on a GPU that is not catalogued: no capacity to compare with" });
  } else if (row.peakMemoryMeasure === "fits-in" || row.measurement.seqLenKind === "max-fits") {
    const bound = row.peakMemoryGbMax ?? row.peakMemoryGb;
    if (bound !== undefined) memory = { kind: "upper-bound", gb: row.peakMemoryScope === "total" ? bound / gpuCount : bound, measure };
  } else if (row.peakMemoryGb !== undefined) {
    const scope = row.peakMemoryScope ?? "per-gpu";
    memory = { kind: "point", gb: scope === "total" ? row.peakMemoryGb / gpuCount : row.peakMemoryGb, measure, scope };
  } else if (row.peakMemoryGbMax !== undefined) {
    memory = { kind: "upper-bound", gb: row.peakMemoryGbMax, measure };
  }

  const perSample = tokensPerSample(row.measurement.seqLenKind, config.seqLen, config.batchSize, row.measurement.meanTokensPerSample);
  let throughput: MeasuredThroughput | null = null;
  if (hasThroughput) {
    const iterations = parseIterationRate(row.measurement.throughputOriginal);
    let reason: string | null = null;
    if (!gpu) reason = row.hardwareId ? `GPU ${row.hardwareId} is not in the catalog` : "no catalogued GPU: throughput needs the GPU's peak rate";
    else if (row.throughputTokensPerSec !== undefined) throughput = { tokensPerSec: row.throughputTokensPerSec, tokensPerSample: perSample, derivation: "tokens/s as published" };
    else if (hasUnstatedSampleLength(row))
      reason = "samples vary in length up to the sequence length and the source states no mean for the samples trained on, so samples/s cannot be turned into tokens/s";
    else if (row.throughputSamplesPerSec !== undefined)
      throughput = { tokensPerSec: row.throughputSamplesPerSec * perSample, tokensPerSample: perSample, derivation: `samples/s x ${Math.round(perSample)} tokens per sample (${row.measurement.seqLenKind})` };
    else if (iterations !== null && row.measurement.samplesPerIteration)
      throughput = {
        tokensPerSec: iterations * row.measurement.samplesPerIteration * perSample,
        tokensPerSample: perSample,
        derivation: `it/s x ${row.measurement.samplesPerIteration} samples per iteration x ${Math.round(perSample)} tokens per sample`,
      };
    else if (iterations !== null) reason = "an it/s figure whose iteration size the source does not state";
    else reason = row.wallTimeSec !== undefined ? "a wall time for a whole benchmark run, whose token count the source does not state" : "no throughput figure the estimator can convert to tokens/s";
    if (throughput && !(throughput.tokensPerSec > 0)) {
      throughput = null;
      reason = "throughput of zero";
    }
    if (reason) unpredicted.push({ ...base, quantity: "throughput", reason });
  }

  const physics = physicsOf(config, arch, gpu, perSample);
  return { point: memory || throughput ? { ...base, config, framework: config.framework, memory, throughput, physics } : null, unpredicted };
}

const NO_FIT = fitEfficiency([], []);

/**
 * The estimator's physics for one configuration. Memory: the breakdown without memory.ts's overhead term (which
 * the calibration replaces) but with the dequantized-projection workspace of QLoRA, which is a tensor, not an
 * allowance. Throughput: FLOPs per token at the tokens a sample really contributes.
 */
function physicsOf(config: PredictConfig, arch: ModelArchitecture, gpu: GpuSpec | null, perSample: number): MeasuredPoint["physics"] {
  // Overhead constants of 0 leave only the dequantization workspace in the overhead term.
  const memory = estimateMemoryBytes(config, arch, { loraDropout: config.loraDropout, overheadFixedBytes: 0, overheadFraction: 0 });
  const raw = memory.totalBytes;
  if (!gpu) return { rawMemoryBytes: raw, cardGb: null, tokensPerSecAtPeak: null, efficiencyInput: null };
  const atPeak = predictThroughput(arch, { ...config, tokensPerExample: Math.max(1, Math.round(perSample)) }, gpu, NO_FIT, { efficiency: { efficiency: 1, source: "peak" } });
  return {
    rawMemoryBytes: raw,
    cardGb: gpu.memoryGb,
    tokensPerSecAtPeak: atPeak.tokensPerSec,
    efficiencyInput: {
      hardwareId: gpu.id,
      framework: config.framework,
      method: config.method,
      quantized: config.method === "qlora",
      tokensPerStep: config.batchSize * perSample,
      modelParams: memory.totalParams,
      pagedOptimizer: config.optimizer.startsWith("paged"),
    },
  };
}

// ---------------------------------------------------------------------------------------------- small statistics

/** Linear-interpolation quantile (type 7, as numpy's default) of unsorted values; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Huber's weight for a standardized residual (k = 1.345: 95 % efficiency at the normal). */
const huberWeight = (standardized: number) => (Math.abs(standardized) <= 1.345 ? 1 : 1.345 / Math.abs(standardized));

/** Weighted ridge least squares by the normal equations (few columns); `penalty[j]` adds to the diagonal. */
function solveWeighted(rows: readonly number[][], y: readonly number[], weights: readonly number[], penalty: readonly number[]): number[] {
  const m = rows[0]?.length ?? 0;
  const a = Array.from({ length: m }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (j === i ? penalty[i]! : 0)));
  rows.forEach((row, k) => {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) a[i]![j]! += weights[k]! * row[i]! * row[j]!;
      a[i]![m]! += weights[k]! * row[i]! * y[k]!;
    }
  });
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const lead = a[col]![col]!;
    if (Math.abs(lead) < 1e-12) continue;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const factor = a[r]![col]! / lead;
      for (let c = col; c <= m; c++) a[r]![c]! -= factor * a[col]![c]!;
    }
  }
  return a.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[m]! / row[i]!));
}

/** A robust scale of residuals: 1.4826 x MAD, floored so that a perfect fit does not divide by zero. */
const robustScale = (residuals: readonly number[], floor: number) => {
  const center = median(residuals);
  return Math.max(1.4826 * median(residuals.map((r) => Math.abs(r - center))), floor);
};

// ---------------------------------------------------------------------------------------------- the fit

export type FitOptions = {
  /**
   * Pseudo-rows of the priors that shrink a group's offset (a measure's factor, a GPU's or framework's
   * efficiency): offset = n / (n + SHRINKAGE) x the group's median residual. 5 rows: a group of 5 moves halfway.
   */
  shrinkage?: number;
  /** The prior for reserved / allocated: torch's caching allocator rounds blocks and keeps freed ones. */
  reservedPrior?: number;
  /** Rows needed before throughput is calibrated at all. */
  minThroughputRows?: number;
};

export const FIT_DEFAULTS: Required<FitOptions> = { shrinkage: 5, reservedPrior: 1.1, minThroughputRows: 5 };
/** nvidia-smi also counts the CUDA context and the libraries' kernels outside torch's allocator. */
const NVIDIA_SMI_PRIOR = 1.15;
/** An unstated measure is most often torch's reserved peak or nvidia-smi; the prior sits between allocated and them. */
const UNKNOWN_PRIOR = 1.1;
/** Bounds that keep the overhead physical however few rows there are: 0-3 GB fixed, 0-50 % fraction. */
const FIXED_BOUNDS = [0, 3e9] as const;
const FRACTION_BOUNDS = [0, 0.5] as const;
/** ln-efficiency reference points: 2,048 tokens per micro-step, a 7B model. */
const TOKENS_REF = 2048;
const PARAMS_REF = 7e9;
/** Ridge penalty on the efficiency slopes (in weighted rows): with one source they would chase its quirks. */
const SLOPE_PENALTY = 2;
/** The efficiency a calibrated prediction never goes beyond: a share of the dense peak. */
const EFFICIENCY_BOUNDS = [0.02, 0.9] as const;

const clamp = (value: number, [low, high]: readonly [number, number]) => Math.min(high, Math.max(low, value));
const sortedSources = (points: readonly MeasuredPoint[]) => [...new Set(points.map((point) => point.sourceId))].sort();

/**
 * A weight per row inversely proportional to the rows of its source, scaled to average 1 (so that penalties and
 * shrinkage stated in rows keep their meaning): every source counts equally in a fit, however many rows its table
 * has. Rows of one table share their quirks (one script, one measure, one allocator, one dataset), so 66 rows
 * of one benchmark are not 66 independent observations of the allocator's overhead; weighted by row, the
 * largest table decides the fit and every other source inherits its quirks. The leave-one-source-out
 * evaluation treats a source as the unit for the same reason.
 */
function weightPerSource(points: readonly MeasuredPoint[]): number[] {
  const rowsOf = new Map<string, number>();
  for (const point of points) rowsOf.set(point.sourceId, (rowsOf.get(point.sourceId) ?? 0) + 1);
  return points.map((point) => points.length / rowsOf.size / rowsOf.get(point.sourceId)!);
}

type MemoryFit = Omit<MeasuredCalibration["memory"], "logResidual">;

function priorFactor(measure: MemoryMeasure, reservedPrior: number): number {
  return measure === "allocated" ? 1 : measure === "reserved" ? reservedPrior : measure === "nvidia-smi" ? NVIDIA_SMI_PRIOR : UNKNOWN_PRIOR;
}

/** The calibrated allocated peak for a raw physics peak, bytes. */
const allocatedBytes = (fit: Pick<MemoryFit, "overheadFixedBytes" | "overheadFraction">, rawBytes: number) => fit.overheadFixedBytes + (1 + fit.overheadFraction) * rawBytes;

/**
 * Memory: measured = factor(measure) x (fixed + (1 + fraction) x raw). Alternates two steps three times:
 * (1) fixed and fraction by Huber-weighted least squares on the measured peaks divided by their measure's
 * factor, weighted by 1 / measured² (relative error) and equally per source (weightPerSource), kept within
 * physical bounds; (2) each measure's log factor as its median log residual over the allocated rows' median,
 * shrunk towards its prior by n / (n + shrinkage).
 * The factors are measured against allocated peaks: without allocated rows nothing anchors them (a reserved-only
 * table cannot tell the allocator's overhead from its reserve), so every factor then stays at its prior.
 */
function fitMemory(points: readonly MeasuredPoint[], options: Required<FitOptions>): MemoryFit {
  const rows = points.flatMap((point) => (point.memory?.kind === "point" ? [{ point, gb: point.memory.gb, measure: point.memory.measure }] : []));
  const factors = Object.fromEntries(MEMORY_MEASURES.map((m) => [m, { factor: priorFactor(m, options.reservedPrior), n: rows.filter((row) => row.measure === m).length }])) as MemoryFit["measureFactors"];
  let fit = { overheadFixedBytes: 0.5e9, overheadFraction: 0.05 };
  if (rows.length === 0) return { ...fit, reservedOverAllocated: factors.reserved.factor, measureFactors: factors, n: 0, sources: [] };
  const perSource = weightPerSource(rows.map((row) => row.point));
  for (let round = 0; round < 3; round++) {
    const y = rows.map((row) => (row.gb * BYTES_PER_GB) / factors[row.measure].factor);
    const x = rows.map((row) => [1, row.point.physics.rawMemoryBytes]);
    let weights = y.map((value, i) => perSource[i]! / (value * value));
    let coefficients = [fit.overheadFixedBytes, 1 + fit.overheadFraction];
    for (let iteration = 0; iteration < 8; iteration++) {
      coefficients = solveWeighted(x, y, weights, [1e-30, 1e-30]);
      const relative = y.map((value, i) => (value - (coefficients[0]! + coefficients[1]! * x[i]![1]!)) / value);
      const scale = robustScale(relative, 0.01);
      weights = y.map((value, i) => (perSource[i]! * huberWeight(relative[i]! / scale)) / (value * value));
    }
    // Bounded: refit the slope with the intercept clamped, so that a clamp does not leave the slope biased.
    const fixed = clamp(coefficients[0]!, FIXED_BOUNDS);
    const slope = solveWeighted(x.map((row) => [row[1]!]), y.map((value) => value - fixed), weights, [1e-30])[0]!;
    fit = { overheadFixedBytes: fixed, overheadFraction: clamp(slope - 1, FRACTION_BOUNDS) };
    // Each measure's log factor over the allocated rows' level, shrunk towards its prior.
    const residual = rows.map((row) => Math.log((row.gb * BYTES_PER_GB) / allocatedBytes(fit, row.point.physics.rawMemoryBytes)));
    const allocated = residual.filter((_, i) => rows[i]!.measure === "allocated");
    if (allocated.length === 0) continue;
    const reference = median(allocated);
    for (const measure of MEMORY_MEASURES) {
      const own = residual.filter((_, i) => rows[i]!.measure === measure);
      if (measure === "allocated" || own.length === 0) continue;
      const prior = Math.log(priorFactor(measure, options.reservedPrior));
      const share = own.length / (own.length + options.shrinkage);
      factors[measure] = { factor: Math.exp(prior + share * (median(own) - reference - prior)), n: own.length };
    }
  }
  return { ...fit, reservedOverAllocated: factors.reserved.factor, measureFactors: factors, n: rows.length, sources: sortedSources(rows.map((row) => row.point)) };
}

/** The memory a calibration predicts for a point, per GPU, GB, in the point's own measure. */
export function predictPointMemoryGb(calibration: Pick<MeasuredCalibration, "memory">, point: MeasuredPoint): number {
  const measure = point.memory && point.memory.kind !== "oom" ? point.memory.measure : "reserved";
  const factor = measure === "allocated" ? 1 : calibration.memory.measureFactors[measure].factor;
  return (factor * allocatedBytes(calibration.memory, point.physics.rawMemoryBytes)) / BYTES_PER_GB;
}

const efficiencyFeatures = (input: EfficiencyInput) => [
  1,
  Math.log(input.tokensPerStep / TOKENS_REF),
  Math.log(input.modelParams / PARAMS_REF),
  input.quantized ? 1 : 0,
  input.pagedOptimizer ? 1 : 0,
];

/**
 * Throughput: ln(efficiency) on ln(tokens per micro-step), ln(model size), 4-bit base weights and a paged
 * optimizer (ridge-shrunk towards 0, Huber-weighted, each source weighted equally), then a shrunk offset per GPU
 * and per framework (a group of n rows moves n / (n + shrinkage) of the way to its median residual; an unseen GPU
 * or framework gets the pooled value). Efficiency = measured tokens/s x FLOPs per token / the GPUs' dense peak.
 */
function fitEfficiencyModel(points: readonly MeasuredPoint[], options: Required<FitOptions>): EfficiencyModel | null {
  const rows = points.flatMap((point) => {
    const { efficiencyInput, tokensPerSecAtPeak } = point.physics;
    if (!point.throughput || !efficiencyInput || !tokensPerSecAtPeak) return [];
    return [{ point, input: efficiencyInput, y: Math.log(point.throughput.tokensPerSec / tokensPerSecAtPeak) }];
  });
  if (rows.length < options.minThroughputRows) return null;
  const x = rows.map((row) => efficiencyFeatures(row.input));
  const byHardware: Record<string, GroupEffect> = {};
  const byFramework: Record<string, GroupEffect> = {};
  const groupOffset = (i: number) => (byHardware[rows[i]!.input.hardwareId]?.effect ?? 0) + (byFramework[rows[i]!.input.framework]?.effect ?? 0);
  let beta = [median(rows.map((row) => row.y)), 0, 0, 0, 0];
  const perSource = weightPerSource(rows.map((row) => row.point));
  // A feature constant over the rows (every row 4-bit, say) has nothing to fit: its penalty is made large.
  const penalty = [1e-9, ...[1, 2, 3, 4].map((j) => (new Set(x.map((row) => row[j])).size > 1 ? SLOPE_PENALTY : 1e9))];
  for (let round = 0; round < 4; round++) {
    const target = rows.map((row, i) => row.y - groupOffset(i));
    let weights = perSource;
    for (let iteration = 0; iteration < 6; iteration++) {
      beta = solveWeighted(x, target, weights, penalty);
      const residual = target.map((value, i) => value - x[i]!.reduce((sum, feature, j) => sum + feature * beta[j]!, 0));
      const scale = robustScale(residual, 0.05);
      weights = residual.map((r, i) => perSource[i]! * huberWeight(r / scale));
    }
    const fixedPart = (i: number) => x[i]!.reduce((sum, feature, j) => sum + feature * beta[j]!, 0);
    for (const [groups, key, other] of [
      [byHardware, (i: number) => rows[i]!.input.hardwareId, (i: number) => byFramework[rows[i]!.input.framework]?.effect ?? 0],
      [byFramework, (i: number) => rows[i]!.input.framework, (i: number) => byHardware[rows[i]!.input.hardwareId]?.effect ?? 0],
    ] as const) {
      const residuals = new Map<string, number[]>();
      rows.forEach((row, i) => residuals.set(key(i), [...(residuals.get(key(i)) ?? []), row.y - fixedPart(i) - other(i)]));
      for (const [name, values] of residuals) groups[name] = { effect: (values.length / (values.length + options.shrinkage)) * median(values), n: values.length };
    }
  }
  return {
    intercept: beta[0]!,
    tokensSlope: beta[1]!,
    paramsSlope: beta[2]!,
    quantized: beta[3]!,
    paged: beta[4]!,
    byHardware,
    byFramework,
    n: rows.length,
    sources: sortedSources(rows.map((row) => row.point)),
  };
}

function modelEfficiency(model: EfficiencyModel, input: EfficiencyInput): number {
  const [, tokens, params, quantized, paged] = efficiencyFeatures(input);
  const ln =
    model.intercept + model.tokensSlope * tokens! + model.paramsSlope * params! + model.quantized * quantized! + model.paged * paged! +
    (model.byHardware[input.hardwareId]?.effect ?? 0) + (model.byFramework[input.framework]?.effect ?? 0);
  return clamp(Math.exp(ln), EFFICIENCY_BOUNDS);
}

/** The tokens/s a calibration predicts for a point, or null (no GPU, or no efficiency model). */
export function predictPointTokensPerSec(calibration: Pick<MeasuredCalibration, "throughput">, point: MeasuredPoint): number | null {
  const model = calibration.throughput.efficiency;
  const { efficiencyInput, tokensPerSecAtPeak } = point.physics;
  if (!model || !efficiencyInput || !tokensPerSecAtPeak) return null;
  return modelEfficiency(model, efficiencyInput) * tokensPerSecAtPeak;
}

const NO_RESIDUALS: LogResidualQuantiles = { p10: 0, p90: 0, n: 0, sources: [] };

/**
 * The constants physics leaves open, fitted on the measured rows given (estimates never reach here:
 * toMeasuredPoint refuses them). Upper bounds ("fits in X") and OOM rows are not fitted; the evaluation
 * checks them. The intervals are left empty: they come from leaveOneSourceOut (see calibrateOnMeasurements).
 */
export function fitMeasuredCalibration(points: readonly MeasuredPoint[], options: FitOptions = {}): MeasuredCalibration {
  const settings = { ...FIT_DEFAULTS, ...options };
  const memory = fitMemory(points, settings);
  return { memory: { ...memory, logResidual: NO_RESIDUALS }, throughput: { logResidual: NO_RESIDUALS, efficiency: fitEfficiencyModel(points, settings) } };
}

// ---------------------------------------------------------------------------------------------- evaluation

export type HeldOutResidual = {
  id: string;
  name: string;
  sourceId: string;
  quantity: "memory" | "throughput";
  /** GB per GPU or tokens/s. */
  predicted: number;
  measured: number;
  /** ln(measured / predicted); for a bound, ln(bound / predicted) (≥ 0: consistent). */
  logResidual: number;
  kind: "point" | "upper-bound" | "oom";
  /** For a bound or an OOM: whether the prediction is consistent with it. */
  isConsistent: boolean | null;
  /** Filled by summarizeHeldOut: whether the point fell inside the 80 % interval built without its source. */
  isInsideInterval?: boolean | null;
};

/**
 * For each source (one original document), fit on all OTHER sources and predict that source's rows. Never a
 * random split: rows of one table share their quirks (the same script, the same measure, the same GPU), so a
 * split inside a table would grade the fit on what it has already seen.
 */
export function leaveOneSourceOut(points: readonly MeasuredPoint[], options: FitOptions = {}): HeldOutResidual[] {
  const residuals: HeldOutResidual[] = [];
  for (const sourceId of sortedSources(points)) {
    const calibration = fitMeasuredCalibration(points.filter((point) => point.sourceId !== sourceId), options);
    for (const point of points.filter((candidate) => candidate.sourceId === sourceId)) residuals.push(...predictHeldOut(calibration, point));
  }
  return residuals;
}

function predictHeldOut(calibration: MeasuredCalibration, point: MeasuredPoint): HeldOutResidual[] {
  const base = { id: point.id, name: point.name, sourceId: point.sourceId };
  const out: HeldOutResidual[] = [];
  const memory = point.memory;
  if (memory && calibration.memory.n > 0) {
    const predicted = predictPointMemoryGb(calibration, point);
    if (memory.kind === "point") out.push({ ...base, quantity: "memory", predicted, measured: memory.gb, logResidual: Math.log(memory.gb / predicted), kind: "point", isConsistent: null });
    else if (memory.kind === "upper-bound")
      out.push({ ...base, quantity: "memory", predicted, measured: memory.gb, logResidual: Math.log(memory.gb / predicted), kind: "upper-bound", isConsistent: predicted <= memory.gb });
    else out.push({ ...base, quantity: "memory", predicted, measured: memory.cardGb, logResidual: Math.log(memory.cardGb / predicted), kind: "oom", isConsistent: predicted > memory.cardGb });
  }
  const tokens = point.throughput ? predictPointTokensPerSec(calibration, point) : null;
  if (point.throughput && tokens !== null) {
    out.push({ ...base, quantity: "throughput", predicted: tokens, measured: point.throughput.tokensPerSec, logResidual: Math.log(point.throughput.tokensPerSec / tokens), kind: "point", isConsistent: null });
  }
  return out;
}

export type ErrorSummary = {
  n: number;
  /** Median of |predicted - measured| / measured, percent. */
  medianAbsPct: number | null;
  p90AbsPct: number | null;
  /** Share (0-1) of rows within 10 % of the measurement. */
  within10: number | null;
  /** Share (0-1) of rows whose measurement fell inside the 80 % interval built without their own source. */
  intervalCoverage: number | null;
  /** Rows with an interval (a source whose rows are the only ones has no out-of-source residuals). */
  intervalN: number;
};

export type BoundSummary = { n: number; consistent: number };

export type HeldOutSummary = {
  quantity: "memory" | "throughput";
  overall: ErrorSummary;
  bySource: (ErrorSummary & { sourceId: string })[];
  /** "fits in X" rows (memory only): how many predictions stay at or below the bound. */
  upperBounds: BoundSummary;
  /** OOM rows (memory only): how many predictions exceed the card. */
  outOfMemory: BoundSummary;
  /** The 80 % interval from every source's residuals: what predictions carry. */
  interval: LogResidualQuantiles;
  /** The point rows, each with isInsideInterval set (null where its source had no out-of-source interval). */
  marked: HeldOutResidual[];
};

/** Rows needed from the other sources before a held-out source gets an interval. */
export const MIN_INTERVAL_RESIDUALS = 5;

export function errorSummary(rows: readonly HeldOutResidual[]): ErrorSummary {
  const absPct = rows.map((row) => (Math.abs(row.predicted - row.measured) / row.measured) * 100);
  const judged = rows.filter((row) => row.isInsideInterval !== undefined && row.isInsideInterval !== null);
  return {
    n: rows.length,
    medianAbsPct: rows.length ? median(absPct) : null,
    p90AbsPct: rows.length ? quantile(absPct, 0.9) : null,
    within10: rows.length ? absPct.filter((value) => value <= 10).length / rows.length : null,
    intervalCoverage: judged.length ? judged.filter((row) => row.isInsideInterval).length / judged.length : null,
    intervalN: judged.length,
  };
}

/**
 * The 80 % interval of the log residuals, symmetric: ± the 80th percentile of |ln(measured / predicted)|. Not
 * the 10th and 90th percentiles: the direction of a source's bias does not carry over to another source (on the
 * published tables one framework's memory runs above the estimate and another's below), so an interval skewed
 * by the sources in the fit misses a held-out source biased the other way. p10 and p90 keep their names as the
 * interval's lower and upper log bounds.
 */
export function residualQuantiles(rows: readonly HeldOutResidual[]): LogResidualQuantiles {
  const values = rows.map((row) => row.logResidual);
  if (values.length === 0) return NO_RESIDUALS;
  const half = quantile(values.map(Math.abs), 0.8);
  return { p10: -half, p90: half, n: values.length, sources: [...new Set(rows.map((row) => row.sourceId))].sort() };
}

/**
 * Per quantity: accuracy per source and overall, and the honest coverage of the 80 % interval — each held-out
 * source's rows are judged against the interval built from the OTHER sources' residuals only (nested), so no
 * row's own source shapes the interval that grades it. Marks each point's isInsideInterval.
 */
export function summarizeHeldOut(residuals: readonly HeldOutResidual[], quantity: "memory" | "throughput"): HeldOutSummary {
  const all = residuals.filter((row) => row.quantity === quantity);
  const points = all.filter((row) => row.kind === "point");
  const sources = [...new Set(points.map((row) => row.sourceId))].sort();
  const marked: HeldOutResidual[] = [];
  for (const sourceId of sources) {
    const others = points.filter((row) => row.sourceId !== sourceId);
    const interval = others.length >= MIN_INTERVAL_RESIDUALS ? residualQuantiles(others) : null;
    for (const row of points.filter((candidate) => candidate.sourceId === sourceId)) {
      marked.push({ ...row, isInsideInterval: interval ? row.logResidual >= interval.p10 && row.logResidual <= interval.p90 : null });
    }
  }
  const bounds = (kind: "upper-bound" | "oom"): BoundSummary => {
    const rows = all.filter((row) => row.kind === kind);
    return { n: rows.length, consistent: rows.filter((row) => row.isConsistent).length };
  };
  return {
    quantity,
    overall: errorSummary(marked),
    bySource: sources.map((sourceId) => ({ sourceId, ...errorSummary(marked.filter((row) => row.sourceId === sourceId)) })),
    upperBounds: bounds("upper-bound"),
    outOfMemory: bounds("oom"),
    interval: residualQuantiles(points),
    marked,
  };
}

/** Measured tokens/s x FLOPs per token over the GPUs' dense peak: the efficiency a row implies. */
export function impliedEfficiency(point: MeasuredPoint): number | null {
  const { tokensPerSecAtPeak } = point.physics;
  if (!point.throughput || !tokensPerSecAtPeak) return null;
  return point.throughput.tokensPerSec / tokensPerSecAtPeak;
}

/**
 * A throughput that implies more FLOP/s than the GPUs' dense peak is impossible: its conversion to tokens (the
 * tokens per sample a sequence-length convention gives) counted more tokens than were trained. The conversion is
 * the source's convention, shared by its rows of that kind, so when any row is impossible every row of that source
 * and sequence-length kind is refused, with the reason. Judged on the rows' own figures, before any fit.
 */
export function refuseImpossibleThroughput(points: readonly MeasuredPoint[], kinds: ReadonlyMap<string, SeqLenKind>): { points: MeasuredPoint[]; unpredicted: UnpredictedRow[] } {
  const worst = new Map<string, number>();
  const keyOf = (point: MeasuredPoint) => `${point.sourceId}|${kinds.get(point.id) ?? "unknown"}`;
  for (const point of points) {
    const efficiency = impliedEfficiency(point);
    if (efficiency !== null && efficiency > 1) worst.set(keyOf(point), Math.max(worst.get(keyOf(point)) ?? 0, efficiency));
  }
  const unpredicted: UnpredictedRow[] = [];
  const kept = points.flatMap((point): MeasuredPoint[] => {
    const bad = point.throughput ? worst.get(keyOf(point)) : undefined;
    if (bad === undefined) return [point];
    unpredicted.push({
      id: point.id, name: point.name, sourceId: point.sourceId, quantity: "throughput",
      reason: `the source's ${kinds.get(point.id) ?? "unknown"}-length rows converted to tokens imply up to ${bad.toFixed(2)} x the GPU's dense peak, which is impossible: its samples had fewer tokens than the conversion assumes, so none of these rows is used`,
    });
    return point.memory ? [{ ...point, throughput: null }] : [];
  });
  return { points: kept, unpredicted };
}

export type MeasuredEvaluation = {
  calibration: MeasuredCalibration;
  residuals: HeldOutResidual[];
  memory: HeldOutSummary;
  throughput: HeldOutSummary;
  unpredicted: UnpredictedRow[];
};

/**
 * Everything from the measured rows: points, the leave-one-source-out evaluation, and the calibration fitted on
 * every source whose intervals are ± the 80th percentile of the out-of-source residuals' magnitude.
 */
export function calibrateOnMeasurements(rows: readonly MeasurementSeed[], catalog: Catalog, options: FitOptions = {}): MeasuredEvaluation {
  const results = rows.map((row) => toMeasuredPoint(row, catalog));
  const kinds = new Map(rows.map((row) => [row.externalId, row.measurement.seqLenKind]));
  const checked = refuseImpossibleThroughput(results.flatMap((result) => (result.point ? [result.point] : [])), kinds);
  const points = checked.points;
  const unpredicted = [...results.flatMap((result) => result.unpredicted), ...checked.unpredicted];
  const residuals = leaveOneSourceOut(points, options);
  const memory = summarizeHeldOut(residuals, "memory");
  const throughput = summarizeHeldOut(residuals, "throughput");
  const fitted = fitMeasuredCalibration(points, options);
  const calibration: MeasuredCalibration = {
    memory: { ...fitted.memory, logResidual: memory.interval },
    throughput: { ...fitted.throughput, logResidual: throughput.interval },
  };
  return { calibration, residuals, memory, throughput, unpredicted };
}

// ---------------------------------------------------------------------------------------------- predict() reads these

/** The calibrated efficiency (share of the GPU's dense peak) for a configuration, or null when nothing applies. */
export function calibratedEfficiency(calibration: MeasuredCalibration | null | undefined, input: EfficiencyInput): { efficiency: number; source: string } | null {
  const model = calibration?.throughput.efficiency;
  if (!model) return null;
  const hardware = model.byHardware[input.hardwareId];
  const framework = model.byFramework[input.framework];
  const groups = [
    hardware ? `${input.hardwareId} (${hardware.n} rows)` : `no rows on ${input.hardwareId}: pooled`,
    framework ? `${input.framework} (${framework.n} rows)` : `no rows of ${input.framework}: pooled`,
  ];
  return {
    efficiency: modelEfficiency(model, input),
    source: `calibrated on ${model.n} measured rows of ${model.sources.length} source(s); ${groups.join(", ")}; ${Math.round(input.tokensPerStep)} tokens per step`,
  };
}

function interval(quantiles: LogResidualQuantiles, predicted: number, unit: string): PredictionInterval | null {
  if (quantiles.n === 0) return null;
  return {
    low: predicted * Math.exp(quantiles.p10),
    high: predicted * Math.exp(quantiles.p90),
    coverage: 0.8,
    basis: `± the 80th percentile of |ln(measured / predicted)| over ${quantiles.n} out-of-source residuals of ${unit} (${quantiles.sources.length} sources: ${quantiles.sources.join(", ")}), each row predicted with its own source left out of the fit`,
  };
}

/**
 * An allocated peak (what memory.ts estimates, with the calibration's overhead) in another measure: torch's
 * reserved peak is what the card must hold, nvidia-smi adds what lives outside torch's allocator. GB in, GB out.
 */
export function peakInMeasure(calibration: MeasuredCalibration | null | undefined, allocatedGb: number, measure: MemoryMeasure): number {
  if (!calibration || measure === "allocated") return allocatedGb;
  return allocatedGb * calibration.memory.measureFactors[measure].factor;
}

/**
 * The 80 % interval around a memory prediction in GB, or null without a calibration. The residuals were taken
 * in each row's own measure, so the interval applies to a prediction in any one measure (see peakInMeasure).
 */
export function memoryInterval(calibration: MeasuredCalibration | null | undefined, predictedGb: number): PredictionInterval | null {
  return calibration ? interval(calibration.memory.logResidual, predictedGb, "peak memory") : null;
}

/** The 80 % interval around a throughput prediction in tokens/s, or null without a calibration. */
export function throughputInterval(calibration: MeasuredCalibration | null | undefined, predictedTokensPerSec: number): PredictionInterval | null {
  return calibration ? interval(calibration.throughput.logResidual, predictedTokensPerSec, "throughput") : null;
}

export type { PredictConfigLike };
