import { describe, expect, it } from "vitest";
import { TINY_ARCHITECTURE } from "../support/architectures";
import { models } from "../../seed/catalog/models";
import { activationBytes, estimateMemoryBytes, findMaxSeqLen, logitsBytes, MAX_SEQ_LEN, predict, type ModelArchitecture, type TrainingConfig } from "@/lib/predict";
import { FRAMEWORK_DEFAULTS, resolveTraining, TRAINING_SETTING_FIELDS } from "@/lib/predict/frameworks";
import { predictConfigSchema, predictInputFromRun, type RunConfigFields } from "@/lib/schemas/predict";
import { FRAMEWORKS } from "@/lib/schemas/run";

const model = (id: string): ModelArchitecture => {
  const found = models.find((m) => m.id === id);
  if (!found) throw new Error(`${id} missing from the catalog`);
  return found;
};
const llama2 = model("llama-2-7b");
const llama31 = model("llama-3.1-8b");
const tiny = TINY_ARCHITECTURE;

const config = (overrides: Partial<TrainingConfig> = {}): TrainingConfig => ({
  method: "full",
  rank: 16,
  targetModules: ["q_proj", "v_proj"],
  doubleQuant: false,
  precision: "bf16",
  batchSize: 1,
  seqLen: 4,
  gradientCheckpointing: false,
  attention: "sdpa",
  optimizer: "adamw",
  gpuCount: 1,
  sharding: "none",
  ...overrides,
});

describe("each framework's documented defaults", () => {
  // [masterWeights, chunkedLoss, gradientCheckpointing, packing, activationOffloading] for LoRA on one GPU.
  const expected: Record<(typeof FRAMEWORKS)[number], [boolean, boolean, boolean, boolean, boolean]> = {
    transformers: [true, false, false, false, false],
    torchtune: [false, true, true, false, false],
    litgpt: [false, true, false, false, false],
    axolotl: [true, false, true, true, false],
    unsloth: [true, true, true, false, true],
    "llama-factory": [true, false, true, false, false],
    "ms-swift": [true, false, true, false, false],
    other: [true, false, false, false, false],
  };

  it.each(FRAMEWORKS)("%s: precision regime, loss, checkpointing, packing and offloading for LoRA on one GPU", (framework) => {
    const { settings } = resolveTraining({ framework, method: "lora", gpuCount: 1 });
    expect([settings.masterWeights, settings.chunkedLoss, settings.gradientCheckpointing, settings.packing, settings.activationOffloading]).toEqual(expected[framework]);
    expect(settings.torchCompile).toBe(false);
    expect(settings.optimizerInBackward).toBe(false);
  });

  it("cites a repository at a commit for every default of every framework", () => {
    for (const framework of FRAMEWORKS) {
      const { applied } = resolveTraining({ framework });
      expect(applied.map((entry) => entry.field)).toEqual([...TRAINING_SETTING_FIELDS]);
      for (const entry of applied) expect(entry.why, `${framework} ${entry.field}`).toMatch(/[\w-]+\/[\w.-]+@[0-9a-f]{40} \S+/);
    }
  });

  it("applies the defaults that depend on the method or the GPU count", () => {
    // torchtune's single-GPU full recipes step the optimizer in the backward; its multi-GPU and LoRA recipes do not.
    expect(resolveTraining({ framework: "torchtune", method: "full", gpuCount: 1 }).settings.optimizerInBackward).toBe(true);
    expect(resolveTraining({ framework: "torchtune", method: "full", gpuCount: 8 }).settings.optimizerInBackward).toBe(false);
    expect(resolveTraining({ framework: "torchtune", method: "lora", gpuCount: 1 }).settings.optimizerInBackward).toBe(false);
    // axolotl and ms-swift load the model in bf16 and train a full fine-tune on it as it is; LoRA adapters stay fp32.
    expect(resolveTraining({ framework: "axolotl", method: "full" }).settings.masterWeights).toBe(false);
    expect(resolveTraining({ framework: "ms-swift", method: "full" }).settings.masterWeights).toBe(false);
    expect(resolveTraining({ framework: "axolotl", method: "lora" }).settings.masterWeights).toBe(true);
    // LitGPT checkpoints only inside its FSDP strategy.
    expect(resolveTraining({ framework: "litgpt", gpuCount: 1 }).settings.gradientCheckpointing).toBe(false);
    expect(resolveTraining({ framework: "litgpt", gpuCount: 4 }).settings.gradientCheckpointing).toBe(true);
  });

  it("lets a request's values win and says who decided each setting", () => {
    const { settings, applied } = resolveTraining({ framework: "torchtune", packing: true, masterWeights: null, gradientCheckpointing: false });
    expect(settings).toMatchObject({ framework: "torchtune", packing: true, masterWeights: false, gradientCheckpointing: false, chunkedLoss: true });
    const origin = Object.fromEntries(applied.map((entry) => [entry.field, entry.origin]));
    expect(origin).toEqual({
      masterWeights: "framework",
      chunkedLoss: "framework",
      packing: "request",
      activationOffloading: "framework",
      torchCompile: "framework",
      optimizerInBackward: "framework",
      gradientCheckpointing: "request",
    });
    expect(applied.find((entry) => entry.field === "chunkedLoss")!.why).toContain("LinearCrossEntropyLoss");
  });

  it("falls back to transformers' defaults without a framework, and 'other' is transformers'", () => {
    expect(resolveTraining({}).settings).toEqual({ ...resolveTraining({ framework: "transformers" }).settings });
    expect(FRAMEWORK_DEFAULTS.other.settings).toEqual(FRAMEWORK_DEFAULTS.transformers.settings);
  });
});

