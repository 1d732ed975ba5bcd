// Whether a configuration fits a card, said with its margin and its interval, and when it does not, the
// changes that would make it fit. Every change is checked by the same estimator that judged the configuration
// (the caller passes it in as peakGb), so advice never promises a fit the estimate itself would deny. GB = 1e9
// bytes, per GPU, against the catalog's marketed size (as limits.ts's fits()).
import type { PredictConfig, PredictionInterval } from "@/lib/schemas/predict";
import { largestFitting, MAX_SEQ_LEN } from "./limits";
import type { GpuSpec } from "./types";

export type FitVerdict = {
  kind: "fits" | "may-not-fit" | "does-not-fit";
  /** "fits: 19.2–21.4 GB of 24 GB (2.6 GB to spare)", "does not fit: 31.5 GB (29.0–34.0) on a 24 GB card". */
  text: string;
  /** GB left on the card by the interval's upper end (by the point without an interval); negative when over. */
  marginGb: number;
};

const gb = (value: number) => value.toFixed(1);
const card = (memoryGb: number) => `${memoryGb} GB`;

/**
 * The verdict for a per-GPU peak on a card. With an interval: fits when its upper end fits, does not fit when
 * its lower end is over, and may not fit when the card lies inside it. Without one, the point decides and the
 * text says that nothing calibrated bounds it.
 */
export function describeFit(totalGb: number, interval: Pick<PredictionInterval, "low" | "high"> | null, memoryGb: number): FitVerdict {
  if (!interval) {
    const marginGb = memoryGb - totalGb;
    return marginGb >= 0
      ? { kind: "fits", marginGb, text: `fits: ${gb(totalGb)} GB of ${card(memoryGb)} (${gb(marginGb)} GB to spare; no calibrated interval)` }
      : { kind: "does-not-fit", marginGb, text: `does not fit: ${gb(totalGb)} GB on a ${card(memoryGb)} card (${gb(-marginGb)} GB over; no calibrated interval)` };
  }
  const range = `${gb(interval.low)}–${gb(interval.high)}`;
  if (interval.high <= memoryGb) {
    const marginGb = memoryGb - interval.high;
    return { kind: "fits", marginGb, text: `fits: ${range} GB of ${card(memoryGb)} (${gb(marginGb)} GB to spare)` };
  }
  const marginGb = memoryGb - interval.high;
  if (interval.low > memoryGb) return { kind: "does-not-fit", marginGb, text: `does not fit: ${gb(totalGb)} GB (${range}) on a ${card(memoryGb)} card` };
  return {
    kind: "may-not-fit",
    marginGb,
    text: `may not fit: ${gb(totalGb)} GB (${range}) on a ${card(memoryGb)} card; the upper end of the 80 % interval is ${gb(-marginGb)} GB over`,
  };
}

/** A peak per GPU in GB with its 80 % interval (null when nothing is calibrated), as predict() reports it. */
export type PeakEstimate = { totalGb: number; interval: Pick<PredictionInterval, "low" | "high"> | null };

/** One change that makes the configuration fit, the changed configuration, and its estimated peak. */
export type FitChange = { advice: string; config: PredictConfig; peak: PeakEstimate; hardware: string };

export type FitAdviceInput = {
  config: PredictConfig;
  gpu: GpuSpec;
  gpus: readonly GpuSpec[];
  /** The estimator's peak per GPU for a configuration: the one predict() reports. */
  estimatePeak: (config: PredictConfig) => PeakEstimate;
};

/** Whether a peak fits a card by describeFit's rule: the interval's upper end (the point without one) within it. */
export const isFit = (peak: PeakEstimate, memoryGb: number) => describeFit(peak.totalGb, peak.interval, memoryGb).kind === "fits";

/** GPU counts tried for ZeRO-3: a node's usual sizes, then multi-node. */
export const ZERO3_GPU_COUNTS = [2, 4, 8, 16, 32, 64] as const;
/** Sequence lengths below this are not worth proposing: too short for the instruction data people train on. */
export const MIN_ADVISED_SEQ_LEN = 256;

/**
 * Changes that make a configuration that does not (or may not) fit the chosen GPU fit it, each checked by
 * input.estimatePeak with isFit, in the order a person would try them: the cheap ones (batch with accumulation,
 * checkpointing, an 8-bit optimizer) before those that change what is trained (a shorter sequence, LoRA, QLoRA)
 * or what it runs on (ZeRO-3 over more GPUs, a bigger card). Empty when it already fits.
 */
