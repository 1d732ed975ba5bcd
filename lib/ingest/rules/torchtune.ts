// torchtune: MLFlowLogger.log_config logs the resolved recipe config flattened with "." (flatten_dict; lists are not
// unnested) and log_dict the per-step metrics. Read from pytorch/torchtune torchtune/training/metric_logging.py
// (MLFlowLogger, flatten_dict), recipes/lora_finetune_single_device.py (loss, lr, tokens_per_second_per_gpu, peak
// memory via training.get_memory_stats, which divides by 1024**3 and resets the peak after each log) and
// recipes/configs/llama3_1/8B_qlora_single_device.yaml, at bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1.
import { parsePythonValue } from "../python-repr";
import {
  customRule, gibToGb, metricRule, paramRule, toBoolean, toOptimizer, toPositive, toPositiveInt, toPrecision, toTargetModules, toText,
  type Rule, type RuleInput,
} from "./types";

const MODEL_COMPONENT = /^torchtune\.models\.[\w.]+\.(lora_|qlora_)?(\w+)$/;

/**
 * torchtune model builders whose architecture is a catalogued Hugging Face model (base and instruct builders share
 * one architecture). Other builders keep their own name, which the catalog may still know.
 */
const BUILDER_HF_IDS: Record<string, string> = {
  llama2_7b: "meta-llama/Llama-2-7b-hf",
  llama2_13b: "meta-llama/Llama-2-13b-hf",
  llama2_70b: "meta-llama/Llama-2-70b-hf",
  llama3_1_8b: "meta-llama/Llama-3.1-8B",
  llama3_1_70b: "meta-llama/Llama-3.1-70B",
  llama3_2_1b: "meta-llama/Llama-3.2-1B",
  llama3_2_3b: "meta-llama/Llama-3.2-3B",
  mistral_7b: "mistralai/Mistral-7B-v0.1",
  qwen2_5_7b_base: "Qwen/Qwen2.5-7B",
  qwen2_5_7b_instruct: "Qwen/Qwen2.5-7B",
  gemma2_9b: "google/gemma-2-9b",
  phi3_mini: "microsoft/Phi-3-mini-4k-instruct",
};

function modelComponent(input: RuleInput) {
  const match = MODEL_COMPONENT.exec(input.param("model._component_")?.trim() ?? "");
  if (!match) return undefined;
  const kind = match[1] === "qlora_" ? "qlora" : match[1] === "lora_" ? "lora" : "full";
  return { kind, builder: match[2]! } as const;
}

/** The component's last name without its `_dataset` suffix: torchtune.datasets.alpaca_cleaned_dataset → alpaca_cleaned. */
function datasetName(input: RuleInput): string | undefined {
  const source = toText(input.param("dataset.source") ?? "");
  if (source) return source;
  const component = input.param("dataset._component_")?.trim();
  return component ? component.split(".").pop()!.replace(/_dataset$/, "") : undefined;
}

/** peak_memory_* are GiB of the last logging window; allocated (and active, a subset of it) before reserved. */
const PEAK_MEMORY_KEYS = [
  ["peak_memory_alloc", "allocated"],
  ["peak_memory_active", "allocated"],
  ["peak_memory_reserved", "reserved"],
] as const;

