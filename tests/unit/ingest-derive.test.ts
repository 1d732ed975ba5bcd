// deriveRunFields (lib/ingest/derive.ts) against the key sets each training stack really sends (tests/fixtures/clients,
// built from the clients' source), plus the conversions and the cases where it must derive nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { deriveRunFields, recognizeFramework, type RawRun } from "@/lib/ingest/derive";
import { flattenConfig } from "@/lib/ingest/flatten";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/clients");
const readJson = (name: string) => JSON.parse(readFileSync(path.join(fixtures, name), "utf8"));
const client = (name: string): RawRun => {
  const fixture = readJson(name);
  return { params: fixture.params ?? {}, tags: fixture.tags ?? {}, latestMetrics: fixture.latestMetrics ?? {} };
};
const run = (params: Record<string, string>, latestMetrics: Record<string, number> = {}, tags: Record<string, string> = {}): RawRun => ({ params, tags, latestMetrics });
const GIB = 1.073741824;

describe("Hugging Face Trainer and TRL", () => {
  it("types a TRL SFTTrainer QLoRA run from SFTConfig, the model config's quantization_config and peft.* tags", () => {
    const derived = deriveRunFields(client("hf-trl-sft-qlora.json"));
    expect(derived.framework).toBe("transformers");
    expect(derived.fields).toEqual({
      hardware: "NVIDIA A100-SXM4-80GB",
      gpuCount: 2,
      model: "meta-llama/Llama-3.1-8B",
      method: "qlora",
      quantization: "nf4",
      doubleQuant: true,
      precision: "bf16",
      batchSize: 4,
      gradientAccumulation: 4,
      learningRate: 0.0002,
      epochs: 3,
      gradientCheckpointing: true,
      seqLen: 2048,
      optimizer: "paged_adamw8bit",
      trainLoss: 1.0417,
      rank: 16,
      loraAlpha: 32,
      loraDropout: 0.05,
      // PEFT keeps target_modules as a set: its str() order is arbitrary, Tuneboard's is fixed.
      targetModules: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
      wallTimeSec: 5423.7,
      throughputSamplesPerSec: 5.531,
      throughputTokensPerSec: 1180.4 * 2,
    });
    expect(derived.from).toMatchObject({
      method: "quantization_config",
      rank: "peft.r",
      seqLen: "max_length",
      batchSize: "per_device_train_batch_size",
      trainLoss: "train_loss",
      throughputTokensPerSec: "train_tokens_per_second × gpuCount 2",
    });
  });

  it("does not read the model config's generation max_length as a sequence length, nor guess a method, on a plain Trainer run", () => {
    const derived = deriveRunFields(client("hf-trainer-plain.json"));
    expect(derived.framework).toBe("transformers");
    expect(derived.fields.seqLen).toBeUndefined();
    // Neither PEFT nor quantization is logged: a LoRA run and a full one look the same, so no method is claimed.
    expect(derived.fields.method).toBeUndefined();
    // max_steps 1000 overrides num_train_epochs 3.0.
    expect(derived.fields.epochs).toBeUndefined();
    expect(derived.fields).toMatchObject({ model: "Qwen/Qwen2.5-0.5B", batchSize: 8, learningRate: 5e-5, optimizer: "adamw", precision: "fp32", gradientCheckpointing: false });
    expect(derived.from.precision).toBe("bf16 + fp16 (both False) + torch_dtype");
    expect(derived.fields.trainLoss).toBe(2.5);
    expect(derived.fields.evalLoss).toBe(2.402);
  });

  it("reads a quantization_config flattened into quantization_config.* keys (MLFLOW_FLATTEN_PARAMS) like the str(dict) one", () => {
    const base = { per_device_train_batch_size: "2", gradient_accumulation_steps: "1", optim: "adamw_torch", lr_scheduler_type: "linear" };
    const flat = deriveRunFields(run({
      ...base,
      "quantization_config.quant_method": "QuantizationMethod.BITS_AND_BYTES",
      "quantization_config.load_in_4bit": "True",
      "quantization_config.load_in_8bit": "False",
      "quantization_config.bnb_4bit_quant_type": "fp4",
      "quantization_config.bnb_4bit_use_double_quant": "False",
    }));
    expect(flat.fields).toMatchObject({ method: "qlora", quantization: "fp4", doubleQuant: false });
    const eightBit = deriveRunFields(run({ ...base, quantization_config: "{'quant_method': 'bitsandbytes', 'load_in_8bit': True, 'load_in_4bit': False}" }));
    expect(eightBit.fields).toMatchObject({ method: "qlora", quantization: "int8" });
    expect(eightBit.fields.doubleQuant).toBeUndefined();
    // A GPTQ checkpoint is not a bitsandbytes QLoRA base.
    const gptq = deriveRunFields(run({ ...base, quantization_config: "{'quant_method': 'gptq', 'bits': 4}" }));
    expect(gptq.fields.quantization).toBeUndefined();
    expect(gptq.fields.method).toBeUndefined();
  });

  it("maps the optim names to Tuneboard's optimizers and leaves ones it has no name for", () => {
    const optimizerOf = (optim: string) =>
      deriveRunFields(run({ per_device_train_batch_size: "1", gradient_accumulation_steps: "1", lr_scheduler_type: "linear", optim })).fields.optimizer;
    expect(optimizerOf("adamw_torch")).toBe("adamw");
    expect(optimizerOf("adamw_torch_fused")).toBe("adamw");
    expect(optimizerOf("adamw_8bit")).toBe("adamw8bit");
    expect(optimizerOf("adamw_bnb_8bit")).toBe("adamw8bit");
    expect(optimizerOf("paged_adamw_32bit")).toBe("paged_adamw");
    expect(optimizerOf("paged_adamw_8bit")).toBe("paged_adamw8bit");
    expect(optimizerOf("adafactor")).toBe("adafactor");
    expect(optimizerOf("sgd")).toBe("sgd");
    expect(optimizerOf("galore_adamw")).toBeUndefined();
    expect(optimizerOf("lion_8bit")).toBeUndefined();
  });

  it("takes fp16 from its flag, and keeps a per-device token rate per GPU when the GPU count is unknown", () => {
    const derived = deriveRunFields(run(
      { per_device_train_batch_size: "1", gradient_accumulation_steps: "1", optim: "adamw_torch", lr_scheduler_type: "linear", bf16: "False", fp16: "True" },
      { train_tokens_per_second: 900 },
    ));
    expect(derived.fields.precision).toBe("fp16");
    expect(derived.fields.throughputTokensPerSec).toBe(900);
    expect(derived.from.throughputTokensPerSec).toBe("train_tokens_per_second (per GPU; gpuCount unknown, read as 1)");
  });

  it("recognises Unsloth by the unsloth_version its patched model config carries", () => {
    const raw = client("hf-trl-sft-qlora.json");
    expect(recognizeFramework({ ...raw, params: { ...raw.params, unsloth_version: "2025.10.1" } })).toBe("unsloth");
  });
});