export function adviseFit({ config, gpu, gpus, estimatePeak }: FitAdviceInput): FitChange[] {
  const capacity = gpu.memoryGb;
  const fitsCard = (candidate: PredictConfig) => isFit(estimatePeak(candidate), capacity);
  if (fitsCard(config)) return [];
  const changes: FitChange[] = [];
  const add = (advice: (peak: PeakEstimate) => string, candidate: PredictConfig, hardware = gpu.id) => {
    const peak = estimatePeak(candidate);
    changes.push({ advice: advice(peak), config: candidate, peak, hardware });
  };
  const peakText = (peak: PeakEstimate) => (peak.interval ? `${gb(peak.interval.low)}–${gb(peak.interval.high)}` : gb(peak.totalGb));
  const of = (peak: PeakEstimate, memoryGb = capacity) => `${peakText(peak)} GB of ${card(memoryGb)}`;
  const effectiveBatch = config.batchSize;
  // Smallest micro-batch first is what fits best; the largest divisor that fits keeps the most throughput and
  // the effective batch exact (batch × accumulation = the batch asked for).
  const withAccumulation = (candidate: PredictConfig): PredictConfig | null => {
    for (let batch = candidate.batchSize; batch >= 1; batch--) {
      if (effectiveBatch % batch !== 0) continue;
      const next = { ...candidate, batchSize: batch };
      if (fitsCard(next)) return next;
    }
    return null;
  };
  const accumulationNote = (candidate: PredictConfig) =>
    candidate.batchSize < effectiveBatch ? `, batch ${candidate.batchSize} × gradient accumulation ${effectiveBatch / candidate.batchSize} (the same ${effectiveBatch} sequences per step)` : "";

  if (config.batchSize > 1) {
    const smaller = withAccumulation(config);
    if (smaller) add((peak) => `Batch ${smaller.batchSize} with gradient accumulation ${effectiveBatch / smaller.batchSize} keeps the effective batch of ${effectiveBatch}: ${of(peak)}.`, smaller);
  }
  if (!config.gradientCheckpointing) {
    const checkpointed = { ...config, gradientCheckpointing: true };
    const fitting = withAccumulation(checkpointed);
    if (fitting) add((peak) => `Gradient checkpointing on${accumulationNote(fitting)}: ${of(peak)}; it recomputes activations, about a third more compute.`, fitting);
  }
  if (config.method === "full" && (config.optimizer === "adamw" || config.optimizer === "paged_adamw")) {
    const eightBit = { ...config, optimizer: "paged_adamw8bit" as const };
    const fitting = withAccumulation(eightBit) ?? withAccumulation({ ...eightBit, gradientCheckpointing: true });
    if (fitting) add((peak) => `8-bit paged AdamW (bitsandbytes)${fitting.gradientCheckpointing && !config.gradientCheckpointing ? " with gradient checkpointing" : ""}${accumulationNote(fitting)}: ${of(peak)}.`, fitting);
  }
  const atBatch = { ...config, batchSize: 1 };
  const seqLen = largestFitting((length) => fitsCard({ ...atBatch, seqLen: length }), Math.min(config.seqLen, MAX_SEQ_LEN));
  if (seqLen !== null && seqLen >= MIN_ADVISED_SEQ_LEN && seqLen < config.seqLen) {
    // A multiple of 128 reads as a length people choose; it is below the boundary, so it still fits.
    const rounded = seqLen >= 128 ? seqLen - (seqLen % 128) : seqLen;
    add((peak) => `Sequence length ${rounded} (from ${config.seqLen})${config.batchSize > 1 ? `, batch 1 × gradient accumulation ${effectiveBatch}` : ""}: ${of(peak)}; longer examples are truncated.`, { ...atBatch, seqLen: rounded });
  }
  // A method change is tried as it is, then with checkpointing and accumulation, which such runs usually use.
  const methodChange = (candidate: PredictConfig, label: string) => {
    const fitting = withAccumulation(candidate) ?? withAccumulation({ ...candidate, gradientCheckpointing: true });
    if (fitting) add((peak) => `${label}${fitting.gradientCheckpointing && !candidate.gradientCheckpointing ? " with gradient checkpointing" : ""}${accumulationNote(fitting)}: ${of(peak)}.`, fitting);
  };
  if (config.method === "full") methodChange({ ...config, method: "lora" }, `LoRA r=${config.rank} on ${config.targetModules.join(", ")} instead of full fine-tuning`);
  if (config.method !== "qlora") methodChange({ ...config, method: "qlora", quantization: "nf4" }, `QLoRA (4-bit NF4 base) r=${config.rank} instead of ${config.method === "full" ? "full fine-tuning" : "LoRA"}`);
  // The GPUs already asked for, sharded, before more of them.
  const counts = [...(config.gpuCount > 1 && config.sharding !== "zero3" ? [config.gpuCount] : []), ...ZERO3_GPU_COUNTS.filter((count) => count > config.gpuCount)];
  for (const gpuCount of counts) {
    const sharded = { ...config, gpuCount, sharding: "zero3" as const };
    if (fitsCard(sharded)) {
      add((peak) => `${sharded.gpuCount} × ${gpu.name} with ZeRO-3 / FSDP full sharding: ${of(peak)} per GPU.`, sharded);
      break;
    }
  }
  const bigger = [...gpus]
    .filter((other) => other.memoryGb > capacity && isFit(estimatePeak({ ...config, hardware: other.id }), other.memoryGb))
    .sort((a, b) => a.memoryGb - b.memoryGb || a.hourlyPriceUsd - b.hourlyPriceUsd)[0];
  if (bigger) {
    add((peak) => `The smallest catalogued GPU it fits as it is: ${bigger.name} (${of(peak, bigger.memoryGb)}, $${bigger.hourlyPriceUsd}/h).`, { ...config, hardware: bigger.id }, bigger.id);
  }
  return changes;
}
