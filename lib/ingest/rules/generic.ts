// Hyperparameters a person named in their own training loop: a LightningModule's save_hyperparameters(), a plain
// PyTorch or PEFT script calling mlflow.log_params. They follow no schema, but most use the same few names, so a run
// from an unrecognised framework is read by those names. Applied only when no framework table matched: a known
// framework's own table says what its keys mean, and "r" or "lr" there must not be second-guessed.
//
// Lightning's MLFlowLogger flattens nested hyperparameters with "/" (`trainer/precision`, `data/dataset_name`:
// _flatten_dict(params, delimiter="/") in src/lightning/pytorch/loggers/mlflow.py, log_hyperparams, read from
// Lightning-AI/pytorch-lightning at 7f0c3436), so a name is looked up exactly first, then as the last part of a
// "/"- or "."-separated key.
// Such names are common outside LLM fine-tuning too (a ResNet's batch_size, lr, epochs), so the table reads a run only
// when its keys say it fine-tunes a language model: a LoRA rank, a sequence length, or a Hugging Face model id. Its Trainer precision names ("bf16-mixed", "16-mixed", "32-true", "bf16-true") come
// from src/lightning/fabric/connector.py's _PRECISION_INPUT at the same commit.
import {
  customRule, toBoolean, toOptimizer, toPositive, toPositiveInt, toPrecision, toTargetModuleList, toText,
  type DerivedField, type DerivedFields, type Hit, type Rule, type RuleInput,
} from "./types";

/** The value of the first name present: as a key itself, else as the last segment of a nested key (`hparams/lr`). */
function lookup(input: RuleInput, names: readonly string[]): { raw: string; key: string } | undefined {
  for (const name of names) {
    const raw = input.param(name);
    if (raw !== undefined) return { raw, key: name };
  }
  for (const name of names) {
    const key = input.keys().find((candidate) => candidate.endsWith(`/${name}`) || candidate.endsWith(`.${name}`));
    if (key !== undefined) return { raw: input.param(key)!, key };
  }
  return undefined;
}

function named<K extends DerivedField>(field: K, names: readonly string[], convert: (raw: string) => DerivedFields[K] | undefined, note?: string): Rule {
  return customRule(field, names, (input) => {
    const found = lookup(input, names);
    if (!found) return undefined;
    const value = convert(found.raw);
    return value === undefined || value === null ? undefined : ({ value, from: found.key } as Hit<K>);
  }, note);
}

/** Lightning's precision names, then plain dtype names. */
export function toLightningPrecision(raw: string): DerivedFields["precision"] {
  const value = raw.trim().toLowerCase();
  if (value === "bf16-mixed" || value === "bf16-true") return "bf16";
  if (value === "16-mixed" || value === "16-true" || value === "16") return "fp16";
  if (value === "32-true" || value === "32") return "fp32";
  return toPrecision(raw);
}

const RANK_NAMES = ["lora_r", "lora_rank", "lora.r", "lora_dim"] as const;
const FOUR_BIT_NAMES = ["load_in_4bit", "quantize_4bit", "use_4bit"] as const;

function method(input: RuleInput): Hit<"method"> | undefined {
  const rank = lookup(input, RANK_NAMES);
  const fourBit = lookup(input, FOUR_BIT_NAMES);
  if (rank && toPositiveInt(rank.raw) !== undefined) {
    if (fourBit && toBoolean(fourBit.raw) === true) return { value: "qlora", from: `${rank.key} + ${fourBit.key}` };
    return { value: "lora", from: rank.key };
  }
  return undefined;
}

const SEQ_LEN_NAMES = ["max_seq_length", "max_seq_len", "seq_len", "sequence_length", "block_size"] as const;
const MODEL_NAMES = ["model_name_or_path", "base_model", "model_name", "pretrained_model_name_or_path", "model_id", "checkpoint"] as const;

/** A LoRA rank, a sequence length or an "org/name" model id among the keys: this is a language-model fine-tune. */
export function looksLikeLanguageModelTuning(input: RuleInput): boolean {
  if (lookup(input, RANK_NAMES) || lookup(input, SEQ_LEN_NAMES)) return true;
  const model = lookup(input, MODEL_NAMES);
  return model !== undefined && /^[\w.-]+\/[\w.-]+$/.test(model.raw.trim());
}

/** The rule, read only for a run that looks like a language-model fine-tune. */
const gated = (rule: Rule): Rule => ({ ...rule, read: (input: RuleInput) => (looksLikeLanguageModelTuning(input) ? rule.read(input) : undefined) }) as Rule;

export const GENERIC_RULES: readonly Rule[] = [
  named("model", MODEL_NAMES, toText),
  customRule("method", [...RANK_NAMES, ...FOUR_BIT_NAMES], method, "a LoRA rank → lora (qlora with a 4-bit flag)"),
  customRule("quantization", [...FOUR_BIT_NAMES], (input) => {
    const found = lookup(input, FOUR_BIT_NAMES);
    return found && toBoolean(found.raw) === true ? { value: "nf4", from: found.key } : undefined;
  }),
  named("rank", RANK_NAMES, toPositiveInt),
  named("loraAlpha", ["lora_alpha"], toPositive),
  named("loraDropout", ["lora_dropout"], (raw) => {
    const value = Number(raw);
    return raw.trim() !== "" && Number.isFinite(value) && value >= 0 && value < 1 ? value : undefined;
  }),
  named("targetModules", ["lora_target_modules", "target_modules"], toTargetModuleList),
  named("learningRate", ["learning_rate", "lr"], toPositive),
  named("batchSize", ["per_device_train_batch_size", "micro_batch_size", "batch_size", "train_batch_size"], toPositiveInt),
  named("gradientAccumulation", ["gradient_accumulation_steps", "accumulate_grad_batches", "grad_accum_steps"], toPositiveInt),
  named("seqLen", SEQ_LEN_NAMES, toPositiveInt),
  named("epochs", ["num_train_epochs", "max_epochs", "num_epochs", "epochs"], toPositive),
  named("optimizer", ["optimizer", "optim"], toOptimizer),
  named("precision", ["precision", "dtype", "torch_dtype"], toLightningPrecision),
  named("gradientCheckpointing", ["gradient_checkpointing", "activation_checkpointing"], toBoolean),
  named("datasetName", ["dataset_name", "dataset"], toText),
].map(gated);
