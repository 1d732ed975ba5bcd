// One prediction in the contract's shape (predictionSchema, lib/schemas/predict.ts), and sweeps over it. The
// catalog, the efficiency fit and the quality model come in through the context: nothing here reads a database.
import type { Prediction, PredictConfig, SWEEPABLE_FIELDS } from "@/lib/schemas/predict";
import { formatCount, formatDuration, formatGb, formatPct, formatUsd } from "./format";
import { adviseFit, describeFit, isFit } from "./fit-advice";
import { findLimits, fits } from "./limits";
import { describeSetting, FRAMEWORK_DEFAULTS, resolveTraining, type AppliedSetting, type TrainingSettings } from "./frameworks";
import { activationSeqLen, BYTES_PER_GB, estimateMemory, estimateMemoryBytes, type MemoryOptions } from "./memory";
import { expandTargetModules, fromArchitectureInput } from "./params";
import { predictQuality, type QualityModel } from "./quality";
import { estimateCost, estimateTime, fitEfficiency, predictThroughput, type EfficiencyFit, type ThroughputEstimate } from "./throughput";
import { calibratedEfficiency, memoryInterval, throughputInterval, type MeasuredCalibration } from "./measured";
import type { GpuSpec, ModelArchitecture } from "./types";

export type PredictContext = {
  /** The model catalog (seed/catalog/models.ts rows or the Model table). */
  models: readonly ModelArchitecture[];
  gpus: readonly GpuSpec[];
  efficiency?: EfficiencyFit | null;
  qualityModel?: QualityModel | null;
  /** Constants and residuals fitted to the measured benchmark rows (lib/predict/measured.ts); physics' defaults without. */
  calibration?: MeasuredCalibration | null;
};

/** A request the estimators cannot answer (an uncatalogued model without an architecture). */
export class PredictInputError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "PredictInputError";
  }
}

/** The catalog entry whose id, Hugging Face id or name matches (case-insensitive), else the explicit architecture. */
export function resolveArchitecture(config: Pick<PredictConfig, "model" | "architecture">, models: readonly ModelArchitecture[]): { arch: ModelArchitecture; label: string } {
  const wanted = config.model?.trim().toLowerCase();
  const match = wanted ? models.find((m) => [m.id, m.hfId, m.name].some((key) => key?.toLowerCase() === wanted)) : undefined;
  if (match) return { arch: match, label: `${match.name ?? match.id} (catalog ${match.id})` };
  if (config.architecture) return { arch: fromArchitectureInput(config.architecture), label: `${config.model ?? "explicit architecture"} (explicit architecture)` };
  throw new PredictInputError(`model "${config.model ?? ""}" is not in the catalog: give its architecture`, "architecture");
}

const EMPTY_FIT = fitEfficiency([], []);

/**
 * The memory options of a request: its fp32-master-weights override and LoRA dropout, and the overhead constants
 * fitted to the measured rows when a calibration is given (memory.ts's defaults otherwise).
 */
export function memoryOptionsOf(config: Pick<PredictConfig, "masterWeights" | "loraDropout">, calibration?: MeasuredCalibration | null): MemoryOptions {
  return {
    fp32MasterWeights: config.masterWeights,
    loraDropout: config.loraDropout,
    ...(calibration ? { overheadFixedBytes: calibration.memory.overheadFixedBytes, overheadFraction: calibration.memory.overheadFraction } : {}),
  };
}

/** Tokens/s on a GPU: the measured calibration's efficiency when it has one for this configuration, else the runs' fit. */
export function throughputOf(arch: ModelArchitecture, config: PredictConfig, gpu: GpuSpec, context: PredictContext, modelParams: number): ThroughputEstimate {
  const tokensPerExample = config.tokensPerExample ?? config.seqLen;
  const rowTokens = activationSeqLen(config, resolveTraining(config).settings.packing);
  const calibrated = calibratedEfficiency(context.calibration, {
    hardwareId: gpu.id,
    framework: config.framework,
    method: config.method,
    quantized: config.method === "qlora",
    tokensPerStep: config.batchSize * rowTokens,
    modelParams,
    pagedOptimizer: config.optimizer.startsWith("paged"),
  });
  return predictThroughput(arch, { ...config, tokensPerExample }, gpu, context.efficiency ?? EMPTY_FIT, { efficiency: calibrated });
}

