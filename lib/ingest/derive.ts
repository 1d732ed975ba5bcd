// From what an MLflow client sends (params, key-value tags, latest metrics) to Tuneboard's typed run fields. Pure:
// one rule table per source (lib/ingest/rules/), applied in order for the framework recognised; the first rule that
// sets a field wins, and `from` names the key(s) it came from so the run page can say "rank ← lora_r".
import { checkRunConsistency, runFields, type Framework } from "@/lib/schemas/run";
import { AXOLOTL_RULES } from "./rules/axolotl";
import { GENERIC_RULES } from "./rules/generic";
import { HF_TRAINER_RULES } from "./rules/hf-trainer";
import { LITGPT_METRIC_KEYS, LITGPT_RULES } from "./rules/litgpt";
import { SUMMARY_METRIC_RULES, TUNEBOARD_TAG_RULES } from "./rules/metrics";
import { PEFT_RULES } from "./rules/peft";
import { TORCHTUNE_RULES } from "./rules/torchtune";
import type { DerivedField, DerivedFields, Rule, RuleInput } from "./rules/types";

export type { DerivedField, DerivedFields } from "./rules/types";

export type RawRun = { params: Record<string, string>; tags: Record<string, string>; latestMetrics: Record<string, number> };
export type DerivedRun = { framework: Framework | null; fields: DerivedFields; from: Partial<Record<DerivedField, string>> };

const has = (raw: RawRun, key: string) => key in raw.params || key in raw.tags;

/** Keys only Hugging Face's TrainingArguments.to_dict() sends together (TRL's configs subclass it). */
const HF_TRAINING_ARGUMENT_KEYS = ["per_device_train_batch_size", "gradient_accumulation_steps", "optim", "lr_scheduler_type"];
/** AxolotlTrainingArguments' own fields (training_args_base.py). */
const AXOLOTL_ARGUMENT_KEYS = ["sample_packing_efficiency", "multipack_real_batches", "sample_packing_bin_size"];
/** Keys an Axolotl YAML has beside base_model (the same list the recipe import recognises it by). */
const AXOLOTL_YAML_KEYS = ["adapter", "sequence_len", "micro_batch_size", "datasets", "lora_r", "load_in_4bit", "num_epochs"];

/**
 * The training stack, from the key set it sends: torchtune's `_component_` config keys; Axolotl's own training
 * arguments, its YAML keys or its memory metrics; Unsloth's `unsloth_version` in the model config; Hugging Face's
 * TrainingArguments (Trainer, TRL) as "transformers"; LitGPT by the iter_time and total_tokens metrics its loops log.
 * Anything else is unknown (null): then only the generic table of common hyperparameter names applies (rules/generic.ts).
 */
export function recognizeFramework(raw: RawRun): Framework | null {
  const torchtune = Object.entries(raw.params).some(([key, value]) => key.endsWith("._component_") && value.trim().startsWith("torchtune."));
  if (torchtune) return "torchtune";
  const axolotlYaml = has(raw, "base_model") && AXOLOTL_YAML_KEYS.some((key) => has(raw, key));
  const axolotlMetrics = "memory/max_allocated (GiB)" in raw.latestMetrics || "tokens/train_per_sec_per_gpu" in raw.latestMetrics;
  if (axolotlYaml || AXOLOTL_ARGUMENT_KEYS.some((key) => has(raw, key)) || axolotlMetrics) return "axolotl";
  const huggingFace = HF_TRAINING_ARGUMENT_KEYS.every((key) => has(raw, key));
  if (huggingFace && has(raw, "unsloth_version")) return "unsloth";
  if (huggingFace) return "transformers";
  if (LITGPT_METRIC_KEYS.every((key) => key in raw.latestMetrics)) return "litgpt";
  return null;
}

/** The tables for each framework, most specific first; PEFT, summary metrics and Tuneboard's own tags apply to all. */
const TABLES: Record<Framework | "unknown", readonly (readonly Rule[])[]> = {
  torchtune: [TORCHTUNE_RULES],
  axolotl: [AXOLOTL_RULES, HF_TRAINER_RULES],
  transformers: [HF_TRAINER_RULES],
  unsloth: [HF_TRAINER_RULES],
  litgpt: [LITGPT_RULES],
  "llama-factory": [HF_TRAINER_RULES],
  "ms-swift": [HF_TRAINER_RULES],
  other: [GENERIC_RULES],
  unknown: [GENERIC_RULES],
};
const SHARED_TABLES = [TUNEBOARD_TAG_RULES, PEFT_RULES, SUMMARY_METRIC_RULES];

export function deriveRunFields(raw: RawRun): DerivedRun {
  const framework = recognizeFramework(raw);
  const fields: DerivedFields = {};
  const from: Partial<Record<DerivedField, string>> = {};
  const input: RuleInput = {
    // A param wins over a key-value tag of the same name: params are what the training config said.
    param: (key) => (Object.hasOwn(raw.params, key) ? raw.params[key] : Object.hasOwn(raw.tags, key) ? raw.tags[key] : undefined),
    keys: () => [...Object.keys(raw.params), ...Object.keys(raw.tags)],
    metric: (key) => (Object.hasOwn(raw.latestMetrics, key) ? raw.latestMetrics[key] : undefined),
    derived: fields,
  };
  // Tuneboard's tags first: gpuCount must be known before a per-GPU throughput is scaled by it.
  const tables = [TUNEBOARD_TAG_RULES, ...TABLES[framework ?? "unknown"], ...SHARED_TABLES];
  for (const table of tables) {
    for (const rule of table) {
      if (fields[rule.field] !== undefined) continue;
      const hit = rule.read(input);
      if (!hit) continue;
      // Each value must pass the run schema's own bounds, or it is left for the raw params to show.
      if (!runFields.shape[rule.field].safeParse(hit.value).success) continue;
      (fields as Record<string, unknown>)[rule.field] = hit.value;
      from[rule.field] = hit.from;
    }
  }
  reconcile(fields, from);
  return { framework, fields, from };
}

/**
 * LoRA on a quantized base is QLoRA (PEFT says LoRA, the model's quantization_config says 4-bit). Then any field the
 * run schema's cross-field rules refuse (a rank on a full fine-tune, double quantization without 4 bits) is dropped
 * rather than stored against the method.
 */
function reconcile(fields: DerivedFields, from: Partial<Record<DerivedField, string>>) {
  if (fields.method === "lora" && fields.quantization && fields.quantization !== "none") {
    fields.method = "qlora";
    from.method = `${from.method} + ${from.quantization}`;
  }
  if (!fields.method) return;
  for (const issue of checkRunConsistency(fields)) {
    const field = issue.path[0] as DerivedField | undefined;
    if (field && field !== "method") {
      delete fields[field];
      delete from[field];
    }
  }
}
