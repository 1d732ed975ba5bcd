// Contracts of POST /api/predict, /api/predict/sweep and /api/recommend. Request fields reuse the run schema's
// names. Memory is in GB = 1e9 bytes, per GPU; time in seconds; cost in US dollars.
import { z } from "zod";
import { ATTENTION_IMPLEMENTATIONS, FRAMEWORKS, METHODS, OPTIMIZERS, PRECISIONS, QUANTIZATIONS, SHARDING, TARGET_MODULES, TRAINING_OVERRIDES, runFields, type Run, type TrainingOverride } from "@/lib/schemas/run";
import { defaultOf, describeSetting, resolveTraining } from "@/lib/predict/frameworks";


/** An explicit architecture, for a model outside the catalog. */
export const architectureSchema = z.strictObject({
  hiddenSize: z.number().int().min(1).max(65_536),
  intermediateSize: z.number().int().min(1).max(262_144),
  numLayers: z.number().int().min(1).max(1024),
  numAttentionHeads: z.number().int().min(1).max(1024),
  numKeyValueHeads: z.number().int().min(1).max(1024),
  headDim: z.number().int().min(1).max(1024).optional().describe("Defaults to hiddenSize / numAttentionHeads"),
  vocabSize: z.number().int().min(1).max(1_000_000),
  tiedEmbeddings: z.boolean().default(false),
  attentionBias: z.boolean().default(false).describe("Biases on q/k/v projections (Qwen2)"),
  normsPerLayer: z.number().int().min(0).max(8).default(2).describe("Norm weight vectors per decoder layer: 2 for Llama-style, 4 for Gemma-2"),
});
export type Architecture = z.output<typeof architectureSchema>;

export const predictConfigSchema = z
  .strictObject({
    model: runFields.shape.model.optional().describe("Catalog id or Hugging Face id, e.g. meta-llama/Llama-2-7b-hf"),
    architecture: architectureSchema.optional().describe("Explicit architecture when the model is not catalogued"),
    method: z.enum(METHODS),
    rank: z.number().int().min(1).max(4096).default(16),
    loraAlpha: z.number().positive().max(100_000).optional(),
    targetModules: z.array(z.enum(TARGET_MODULES)).min(1).default(["q_proj", "v_proj"]).describe("PEFT's default for Llama-style models is q_proj, v_proj"),
    quantization: z.enum(QUANTIZATIONS).optional().describe("Defaults to nf4 for QLoRA, none otherwise"),
    doubleQuant: z.boolean().default(false),
    loraDropout: z.number().min(0).lt(1).default(0).describe("Non-zero dropout keeps one more copy of each adapted matrix's input"),
    precision: z.enum(PRECISIONS).default("bf16"),
    framework: z.enum(FRAMEWORKS).default("transformers").describe(`Training stack whose documented defaults apply: ${FRAMEWORKS.join(", ")}`),
    packing: z.boolean().optional().describe("Override: sequences packed into full rows (else the framework's default)"),
    chunkedLoss: z.boolean().optional().describe("Override: cross-entropy in chunks, the fp32 logits never held at once"),
    activationOffloading: z.boolean().optional().describe("Override: saved activations moved to CPU memory"),
    torchCompile: z.boolean().optional().describe("Override: torch.compile on the model and loss"),
    optimizerInBackward: z.boolean().optional().describe("Override: optimizer step fused into the backward, each gradient freed at once"),
    masterWeights: z.boolean().optional().describe("Override: an fp32 master copy of 16-bit trainable weights (AMP); false for pure bf16 training"),
    batchSize: z.number().int().min(1).max(4096).default(1),
    seqLen: z.number().int().min(1).max(1_048_576).default(2048),
    gradientCheckpointing: z.boolean().optional().describe("Left out: the framework's default (transformers: off; torchtune, axolotl, Unsloth, LLaMA-Factory, ms-swift: on)"),
    attention: z.enum(ATTENTION_IMPLEMENTATIONS).default("sdpa"),
    optimizer: z.enum(OPTIMIZERS).default("adamw"),
    gpuCount: z.number().int().min(1).max(4096).default(1),
    sharding: z.enum(SHARDING).default("none").describe("none, ZeRO-2, or ZeRO-3 / FSDP full sharding"),
    hardware: z.string().trim().min(1).max(100).optional().describe("Hardware catalog id: needed for throughput, time and cost"),
    datasetSize: z.number().int().min(1).max(1_000_000_000).optional().describe("Training examples"),
    epochs: z.number().positive().max(1000).default(1),
    tokensPerExample: z.number().int().min(1).max(1_048_576).optional().describe("Defaults to seqLen"),
  })
  .superRefine((config, context) => {
    if (!config.model && !config.architecture) {
      context.addIssue({ code: "custom", path: ["model"], message: "give a catalog model or an explicit architecture" });
    }
    if (config.method !== "qlora" && config.quantization && config.quantization !== "none") {
      context.addIssue({ code: "custom", path: ["quantization"], message: "quantization applies only to QLoRA" });
    }
    if (config.method === "qlora" && config.quantization === "none") {
      context.addIssue({ code: "custom", path: ["quantization"], message: "a QLoRA run quantizes its base weights: choose nf4, fp4 or int8" });
    }
    if (config.sharding !== "none" && config.gpuCount < 2) {
      context.addIssue({ code: "custom", path: ["sharding"], message: "sharding needs gpuCount of 2 or more" });
    }
  });
