// Axolotl. Through MLflow it logs what the Hugging Face MLflowCallback logs (hf-trainer.ts) for its
// AxolotlTrainingArguments (training_args_base.py: sample_packing, max_seq_length, qlora, ...), plus per-step
// memory/max_active|max_allocated|device_reserved (GiB) and tokens/train_per_sec_per_gpu (core/trainers/base.py,
// utils/bench.py: torch.cuda.max_memory_allocated / 1024**3, never reset). Its YAML keys (adapter, lora_r,
// sequence_len, micro_batch_size, ...) arrive from an imported config (flattenConfig), and are read first.
// Read from axolotl-ai-cloud/axolotl at 067b021c8b87a9e5e380b9173c704cf7340e30f5: src/axolotl/core/trainers/base.py,
// src/axolotl/utils/callbacks/mlflow_.py, src/axolotl/loaders/model.py (qlora: nf4 with double quantization),
// src/axolotl/loaders/adapter.py (lora_target_linear), examples/llama-3/qlora.yml.
import { parsePythonValue } from "../python-repr";
import { perGpuThroughput, peakMemoryRules } from "./torchtune";
import {
  customRule, metricRule, paramRule, toBoolean, toOptimizer, toPositive, toPositiveInt, toPrecision, toTargetModuleList, toText,
  type DerivedFields, type Rule, type RuleInput,
} from "./types";

/** adapter + load_in_4bit / load_in_8bit, as Axolotl's model loader reads them. */
function adapterMethod(input: RuleInput): { method: "lora" | "qlora" | "full"; quantization?: "nf4" | "int8"; from: string } | undefined {
  const adapter = input.param("adapter")?.trim().toLowerCase();
  const fourBit = toBoolean(input.param("load_in_4bit") ?? "") === true;
  const eightBit = toBoolean(input.param("load_in_8bit") ?? "") === true;
  if (adapter === "qlora") return { method: "qlora", quantization: "nf4", from: "adapter" };
  if (adapter === "lora") {
    // LoRA over an 8-bit base is what Tuneboard calls QLoRA with int8 base weights.
    if (eightBit) return { method: "qlora", quantization: "int8", from: "adapter + load_in_8bit" };
    if (fourBit) return { method: "qlora", quantization: "nf4", from: "adapter + load_in_4bit" };
    return { method: "lora", from: "adapter" };
  }
  // A YAML without an adapter fine-tunes every weight; the MLflow params carry no adapter key at all.
  if ((adapter === undefined || adapter === "none" || adapter === "") && input.param("base_model") !== undefined && input.param("sequence_len") !== undefined) {
    return { method: "full", from: "adapter (absent)" };
  }
  // AxolotlTrainingArguments.qlora is True for adapter: qlora.
  if (toBoolean(input.param("qlora") ?? "") === true) return { method: "qlora", quantization: "nf4", from: "qlora" };
  return undefined;
}

function attention(input: RuleInput): { value: NonNullable<DerivedFields["attention"]>; from: string } | undefined {
  const implementation = input.param("attn_implementation")?.trim();
  if (implementation) {
    if (implementation.startsWith("flash_attention")) return { value: "flash", from: "attn_implementation" };
    if (implementation === "sdpa" || implementation === "eager") return { value: implementation, from: "attn_implementation" };
  }
  if (toBoolean(input.param("flash_attention") ?? "") === true) return { value: "flash", from: "flash_attention" };
  if (toBoolean(input.param("sdp_attention") ?? "") === true) return { value: "sdpa", from: "sdp_attention" };
  if (toBoolean(input.param("eager_attention") ?? "") === true) return { value: "eager", from: "eager_attention" };
  return undefined;
}

/** datasets: [{path, type}, ...] arrives as one list repr; its paths, joined. */
function datasetPaths(raw: string): string | undefined {
  const value = parsePythonValue(raw);
  if (!Array.isArray(value)) return undefined;
  const paths = value.flatMap((item) => (item && typeof item === "object" && !Array.isArray(item) && typeof item.path === "string" ? [item.path] : []));
  return paths.length > 0 ? paths.join(", ").slice(0, 200) : undefined;
}

export const AXOLOTL_RULES: readonly Rule[] = [
  paramRule("model", ["base_model"], toText),
  customRule("method", ["adapter", "load_in_4bit", "load_in_8bit", "qlora"], (input) => {
    const hit = adapterMethod(input);
    return hit && { value: hit.method, from: hit.from };
  }, "qlora → qlora; lora → lora (qlora with load_in_8bit / load_in_4bit); no adapter in a YAML → full"),
  customRule("quantization", ["adapter", "load_in_4bit", "load_in_8bit"], (input) => {
    const hit = adapterMethod(input);
    return hit?.quantization && { value: hit.quantization, from: hit.from };
  }),
  customRule("doubleQuant", ["adapter"], (input) => (adapterMethod(input)?.quantization === "nf4" ? { value: true, from: "adapter" } : undefined), "Axolotl's QLoRA loader sets bnb_4bit_use_double_quant"),
  paramRule("rank", ["lora_r"], toPositiveInt),
  paramRule("loraAlpha", ["lora_alpha"], toPositive),
  paramRule("loraDropout", ["lora_dropout"], (raw) => {
    const value = Number(raw);
    return raw.trim() !== "" && Number.isFinite(value) ? value : undefined;
  }),
  paramRule("targetModules", ["lora_target_linear"], (raw) => (toBoolean(raw) === true ? ["all-linear"] : undefined)),
  paramRule("targetModules", ["lora_target_modules"], toTargetModuleList),
  paramRule("seqLen", ["sequence_len", "max_seq_length"], toPositiveInt),
  paramRule("batchSize", ["micro_batch_size", "per_device_train_batch_size"], toPositiveInt),
  paramRule("gradientAccumulation", ["gradient_accumulation_steps"], toPositiveInt),
  paramRule("learningRate", ["learning_rate"], toPositive),
  paramRule("epochs", ["num_epochs"], toPositive),
  paramRule("optimizer", ["optimizer"], toOptimizer),
  // gradient_checkpointing may be true or a mode ("offload", "unsloth"); every mode recomputes activations.
  paramRule("gradientCheckpointing", ["gradient_checkpointing"], (raw) => {
    const value = toBoolean(raw);
    if (value !== undefined) return value;
    return toText(raw) ? true : undefined;
  }),
  customRule("precision", ["bf16", "fp16"], (input) => {
    // "auto" picks bf16 when the GPU supports it: unknown until run; the training arguments then say True.
    if (toBoolean(input.param("bf16") ?? "") === true) return { value: "bf16", from: "bf16" };
    if (toBoolean(input.param("fp16") ?? "") === true) return { value: "fp16", from: "fp16" };
    return undefined;
  }),
  paramRule("precision", ["torch_dtype"], toPrecision),
  customRule("attention", ["attn_implementation", "flash_attention", "sdp_attention", "eager_attention"], attention),
  paramRule("datasetName", ["datasets"], datasetPaths, "the datasets' paths"),
  metricRule("throughputTokensPerSec", ["tokens/train_per_sec_per_gpu"], perGpuThroughput("tokens/train_per_sec_per_gpu")),
  ...peakMemoryRules([
    ["memory/max_allocated (GiB)", "allocated"],
    ["memory/max_active (GiB)", "allocated"],
    ["memory/device_reserved (GiB)", "reserved"],
  ]),
];
