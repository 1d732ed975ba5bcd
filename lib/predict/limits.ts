// Which GPUs a configuration fits, and the largest batch and sequence length that fit one GPU. Memory is
// compared in GB (1e9 bytes) against the catalog's marketed size, which is conservative for cards whose "80GB"
// is in fact 80 GiB (85.9 GB).
import { BYTES_PER_GB, estimateMemoryBytes, type MemoryOptions } from "./memory";
import type { GpuSpec, ModelArchitecture, TrainingConfig } from "./types";

export type FitRow = { hardwareId: string; name: string; memoryGb: number; fits: boolean; headroomGb: number };

/** One row per GPU: whether a per-GPU peak of totalGb fits, and the GB left over (negative when it does not). */
export function fits(totalGb: number, gpus: readonly GpuSpec[]): FitRow[] {
  return gpus.map((gpu) => ({
    hardwareId: gpu.id,
    name: gpu.name,
    memoryGb: gpu.memoryGb,
    fits: totalGb <= gpu.memoryGb,
    headroomGb: gpu.memoryGb - totalGb,
  }));
}

/** Upper bounds of the search, the contract's own maxima (lib/schemas/predict.ts). */
export const MAX_BATCH_SIZE = 4096;
export const MAX_SEQ_LEN = 1_048_576;

/**
 * Largest integer in [1, max] for which isOk holds, by binary search; null when 1 fails. Correct because the
 * memory estimate never decreases with batch size or sequence length (pinned by the monotonicity tests).
 */
export function largestFitting(isOk: (value: number) => boolean, max: number): number | null {
  if (!isOk(1)) return null;
  if (isOk(max)) return max;
  let low = 1; // fits
  let high = max; // does not fit
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (isOk(middle)) low = middle;
    else high = middle;
  }
  return low;
}

const fitsBytes = (config: TrainingConfig, arch: ModelArchitecture, gpu: GpuSpec, options: MemoryOptions) =>
  estimateMemoryBytes(config, arch, options).totalBytes <= gpu.memoryGb * BYTES_PER_GB;

/** Largest per-device batch at this sequence length that fits the GPU; null when batch 1 does not. */
export function findMaxBatchSize(config: TrainingConfig, arch: ModelArchitecture, gpu: GpuSpec, options: MemoryOptions = {}): number | null {
  return largestFitting((batchSize) => fitsBytes({ ...config, batchSize }, arch, gpu, options), MAX_BATCH_SIZE);
}

/**
 * Largest sequence length at this batch size that fits the GPU; null when one token does not. The rows are taken
 * as long as seqLen (no shorter padded samples), or memory would stop growing with it.
 */
export function findMaxSeqLen(config: TrainingConfig, arch: ModelArchitecture, gpu: GpuSpec, options: MemoryOptions = {}): number | null {
  return largestFitting((seqLen) => fitsBytes({ ...config, seqLen, tokensPerExample: undefined }, arch, gpu, options), MAX_SEQ_LEN);
}

export type Limits = { hardwareId: string; maxBatchSize: number | null; maxSeqLen: number | null };

export function findLimits(config: TrainingConfig, arch: ModelArchitecture, gpu: GpuSpec, options: MemoryOptions = {}): Limits {
  return {
    hardwareId: gpu.id,
    maxBatchSize: findMaxBatchSize(config, arch, gpu, options),
    maxSeqLen: findMaxSeqLen(config, arch, gpu, options),
  };
}
