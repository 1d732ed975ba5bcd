// Throughput from a FLOPs model and an efficiency (share of the GPU's dense peak) fitted to runs that report
// throughput on that hardware; then time and cost for a dataset. FLOPs are per training token; TFLOP/s = 1e12.
// The fit leaves out rejected runs and, per GPU, runs whose efficiency is an outlier among that GPU's runs.
import { defaultOf, describeSetting, trainingOf } from "./frameworks";
import { activationSeqLen, resolveQuantization } from "./memory";
import { countLoraParameters, countParameters, expandTargetModules, projectionShapes } from "./params";
import { median, OUTLIER_THRESHOLD, REJECTED_REASON, robustScores } from "./robust";
import type { GpuSpec, IgnoredRun, Method, ModelArchitecture, TargetModule, ThroughputObservation, TrainingConfig } from "./types";

/**
 * Time multiplier on matmuls over quantized weights: bitsandbytes dequantizes each weight tile to 16-bit
 * before the matmul in the forward, in the backward and in the recompute. An assumed 1.3x for 4-bit and 1.5x
 * for LLM.int8 (its outlier decomposition is slower); a fitted per-method efficiency absorbs the rest.
 */
export const DEQUANT_OVERHEAD = { nf4: 1.3, fp4: 1.3, int8: 1.5, none: 1 } as const;
/** Model FLOPs utilisation assumed for hardware with no throughput runs; a typical MFU of 30-40% for fine-tuning. */
export const DEFAULT_EFFICIENCY = 0.35;
/** Sequence length assumed for runs that report samples/s without one (the articles' speed table does). */
export const OBSERVATION_DEFAULT_SEQ_LEN = 512;
export const OBSERVATION_DEFAULT_RANK = 16;
export const OBSERVATION_DEFAULT_TARGETS: TargetModule[] = ["q_proj", "v_proj"];
/** fp32 training runs on TF32 tensor cores at half the 16-bit rate (A100/H100 datasheets: 156 vs 312 TFLOP/s). */
export const TF32_RATE = 0.5;

export type FlopsConfig = Pick<TrainingConfig, "method" | "rank" | "targetModules" | "seqLen" | "gradientCheckpointing" | "quantization"> &
  Partial<Pick<TrainingConfig, "framework" | "gpuCount">>;

/**
 * Speed multiplier of torch.compile on the FLOPs model: 1 until the calibration fits one (lib/predict/measured.ts);
 * a hook, so that the compiled runs' efficiency is not folded into everyone's.
 */
export const COMPILE_SPEED_FACTOR = 1;

export type FlopsPerToken = {
  forward: number;
  backward: number;
  recompute: number;
  /** forward + backward + recompute: hardware FLOPs per trained token. */
  total: number;
  /** The part of total spent in matmuls over quantized weights. */
  quantizedMatmul: number;
  /** total with the dequantization multiplier applied to quantizedMatmul: the time-equivalent FLOPs. */
  effective: number;
};

/**
 * FLOPs per token. Forward = 2 x (matmul parameters: the seven projections and lm_head; embeddings are a
 * lookup) + attention 4·s·qDim per layer (QK^T and softmax·V, 2·s·qDim each: Hoffmann et al. 2022, App. F;
 * Kaplan et al. 2020, Table 1), non-causal as both count it. Full fine-tuning: backward = 2 x forward (input
 * and weight gradients). Adapters: the frozen weights need input gradients only (1 x their forward), attention
 * still 2x, and the adapter matmuls 2x. Gradient checkpointing recomputes the decoder layers' forward once; left
 * out of the config, the framework's default decides it (lib/predict/frameworks.ts).
 */