export type PredictConfigInput = z.input<typeof predictConfigSchema>;
export type PredictConfig = z.output<typeof predictConfigSchema>;

const range = z.object({ point: z.number(), low: z.number(), high: z.number() });

/**
 * An 80 % interval around a memory or throughput prediction, from the residuals of the measured benchmark rows
 * predicted with their own source left out of the fit (lib/predict/measured.ts). null when nothing was calibrated.
 */
export const predictionIntervalSchema = z.object({
  low: z.number(),
  high: z.number(),
  coverage: z.number().describe("The share of held-out measurements the interval is built to contain (0.8)"),
  basis: z.string().describe("What it was built from: how many out-of-source residuals, of which sources"),
});
export type PredictionInterval = z.infer<typeof predictionIntervalSchema>;

/** One framework default the prediction applied because the request did not say (or the override it obeyed). */
export const appliedDefaultSchema = z.object({
  field: z.string().describe("packing, chunkedLoss, activationOffloading, torchCompile, optimizerInBackward, masterWeights, gradientCheckpointing, ..."),
  value: z.union([z.boolean(), z.string(), z.number()]),
  origin: z.enum(["request", "framework"]).describe("request: the caller said so; framework: the framework's documented default"),
  why: z.string().describe("The default's source: the framework file or document it was read from"),
});
export type AppliedDefault = z.infer<typeof appliedDefaultSchema>;

/** The terms of the peak, GB (1e9 bytes) per GPU; they sum to the total. */
export const memoryBreakdownSchema = z.object({
  weightsGb: z.number(),
  quantizationConstantsGb: z.number(),
  adapterWeightsGb: z.number(),
  gradientsGb: z.number(),
  optimizerStatesGb: z.number(),
  masterWeightsGb: z.number(),
  activationsGb: z.number(),
  logitsGb: z.number(),
  overheadGb: z.number(),
});
export type MemoryBreakdown = z.infer<typeof memoryBreakdownSchema>;

