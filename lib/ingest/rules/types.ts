// The shape of a mapping rule and the conversions the rule tables share. Pure: no I/O, no Prisma.
import type { ATTENTION_IMPLEMENTATIONS, Method, OPTIMIZERS, PEAK_MEMORY_MEASURES, PRECISIONS, QUANTIZATIONS, TARGET_MODULES } from "@/lib/schemas/run";
import { parseBoolean, parseNumber, parsePythonValue, parseStringList } from "../python-repr";

type TargetModule = (typeof TARGET_MODULES)[number];

/** The typed run fields a client's params, tags and metrics can set. Units as in lib/schemas/run.ts (GB = 1e9 bytes). */
export type DerivedFields = {
  method?: Method;
  /** A model name or Hugging Face id as sent; the catalog resolves it. */
  model?: string;
  modelParams?: number;
  rank?: number;
  loraAlpha?: number;
  loraDropout?: number;
  targetModules?: TargetModule[];
  quantization?: (typeof QUANTIZATIONS)[number];
  doubleQuant?: boolean;
  precision?: (typeof PRECISIONS)[number];
  /** A device name as sent (e.g. "NVIDIA A100-SXM4-80GB"); the hardware catalog resolves it. */
  hardware?: string;
  gpuCount?: number;
  batchSize?: number;
  gradientAccumulation?: number;
  seqLen?: number;
  gradientCheckpointing?: boolean;
  attention?: (typeof ATTENTION_IMPLEMENTATIONS)[number];
  optimizer?: (typeof OPTIMIZERS)[number];
  learningRate?: number;
  epochs?: number;
  datasetName?: string;
  throughputSamplesPerSec?: number;
  throughputTokensPerSec?: number;
  peakMemoryGb?: number;
  peakMemoryMeasure?: (typeof PEAK_MEMORY_MEASURES)[number];
  trainLoss?: number;
  evalLoss?: number;
  wallTimeSec?: number;
  mtBench?: number;
  mmlu?: number;
  trainableParams?: number;
};
export type DerivedField = keyof DerivedFields;

/** What a rule reads: params (MLflow params, then key-value tags of the same name), metrics, and what earlier rules set. */
export type RuleInput = {
  param(key: string): string | undefined;
  /** Every param and key-value tag key, for tables that match a name inside a nested key. */
  keys(): readonly string[];
  metric(key: string): number | undefined;
  derived: Readonly<DerivedFields>;
};

/** A hit: the value and the key(s) it came from, e.g. "lora_r" or "bf16 + fp16". */
export type Hit<K extends DerivedField> = { value: NonNullable<DerivedFields[K]>; from: string };

/** One row of a rule table: the keys it reads (for the README table) and how it turns them into a field. */
export type Rule = {
  [K in DerivedField]: {
    field: K;
    keys: readonly string[];
    /** Extra fields the same keys settle (a quantization_config gives method, quantization and double quant). */
    read(input: RuleInput): Hit<K> | undefined;
    note?: string;
  };
}[DerivedField];

/** A rule over params: the first of `keys` that is present and converts wins. */
export function paramRule<K extends DerivedField>(
  field: K,
  keys: readonly string[],
  convert: (raw: string, input: RuleInput) => DerivedFields[K] | undefined,
  note?: string,
): Rule {
  return {
    field,
    keys,
    note,
    read(input) {
      for (const key of keys) {
        const raw = input.param(key);
        if (raw === undefined) continue;
        const value = convert(raw, input);
        if (value !== undefined && value !== null) return { value: value as NonNullable<DerivedFields[K]>, from: key };
      }
      return undefined;
    },
  } as Rule;
}

/** A rule over the latest value of metrics: the first of `keys` logged wins. */
export function metricRule<K extends DerivedField>(
  field: K,
  keys: readonly string[],
  convert: (value: number, input: RuleInput, key: string) => { value: DerivedFields[K]; from?: string } | undefined,
  note?: string,
): Rule {
  return {
    field,
    keys,
    note,
    read(input) {
      for (const key of keys) {
        const raw = input.metric(key);
        if (raw === undefined || !Number.isFinite(raw)) continue;
        const hit = convert(raw, input, key);
        if (hit && hit.value !== undefined && hit.value !== null) return { value: hit.value as NonNullable<DerivedFields[K]>, from: hit.from ?? key };
      }
      return undefined;
    },
  } as Rule;
}

/** A rule written out by hand, for fields that several keys settle together. */
export function customRule<K extends DerivedField>(field: K, keys: readonly string[], read: (input: RuleInput) => Hit<K> | undefined, note?: string): Rule {
  return { field, keys, read, note } as Rule;
}

// ---- conversions shared by the tables ----

export const toNumber = (raw: string) => parseNumber(raw);
export const toPositiveInt = (raw: string) => {
  const value = parseNumber(raw);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
};
export const toPositive = (raw: string) => {
  const value = parseNumber(raw);
  return value !== undefined && value > 0 ? value : undefined;
};
export const toBoolean = (raw: string) => parseBoolean(raw);
/** A non-empty string that is not Python's None. */
export const toText = (raw: string) => {
  const value = raw.trim();
  return value === "" || value === "None" || value === "null" ? undefined : value;
};