export function flopsPerToken(arch: ModelArchitecture, config: FlopsConfig): FlopsPerToken {
  const checkpointing = config.gradientCheckpointing ?? trainingOf(config).gradientCheckpointing;
  const counts = countParameters(arch);
  const shapes = projectionShapes(arch);
  const layerMatmuls = 2 * counts.linearWeights;
  const headMatmul = 2 * arch.vocabSize * arch.hiddenSize;
  const attention = 4 * config.seqLen * shapes.q_proj.dOut * arch.numLayers;
  const isFull = config.method === "full";
  const adapted = expandTargetModules(config.targetModules);
  const adapter = isFull ? 0 : 2 * countLoraParameters(arch, config.rank, config.targetModules);
  const headAdapter = !isFull && adapted.lmHead ? 2 * config.rank * (arch.hiddenSize + arch.vocabSize) : 0;

  const forward = layerMatmuls + headMatmul + attention + adapter;
  const backward = isFull ? 2 * forward : layerMatmuls + headMatmul + 2 * attention + 2 * adapter;
  const recompute = checkpointing ? layerMatmuls + attention + adapter - headAdapter : 0;
  const total = forward + backward + recompute;
  const quantization = resolveQuantization(config);
  const passes = 2 + (checkpointing ? 1 : 0);
  const quantizedMatmul = quantization === "none" ? 0 : passes * layerMatmuls;
  const effective = total + (DEQUANT_OVERHEAD[quantization] - 1) * quantizedMatmul;
  return { forward, backward, recompute, total, quantizedMatmul, effective };
}

/** Dense tensor peak in TFLOP/s for the compute dtype. A GPU without bf16 (T4) runs fp16 instead. */
export function peakTflops(gpu: GpuSpec, precision: TrainingConfig["precision"]): { tflops: number; note: string } {
  if (precision === "fp32") return { tflops: gpu.fp16DenseTflops * TF32_RATE, note: `TF32 at ${TF32_RATE} x the 16-bit peak` };
  if (precision === "bf16" && gpu.bf16DenseTflops === null) {
    return { tflops: gpu.fp16DenseTflops, note: `${gpu.name} has no bf16 tensor cores: its fp16 peak is used` };
  }
  const tflops = precision === "bf16" ? (gpu.bf16DenseTflops ?? gpu.fp16DenseTflops) : gpu.fp16DenseTflops;
  return { tflops, note: `${precision} dense peak` };
}

export type EfficiencyPoint = {
  runId: string;
  hardwareId: string;
  method: Method;
  tokensPerSec: number;
  effectiveFlopsPerToken: number;
  efficiency: number;
  assumed: string[];
};
export type EfficiencyGroup = { efficiency: number; count: number };
export type EfficiencyFit = {
  /** The runs fitted (ignored runs are not among them). */
  points: EfficiencyPoint[];
  byHardwareMethod: Record<string, EfficiencyGroup>;
  byHardware: Record<string, EfficiencyGroup>;
  defaultEfficiency: number;
  /** Runs left out of the fit, with the reason. */
  ignored: IgnoredRun[];
};

/** Fewer runs on one GPU than this, and none of them is judged an outlier: with two, which one is wrong? */
export const MIN_RUNS_PER_GPU_FOR_OUTLIERS = 3;
/**
 * Floor of the outlier scale for ln(efficiency): 0.25, so a run within e^(3.5 x 0.25) = 2.4x of its GPU's
 * median is never an outlier. Methods legitimately differ by up to about 1.5x on one GPU; a unit slip (samples/s
 * logged as tokens/s, one GPU's rate as the node's) is 8x to 2,048x.
 */
export const MIN_LOG_EFFICIENCY_SCALE = 0.25;

/** Runs whose ln(efficiency) lies beyond OUTLIER_THRESHOLD robust SDs of their GPU's median. */
function efficiencyOutliers(points: readonly EfficiencyPoint[], names: ReadonlyMap<string, string>): IgnoredRun[] {
  const byGpu = new Map<string, EfficiencyPoint[]>();
  for (const point of points) byGpu.set(point.hardwareId, [...(byGpu.get(point.hardwareId) ?? []), point]);
  return [...byGpu].flatMap(([hardwareId, group]) => {
    if (group.length < MIN_RUNS_PER_GPU_FOR_OUTLIERS) return [];
    const { center, scores } = robustScores(group.map((point) => Math.log(point.efficiency)), MIN_LOG_EFFICIENCY_SCALE);
    return group.flatMap((point, i): IgnoredRun[] => {
      if (scores[i]! <= OUTLIER_THRESHOLD) return [];
      const ratio = point.efficiency / Math.exp(center);
      const times = ratio >= 1 ? `${ratio.toFixed(1)}x` : `1/${(1 / ratio).toFixed(1)}`;
      return [{
        runId: point.runId,
        name: names.get(point.runId) ?? point.runId,
        fit: "efficiency",
        reason:
          `efficiency ${point.efficiency.toPrecision(2)} is ${times} the median of the ${group.length} runs on ${hardwareId} (${Math.exp(center).toPrecision(2)}), ` +
          `${scores[i]!.toFixed(1)} MADs from it in log scale: outlier (limit ${OUTLIER_THRESHOLD}; was a throughput logged in the wrong unit?)`,
      }];
    });
  });
}

