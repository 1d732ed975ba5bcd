import { describe, expect, it } from "vitest";
import { TINY_ARCHITECTURE } from "../support/architectures";
import { models } from "../../seed/catalog/models";
import {
  activationBytes,
  adafactorStateBytes,
  estimateMemory,
  estimateMemoryBytes,
  expandTargetModules,
  logitsBytes,
  OVERHEAD_FIXED_BYTES,
  OVERHEAD_FRACTION,
  quantizedWeightBytes,
  type ModelArchitecture,
  type TrainingConfig,
} from "@/lib/predict";

const model = (id: string): ModelArchitecture => {
  const found = models.find((m) => m.id === id);
  if (!found) throw new Error(`${id} missing from the catalog`);
  return found;
};
const llama2 = model("llama-2-7b");

const tiny = TINY_ARCHITECTURE;

const config = (overrides: Partial<TrainingConfig> = {}): TrainingConfig => ({
  method: "lora",
  rank: 16,
  targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"],
  doubleQuant: false,
  precision: "bf16",
  batchSize: 1,
  seqLen: 2048,
  gradientCheckpointing: false,
  attention: "sdpa",
  optimizer: "adamw",
  gpuCount: 1,
  sharding: "none",
  ...overrides,
});

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

describe("weights and quantization constants", () => {
  it("stores Llama-2-7B's projections in NF4 at 0.5 byte/param plus one fp32 absmax per 64", () => {
    const { bytes } = estimateMemoryBytes(config({ method: "qlora" }), llama2);
    // projections 6,476,005,376 x 0.5 = 3,238,002,688; embeddings + lm_head + norms 262,410,240 x 2 = 524,820,480
    expect(bytes.weights).toBe(3_762_823_168);
    // 6,476,005,376 / 64 blocks x 4 bytes = 404,750,336 (0.5 bit/param)
    expect(bytes.quantizationConstants).toBe(404_750_336);
  });

  it("shrinks the constants to 0.127 bit/param with double quantization", () => {
    const { constants } = quantizedWeightBytes(llama2, "nf4", true);
    // 101,187,584 blocks x 1 byte + per layer (4 x 1024 + 3 x 2752) second-level fp32 constants x 32 layers x 4 bytes
    expect(constants).toBe(101_187_584 + 32 * 12_352 * 4);
    expect((constants * 8) / 6_476_005_376).toBeCloseTo(0.127, 3);
  });

  it("stores int8 projections at 1 byte/param plus one fp32 scale per output row", () => {
    // output rows per layer: 4 x 4096 (q,k,v,o) + 2 x 11008 (gate, up) + 4096 (down) = 42,496
    expect(quantizedWeightBytes(llama2, "int8", false)).toEqual({ data: 6_476_005_376, constants: 32 * 42_496 * 4 });
  });

  it("quantizes only QLoRA, defaulting to NF4", () => {
    expect(estimateMemoryBytes(config({ method: "lora", quantization: "nf4" }), llama2).bytes.quantizationConstants).toBe(0);
    expect(estimateMemoryBytes(config({ method: "qlora", quantization: undefined }), llama2).bytes.weights).toBe(3_762_823_168);
  });
});