/** The short citation of a default's source ("pytorch/torchtune@bd2a0fc recipes/configs/...yaml"), for reasoning lines. */
function citation(why: string): string {
  const source = why.split(": ")[0] ?? why;
  return source.replace(/@([0-9a-f]{7})[0-9a-f]{33}/g, "@$1");
}

/** Which defaults applied and who decided them, one line for the framework's and one for the request's. */
export function describeDefaults(settings: TrainingSettings, applied: readonly AppliedSetting[], method?: PredictConfig["method"]): string[] {
  const label = FRAMEWORK_DEFAULTS[settings.framework].label;
  const byFramework = applied.filter((entry) => entry.origin === "framework");
  const byRequest = applied.filter((entry) => entry.origin === "request");
  const lines: string[] = [];
  if (byFramework.length) {
    lines.push(`${label} defaults applied: ${byFramework.map((entry) => `${describeSetting(entry.field, entry.value, settings, method)} (${citation(entry.why)})`).join("; ")}.`);
  }
  if (byRequest.length) lines.push(`Set in the request: ${byRequest.map((entry) => describeSetting(entry.field, entry.value, settings, method)).join(", ")}.`);
  return lines;
}

export function predict(request: PredictConfig, context: PredictContext): Prediction {
  // The framework decides what the request leaves out, once, so that memory, limits, throughput and the fit
  // advice all see the same settings (gradient checkpointing made explicit for callers that read it).
  const { settings, applied } = resolveTraining(request);
  const config: PredictConfig = { ...request, gradientCheckpointing: settings.gradientCheckpointing };
  const { arch, label } = resolveArchitecture(config, context.models);
  const options = memoryOptionsOf(config, context.calibration);
  const memory = estimateMemory(config, arch, options);
  const gpu = config.hardware ? context.gpus.find((g) => g.id === config.hardware) : undefined;
  const reasoning: string[] = [];
  const isFull = config.method === "full";
  const adapted = expandTargetModules(config.targetModules);
  reasoning.push(
    `Model: ${label}, ${formatCount(memory.totalParams)} parameters; trainable ${formatCount(memory.trainableParams)} (${formatPct(memory.trainableParams / memory.totalParams)})` +
      (isFull ? " with full fine-tuning." : ` with ${config.method === "qlora" ? "QLoRA" : "LoRA"} r=${config.rank} on ${[...adapted.projections, ...(adapted.lmHead ? ["lm_head"] : [])].join(", ")}.`),
  );
  reasoning.push(...describeDefaults(settings, applied, config.method));
  reasoning.push(...memory.assumptions);
  const parts = Object.entries(memory.breakdownGb)
    .filter(([, gb]) => gb > 0)
    .map(([name, gb]) => `${name.replace(/Gb$/, "")} ${gb.toFixed(2)}`)
    .join(" + ");
  reasoning.push(`Peak per GPU: ${formatGb(memory.totalGb)} = ${parts} (GB).`);

  const fitRows = fits(memory.totalGb, context.gpus);
  const fitting = fitRows.filter((row) => row.fits).sort((a, b) => a.memoryGb - b.memoryGb);
  reasoning.push(
    fitting.length > 0
      ? `Fits ${fitting.length} of ${fitRows.length} catalogued GPUs; the smallest is ${fitting[0]!.name} (${fitting[0]!.memoryGb} GB).`
      : `Fits none of the ${fitRows.length} catalogued GPUs at this configuration.`,
  );

  let limits: Prediction["limits"] = null;
  let throughput: Prediction["throughput"] = null;
  let time: Prediction["time"] = null;
  let cost: Prediction["cost"] = null;
  let fitAdvice: string[] = [];
  if (config.hardware && !gpu) reasoning.push(`Hardware "${config.hardware}" is not in the catalog: no limits, throughput, time or cost.`);
  if (gpu) {
    limits = findLimits(config, arch, gpu, options);
    reasoning.push(
      `On ${gpu.name} (${gpu.memoryGb} GB): largest batch at seqLen ${config.seqLen} is ${limits.maxBatchSize ?? "none (batch 1 does not fit)"}; ` +
        `largest seqLen at batch ${config.batchSize} is ${limits.maxSeqLen === null ? "none" : formatCount(limits.maxSeqLen)}.`,
    );
    const tokensPerExample = config.tokensPerExample ?? config.seqLen;
    const estimate = throughputOf(arch, config, gpu, context, memory.totalParams);
    throughput = {
      tokensPerSec: estimate.tokensPerSec,
      samplesPerSec: estimate.samplesPerSec,
      flopsPerToken: estimate.flopsPerToken,
      efficiency: estimate.efficiency,
      efficiencySource: estimate.efficiencySource,
      interval: throughputInterval(context.calibration, estimate.tokensPerSec),
    };
    reasoning.push(
      `Throughput: ${estimate.flopsPerToken.toExponential(3)} FLOPs/token` +
        (estimate.dequantFactor > 1 ? ` (x${estimate.dequantFactor.toFixed(2)} for dequantization)` : "") +
        `; ${estimate.efficiency.toFixed(2)} x ${estimate.peakTflops} TFLOP/s x ${config.gpuCount} GPU(s) → ${formatCount(estimate.tokensPerSec)} tokens/s (${estimate.efficiencySource}).`,
    );
    // The changes that would make it fit, each checked by this same prediction (without hardware, so it neither
    // recurses nor prices); also for a configuration whose interval straddles the card.
    const peak = { totalGb: memory.totalGb, interval: memoryInterval(context.calibration, memory.totalGb) };
    if (!isFit(peak, gpu.memoryGb)) {
      const estimatePeak = (candidate: PredictConfig) => {
        const { totalGb, interval } = predict({ ...candidate, hardware: undefined }, { ...context, qualityModel: null }).memory;
        return { totalGb, interval: interval ?? memoryInterval(context.calibration, totalGb) };
      };
      fitAdvice = adviseFit({ config, gpu, gpus: context.gpus, estimatePeak }).map((change) => change.advice);
    }
    const verdict = describeFit(peak.totalGb, peak.interval, gpu.memoryGb);
    if (memory.totalGb > gpu.memoryGb) {
      // Nobody can buy a run that does not fit: no time or cost.
      reasoning.push(`On one ${gpu.name}: ${verdict.text}, so no time or cost. ` + (fitAdvice.length ? `It would fit with: ${fitAdvice.join(" ")}` : "No single change found makes it fit."));
    } else if (verdict.kind === "may-not-fit") {
      reasoning.push(`On one ${gpu.name}: ${verdict.text}. ${fitAdvice.length ? `To be safe: ${fitAdvice.join(" ")}` : ""}`.trim());
    }
    if (memory.totalGb <= gpu.memoryGb && config.datasetSize) {
      time = estimateTime(estimate.tokensPerSec, { datasetSize: config.datasetSize, epochs: config.epochs, tokensPerExample });
      cost = estimateCost(time.seconds, gpu, config.gpuCount);
      reasoning.push(
        `Time: ${formatCount(config.datasetSize)} examples x ${config.epochs} epoch(s) x ${formatCount(tokensPerExample)} tokens = ${formatCount(time.tokens)} tokens → ${formatDuration(time.seconds)}; ` +
          `cost ${formatUsd(cost.usd)} = ${cost.gpuHours.toFixed(2)} GPU-hours x $${gpu.hourlyPriceUsd}/h.`,
      );
    }
  }

  let quality: Prediction["quality"] = null;
  if (context.qualityModel) {
    const result = predictQuality(context.qualityModel, { method: config.method, modelParams: memory.totalParams, rank: config.rank, targetModules: config.targetModules });
    quality = { mtBench: result.mtBench, mmlu: result.mmlu, leaveOneOutError: result.leaveOneOutError, evidence: result.evidence, notes: result.notes };
    reasoning.push(...result.notes);
    if (result.mtBench) reasoning.push(`MT-Bench ${result.mtBench.point.toFixed(2)} (95% interval ${result.mtBench.low.toFixed(2)}-${result.mtBench.high.toFixed(2)}, counting sources, not cells: see the note above).`);
    if (result.mmlu) reasoning.push(`MMLU ${result.mmlu.point.toFixed(1)} (95% interval ${result.mmlu.low.toFixed(1)}-${result.mmlu.high.toFixed(1)}).`);
  }

  return {
    memory: { totalGb: memory.totalGb, breakdown: memory.breakdownGb, totalParams: memory.totalParams, trainableParams: memory.trainableParams, interval: memoryInterval(context.calibration, memory.totalGb) },
    defaults: applied,
    fitAdvice,
    fits: fitRows,
    limits,
    throughput,
    time,
    cost,
    quality,
    reasoning,
  };
}