/** Without an architecture: 2·N forward per token, tripled for full fine-tuning, doubled for adapters. */
function approximateFlops(modelParams: number, method: Method): number {
  return 2 * modelParams * (method === "full" ? 3 : 2);
}

/**
 * Efficiency = observed tokens/s x effective FLOPs per token / (peak FLOP/s x GPUs), per run; the median per
 * hardware and method and per hardware. Runs without a sequence length are read at 512 tokens per sample, so
 * their efficiency is only meaningful next to predictions that make the same assumption about the article.
 */
export function fitEfficiency(observations: readonly ThroughputObservation[], gpus: readonly GpuSpec[], defaultEfficiency = DEFAULT_EFFICIENCY): EfficiencyFit {
  const measured: EfficiencyPoint[] = [];
  const ignored: IgnoredRun[] = [];
  const names = new Map(observations.map((observation) => [observation.runId, observation.name ?? observation.runId]));
  for (const observation of observations) {
    const gpu = gpus.find((candidate) => candidate.id === observation.hardwareId);
    if (!gpu) continue;
    if (observation.reviewStatus === "rejected") {
      ignored.push({ runId: observation.runId, name: observation.name ?? observation.runId, fit: "efficiency", reason: REJECTED_REASON });
      continue;
    }
    const assumed: string[] = [];
    const seqLen = observation.seqLen ?? OBSERVATION_DEFAULT_SEQ_LEN;
    if (observation.seqLen === null) assumed.push(`seqLen ${OBSERVATION_DEFAULT_SEQ_LEN}`);
    const tokensPerSec = observation.tokensPerSec ?? (observation.samplesPerSec === null ? null : observation.samplesPerSec * seqLen);
    if (tokensPerSec === null || tokensPerSec <= 0) continue;
    const precision = observation.precision ?? "bf16";
    let effective: number;
    if (observation.arch) {
      if (observation.rank === null && observation.method !== "full") assumed.push(`rank ${OBSERVATION_DEFAULT_RANK}`);
      if (observation.targetModules === null && observation.method !== "full") assumed.push("q_proj, v_proj");
      const framework = observation.framework ?? "transformers";
      const checkpointing = observation.gradientCheckpointing ?? trainingOf({ framework, method: observation.method, gpuCount: observation.gpuCount }).gradientCheckpointing;
      if (observation.gradientCheckpointing === null) assumed.push(`${describeSetting("gradientCheckpointing", checkpointing)} (${defaultOf(framework)})`);
      effective = flopsPerToken(observation.arch, {
        method: observation.method,
        rank: observation.rank ?? OBSERVATION_DEFAULT_RANK,
        targetModules: observation.targetModules ?? OBSERVATION_DEFAULT_TARGETS,
        seqLen,
        gradientCheckpointing: checkpointing,
        quantization: observation.quantization ?? undefined,
      }).effective;
    } else {
      assumed.push("FLOPs from the parameter count alone");
      effective = approximateFlops(observation.modelParams, observation.method);
    }
    const peak = peakTflops(gpu, precision).tflops * 1e12 * (observation.gpuCount ?? 1);
    measured.push({ runId: observation.runId, hardwareId: gpu.id, method: observation.method, tokensPerSec, effectiveFlopsPerToken: effective, efficiency: (tokensPerSec * effective) / peak, assumed });
  }
  const outliers = efficiencyOutliers(measured, names);
  ignored.push(...outliers);
  const outlierIds = new Set(outliers.map((run) => run.runId));
  const points = measured.filter((point) => !outlierIds.has(point.runId));
  const group = (key: (point: EfficiencyPoint) => string) => {
    const buckets = new Map<string, number[]>();
    for (const point of points) buckets.set(key(point), [...(buckets.get(key(point)) ?? []), point.efficiency]);
    return Object.fromEntries([...buckets].map(([name, values]) => [name, { efficiency: median(values), count: values.length }]));
  };
  return {
    points,
    byHardwareMethod: group((point) => `${point.hardwareId}|${point.method}`),
    byHardware: group((point) => point.hardwareId),
    defaultEfficiency,
    ignored,
  };
}