describe("trainable state", () => {
  it("counts 16 bytes per parameter for full fine-tuning with AdamW in mixed precision", () => {
    const { bytes } = estimateMemoryBytes(config({ method: "full" }), llama2);
    const params = 6_738_415_616;
    expect(bytes.weights).toBe(2 * params);
    expect(bytes.gradients).toBe(2 * params);
    expect(bytes.masterWeights).toBe(4 * params);
    expect(bytes.optimizerStates).toBe(8 * params);
  });

  it("drops the master copy for pure 16-bit training and for fp32 weights", () => {
    expect(estimateMemoryBytes(config({ method: "full" }), llama2, { fp32MasterWeights: false }).bytes.masterWeights).toBe(0);
    const fp32 = estimateMemoryBytes(config({ method: "full", precision: "fp32" }), llama2).bytes;
    expect(fp32.masterWeights).toBe(0);
    expect(fp32.weights).toBe(4 * 6_738_415_616);
  });

  it("keeps LoRA adapters, their gradients and AdamW states in fp32", () => {
    const { bytes, trainableParams } = estimateMemoryBytes(config(), llama2);
    expect(trainableParams).toBe(16_777_216);
    expect(bytes.adapterWeights).toBe(4 * 16_777_216);
    expect(bytes.gradients).toBe(4 * 16_777_216);
    expect(bytes.optimizerStates).toBe(8 * 16_777_216);
    expect(bytes.masterWeights).toBe(0);
  });

  it("prices each optimizer's states per trainable parameter", () => {
    const states = (optimizer: TrainingConfig["optimizer"]) => estimateMemoryBytes(config({ method: "full", optimizer }), llama2).bytes.optimizerStates;
    expect(states("adamw8bit")).toBe(2 * 6_738_415_616);
    expect(states("paged_adamw")).toBe(states("adamw"));
    expect(states("paged_adamw8bit")).toBe(states("adamw8bit"));
    expect(states("sgd")).toBe(0);
    expect(states("lion")).toBe(4 * 6_738_415_616);
  });

  it("factors Adafactor's second moment into rows and columns", () => {
    // per layer rows + columns: q 16, k 12, v 12, o 16, gate 24, up 24, down 24 = 128; embeddings and lm_head
    // 2 x (10 + 8) = 36; norms 2 x 2 x 8 + 8 = 40 → (2 x 128 + 36 + 40) x 4 bytes
    expect(adafactorStateBytes(tiny, "full", 0, expandTargetModules(["all-linear"]))).toBe(1_328);
  });
});