export type SweepField = (typeof SWEEPABLE_FIELDS)[number];
export type SweepVary = readonly { field: SweepField; values: readonly number[] }[];
export type SweepPoint = {
  values: Partial<Record<SweepField, number>>;
  totalGb: number;
  /** Whether it fits the chosen hardware; null without one. */
  fits: boolean | null;
  headroomGb: number | null;
  tokensPerSec: number | null;
  seconds: number | null;
  costUsd: number | null;
  mtBench: number | null;
  mmlu: number | null;
};

/** Every combination of the varied fields (at most two, at most 1,000 points), summarised for charts. */
export function sweep(base: PredictConfig, vary: SweepVary, context: PredictContext): SweepPoint[] {
  const { arch } = resolveArchitecture(base, context.models);
  const gpu = base.hardware ? context.gpus.find((g) => g.id === base.hardware) : undefined;
  let combinations: Partial<Record<SweepField, number>>[] = [{}];
  for (const { field, values } of vary) combinations = combinations.flatMap((combo) => values.map((value) => ({ ...combo, [field]: value })));
  const qualityByRank = new Map<number, { mtBench: number | null; mmlu: number | null }>();
  const options = memoryOptionsOf(base, context.calibration);
  const totalParams = estimateMemoryBytes(base, arch, options).totalParams;
  return combinations.map((values) => {
    // Resolved per point: LitGPT's checkpointing default depends on the GPU count, which a sweep may vary.
    const point = { ...base, ...values };
    const config: PredictConfig = { ...point, gradientCheckpointing: resolveTraining(point).settings.gradientCheckpointing };
    const memory = estimateMemoryBytes(config, arch, options);
    const totalGb = memory.totalBytes / BYTES_PER_GB;
    let tokensPerSec: number | null = null;
    let seconds: number | null = null;
    let costUsd: number | null = null;
    if (gpu) {
      const tokensPerExample = config.tokensPerExample ?? config.seqLen;
      tokensPerSec = throughputOf(arch, config, gpu, context, totalParams).tokensPerSec;
      // A point that does not fit is not priced, as on /plan.
      if (config.datasetSize && totalGb <= gpu.memoryGb) {
        seconds = estimateTime(tokensPerSec, { datasetSize: config.datasetSize, epochs: config.epochs, tokensPerExample }).seconds;
        costUsd = estimateCost(seconds, gpu, config.gpuCount).usd;
      }
    }
    let quality = qualityByRank.get(config.rank);
    if (!quality) {
      const result = context.qualityModel
        ? predictQuality(context.qualityModel, { method: config.method, modelParams: totalParams, rank: config.rank, targetModules: config.targetModules }, 0)
        : null;
      quality = { mtBench: result?.mtBench?.point ?? null, mmlu: result?.mmlu?.point ?? null };
      qualityByRank.set(config.rank, quality);
    }
    return {
      values,
      totalGb,
      fits: gpu ? totalGb <= gpu.memoryGb : null,
      headroomGb: gpu ? gpu.memoryGb - totalGb : null,
      tokensPerSec,
      seconds,
      costUsd,
      ...quality,
    };
  });
}