export const predictionSchema = z.object({
  memory: z.object({
    totalGb: z.number().describe("Peak memory per GPU, GB (1e9 bytes)"),
    breakdown: memoryBreakdownSchema,
    totalParams: z.number(),
    trainableParams: z.number(),
    interval: predictionIntervalSchema.nullable().describe("80 % interval of the peak per GPU, GB"),
  }),
  defaults: z.array(appliedDefaultSchema).describe("How the run is assumed to train: each setting, and whether the request or the framework's default decided it"),
  fitAdvice: z
    .array(z.string())
    .describe("When the configuration does not fit the chosen GPU: changes that would make it fit, each checked by the estimator; empty otherwise"),
  fits: z.array(z.object({ hardwareId: z.string(), name: z.string(), memoryGb: z.number(), fits: z.boolean(), headroomGb: z.number() })),
  limits: z
    .object({ hardwareId: z.string(), maxBatchSize: z.number().nullable(), maxSeqLen: z.number().nullable() })
    .nullable()
    .describe("Largest batch (at this seqLen) and sequence length (at this batch) that fit the chosen GPU"),
  throughput: z
    .object({
      tokensPerSec: z.number(),
      samplesPerSec: z.number(),
      flopsPerToken: z.number(),
      efficiency: z.number(),
      efficiencySource: z.string(),
      interval: predictionIntervalSchema.nullable().describe("80 % interval of tokens/s"),
    })
    .nullable(),
  time: z.object({ seconds: z.number(), tokens: z.number() }).nullable().describe("null when the configuration does not fit the chosen GPU"),
  cost: z.object({ usd: z.number(), hourlyPriceUsd: z.number(), gpuHours: z.number() }).nullable().describe("null when the configuration does not fit the chosen GPU: nobody can buy that run"),
  quality: z
    .object({
      mtBench: range.nullable(),
      mmlu: range.nullable(),
      leaveOneOutError: z.object({ mtBench: z.number().nullable(), mmlu: z.number().nullable() }),
      evidence: z.array(z.object({ runId: z.string(), name: z.string(), distance: z.number(), mtBench: z.number().nullable(), mmlu: z.number().nullable() })),
      notes: z.array(z.string()).describe("Substitutions and declined predictions, e.g. QLoRA predicted as LoRA for lack of data"),
    })
    .nullable(),
  reasoning: z.array(z.string()).describe("Each step of the estimate, with its numbers and sources"),
});
export type Prediction = z.infer<typeof predictionSchema>;

export const SWEEPABLE_FIELDS = ["rank", "batchSize", "seqLen", "gpuCount"] as const;
export const MAX_SWEEP_CONFIGS = 1000;

export const sweepRequestSchema = z.strictObject({
  base: predictConfigSchema.describe("The configuration every sweep point starts from"),
  vary: z
    .array(z.strictObject({ field: z.enum(SWEEPABLE_FIELDS), values: z.array(z.number().int().min(1).max(1_048_576)).min(1).max(MAX_SWEEP_CONFIGS) }))
    .min(1, "vary at least one field")
    .max(2, "vary at most two fields"),
}).refine((sweep) => sweep.vary.reduce((n, v) => n * v.values.length, 1) <= MAX_SWEEP_CONFIGS, {
  message: `a sweep may have at most ${MAX_SWEEP_CONFIGS} configurations`,
  path: ["vary"],
});

export type SweepRequestInput = z.input<typeof sweepRequestSchema>;
export type SweepRequest = z.output<typeof sweepRequestSchema>;

export const sweepPointSchema = z.object({
  values: z.partialRecord(z.enum(SWEEPABLE_FIELDS), z.number()).describe("The varied fields' values at this point"),
  totalGb: z.number().describe("Peak memory per GPU, GB (1e9 bytes)"),
  fits: z.boolean().nullable().describe("Whether it fits the chosen hardware; null without one"),
  headroomGb: z.number().nullable(),
  tokensPerSec: z.number().nullable(),
  seconds: z.number().nullable(),
  costUsd: z.number().nullable(),
  mtBench: z.number().nullable(),
  mmlu: z.number().nullable(),
});
export const sweepResponseSchema = z.object({ points: z.array(sweepPointSchema).describe("Every combination, the first varied field outermost") });
export type SweepResponse = z.infer<typeof sweepResponseSchema>;

export const PRIORITIES = ["quality", "speed", "cost"] as const;
export const TASK_COMPLEXITIES = ["simple", "complex"] as const;