/** GiB (2^30 bytes, what torch.cuda memory stats divided by 1024**3 give) to GB (1e9 bytes). */
export const GIB_IN_GB = 1.073741824;
export const gibToGb = (gib: number) => gib * GIB_IN_GB;

/** "bfloat16", "torch.bfloat16", "bf16" → bf16 and so on; anything else (e.g. "auto") is unknown. */
export function toPrecision(raw: string): DerivedFields["precision"] {
  const value = raw.trim().replace(/^torch\./, "").toLowerCase();
  if (value === "bf16" || value === "bfloat16") return "bf16";
  if (value === "fp16" || value === "float16" || value === "half") return "fp16";
  if (value === "fp32" || value === "float32" || value === "float") return "fp32";
  return undefined;
}

/**
 * Hugging Face `optim` names (transformers OptimizerNames, training_args.py) and the torch / bitsandbytes / torchao
 * classes torchtune's `optimizer._component_` names, to Tuneboard's OPTIMIZERS. An optimizer Tuneboard has no
 * name for (Adam, RMSprop, 8-bit Lion, GaLore...) maps to nothing and stays in the raw params.
 */
const OPTIMIZER_NAMES: Record<string, DerivedFields["optimizer"]> = {
  // Plain names a person's own loop logs (generic.ts).
  adamw: "adamw",
  adamw8bit: "adamw8bit",
  lion: "lion",
  adamw_torch: "adamw",
  adamw_torch_fused: "adamw",
  adamw_hf: "adamw",
  adamw_apex_fused: "adamw",
  adamw_torch_xla: "adamw",
  adamw_torch_npu_fused: "adamw",
  adamw_anyprecision: "adamw",
  adamw_bnb_8bit: "adamw8bit",
  adamw_8bit: "adamw8bit",
  adamw_torch_8bit: "adamw8bit",
  paged_adamw_32bit: "paged_adamw",
  paged_adamw: "paged_adamw",
  paged_adamw_8bit: "paged_adamw8bit",
  sgd: "sgd",
  adafactor: "adafactor",
  lion_32bit: "lion",
  paged_lion_32bit: "lion",
  "torch.optim.adamw": "adamw",
  "torch.optim.sgd": "sgd",
  "torch.optim.adafactor": "adafactor",
  "bitsandbytes.optim.adamw8bit": "adamw8bit",
  "bitsandbytes.optim.pagedadamw": "paged_adamw",
  "bitsandbytes.optim.pagedadamw32bit": "paged_adamw",
  "bitsandbytes.optim.pagedadamw8bit": "paged_adamw8bit",
  "bitsandbytes.optim.lion": "lion",
  "bitsandbytes.optim.lion32bit": "lion",
  "torchao.optim.adamw8bit": "adamw8bit",
  "torchao.prototype.low_bit_optim.adamw8bit": "adamw8bit",
};
export function toOptimizer(raw: string): DerivedFields["optimizer"] {
  // HF logs the enum's value ("adamw_torch"); an older str() of the enum reads "OptimizerNames.ADAMW_TORCH".
  const value = raw.trim().replace(/^OptimizerNames\./, "").toLowerCase();
  return OPTIMIZER_NAMES[value];
}

/**
 * Module names as PEFT, Axolotl and torchtune write them, to Tuneboard's TARGET_MODULES. torchtune's Llama names
 * output_proj (attention output) and w1/w2/w3 (gate/down/up, torchtune/modules/feed_forward.py). A list holding a
 * module Tuneboard has no name for (c_attn, query_key_value, a regex) maps to nothing rather than to part of it.
 */
const MODULE_NAMES: Record<string, TargetModule> = {
  q_proj: "q_proj",
  k_proj: "k_proj",
  v_proj: "v_proj",
  o_proj: "o_proj",
  output_proj: "o_proj",
  gate_proj: "gate_proj",
  up_proj: "up_proj",
  down_proj: "down_proj",
  w1: "gate_proj",
  w3: "up_proj",
  w2: "down_proj",
  lm_head: "lm_head",
  output: "lm_head",
  "all-linear": "all-linear",
};
const MODULE_ORDER = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head", "all-linear"] as const;
export function toTargetModules(names: readonly string[]): TargetModule[] | undefined {
  if (names.length === 0) return undefined;
  const mapped = new Set<TargetModule>();
  for (const name of names) {
    const module = MODULE_NAMES[name.trim()];
    if (!module) return undefined;
    mapped.add(module);
  }
  if (mapped.has("all-linear")) return ["all-linear"];
  return MODULE_ORDER.filter((module) => mapped.has(module));
}
export const toTargetModuleList = (raw: string) => {
  const list = parseStringList(raw);
  return list ? toTargetModules(list) : undefined;
};

/** A dict param: a Python repr string, or the keys `<prefix>.<name>` when the client flattened it. */
export function readDict(input: RuleInput, key: string, names: readonly string[]): Record<string, unknown> | undefined {
  const raw = input.param(key);
  if (raw !== undefined) {
    const value = parsePythonValue(raw);
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  }
  const flat: Record<string, unknown> = {};
  for (const name of names) {
    const value = input.param(`${key}.${name}`);
    if (value !== undefined) flat[name] = parsePythonValue(value);
  }
  return Object.keys(flat).length > 0 ? flat : undefined;
}
