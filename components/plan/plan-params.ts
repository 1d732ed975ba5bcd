// The /plan form's state lives in the URL so that a plan can be shared by link. Parameter names are the
// prediction request's own (lib/schemas/predict.ts); only values that differ from the defaults are written.
import type { PredictConfigInput, Prediction, Recommendation } from "@/lib/schemas/predict";
import {
  ATTENTION_IMPLEMENTATIONS, FRAMEWORKS, METHODS, OPTIMIZERS, PRECISIONS, SHARDING, TARGET_MODULES, TRAINING_OVERRIDES,
  type Framework, type Method, type RunCreateInput, type TrainingOverride,
} from "@/lib/schemas/run";

type TargetModule = (typeof TARGET_MODULES)[number];
export type PlanQuantization = "nf4" | "fp4" | "int8";
/** The settings a framework decides unless the plan says: null is "the framework's default". */
export const PLAN_SWITCHES = ["gradientCheckpointing", ...TRAINING_OVERRIDES] as const;
export type PlanSwitch = TrainingOverride | "gradientCheckpointing";

export type PlanState = {
  model: string;
  method: Method;
  rank: number | null;
  loraAlpha: number | null;
  targetModules: TargetModule[];
  loraDropout: number | null;
  quantization: PlanQuantization;
  doubleQuant: boolean;
  precision: (typeof PRECISIONS)[number];
  framework: Framework;
  masterWeights: boolean | null;
  packing: boolean | null;
  chunkedLoss: boolean | null;
  activationOffloading: boolean | null;
  torchCompile: boolean | null;
  optimizerInBackward: boolean | null;
  batchSize: number | null;
  /** Not part of the prediction (it costs no memory); kept for the effective batch and the planned run. */
  gradientAccumulation: number | null;
  seqLen: number | null;
  gradientCheckpointing: boolean | null;
  attention: (typeof ATTENTION_IMPLEMENTATIONS)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  hardware: string;
  gpuCount: number | null;
  sharding: (typeof SHARDING)[number];
  datasetSize: number | null;
  epochs: number | null;
};

/**
 * A 7B LoRA on a 24 GB consumer card, the question people most often bring, trained with transformers; every
 * setting a framework decides (gradient checkpointing included) is left to it, as the API does.
 */