/** The efficiency to use for a GPU and method: hardware and method, else hardware, else the default. */
export function efficiencyFor(fit: EfficiencyFit, hardwareId: string, method: Method): { efficiency: number; source: string } {
  const exact = fit.byHardwareMethod[`${hardwareId}|${method}`];
  if (exact) return { efficiency: exact.efficiency, source: `fitted: median of ${exact.count} ${method} run(s) on ${hardwareId}` };
  const hardware = fit.byHardware[hardwareId];
  if (hardware) return { efficiency: hardware.efficiency, source: `fitted: median of ${hardware.count} run(s) of any method on ${hardwareId}` };
  return { efficiency: fit.defaultEfficiency, source: `default ${fit.defaultEfficiency} (no throughput runs on ${hardwareId})` };
}

export type ThroughputEstimate = {
  tokensPerSec: number;
  samplesPerSec: number;
  flopsPerToken: number;
  efficiency: number;
  efficiencySource: string;
  peakTflops: number;
  dequantFactor: number;
};

export type ThroughputOptions = {
  /** An efficiency to use instead of the fit's (the measured calibration's, lib/predict/measured.ts). */
  efficiency?: { efficiency: number; source: string } | null;
  /** Multiplier on tokens/s, e.g. a fitted torch.compile speed-up; default COMPILE_SPEED_FACTOR when compiled, else 1. */
  speedFactor?: number;
};

/**
 * Tokens/s = efficiency x peak x GPUs / effective FLOPs per token (data parallel assumed to scale linearly), times
 * the speed factor. Attention FLOPs are at the row length: seqLen when packed, else the padded length
 * (tokensPerExample, at most seqLen), as memory sizes the activations.
 */
export function predictThroughput(
  arch: ModelArchitecture,
  config: FlopsConfig & Pick<TrainingConfig, "precision" | "gpuCount"> & Partial<Pick<TrainingConfig, "packing" | "torchCompile">> & { tokensPerExample?: number },
  gpu: GpuSpec,
  fit: EfficiencyFit,
  options: ThroughputOptions = {},
): ThroughputEstimate {
  const training = trainingOf(config);
  const flops = flopsPerToken(arch, { ...config, seqLen: activationSeqLen(config, training.packing), gradientCheckpointing: training.gradientCheckpointing });
  const { efficiency, source } = options.efficiency ?? efficiencyFor(fit, gpu.id, config.method);
  const peak = peakTflops(gpu, config.precision).tflops;
  const speed = options.speedFactor ?? (training.torchCompile ? COMPILE_SPEED_FACTOR : 1);
  const tokensPerSec = (efficiency * peak * 1e12 * config.gpuCount * speed) / flops.effective;
  return {
    tokensPerSec,
    samplesPerSec: tokensPerSec / (config.tokensPerExample ?? config.seqLen),
    flopsPerToken: flops.total,
    efficiency,
    efficiencySource: source,
    peakTflops: peak,
    dequantFactor: flops.effective / flops.total,
  };
}

/** Training tokens = examples x epochs x tokens per example; seconds at the predicted tokens/s. */
export function estimateTime(tokensPerSec: number, dataset: { datasetSize: number; epochs: number; tokensPerExample: number }): { seconds: number; tokens: number } {
  const tokens = dataset.datasetSize * dataset.epochs * dataset.tokensPerExample;
  return { seconds: tokens / tokensPerSec, tokens };
}

/** Cost in USD = GPU-hours x the catalog's hourly price for one GPU. */
export function estimateCost(seconds: number, gpu: GpuSpec, gpuCount: number): { usd: number; hourlyPriceUsd: number; gpuHours: number } {
  const gpuHours = (seconds / 3600) * gpuCount;
  return { usd: gpuHours * gpu.hourlyPriceUsd, hourlyPriceUsd: gpu.hourlyPriceUsd, gpuHours };
}