export const recommendRequestSchema = z.strictObject({
  hardware: z.string().trim().min(1).max(100).describe("Hardware catalog id of the GPU(s) available"),
  gpuCount: z.number().int().min(1).max(4096).default(1),
  model: runFields.shape.model,
  datasetSize: z.number().int().min(1).max(1_000_000_000),
  taskComplexity: z.enum(TASK_COMPLEXITIES).default("simple"),
  priority: z.enum(PRIORITIES).default("quality"),
  seqLen: z.number().int().min(1).max(1_048_576).default(2048),
  epochs: z.number().positive().max(1000).default(3),
  tokensPerExample: z.number().int().min(1).max(1_048_576).optional().describe("Defaults to seqLen"),
  framework: z.enum(FRAMEWORKS).default("transformers").describe("Training stack whose documented defaults every candidate is predicted with, as on /plan"),
  topN: z.number().int().min(1).max(20).default(5),
});
export type RecommendRequest = z.output<typeof recommendRequestSchema>;
export type RecommendRequestInput = z.input<typeof recommendRequestSchema>;

/** A configuration the recommender proposes: the training fields plus what it was sized for. */
export const recommendedConfigSchema = z.object({
  model: z.string(),
  hardware: z.string(),
  method: z.enum(METHODS),
  rank: z.number(),
  targetModules: z.array(z.enum(TARGET_MODULES)),
  quantization: z.enum(QUANTIZATIONS).optional().describe("Left out: nf4 for QLoRA, none otherwise"),
  doubleQuant: z.boolean(),
  precision: z.enum(PRECISIONS),
  framework: z.enum(FRAMEWORKS),
  batchSize: z.number().describe("Micro-batch per GPU"),
  gradientAccumulation: z.number().int().min(1).describe("Micro-batches per optimizer step: batch × accumulation × GPUs is the effective batch"),
  seqLen: z.number(),
  gradientCheckpointing: z.boolean(),
  attention: z.enum(ATTENTION_IMPLEMENTATIONS),
  optimizer: z.enum(OPTIMIZERS),
  gpuCount: z.number(),
  sharding: z.enum(SHARDING),
  datasetSize: z.number(),
  epochs: z.number(),
  tokensPerExample: z.number(),
});

/** A fit verdict with its margin and interval, as /plan words it ("fits: 19.2–21.4 GB of 24 GB (2.6 GB to spare)"). */
export const fitVerdictSchema = z.object({
  kind: z.enum(["fits", "may-not-fit", "does-not-fit"]).describe("may-not-fit: the card lies inside the 80 % memory interval"),
  text: z.string(),
  marginGb: z.number().describe("GB left on the card by the interval's upper end (the point without an interval); negative when over"),
});

export const recommendationSchema = z.object({
  position: z.number().describe("1 = best for the priority"),
  label: z.string(),
  config: recommendedConfigSchema,
  effectiveBatch: z.number().describe("Sequences per optimizer step: batch × gradient accumulation × GPUs"),
  memoryGb: z.number().describe("Peak memory per GPU, GB (1e9 bytes)"),
  memoryInterval: predictionIntervalSchema.nullable().describe("80 % interval of the peak per GPU, GB; its upper end fits the card"),
  fit: fitVerdictSchema,
  breakdownGb: memoryBreakdownSchema,
  maxBatchSize: z.number().nullable(),
  tokensPerSec: z.number().describe("Calibrated tokens/s, as POST /api/predict gives for this configuration"),
  tokensPerSecInterval: predictionIntervalSchema.nullable(),
  seconds: z.number(),
  costUsd: z.number(),
  quality: z.object({ mtBench: range.nullable(), mmlu: range.nullable() }),
  differences: z
    .array(z.enum(["method", "rank", "targetModules", "batchSize", "gradientAccumulation", "gradientCheckpointing", "optimizer", "sharding"]))
    .describe("The settings in which this card differs from the first; empty for the first"),
  reasoning: z.array(z.string()).describe("Why it fits and why it ranks here, citing the seeded guidance tables"),
});
export const recommendResponseSchema = z.object({ items: z.array(recommendationSchema) });
export type Recommendation = z.infer<typeof recommendationSchema>;
export type RecommendResponse = z.infer<typeof recommendResponseSchema>;

// ---------------------------------------------------------------------------------------------- calibration