describe("precision regime", () => {
  // Tiny: 1,352 parameters (embeddings 80 + lm_head 80 + 2 layers x 592 + final norm 8).
  it("keeps 16 bytes/param for AMP full fine-tuning with AdamW and 8 for pure bf16", () => {
    const amp = estimateMemoryBytes(config({ masterWeights: true }), tiny).bytes;
    expect([amp.weights, amp.gradients, amp.masterWeights, amp.optimizerStates]).toEqual([2_704, 2_704, 5_408, 10_816]);
    const pure = estimateMemoryBytes(config({ masterWeights: false }), tiny).bytes;
    // weights 2 + gradients 2 + AdamW moments 2 x 2 (zeros_like a bf16 parameter): 8 bytes/param
    expect([pure.weights, pure.gradients, pure.masterWeights, pure.optimizerStates]).toEqual([2_704, 2_704, 0, 5_408]);
  });

  it("trains torchtune's full fine-tune in pure bf16 by default, transformers' in AMP", () => {
    const torchtune = estimateMemoryBytes(config({ framework: "torchtune", gpuCount: 2 }), llama31).bytes;
    const transformers = estimateMemoryBytes(config({ framework: "transformers", gpuCount: 2 }), llama31).bytes;
    const params = 8_030_261_248;
    expect(torchtune.weights + torchtune.gradients + torchtune.masterWeights + torchtune.optimizerStates).toBe(8 * params);
    expect(transformers.weights + transformers.gradients + transformers.masterWeights + transformers.optimizerStates).toBe(16 * params);
  });

  it("keeps bitsandbytes' 32-bit paged AdamW states in fp32 and 8-bit states at 2 bytes under pure bf16", () => {
    const states = (optimizer: TrainingConfig["optimizer"]) => estimateMemoryBytes(config({ masterWeights: false, optimizer }), tiny).bytes.optimizerStates;
    expect(states("paged_adamw")).toBe(8 * 1_352);
    expect(states("paged_adamw8bit")).toBe(2 * 1_352);
    expect(states("lion")).toBe(2 * 1_352);
  });

  it("holds LoRA adapters and their states in bf16 under pure bf16 and in fp32 under AMP", () => {
    // r=16 on q, v of Llama-2-7B: 8,388,608 adapter parameters
    const pure = estimateMemoryBytes(config({ method: "lora", seqLen: 2048, masterWeights: false }), llama2).bytes;
    const amp = estimateMemoryBytes(config({ method: "lora", seqLen: 2048, masterWeights: true }), llama2).bytes;
    expect([pure.adapterWeights, pure.gradients, pure.optimizerStates]).toEqual([2 * 8_388_608, 2 * 8_388_608, 4 * 8_388_608]);
    expect([amp.adapterWeights, amp.gradients, amp.optimizerStates]).toEqual([4 * 8_388_608, 4 * 8_388_608, 8 * 8_388_608]);
  });
});

