// Hugging Face Trainer and TRL: what MLflowCallback.setup logs as params. It logs `args.to_dict()` (TrainingArguments,
// or TRL's SFTConfig, a subclass) merged over `model.config.to_dict()`, not flattened unless MLFLOW_FLATTEN_PARAMS is
// set, so a nested `quantization_config` arrives as one str(dict) param; and each `logs` dict of on_log as metrics.
// Read from huggingface/transformers src/transformers/integrations/integration_utils.py (MLflowCallback.setup, on_log)
// at 0101dc058f691005bbf071fe1857370360a14895, training_args.py (OptimizerNames, include_tokens_per_second "per
// device") and huggingface/trl trl/trainer/sft_config.py (max_length, packing, dataset_text_field) at
// f2cd57710ae345ea6428ae95363267fcf38a3dc8. PEFT's LoraConfig is not logged: see peft.ts.
import { parseNumber } from "../python-repr";
import {
  customRule, metricRule, paramRule, readDict, toBoolean, toOptimizer, toPositive, toPositiveInt, toPrecision, toText,
  type Rule, type RuleInput,
} from "./types";

const BNB_KEYS = ["quant_method", "load_in_4bit", "load_in_8bit", "_load_in_4bit", "_load_in_8bit", "bnb_4bit_quant_type", "bnb_4bit_use_double_quant"] as const;

/** A bitsandbytes quantization_config (BitsAndBytesConfig.to_dict(), as a repr or flattened) as Tuneboard fields. */
export function readBitsAndBytes(input: RuleInput): { quantization: "nf4" | "fp4" | "int8"; doubleQuant: boolean } | undefined {
  const config = readDict(input, "quantization_config", BNB_KEYS);
  if (!config) return undefined;
  // quant_method is an Enum: its repr reads "bitsandbytes", str() of it "QuantizationMethod.BITS_AND_BYTES".
  const method = typeof config.quant_method === "string" ? config.quant_method.toLowerCase().replace(/^quantizationmethod\./, "").replace(/_/g, "") : undefined;
  if (method !== undefined && method !== "bitsandbytes") return undefined;
  const isTrue = (value: unknown) => value === true || value === "True" || value === "true";
  if (isTrue(config.load_in_4bit ?? config._load_in_4bit)) {
    // BitsAndBytesConfig's default 4-bit type is fp4; to_dict always writes the type, so the default rarely applies.
    const quantization = config.bnb_4bit_quant_type === "nf4" ? "nf4" : "fp4";
    return { quantization, doubleQuant: isTrue(config.bnb_4bit_use_double_quant) };
  }
  if (isTrue(config.load_in_8bit ?? config._load_in_8bit)) return { quantization: "int8", doubleQuant: false };
  return undefined;
}

/** SFTConfig's own fields: only with one of them does `max_length` mean the training length (see seqLen below). */
const SFT_CONFIG_KEYS = ["dataset_text_field", "packing", "completion_only_loss", "assistant_only_loss"] as const;

const quantizationRule = (field: "method" | "quantization" | "doubleQuant") =>
  customRule(field, ["quantization_config"], (input) => {
    const bnb = readBitsAndBytes(input);
    if (!bnb) return undefined;
    const from = input.param("quantization_config") !== undefined ? "quantization_config" : "quantization_config.*";
    // A 4- or 8-bit bitsandbytes base cannot be trained in full: its run trains adapters on it, which is QLoRA.
    if (field === "method") return { value: "qlora", from };
    if (field === "quantization") return { value: bnb.quantization, from };
    return bnb.quantization === "int8" ? undefined : { value: bnb.doubleQuant, from: `${from}.bnb_4bit_use_double_quant` };
  });

export const HF_TRAINER_RULES: readonly Rule[] = [
  paramRule("model", ["_name_or_path"], toText, "the model config's name or path, as loaded"),
  quantizationRule("method"),
  quantizationRule("quantization"),
  quantizationRule("doubleQuant"),
  customRule("precision", ["bf16", "fp16", "torch_dtype", "dtype"], (input) => {
    if (toBoolean(input.param("bf16") ?? "") === true) return { value: "bf16", from: "bf16" };
    if (toBoolean(input.param("fp16") ?? "") === true) return { value: "fp16", from: "fp16" };
    // Without mixed precision the Trainer computes in the dtype the model was loaded in.
    if (input.param("bf16") === undefined && input.param("fp16") === undefined) return undefined;
    for (const key of ["torch_dtype", "dtype"]) {
      const precision = toPrecision(input.param(key) ?? "");
      if (precision) return { value: precision, from: `bf16 + fp16 (both False) + ${key}` };
    }
    return undefined;
  }, "bf16 / fp16 flags; with neither, the model's dtype"),
  paramRule("batchSize", ["per_device_train_batch_size"], toPositiveInt),
  paramRule("gradientAccumulation", ["gradient_accumulation_steps"], toPositiveInt),
  paramRule("learningRate", ["learning_rate"], toPositive),
  // max_steps > 0 overrides num_train_epochs (TrainingArguments docs), so the epoch count is then unknown.
  paramRule("epochs", ["num_train_epochs"], (raw, input) => ((parseNumber(input.param("max_steps") ?? "") ?? -1) > 0 ? undefined : toPositive(raw)), "unless max_steps > 0"),
  paramRule("gradientCheckpointing", ["gradient_checkpointing"], toBoolean),
  // PretrainedConfig carries a generation `max_length` (20) that a plain TrainingArguments does not override.
  paramRule("seqLen", ["max_length"], (raw, input) => (SFT_CONFIG_KEYS.some((key) => input.param(key) !== undefined) ? toPositiveInt(raw) : undefined), "TRL SFTConfig only"),
  paramRule("seqLen", ["max_seq_length"], toPositiveInt, "TRL before 0.20, Axolotl's training arguments"),
  paramRule("optimizer", ["optim"], toOptimizer),
  // train_loss (the mean over the run) arrives only at the end; until then the latest logged loss stands in.
  metricRule("trainLoss", ["train_loss", "loss"], (value) => (value >= 0 ? { value } : undefined), "train_loss, else the latest loss"),
];