describe("activations and logits", () => {
  it("counts a hand-sized layer's saved tensors with memory-efficient attention", () => {
    // t = 4 tokens; per layer (8 x (2 + 2) + 2 x 8 + 2 x 4 + 4 x 16) x 4 x 2 bytes = 960, log-sum-exp 4 x 2 x 4 = 32;
    // 2 layers x 992 + final norm and lm_head inputs 2 x 4 x 8 x 2 = 128
    const base = { batchSize: 1, seqLen: 4, gradientCheckpointing: false, attention: "sdpa", precision: "bf16" } as const;
    expect(activationBytes(tiny, base)).toBe(2_112);
    // eager: K and V at the query width (8 x 4 + 16 + 16 + 64) x 4 x 2 = 1,024, scores (4 + 2) x 2 x 4 x 4 = 192
    expect(activationBytes(tiny, { ...base, attention: "eager" })).toBe(2 * 1_216 + 128);
    // checkpointing: 2 layer inputs 2 x 64 + one layer 992 - its input 64 + 128
    expect(activationBytes(tiny, { ...base, gradientCheckpointing: true })).toBe(1_184);
    // LoRA r=2 on 7 matrices adds 4 x 2 x 7 x 2 = 112 bytes per layer
    expect(activationBytes(tiny, base, { rank: 2, adapted: expandTargetModules(["all-linear"]) })).toBe(2 * 1_104 + 128);
  });

  it("counts Unsloth's fused LoRA MLP as saving its input and the gate and up outputs only, without the gate, up and down x·A", () => {
    const base = { batchSize: 1, seqLen: 4, gradientCheckpointing: false, attention: "sdpa", precision: "bf16" } as const;
    const adapted = expandTargetModules(["all-linear"]);
    // per layer 1,104 (above) - 2 x 4 x 16 x 2 = 256 (SiLU output and product not saved) - 3 x 4 x 2 x 2 = 48 (no x·A
    // for gate, up, down) = 800
    expect(activationBytes(tiny, base, { rank: 2, adapted, fusedMlp: true })).toBe(2 * 800 + 128);
    const unsloth = config({ method: "qlora", targetModules: ["all-linear"], framework: "unsloth", gradientCheckpointing: false, activationOffloading: false });
    const fused = estimateMemoryBytes(unsloth, llama2).bytes.activations;
    // Llama-2-7B, 32 layers x 2,048 tokens x 2 x 11,008 x 2 bytes + 3 x 2,048 x 16 x 2 bytes saved per layer
    expect(estimateMemoryBytes({ ...unsloth, framework: "transformers" }, llama2).bytes.activations - fused).toBe(32 * (2048 * 2 * 11_008 * 2 + 3 * 2048 * 16 * 2));
    // Unsloth patches the MLP only with no LoRA dropout and all three MLP projections adapted.
    expect(estimateMemoryBytes(unsloth, llama2, { loraDropout: 0.05 }).bytes.activations).toBeGreaterThan(fused);
    expect(estimateMemoryBytes({ ...unsloth, targetModules: ["q_proj", "v_proj", "gate_proj", "up_proj"] }, llama2).bytes.activations).toBe(
      estimateMemoryBytes({ ...unsloth, framework: "transformers", targetModules: ["q_proj", "v_proj", "gate_proj", "up_proj"] }, llama2).bytes.activations,
    );
    expect(estimateMemory(unsloth, llama2).assumptions.join(" ")).toContain("fused LoRA MLP");
  });

  it("gives Llama-2-7B 10.1 GB of activations at batch 1 and 2,048 tokens without checkpointing", () => {
    // per layer 2048 x (4096 x 4 + 2 x 4096 + 2 x 4096 + 4 x 11008) x 2 = 314,572,800 + 4 x 32 x 2048 = 262,144
    const bytes = activationBytes(llama2, { batchSize: 1, seqLen: 2048, gradientCheckpointing: false, attention: "flash", precision: "bf16" });
    expect(bytes).toBe(32 * 314_834_944 + 33_554_432);
  });

  it("holds 10 bytes per logit for a 128k vocabulary", () => {
    // 1 x 2048 x 128,256 logits x (2 bf16 + 4 fp32 upcast + 4 fp32 log-softmax)
    expect(logitsBytes(model("llama-3.1-8b"), 1, 2048, "bf16")).toBe(2_626_682_880);
    expect(logitsBytes(model("llama-3.1-8b"), 1, 2048, "fp32")).toBe(262_668_288 * 8);
    // the same batch and length on Llama-2's 32k vocabulary: 4x less
    expect(logitsBytes(llama2, 1, 2048, "bf16")).toBe(655_360_000);
  });
});

describe("totals", () => {
  const configs: TrainingConfig[] = [
    config(),
    config({ method: "full", gradientCheckpointing: true, batchSize: 4 }),
    config({ method: "qlora", doubleQuant: true, attention: "eager", targetModules: ["all-linear"] }),
    config({ method: "full", gpuCount: 4, sharding: "zero3", optimizer: "adafactor" }),
    config({ method: "qlora", quantization: "int8", precision: "fp16", optimizer: "paged_adamw8bit" }),
  ];

  it("makes the breakdown add up to the total, in bytes and in GB", () => {
    for (const arch of [llama2, model("gemma-2-9b"), model("qwen2.5-7b")]) {
      for (const c of configs) {
        const estimate = estimateMemory(c, arch);
        expect(sum(estimate.bytes)).toBeCloseTo(estimate.totalBytes, 0);
        expect(sum(estimate.breakdownGb)).toBeCloseTo(estimate.totalGb, 9);
        expect(estimate.totalGb).toBeCloseTo(estimate.totalBytes / 1e9, 9);
      }
    }
  });

  it("adds 0.5 GB and 5% of everything else as overhead, plus one dequantized projection for QLoRA", () => {
    const lora = estimateMemoryBytes(config(), llama2).bytes;
    expect(lora.overhead).toBeCloseTo(OVERHEAD_FIXED_BYTES + OVERHEAD_FRACTION * (sum(lora) - lora.overhead), 3);
    const qlora = estimateMemoryBytes(config({ method: "qlora" }), llama2).bytes;
    // largest projection 4096 x 11008 in bf16 = 90,177,536 bytes
    expect(qlora.overhead).toBeCloseTo(OVERHEAD_FIXED_BYTES + 90_177_536 + OVERHEAD_FRACTION * (sum(qlora) - qlora.overhead), 3);
  });

  it("shards gradients, optimizer states and master weights under ZeRO-2 and weights too under ZeRO-3", () => {
    const none = estimateMemoryBytes(config({ method: "full", gpuCount: 8 }), llama2).bytes;
    const zero2 = estimateMemoryBytes(config({ method: "full", gpuCount: 8, sharding: "zero2" }), llama2).bytes;
    const zero3 = estimateMemoryBytes(config({ method: "full", gpuCount: 8, sharding: "zero3" }), llama2).bytes;
    expect(zero2.gradients).toBe(none.gradients / 8);
    expect(zero2.optimizerStates).toBe(none.optimizerStates / 8);
    expect(zero2.masterWeights).toBe(none.masterWeights / 8);
    expect(zero2.weights).toBe(none.weights);
    // 13,476,831,232 / 8 + two gathered layers of (6,738,415,616 - 262,144,000) x 2 / 32 = 404,766,976 bytes
    expect(zero3.weights).toBe(1_684_603_904 + 2 * 404_766_976);
  });
});