describe("loss, offloading, optimizer in backward and packing", () => {
  const N = 2048 * 128_256; // Llama 3.1 logits at batch 1, 2,048 tokens

  it("shrinks the fp32 logits term by the chunk factor when the loss is fused, and keeps the saved log-softmax when it is not", () => {
    const full = logitsBytes(llama31, 1, 2048, "bf16");
    expect(full).toBe(N * 10);
    const fused = logitsBytes(llama31, 1, 2048, "bf16", { chunkedLoss: true, chunkedLossKind: "fused", lossChunking: { chunks: 8 }, logitsUpcast: true });
    expect(fused).toBe(full / 8);
    // torchtune: lm_head inside the loss, 8 chunks: the fp32 log-softmax of every chunk (4) + one chunk's bf16 logits and fp32 copy (6 / 8)
    expect(logitsBytes(llama31, 1, 2048, "bf16", resolveTraining({ framework: "torchtune" }).settings)).toBe(N * 4 + (N / 8) * 6);
    // LitGPT: returned bf16 logits (2) + bf16 log-softmax (2), no fp32 upcast
    expect(logitsBytes(llama31, 1, 2048, "bf16", resolveTraining({ framework: "litgpt" }).settings)).toBe(N * 4);
    // Unsloth: one of 8 chunks, bf16 logits and log-softmax
    expect(logitsBytes(llama31, 1, 2048, "bf16", resolveTraining({ framework: "unsloth" }).settings)).toBe((N / 8) * 4);
  });

  it("drops the gradients to the largest tensor when the optimizer steps in the backward", () => {
    // Tiny: the largest trainable tensor is a 16 x 8 MLP projection (128 elements) > the 10 x 8 embedding
    const fused = estimateMemoryBytes(config({ optimizerInBackward: true }), tiny).bytes;
    expect(fused.gradients).toBe(128 * 2);
    // Llama 3.1 8B: the 128,256 x 4,096 embedding
    expect(estimateMemoryBytes(config({ optimizerInBackward: true, seqLen: 2048 }), llama31).bytes.gradients).toBe(128_256 * 4_096 * 2);
  });

  it("keeps about one layer of activations on the GPU when they are offloaded", () => {
    const base = { batchSize: 1, seqLen: 2048, gradientCheckpointing: false, attention: "flash", precision: "bf16" } as const;
    const layer = 314_834_944;
    const outside = 33_554_432;
    expect(activationBytes(llama2, base)).toBe(32 * layer + outside);
    // one layer brought back + the next in flight
    expect(activationBytes(llama2, { ...base, activationOffloading: true })).toBe(2 * layer + outside);
    // with checkpointing the offloaded tensors are the checkpoints: the recomputed layer + one layer input (2048 x 4096 x 2)
    expect(activationBytes(llama2, { ...base, activationOffloading: true, gradientCheckpointing: true })).toBe(layer + 16_777_216 + outside);
  });

  it("sizes unpacked rows at the padded length and packed rows at seqLen", () => {
    const unpacked = estimateMemoryBytes(config({ method: "lora", seqLen: 2048, tokensPerExample: 512 }), llama2).bytes;
    const at512 = estimateMemoryBytes(config({ method: "lora", seqLen: 512 }), llama2).bytes;
    expect(unpacked.activations).toBe(at512.activations);
    expect(unpacked.logits).toBe(at512.logits);
    const packed = estimateMemoryBytes(config({ method: "lora", seqLen: 2048, tokensPerExample: 512, packing: true }), llama2).bytes;
    expect(packed.activations).toBe(estimateMemoryBytes(config({ method: "lora", seqLen: 2048 }), llama2).bytes.activations);
  });

  it("searches the longest sequence with rows as long as seqLen, not at the padded length", () => {
    const gpu = { id: "g", name: "24 GB", memoryGb: 24, bf16DenseTflops: 100, fp16DenseTflops: 100, hourlyPriceUsd: 1 };
    const padded = config({ method: "lora", seqLen: 2048, tokensPerExample: 256 });
    const limit = findMaxSeqLen(padded, llama2, gpu);
    expect(limit).toBe(findMaxSeqLen(config({ method: "lora", seqLen: 2048 }), llama2, gpu));
    expect(limit).toBeLessThan(MAX_SEQ_LEN);
  });

  it("double-quantizes torchtune's and Unsloth's NF4 constants whatever the request says; transformers only when asked", () => {
    const constants = (framework: TrainingConfig["framework"], doubleQuant: boolean) =>
      estimateMemoryBytes(config({ method: "qlora", seqLen: 2048, framework, doubleQuant }), llama2).bytes.quantizationConstants;
    // Llama-2-7B: 101,187,584 blocks, 1 byte each + one fp32 per 256 blocks per tensor (see predict-memory.test.ts)
    const double = 101_187_584 + 32 * 12_352 * 4;
    expect(constants("torchtune", false)).toBe(double);
    expect(constants("unsloth", false)).toBe(double);
    expect(constants("transformers", false)).toBe(101_187_584 * 4);
    expect(constants("transformers", true)).toBe(double);
  });

  it("takes the overhead constants from the options when a calibration gives them", () => {
    const bytes = estimateMemoryBytes(config(), tiny, { overheadFixedBytes: 1e9, overheadFraction: 0.1 }).bytes;
    const rest = bytes.weights + bytes.quantizationConstants + bytes.adapterWeights + bytes.gradients + bytes.optimizerStates + bytes.masterWeights + bytes.activations + bytes.logits;
    expect(bytes.overhead).toBeCloseTo(1e9 + 0.1 * rest, 6);
  });
});