export const DEFAULT_PLAN: PlanState = {
  model: "llama-2-7b",
  method: "lora",
  rank: 16,
  loraAlpha: 32,
  targetModules: ["q_proj", "v_proj"],
  loraDropout: 0,
  quantization: "nf4",
  doubleQuant: false,
  precision: "bf16",
  framework: "transformers",
  masterWeights: null,
  packing: null,
  chunkedLoss: null,
  activationOffloading: null,
  torchCompile: null,
  optimizerInBackward: null,
  batchSize: 1,
  gradientAccumulation: 1,
  seqLen: 2048,
  gradientCheckpointing: null,
  attention: "sdpa",
  optimizer: "adamw",
  hardware: "rtx-4090",
  gpuCount: 1,
  sharding: "none",
  datasetSize: 10_000,
  epochs: 1,
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;
const read = (params: Params, key: string): string | undefined => {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
};
const oneOf = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T => (values as readonly string[]).includes(value ?? "") ? (value as T) : fallback;
const numberIn = (value: string | undefined, min: number, max: number, fallback: number | null): number | null => {
  const number = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(number) && number >= min && number <= max ? number : fallback;
};
const flag = <T extends boolean | null>(value: string | undefined, fallback: T): boolean | T => (value === "1" || value === "true" ? true : value === "0" || value === "false" ? false : fallback);

/** A plan from the URL; a missing or invalid value falls back to its default rather than failing the page. */
export function planFromSearchParams(params: Params): PlanState {
  const d = DEFAULT_PLAN;
  const modules = (read(params, "targetModules") ?? "").split(",").filter((module): module is TargetModule => (TARGET_MODULES as readonly string[]).includes(module));
  return {
    model: read(params, "model")?.trim() || d.model,
    method: oneOf(METHODS, read(params, "method"), d.method),
    rank: numberIn(read(params, "rank"), 1, 4096, d.rank),
    loraAlpha: numberIn(read(params, "loraAlpha"), 0.001, 100_000, d.loraAlpha),
    targetModules: modules.length ? [...new Set(modules)] : d.targetModules,
    loraDropout: numberIn(read(params, "loraDropout"), 0, 0.99, d.loraDropout),
    quantization: oneOf(["nf4", "fp4", "int8"] as const, read(params, "quantization"), d.quantization),
    doubleQuant: flag(read(params, "doubleQuant"), d.doubleQuant),
    precision: oneOf(PRECISIONS, read(params, "precision"), d.precision),
    framework: oneOf(FRAMEWORKS, read(params, "framework"), d.framework),
    masterWeights: flag(read(params, "masterWeights"), d.masterWeights),
    packing: flag(read(params, "packing"), d.packing),
    chunkedLoss: flag(read(params, "chunkedLoss"), d.chunkedLoss),
    activationOffloading: flag(read(params, "activationOffloading"), d.activationOffloading),
    torchCompile: flag(read(params, "torchCompile"), d.torchCompile),
    optimizerInBackward: flag(read(params, "optimizerInBackward"), d.optimizerInBackward),
    batchSize: numberIn(read(params, "batchSize"), 1, 4096, d.batchSize),
    gradientAccumulation: numberIn(read(params, "gradientAccumulation"), 1, 4096, d.gradientAccumulation),
    seqLen: numberIn(read(params, "seqLen"), 1, 1_048_576, d.seqLen),
    gradientCheckpointing: flag(read(params, "gradientCheckpointing"), d.gradientCheckpointing),
    attention: oneOf(ATTENTION_IMPLEMENTATIONS, read(params, "attention"), d.attention),
    optimizer: oneOf(OPTIMIZERS, read(params, "optimizer"), d.optimizer),
    hardware: read(params, "hardware")?.trim() || d.hardware,
    gpuCount: numberIn(read(params, "gpuCount"), 1, 4096, d.gpuCount),
    sharding: oneOf(SHARDING, read(params, "sharding"), d.sharding),
    datasetSize: numberIn(read(params, "datasetSize"), 1, 1_000_000_000, d.datasetSize),
    epochs: numberIn(read(params, "epochs"), 0.001, 1000, d.epochs),
  };
}

const encode = (value: PlanState[keyof PlanState]) => (Array.isArray(value) ? value.join(",") : typeof value === "boolean" ? (value ? "1" : "0") : String(value ?? ""));

export function planToSearchParams(plan: PlanState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_PLAN) as (keyof PlanState)[]) {
    const value = encode(plan[key]);
    if (value !== encode(DEFAULT_PLAN[key])) params.set(key, value);
  }
  return params;
}

const isAdapter = (plan: PlanState) => plan.method !== "full";

/**
 * The prediction request for a plan: fields that do not apply to the method are left out (rank for full
 * fine-tuning, quantization outside QLoRA), so switching method never makes the request invalid. An emptied
 * number field is sent as NaN so the schema names it, instead of silently taking a default.
 */
export function planToPredictInput(plan: PlanState): PredictConfigInput {
  const number = (value: number | null) => value ?? Number.NaN;
  return {
    model: plan.model,
    method: plan.method,
    ...(isAdapter(plan) ? { rank: number(plan.rank), targetModules: plan.targetModules, loraDropout: number(plan.loraDropout) } : {}),
    ...(isAdapter(plan) && plan.loraAlpha !== null ? { loraAlpha: plan.loraAlpha } : {}),
    ...(plan.method === "qlora" ? { quantization: plan.quantization, doubleQuant: plan.doubleQuant } : {}),
    precision: plan.precision,
    framework: plan.framework,
    // A switch left to the framework is left out of the request, which then applies the framework's default.
    ...Object.fromEntries(PLAN_SWITCHES.filter((field) => plan[field] !== null).map((field) => [field, plan[field]])),
    batchSize: number(plan.batchSize),
    seqLen: number(plan.seqLen),
    attention: plan.attention,
    optimizer: plan.optimizer,
    hardware: plan.hardware,
    gpuCount: number(plan.gpuCount),
    sharding: (plan.gpuCount ?? 1) > 1 ? plan.sharding : "none",
    ...(plan.datasetSize !== null ? { datasetSize: plan.datasetSize } : {}),
    epochs: number(plan.epochs),
  };
}