/** The run fields a prediction of that run reads. */
export type RunConfigFields = Pick<
  Run,
  | "method" | "modelId" | "rank" | "loraDropout" | "targetModules" | "quantization" | "doubleQuant" | "precision" | "hardware"
  | "gpuCount" | "batchSize" | "seqLen" | "gradientCheckpointing" | "attention" | "sharding" | "optimizer" | "datasetSize" | "epochs"
> &
  // How the run trained; null (or left out) means not recorded: the framework's default is assumed and said so.
  Partial<Pick<Run, "framework" | TrainingOverride>>;

/**
 * The framework and training settings of a run as prediction input, and what the framework's defaults supplied
 * for what it does not record ("gradient checkpointing off (transformers' default)"). One rule with /plan: the
 * run's framework decides, transformers' when the run names none.
 */
// Packing only matters with a tokensPerExample, which a run's prediction does not use; torch.compile only moves
// throughput through a fitted factor. The rest change a run's predicted memory or speed.
const SETTINGS_THAT_MOVE_A_RUN = new Set(["gradientCheckpointing", "masterWeights", "chunkedLoss", "activationOffloading", "optimizerInBackward"]);

function trainingInputFromRun(run: RunConfigFields): { input: Partial<PredictConfigInput>; assumed: string[] } {
  const framework = run.framework ?? "transformers";
  const recorded: Partial<Record<TrainingOverride, boolean>> = {};
  for (const field of TRAINING_OVERRIDES) {
    const value = run[field];
    if (typeof value === "boolean") recorded[field] = value;
  }
  const { settings, applied } = resolveTraining({ framework, method: run.method, gpuCount: run.gpuCount, gradientCheckpointing: run.gradientCheckpointing, ...recorded });
  const assumed = run.framework ? [] : ["framework transformers (not recorded)"];
  for (const { field, value, origin } of applied) {
    if (origin !== "framework" || !SETTINGS_THAT_MOVE_A_RUN.has(field)) continue;
    // An optimizer fused into the backward only changes full fine-tuning's gradients.
    if (field === "optimizerInBackward" && run.method !== "full") continue;
    assumed.push(`${describeSetting(field, value, settings, run.method)} (${defaultOf(framework)})`);
  }
  return { input: { framework, ...recorded, gradientCheckpointing: settings.gradientCheckpointing }, assumed };
}

/**
 * A prediction request for a logged or reference run, and the defaults it had to assume for what the run does
 * not record. null for a run whose model is not catalogued (no architecture to estimate from). seqLen is a
 * parameter because throughput is calibrated at the length the efficiency fit assumed for the same runs.
 */
export function predictInputFromRun(run: RunConfigFields, defaults: { seqLen: number }): { input: PredictConfigInput; assumed: string[] } | null {
  if (!run.modelId) return null;
  const isAdapter = run.method !== "full";
  const assumed: string[] = [];
  const training = trainingInputFromRun(run);
  const pick = <T>(value: T | null, fallback: T, label: string, applies = true): T => {
    if (value !== null) return value;
    if (applies) assumed.push(label);
    return fallback;
  };
  const input: PredictConfigInput = {
    model: run.modelId,
    method: run.method,
    rank: pick(run.rank, 16, "rank 16", isAdapter),
    targetModules: pick(run.targetModules, ["q_proj", "v_proj"], "target modules q_proj, v_proj", isAdapter),
    loraDropout: pick(run.loraDropout, 0, "LoRA dropout 0", isAdapter),
    ...(run.method === "qlora" ? { quantization: run.quantization, doubleQuant: run.doubleQuant } : {}),
    precision: pick(run.precision, "bf16", "bf16"),
    batchSize: pick(run.batchSize, 1, "batch size 1"),
    seqLen: pick(run.seqLen, defaults.seqLen, `sequence length ${defaults.seqLen}`),
    ...training.input,
    attention: pick(run.attention, "sdpa", "SDPA attention"),
    // Sharding only means something across GPUs; a one-GPU run needs no assumption about it.
    sharding: pick(run.sharding, "none", "no sharding", (run.gpuCount ?? 1) > 1),
    optimizer: pick(run.optimizer, "adamw", "AdamW"),
    gpuCount: pick(run.gpuCount, 1, "1 GPU"),
    ...(run.hardware ? { hardware: run.hardware } : {}),
    ...(run.datasetSize ? { datasetSize: run.datasetSize } : {}),
    ...(run.epochs ? { epochs: run.epochs } : {}),
  };
  assumed.push(...training.assumed);
  return { input, assumed };
}

