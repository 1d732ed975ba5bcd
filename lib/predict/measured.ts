// Calibration on published measurements (issue 11): what physics leaves open, fitted to the measured benchmark
// rows (seed/measurements), evaluated by leaving one source out at a time, and the 80 % intervals built from those
// out-of-source residuals. Pure: the rows and the catalog come in as arguments.
//
// SKELETON written by the lead so that lib/predict/predict.ts can call it while the fit is being built: every
// function below keeps its signature; the bodies are replaced by the calibration's author.
import type { Framework } from "@/lib/schemas/run";
import type { PredictionInterval } from "@/lib/schemas/predict";
import type { Method, PredictConfigLike } from "./types";

/** What the fit produces and predict() reads. Ratios are measured / physics-predicted. */
export type MeasuredCalibration = {
  memory: {
    /** Replaces memory.ts's OVERHEAD_FIXED_BYTES (CUDA context, workspaces). */
    overheadFixedBytes: number;
    /** Replaces memory.ts's OVERHEAD_FRACTION (allocator fragmentation). */
    overheadFraction: number;
    /** torch's reserved peak over its allocated peak. */
    reservedOverAllocated: number;
    /** Quantiles of ln(measured / predicted) over the out-of-source residuals, for the 80 % interval. */
    logResidual: { p10: number; p90: number; n: number; sources: string[] };
  };
  throughput: {
    logResidual: { p10: number; p90: number; n: number; sources: string[] };
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
};

/** The calibrated efficiency (share of the GPU's dense peak) for a configuration, or null when nothing applies. */
export function calibratedEfficiency(calibration: MeasuredCalibration | null | undefined, input: EfficiencyInput): { efficiency: number; source: string } | null {
  void calibration;
  void input;
  return null;
}

/** The 80 % interval around a memory prediction in GB, or null without a calibration. */
export function memoryInterval(calibration: MeasuredCalibration | null | undefined, predictedGb: number): PredictionInterval | null {
  if (!calibration) return null;
  const { p10, p90, n, sources } = calibration.memory.logResidual;
  return { low: predictedGb * Math.exp(p10), high: predictedGb * Math.exp(p90), coverage: 0.8, basis: `${n} out-of-source residuals (${sources.join(", ")})` };
}

/** The 80 % interval around a throughput prediction in tokens/s, or null without a calibration. */
export function throughputInterval(calibration: MeasuredCalibration | null | undefined, predictedTokensPerSec: number): PredictionInterval | null {
  if (!calibration) return null;
  const { p10, p90, n, sources } = calibration.throughput.logResidual;
  return { low: predictedTokensPerSec * Math.exp(p10), high: predictedTokensPerSec * Math.exp(p90), coverage: 0.8, basis: `${n} out-of-source residuals (${sources.join(", ")})` };
}

export type { PredictConfigLike };