export const TORCHTUNE_RULES: readonly Rule[] = [
  customRule("method", ["model._component_"], (input) => {
    const model = modelComponent(input);
    return model && { value: model.kind, from: "model._component_" };
  }, "lora_* → lora, qlora_* → qlora, any other builder → full"),
  customRule("model", ["model._component_"], (input) => {
    const model = modelComponent(input);
    return model && { value: BUILDER_HF_IDS[model.builder] ?? model.builder, from: "model._component_" };
  }, "the builder's Hugging Face id where catalogued, else the builder name"),
  // torchtune's QLoRA stores base weights as torchao's NF4Tensor, which also quantizes the per-block scalers to int8
  // (torchao/dtypes/nf4tensor.py, NF4Tensor.double_quantize_scalers): NF4 with double quantization.
  customRule("quantization", ["model._component_"], (input) => (modelComponent(input)?.kind === "qlora" ? { value: "nf4", from: "model._component_" } : undefined)),
  customRule("doubleQuant", ["model._component_"], (input) => (modelComponent(input)?.kind === "qlora" ? { value: true, from: "model._component_" } : undefined)),
  paramRule("rank", ["model.lora_rank"], toPositiveInt),
  paramRule("loraAlpha", ["model.lora_alpha"], toPositive),
  paramRule("loraDropout", ["model.lora_dropout"], (raw) => {
    const value = Number(raw);
    return raw.trim() !== "" && Number.isFinite(value) ? value : undefined;
  }),
  customRule("targetModules", ["model.lora_attn_modules", "model.apply_lora_to_mlp", "model.apply_lora_to_output"], (input) => {
    const attention = parsePythonValue(input.param("model.lora_attn_modules") ?? "[]");
    if (!Array.isArray(attention) || !attention.every((name) => typeof name === "string")) return undefined;
    const names = [...(attention as string[])];
    const used = ["model.lora_attn_modules"];
    if (toBoolean(input.param("model.apply_lora_to_mlp") ?? "") === true) {
      names.push("w1", "w2", "w3");
      used.push("model.apply_lora_to_mlp");
    }
    if (toBoolean(input.param("model.apply_lora_to_output") ?? "") === true) {
      names.push("output");
      used.push("model.apply_lora_to_output");
    }
    const modules = toTargetModules(names);
    return modules && { value: modules, from: used.join(" + ") };
  }, "output_proj → o_proj; MLP (w1, w2, w3) → gate_proj, down_proj, up_proj; output → lm_head"),
  paramRule("batchSize", ["batch_size"], toPositiveInt),
  paramRule("gradientAccumulation", ["gradient_accumulation_steps"], toPositiveInt),
  paramRule("seqLen", ["tokenizer.max_seq_len"], toPositiveInt),
  paramRule("gradientCheckpointing", ["enable_activation_checkpointing"], toBoolean),
  paramRule("optimizer", ["optimizer._component_"], toOptimizer),
  paramRule("learningRate", ["optimizer.lr"], toPositive),
  // max_steps_per_epoch cuts every epoch short, so the epochs run are then fewer than the number.
  paramRule("epochs", ["epochs"], (raw, input) => (toPositiveInt(input.param("max_steps_per_epoch") ?? "") ? undefined : toPositive(raw)), "unless max_steps_per_epoch is set"),
  paramRule("precision", ["dtype"], toPrecision),
  customRule("datasetName", ["dataset.source", "dataset._component_"], (input) => {
    const name = datasetName(input);
    return name === undefined || name === "" ? undefined : { value: name, from: input.param("dataset.source") ? "dataset.source" : "dataset._component_" };
  }),
  metricRule("trainLoss", ["loss"], (value) => ({ value })),
  metricRule("throughputTokensPerSec", ["tokens_per_second_per_gpu"], perGpuThroughput("tokens_per_second_per_gpu")),
  ...peakMemoryRules(PEAK_MEMORY_KEYS),
];

/**
 * Tuneboard's throughput is the run's total (lib/predict/throughput.ts divides it by peak TFLOP/s × gpuCount), so a
 * per-GPU rate is multiplied by gpuCount when the run says it; otherwise it stays as is, which the efficiency fit
 * reads consistently because it takes a missing gpuCount as 1.
 */
export function perGpuThroughput(key: string) {
  return (value: number, input: RuleInput) => {
    if (value < 0) return undefined;
    const gpus = input.derived.gpuCount;
    return gpus
      ? { value: value * gpus, from: `${key} × gpuCount ${gpus}` }
      : { value, from: `${key} (per GPU; gpuCount unknown, read as 1)` };
  };
}

/** Two rules (value in GB, and which measure) over GiB metrics listed best first. */
export function peakMemoryRules(keys: readonly (readonly [string, "allocated" | "reserved"])[]): Rule[] {
  const first = (input: RuleInput) => {
    for (const [key, measure] of keys) {
      const value = input.metric(key);
      if (value !== undefined && Number.isFinite(value) && value > 0) return { key, measure, gb: gibToGb(value) };
    }
    return undefined;
  };
  const names = keys.map(([key]) => key);
  return [
    customRule("peakMemoryGb", names, (input) => {
      const hit = first(input);
      return hit && { value: hit.gb, from: `${hit.key} (GiB × 1.073741824)` };
    }, "GiB × 1.073741824 = GB; allocated preferred over reserved"),
    customRule("peakMemoryMeasure", names, (input) => {
      const hit = first(input);
      return hit && { value: hit.measure, from: hit.key };
    }),
  ];
}