/** A recommender suggestion as a plan: its configuration replaces the form's, the rest of the form stays. */
export function planFromRecommendation(plan: PlanState, config: Recommendation["config"]): PlanState {
  return {
    ...plan,
    model: config.model,
    method: config.method,
    rank: config.method === "full" ? plan.rank : config.rank,
    // The recommender sizes memory, which alpha does not affect; alpha = 2r is the common LoRA convention.
    loraAlpha: config.method === "full" ? plan.loraAlpha : 2 * config.rank,
    targetModules: config.method === "full" ? plan.targetModules : config.targetModules,
    quantization: config.quantization && config.quantization !== "none" ? config.quantization : "nf4",
    doubleQuant: config.doubleQuant,
    precision: config.precision,
    framework: config.framework,
    batchSize: config.batchSize,
    gradientAccumulation: config.gradientAccumulation,
    seqLen: config.seqLen,
    gradientCheckpointing: config.gradientCheckpointing,
    attention: config.attention,
    optimizer: config.optimizer,
    hardware: config.hardware,
    gpuCount: config.gpuCount,
    sharding: config.sharding,
    datasetSize: config.datasetSize,
    epochs: config.epochs,
  };
}

/**
 * A planned run in the run schema's fields, with the prediction in its notes, which the run page then compares
 * with what is measured. Settings left to the framework stay unset on the run too.
 */
export function planToRunInput(plan: PlanState, prediction: Prediction | undefined, name: string): RunCreateInput {
  const adapter = isAdapter(plan);
  const notes = [
    "Planned in /plan.",
    ...(prediction
      ? [
          `Predicted peak ${prediction.memory.totalGb.toFixed(2)} GB per GPU` +
            (prediction.throughput ? `, ${Math.round(prediction.throughput.tokensPerSec).toLocaleString("en-US")} tokens/s` : "") +
            (prediction.cost ? `, $${prediction.cost.usd.toFixed(2)}` : "") +
            (prediction.quality?.mtBench ? `, MT-Bench ${prediction.quality.mtBench.point.toFixed(2)}` : "") + ".",
        ]
      : []),
  ].join(" ");
  return {
    ...(name.trim() ? { name: name.trim() } : {}),
    status: "planned",
    tags: ["planned"],
    notes,
    method: plan.method,
    model: plan.model,
    ...(adapter ? { rank: plan.rank, loraAlpha: plan.loraAlpha, loraDropout: plan.loraDropout, targetModules: plan.targetModules } : {}),
    ...(plan.method === "qlora" ? { quantization: plan.quantization, doubleQuant: plan.doubleQuant } : { quantization: "none" }),
    precision: plan.precision,
    hardware: plan.hardware,
    gpuCount: plan.gpuCount,
    batchSize: plan.batchSize,
    gradientAccumulation: plan.gradientAccumulation,
    seqLen: plan.seqLen,
    framework: plan.framework,
    ...Object.fromEntries(PLAN_SWITCHES.filter((field) => plan[field] !== null).map((field) => [field, plan[field]])),
    attention: plan.attention,
    sharding: (plan.gpuCount ?? 1) > 1 ? plan.sharding : "none",
    optimizer: plan.optimizer,
    epochs: plan.epochs,
    datasetSize: plan.datasetSize,
  };
}