export const CALIBRATION_QUANTITIES = ["memory", "throughput"] as const;

/** GET /api/calibration query string. */
export const calibrationQuerySchema = z.object({
  runId: z.string().trim().min(1).max(200).optional().describe("Only this run's rows (none when it has no measurement to compare); statistics over them"),
});

export const calibrationRowSchema = z.object({
  runId: z.string(),
  name: z.string(),
  method: z.enum(METHODS),
  modelId: z.string(),
  hardwareId: z.string().nullable(),
  sourceId: z.string().nullable().describe("null for a logged run"),
  quantity: z.enum(CALIBRATION_QUANTITIES),
  unit: z.enum(["GB", "samples/s", "tokens/s"]).describe("GB = 1e9 bytes, per GPU"),
  predicted: z.number(),
  measured: z.number().nullable().describe("The measured point; null for a range"),
  measuredMin: z.number().nullable().describe("Lower bound of a stated range"),
  measuredMax: z.number().nullable().describe("Upper bound of a stated range; null with measuredMin: open-ended (84GB+)"),
  errorPct: z.number().describe("(predicted - measured) / measured x 100; for a range, the signed distance to its nearest bound, 0 inside"),
  isInsideRange: z.boolean().nullable().describe("For a range: whether the prediction falls inside it; null for a point"),
  assumed: z.array(z.string()).describe("Defaults used for what the run does not record"),
});
export type CalibrationRow = z.infer<typeof calibrationRowSchema>;

export const errorStatsSchema = z.object({
  count: z.number(),
  mapePct: z.number().nullable().describe("Mean absolute percentage error"),
  medianAbsPct: z.number().nullable().describe("Median absolute percentage error"),
  biasPct: z.number().nullable().describe("Mean signed percentage error: positive means over-predicted"),
});
export type ErrorStats = z.infer<typeof errorStatsSchema>;

export const IGNORED_FITS = ["MT-Bench", "MMLU", "efficiency"] as const;

export const ignoredRunSchema = z.object({
  runId: z.string(),
  name: z.string(),
  fit: z.enum(IGNORED_FITS).describe("The fit that left the run out: the MT-Bench or MMLU quality fit, or the throughput efficiency fit"),
  reason: z.string().describe("Why, e.g. 'review status rejected', 'MMLU 0.65 ≤ 1: looks like a fraction', or an outlier with its score"),
});
export type IgnoredRunEntry = z.infer<typeof ignoredRunSchema>;

export const qualityFitSummarySchema = z.object({
  runs: z.number().describe("Runs the fit kept"),
  leaveOneOutRmse: z.number().nullable().describe("Leave-one-out RMSE over the kept runs, in the metric's points (MT-Bench 0-10, MMLU 0-100); null with fewer than 3"),
  nearestFolds: z
    .array(z.object({ runId: z.string(), name: z.string(), predicted: z.number(), measured: z.number() }))
    .describe("Folds of the leave-one-out that had no regression to predict the run left out, so used the mean of its 3 nearest runs"),
});
export type QualityFitSummary = z.infer<typeof qualityFitSummarySchema>;

/** Accuracy over held-out measured rows; errors are |predicted - measured| / measured in percent. */
export const measuredErrorSummarySchema = z.object({
  n: z.number(),
  medianAbsPct: z.number().nullable(),
  p90AbsPct: z.number().nullable().describe("90th percentile of the absolute % error"),
  within10: z.number().nullable().describe("Share (0-1) of rows within 10 % of the measurement"),
  intervalCoverage: z.number().nullable().describe("Share (0-1) of rows inside the 80 % interval built from the other sources' residuals only"),
  intervalN: z.number().describe("Rows that had such an interval"),
});