describe("torchtune", () => {
  const fixture = readJson("torchtune-qlora-llama3_1-8b.json");
  const torchtune = (config: Record<string, unknown>, latestMetrics: Record<string, number> = fixture.latestMetrics) =>
    deriveRunFields(run(flattenConfig(config), latestMetrics));

  it("types the llama3_1/8B_qlora_single_device recipe as MLFlowLogger.log_config flattens it", () => {
    const derived = torchtune(fixture.config);
    expect(derived.framework).toBe("torchtune");
    expect(derived.fields).toEqual({
      method: "qlora",
      model: "meta-llama/Llama-3.1-8B",
      quantization: "nf4",
      doubleQuant: true,
      rank: 8,
      loraAlpha: 16,
      loraDropout: 0,
      targetModules: ["q_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
      batchSize: 2,
      gradientAccumulation: 8,
      gradientCheckpointing: true,
      optimizer: "adamw",
      learningRate: 0.0003,
      epochs: 1,
      precision: "bf16",
      datasetName: "alpaca_cleaned",
      trainLoss: 1.0412,
      throughputTokensPerSec: 1894.2,
      peakMemoryGb: 9.71 * GIB,
      peakMemoryMeasure: "allocated",
    });
    // tokenizer.max_seq_len: null arrives as "None": no sequence length.
    expect(derived.fields.seqLen).toBeUndefined();
    expect(derived.from).toMatchObject({
      method: "model._component_",
      targetModules: "model.lora_attn_modules + model.apply_lora_to_mlp",
      peakMemoryGb: "peak_memory_alloc (GiB × 1.073741824)",
      throughputTokensPerSec: "tokens_per_second_per_gpu (per GPU; gpuCount unknown, read as 1)",
    });
  });

  it("types a full fine-tune builder as full with no LoRA fields, and keeps a builder it cannot name as its own name", () => {
    const { model: _model, ...rest } = fixture.config;
    const derived = torchtune({
      ...rest,
      model: { _component_: "torchtune.models.qwen3.qwen3_8b_instruct" },
      optimizer: { _component_: "bitsandbytes.optim.PagedAdamW8bit", lr: 2e-5 },
      tokenizer: { max_seq_len: 4096 },
      dataset: { _component_: "torchtune.datasets.instruct_dataset", source: "yahma/alpaca-cleaned" },
      max_steps_per_epoch: 200,
    }, { loss: 0.8, peak_memory_reserved: 40 });
    expect(derived.fields).toMatchObject({ method: "full", model: "qwen3_8b_instruct", optimizer: "paged_adamw8bit", learningRate: 2e-5, seqLen: 4096, datasetName: "yahma/alpaca-cleaned" });
    for (const field of ["rank", "loraAlpha", "targetModules", "quantization", "doubleQuant"] as const) expect(derived.fields[field]).toBeUndefined();
    // max_steps_per_epoch cuts each epoch short.
    expect(derived.fields.epochs).toBeUndefined();
    expect(derived.fields.peakMemoryGb).toBeCloseTo(40 * GIB, 9);
    expect(derived.fields.peakMemoryMeasure).toBe("reserved");
  });

  it("leaves the target modules unset when a module has no Tuneboard name rather than listing part of them", () => {
    const derived = torchtune({ ...fixture.config, model: { ...fixture.config.model, lora_attn_modules: ["q_proj", "qkv_proj"] } });
    expect(derived.fields.targetModules).toBeUndefined();
    expect(derived.fields.rank).toBe(8);
  });
});

describe("Axolotl", () => {
  it("types an Axolotl QLoRA YAML, flattened the way an import flattens it", () => {
    const yaml = parseYaml(readFileSync(path.join(fixtures, "axolotl-qlora.yml"), "utf8"));
    const derived = deriveRunFields(run(flattenConfig(yaml)));
    expect(derived.framework).toBe("axolotl");
    expect(derived.fields).toEqual({
      model: "NousResearch/Meta-Llama-3-8B",
      method: "qlora",
      quantization: "nf4",
      doubleQuant: true,
      rank: 32,
      loraAlpha: 16,
      loraDropout: 0.05,
      targetModules: ["all-linear"],
      seqLen: 4096,
      batchSize: 2,
      gradientAccumulation: 4,
      learningRate: 0.0002,
      epochs: 4,
      optimizer: "paged_adamw",
      gradientCheckpointing: true,
      attention: "flash",
      datasetName: "aaditya/alpaca_subset_1",
    });
    // bf16: auto is settled on the GPU at run time.
    expect(derived.fields.precision).toBeUndefined();
  });

  it("types what an Axolotl run sends through MLflow: its training arguments, memory in GiB and per-GPU tokens", () => {
    const derived = deriveRunFields(client("axolotl-mlflow.json"));
    expect(derived.framework).toBe("axolotl");
    expect(derived.fields).toMatchObject({
      model: "NousResearch/Meta-Llama-3-8B",
      method: "qlora",
      quantization: "nf4",
      doubleQuant: true,
      seqLen: 4096,
      batchSize: 2,
      gradientAccumulation: 4,
      optimizer: "paged_adamw",
      precision: "bf16",
      throughputTokensPerSec: 2210.5,
      peakMemoryMeasure: "allocated",
      trainLoss: 1.21,
      wallTimeSec: 3610,
    });
    expect(derived.fields.peakMemoryGb).toBeCloseTo(14.05 * GIB, 9);
    expect(derived.from.peakMemoryGb).toBe("memory/max_allocated (GiB) (GiB × 1.073741824)");
  });

  it("reads LoRA over an 8-bit base as QLoRA int8, and a YAML without an adapter as full fine-tuning without its LoRA keys", () => {
    const eightBit = deriveRunFields(run({ base_model: "m", sequence_len: "2048", adapter: "lora", load_in_8bit: "True", lora_r: "8" }));
    expect(eightBit.fields).toMatchObject({ method: "qlora", quantization: "int8", rank: 8 });
    expect(eightBit.fields.doubleQuant).toBeUndefined();
    const full = deriveRunFields(run({ base_model: "m", sequence_len: "2048", micro_batch_size: "4", lora_r: "8", lora_alpha: "16" }));
    expect(full.fields.method).toBe("full");
    expect(full.fields.rank).toBeUndefined();
    expect(full.fields.loraAlpha).toBeUndefined();
    expect(full.fields.batchSize).toBe(4);
  });
});

describe("PEFT", () => {
  it("types an adapter_config.json's fields (PEFT's own names beside its peft_type)", () => {
    const derived = deriveRunFields(run(flattenConfig(readJson("peft-adapter-config.json"))));
    expect(derived.framework).toBeNull();
    expect(derived.fields).toEqual({ method: "lora", rank: 64, loraAlpha: 16, loraDropout: 0.1, targetModules: ["q_proj", "v_proj"], model: "mistralai/Mistral-7B-v0.1" });
    expect(derived.from).toMatchObject({ method: "peft_type", rank: "r", targetModules: "target_modules" });
  });

  it("reads bare r or target_modules only beside a peft_type", () => {
    const derived = deriveRunFields(run({ r: "8", lora_alpha: "16", target_modules: "['q_proj']" }));
    expect(derived.fields).toEqual({});
  });

  it("reads PEFT settings from key-value tags and PeftType's str()", () => {
    const derived = deriveRunFields(run({}, {}, { "peft.peft_type": "PeftType.LORA", "peft.r": "4", "peft.target_modules": "all-linear" }));
    expect(derived.fields).toEqual({ method: "lora", rank: 4, targetModules: ["all-linear"] });
  });
});

describe("Lightning and LitGPT", () => {
  it("recognises a LitGPT fine-tune by the metrics its loop logs and takes its train and validation loss", () => {
    // litgpt/finetune/lora.py logs no hyperparameters, only these per-step metrics and val_loss / val_ppl.
    const derived = deriveRunFields(run({}, { loss: 1.31, iter: 400, step: 100, epoch: 1, iter_time: 0.21, tokens: 51200, total_tokens: 51200, learning_rate: 0.0003, val_loss: 1.45, val_ppl: 4.26 }));
    expect(derived.framework).toBe("litgpt");
    expect(derived.fields).toEqual({ trainLoss: 1.31, evalLoss: 1.45 });
  });

  it("derives nothing from a LightningModule's own hyperparameters, which follow no convention", () => {
    // Lightning's MLFlowLogger flattens save_hyperparameters() with "/" and str()s each value.
    const derived = deriveRunFields(run({ "model/lr": "0.001", "model/batch_size": "32", "data/max_length": "512", precision: "bf16-mixed" }, { train_loss: 0.7, val_loss: 0.8 }));
    expect(derived.framework).toBeNull();
    expect(derived.fields).toEqual({ trainLoss: 0.7 });
  });
});

describe("a loop of a person's own (Lightning, plain PyTorch)", () => {
  it("reads the common hyperparameter names, nested ones included, once the keys say it tunes a language model", () => {
    // What Lightning's MLFlowLogger sends for a LightningModule wrapping a PEFT model: its own names, "/"-nested.
    const derived = deriveRunFields(run({
      "hparams/model_name_or_path": "mistralai/Mistral-7B-v0.1", "hparams/lora_r": "16", "hparams/lora_alpha": "32", "hparams/lr": "0.0002",
      "hparams/batch_size": "4", "hparams/max_seq_length": "2048", "hparams/load_in_4bit": "True", "trainer/precision": "bf16-mixed",
      "trainer/accumulate_grad_batches": "8",
    }));
    expect(derived.framework).toBeNull();
    expect(derived.fields).toMatchObject({
      model: "mistralai/Mistral-7B-v0.1", method: "qlora", quantization: "nf4", rank: 16, loraAlpha: 32, learningRate: 0.0002,
      batchSize: 4, seqLen: 2048, precision: "bf16", gradientAccumulation: 8,
    });
    expect(derived.from).toMatchObject({ rank: "hparams/lora_r", precision: "trainer/precision", method: "hparams/lora_r + hparams/load_in_4bit" });
  });

  it("leaves a recognised framework's keys to its own table: a TRL run's lr-like names are not read twice", () => {
    const derived = deriveRunFields(run({ per_device_train_batch_size: "2", gradient_accumulation_steps: "4", optim: "adamw_torch", lr_scheduler_type: "cosine", batch_size: "999", lora_r: "64" }));
    expect(derived.framework).toBe("transformers");
    expect(derived.fields.batchSize).toBe(2);
    expect(derived.fields.rank).toBeUndefined();
  });
});

describe("what no rule should take", () => {
  it("derives nothing from an unknown tool's key set, even where its names look familiar", () => {
    const derived = deriveRunFields(run(
      { batch_size: "256", lr: "0.1", epochs: "90", model: "resnet50", dtype: "fp16", optimizer: "sgd", r: "4", lora_alpha: "8", max_length: "128" },
      { loss: 0.4, accuracy: 0.91, peak_memory_alloc: 3 },
    ));
    expect(derived.framework).toBeNull();
    expect(derived.fields).toEqual({});
    expect(derived.from).toEqual({});
  });

  it("drops values outside the run schema's bounds instead of failing the run", () => {
    const derived = deriveRunFields(run(
      { per_device_train_batch_size: "0", gradient_accumulation_steps: "1", optim: "adamw_torch", lr_scheduler_type: "linear", learning_rate: "5", num_train_epochs: "nan" },
      { train_loss: Number.NaN, eval_loss: Number.POSITIVE_INFINITY, mt_bench: 11, train_runtime: -1 },
    ));
    expect(derived.fields).toEqual({ optimizer: "adamw", gradientAccumulation: 1 });
  });

  it("stores MMLU in percent: a fraction is scaled, a percentage kept", () => {
    expect(deriveRunFields(run({}, { mmlu: 0.634 })).fields.mmlu).toBeCloseTo(63.4, 9);
    expect(deriveRunFields(run({}, { mmlu: 0.634 })).from.mmlu).toBe("mmlu (fraction × 100)");
    expect(deriveRunFields(run({}, { mmlu: 63.4, mt_bench: 6.9 })).fields).toEqual({ mmlu: 63.4, mtBench: 6.9 });
  });
});
