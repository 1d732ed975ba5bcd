// Names a body's unknown fields and, where we can tell, the field that was meant: people paste Hugging Face,
// PEFT and TRL configs (r, lora_alpha, per_device_train_batch_size), and a silent drop would store nulls.
import type { z } from "zod";

/** Field names of HF TrainingArguments, PEFT's LoraConfig, TRL's SFTConfig and bitsandbytes, by Tuneboard name. */
const ALIASES: Record<string, readonly string[]> = {
  rank: ["r", "lora_r", "lora_rank"],
  loraAlpha: ["lora_alpha", "alpha"],
  loraDropout: ["lora_dropout", "dropout"],
  targetModules: ["target_modules", "lora_target_modules", "lora_target"],
  batchSize: ["per_device_train_batch_size", "train_batch_size", "batch_size", "micro_batch_size"],
  gradientAccumulation: ["gradient_accumulation_steps", "grad_accum", "gradient_accumulation"],
  seqLen: ["max_seq_length", "max_seq_len", "max_length", "seq_length", "sequence_len", "cutoff_len", "block_size"],
  learningRate: ["learning_rate", "lr"],
  epochs: ["num_train_epochs", "num_epochs"],
  model: ["model_name_or_path", "base_model", "model_name", "model_id"],
  quantization: ["load_in_4bit", "load_in_8bit", "bnb_4bit_quant_type", "quant_type"],
  doubleQuant: ["bnb_4bit_use_double_quant", "double_quant"],
  gradientCheckpointing: ["gradient_checkpointing"],
  optimizer: ["optim"],
  precision: ["bf16", "fp16", "torch_dtype", "dtype", "bnb_4bit_compute_dtype"],
  attention: ["attn_implementation"],
  gpuCount: ["num_gpus", "n_gpus", "world_size"],
  datasetName: ["dataset", "dataset_name"],
  datasetSize: ["num_examples", "dataset_size"],
};
const ALIAS_TARGETS = new Map(Object.entries(ALIASES).flatMap(([field, aliases]) => aliases.map((alias) => [alias, field] as const)));

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  valueType?: z.ZodType;
};
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** The field names of the object a zod issue path points at, through arrays, wrappers, pipes and unions. */
export function knownFieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  if (inner) return knownFieldsAt(inner, path);
  if (def.type === "union") return [...new Set((def.options ?? []).flatMap((option) => knownFieldsAt(option, path)))];
  if (path.length === 0) return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
  const [head, ...rest] = path;
  if (def.type === "array" && def.element) return knownFieldsAt(def.element, rest);
  if (def.type === "record" && def.valueType) return knownFieldsAt(def.valueType, rest);
  const child = def.type === "object" && typeof head === "string" ? def.shape?.[head] : undefined;
  return child ? knownFieldsAt(child, rest) : [];
}

const squash = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, "");

/** Levenshtein distance, stopping early: only distances up to `limit` matter here. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known field an unknown name most likely meant: a known alias, the same name in another case, or a typo. */
export function suggestField(name: string, known: readonly string[]): string | undefined {
  const alias = ALIAS_TARGETS.get(name) ?? ALIAS_TARGETS.get(name.toLowerCase());
  if (alias && known.includes(alias)) return alias;
  const squashed = squash(name);
  const sameName = known.find((field) => squash(field) === squashed);
  if (sameName) return sameName;
  if (squashed.length < 4) return undefined;
  const near = known.filter((field) => editDistance(squash(field), squashed, 2) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

export function unknownFieldMessage(name: string, known: readonly string[]): string {
  const suggestion = suggestField(name, known);
  return suggestion ? `unknown field '${name}': did you mean '${suggestion}'?` : `unknown field '${name}'`;
}