describe("predict() with a framework", () => {
  const context = { models, gpus: [{ id: "rtx-4090", name: "RTX 4090", memoryGb: 24, bf16DenseTflops: 165, fp16DenseTflops: 165, hourlyPriceUsd: 0.7 }] };

  it("lists every setting in defaults and names the framework's defaults in the reasoning", () => {
    const prediction = predict(predictConfigSchema.parse({ model: "llama-3.1-8b", method: "qlora", framework: "torchtune", packing: false }), context);
    expect(prediction.defaults.map((entry) => [entry.field, entry.origin])).toEqual([
      ["masterWeights", "framework"],
      ["chunkedLoss", "framework"],
      ["packing", "request"],
      ["activationOffloading", "framework"],
      ["torchCompile", "framework"],
      ["optimizerInBackward", "framework"],
      ["gradientCheckpointing", "framework"],
    ]);
    const line = prediction.reasoning.find((text) => text.startsWith("torchtune defaults applied"));
    expect(line).toContain("bf16 LoRA adapters and optimizer states (pure bf16)");
    expect(line).toContain("chunked loss (8 chunks)");
    expect(line).toContain("pytorch/torchtune@bd2a0fc");
    expect(prediction.reasoning).toContain("Set in the request: no packing (padded to the batch's longest).");
  });

  it("predicts a QLoRA 8B torchtune recipe well below the same request under transformers' defaults", () => {
    const request = { model: "llama-3.1-8b", method: "qlora", batchSize: 2, seqLen: 2048 } as const;
    const torchtune = predict(predictConfigSchema.parse({ ...request, framework: "torchtune" }), context).memory;
    const transformers = predict(predictConfigSchema.parse({ ...request, framework: "transformers" }), context).memory;
    // Checkpointing and the chunked loss: activations and logits both shrink.
    expect(torchtune.breakdown.activationsGb).toBeLessThan(transformers.breakdown.activationsGb / 5);
    expect(torchtune.breakdown.logitsGb).toBeLessThan(transformers.breakdown.logitsGb / 2);
    expect(torchtune.totalGb).toBeLessThan(24);
    expect(transformers.totalGb).toBeGreaterThan(24);
  });
});

describe("predictInputFromRun", () => {
  const run: RunConfigFields = {
    method: "lora", modelId: "llama-2-7b", rank: 16, loraDropout: 0, targetModules: ["q_proj", "v_proj"], quantization: "none", doubleQuant: false,
    precision: "bf16", hardware: null, gpuCount: 1, batchSize: 1, seqLen: 1024, gradientCheckpointing: null, attention: "sdpa", sharding: null,
    optimizer: "adamw", datasetSize: null, epochs: null,
  };

  it("applies the run's framework and says what its defaults supplied", () => {
    const result = predictInputFromRun({ ...run, framework: "torchtune", chunkedLoss: false }, { seqLen: 2048 })!;
    expect(result.input).toMatchObject({ framework: "torchtune", chunkedLoss: false, gradientCheckpointing: true });
    expect(result.assumed).toEqual([
      "bf16 LoRA adapters and optimizer states (pure bf16) (torchtune's default)",
      "no activation offloading (torchtune's default)",
      "gradient checkpointing on (torchtune's default)",
    ]);
  });

  it("assumes transformers when the run names no framework: checkpointing off, as /plan assumes for the same request", () => {
    const result = predictInputFromRun(run, { seqLen: 2048 })!;
    expect(result.input.gradientCheckpointing).toBe(false);
    expect(result.assumed).toContain("framework transformers (not recorded)");
    expect(result.assumed).toContain("gradient checkpointing off (transformers' default)");
    const parsed = predictConfigSchema.parse({ model: "llama-2-7b", method: "lora" });
    expect(resolveTraining(parsed).settings.gradientCheckpointing).toBe(result.input.gradientCheckpointing);
  });
});