describe("monotonicity", () => {
  const archs = [llama2, model("llama-3.1-8b"), model("gemma-2-9b"), tiny];
  const variants: Partial<TrainingConfig>[] = [];
  for (const method of ["full", "lora", "qlora"] as const)
    for (const attention of ["eager", "sdpa", "flash"] as const)
      for (const gradientCheckpointing of [false, true]) variants.push({ method, attention, gradientCheckpointing });
  const total = (arch: ModelArchitecture, overrides: Partial<TrainingConfig>) => estimateMemoryBytes(config(overrides), arch).totalBytes;

  it("never needs less memory for more rank, batch or sequence", () => {
    for (const arch of archs) {
      for (const v of variants) {
        for (const rank of [1, 4, 16, 64, 256]) expect(total(arch, { ...v, rank: 2 * rank })).toBeGreaterThanOrEqual(total(arch, { ...v, rank }));
        for (const batchSize of [1, 2, 3, 8, 31]) expect(total(arch, { ...v, batchSize: batchSize + 1 })).toBeGreaterThanOrEqual(total(arch, { ...v, batchSize }));
        for (const seqLen of [1, 2, 511, 2048, 8191]) expect(total(arch, { ...v, seqLen: seqLen + 1 })).toBeGreaterThanOrEqual(total(arch, { ...v, seqLen }));
      }
    }
  });

  it("never needs more memory with gradient checkpointing, nor with flash or sdpa than with eager attention", () => {
    for (const arch of archs) {
      for (const v of variants) {
        for (const seqLen of [1, 128, 4096]) {
          expect(total(arch, { ...v, seqLen, gradientCheckpointing: true })).toBeLessThanOrEqual(total(arch, { ...v, seqLen, gradientCheckpointing: false }));
          expect(total(arch, { ...v, seqLen, attention: "flash" })).toBeLessThanOrEqual(total(arch, { ...v, seqLen, attention: "eager" }));
          expect(total(arch, { ...v, seqLen, attention: "sdpa" })).toBeLessThanOrEqual(total(arch, { ...v, seqLen, attention: "eager" }));
        }
      }
    }
  });

  it("never needs more memory per GPU under ZeRO-3 than ZeRO-2, nor under ZeRO-2 than without sharding", () => {
    for (const arch of archs) {
      for (const v of variants) {
        for (const gpuCount of [2, 4, 8, 64]) {
          const none = total(arch, { ...v, gpuCount, sharding: "none" });
          const zero2 = total(arch, { ...v, gpuCount, sharding: "zero2" });
          const zero3 = total(arch, { ...v, gpuCount, sharding: "zero3" });
          expect(zero2).toBeLessThanOrEqual(none);
          expect(zero3).toBeLessThanOrEqual(zero2);
        }
      }
    }
  });
});
