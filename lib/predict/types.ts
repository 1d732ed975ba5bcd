// Shapes shared by the estimators in lib/predict (pure TypeScript, no I/O: callers pass the catalog and the
// runs in). Units are in the names and never mixed: Bytes = bytes, Gb = GB = 1e9 bytes (never GiB = 2^30),
// Tflops = 1e12 FLOP/s, Sec = seconds, Usd = US dollars.
import type { PredictConfig } from "@/lib/schemas/predict";
import type { Method, TARGET_MODULES, TrainingOverride } from "@/lib/schemas/run";

export type { Method };
export type TargetModule = (typeof TARGET_MODULES)[number];

/**
 * A decoder-only transformer as its config.json states it. Structurally a subset of the catalog's ModelSeed,
 * so catalog entries pass as they are. attentionBias defaults to false, normsPerLayer to 2 (Llama-style).
 */
export type ModelArchitecture = {
  id?: string;
  hfId?: string | null;
  name?: string;
  hiddenSize: number;
  intermediateSize: number;
  numLayers: number;
  numAttentionHeads: number;
  numKeyValueHeads: number;
  /** Width of one attention head; hiddenSize / numAttentionHeads for most models, 256 for Gemma-2. */
  headDim: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  attentionBias?: boolean;
  normsPerLayer?: number;
};

/** One catalogued GPU. memoryGb is in GB (1e9 bytes) as marketed; TFLOP/s are dense tensor-core peaks. */
export type GpuSpec = {
  id: string;
  name: string;
  memoryGb: number;
  bf16DenseTflops: number | null;
  fp16DenseTflops: number;
  hourlyPriceUsd: number;
};

/** A prediction request as lib/schemas/predict.ts parses it (defaults filled in). */
export type PredictConfigLike = PredictConfig;

/** The fields of a prediction request that shape memory and FLOPs (the model is passed separately). */
export type TrainingConfig = Pick<
  PredictConfig,
  | "method"
  | "rank"
  | "targetModules"
  | "doubleQuant"
  | "precision"
  | "batchSize"
  | "seqLen"
  | "gradientCheckpointing"
  | "attention"
  | "optimizer"
  | "gpuCount"
  | "sharding"
> & { quantization?: PredictConfig["quantization"] } & Partial<
    // How the run trains (lib/predict/frameworks.ts): the framework's defaults fill what is left out.
    Pick<PredictConfig, "framework" | TrainingOverride | "tokensPerExample">
  >;

/** A run that reports throughput on catalogued hardware: seeded from an article or logged. */
export type ThroughputObservation = {
  runId: string;
  hardwareId: string;
  method: Method;
  modelParams: number;
  arch?: ModelArchitecture;
  rank: number | null;
  targetModules: TargetModule[] | null;
  quantization?: PredictConfig["quantization"] | null;
  precision?: PredictConfig["precision"] | null;
  gpuCount: number | null;
  seqLen: number | null;
  batchSize: number | null;
  gradientCheckpointing: boolean | null;
  samplesPerSec: number | null;
  tokensPerSec: number | null;
  /** The run's name, for the list of runs a fit ignored; the id stands in when left out. */
  name?: string;
  /** Team review status; a `rejected` run is never fitted. */
  reviewStatus?: string | null;
  /** The training stack, whose default decides gradient checkpointing when the run does not record it. */
  framework?: PredictConfig["framework"] | null;
};

/** A run that reports MT-Bench (0-10) and/or MMLU (0-100) after fine-tuning. */
export type QualityObservation = {
  runId: string;
  name: string;
  method: Method;
  modelParams: number;
  rank: number | null;
  targetModules: TargetModule[] | null;
  mtBench: number | null;
  mmlu: number | null;
  /** A base model's score (no fine-tuning): kept as context, never fitted. */
  isBaseModel?: boolean;
  /** Team review status; a `rejected` run is never fitted. */
  reviewStatus?: string | null;
};

/** A run a fit left out, and why in words a reader can act on ("review status rejected", "... outlier"). */
export type IgnoredRun = { runId: string; name: string; fit: "MT-Bench" | "MMLU" | "efficiency"; reason: string };