export const measuredQuantitySchema = z.object({
  overall: measuredErrorSummarySchema,
  bySource: z.array(measuredErrorSummarySchema.extend({ sourceId: z.string(), title: z.string() })),
  upperBounds: z.object({ n: z.number(), consistent: z.number() }).describe("\"Fits in X\" rows: predictions at or below the bound"),
  outOfMemory: z.object({ n: z.number(), consistent: z.number() }).describe("Rows that ran out of memory: predictions above the card"),
  interval: z
    .object({ lowFactor: z.number(), highFactor: z.number(), n: z.number(), sources: z.array(z.string()) })
    .describe("The 80 % interval predictions carry, as factors of the prediction: exp(∓ the 80th percentile of |ln(measured / predicted)|)"),
});

export const measuredRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  sourceId: z.string(),
  quantity: z.enum(CALIBRATION_QUANTITIES),
  unit: z.enum(["GB", "tokens/s"]).describe("GB = 1e9 bytes per GPU; tokens/s over all the row's GPUs"),
  predicted: z.number().describe("Predicted with the row's own source left out of the fit"),
  measured: z.number().describe("The measurement; for a bound the bound, for an out-of-memory row the card's capacity"),
  kind: z.enum(["point", "upper-bound", "oom"]),
  isConsistent: z.boolean().nullable().describe("For a bound or an out-of-memory row: whether the prediction agrees with it"),
  isInsideInterval: z.boolean().nullable().describe("For a point: whether it fell inside the 80 % interval built without its source"),
});
export type MeasuredRow = z.infer<typeof measuredRowSchema>;

export const measuredEvaluationSchema = z.object({
  sources: z.array(z.object({ id: z.string(), title: z.string() })).describe("Every measured source, by id, with its title"),
  memory: measuredQuantitySchema,
  throughput: measuredQuantitySchema,
  rows: z.array(measuredRowSchema),
  unpredicted: z
    .array(z.object({ id: z.string(), name: z.string(), sourceId: z.string(), quantity: z.enum(CALIBRATION_QUANTITIES), reason: z.string() }))
    .describe("Measured rows the estimator cannot predict, each with the reason"),
  fitted: z.object({
    overheadFixedGb: z.number(),
    overheadFraction: z.number(),
    measureFactors: z.record(z.string(), z.object({ factor: z.number(), n: z.number() })).describe("Each memory measure's factor over the allocated peak"),
    efficiencyRows: z.number().describe("Rows the throughput efficiency model was fitted on (0: not calibrated)"),
  }),
  notes: z.array(z.string()),
});
export type MeasuredEvaluationResponse = z.infer<typeof measuredEvaluationSchema>;

export const calibrationResponseSchema = z.object({
  measured: measuredEvaluationSchema
    .nullable()
    .describe("The published measurements, each source predicted from the others (leave one source out); null with runId"),
  rows: z.array(calibrationRowSchema),
  stats: z.object({
    memory: errorStatsSchema.describe("Runs with a measured point peak memory"),
    throughput: errorStatsSchema.describe("Runs with a measured throughput, each predicted with the efficiency fitted without it"),
    memoryRanges: z.object({ count: z.number(), inside: z.number(), outside: z.number() }).describe("Runs whose memory is a stated range or bound"),
  }),
  quality: z
    .object({ mtBench: qualityFitSummarySchema.nullable(), mmlu: qualityFitSummarySchema.nullable() })
    .describe("The quality fits behind POST /api/predict and /api/recommend: runs kept and leave-one-out error; null where no run reports the metric"),
  ignored: z
    .array(ignoredRunSchema)
    .describe("Every run a fit left out (rejected in review, implausible, or an outlier), with the reason; with runId, that run's entries only"),
  notes: z.array(z.string()).describe("How the rows were chosen and predicted"),
});
export type CalibrationResponse = z.infer<typeof calibrationResponseSchema>;
