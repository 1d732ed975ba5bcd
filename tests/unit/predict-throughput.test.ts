import { describe, expect, it } from "vitest";
import { TINY_ARCHITECTURE, throughputObservation } from "../support/architectures";
import { hardware } from "../../seed/catalog/hardware";
import { models } from "../../seed/catalog/models";
import {
  DEFAULT_EFFICIENCY,
  efficiencyFor,
  estimateCost,
  estimateTime,
  fitEfficiency,
  flopsPerToken,
  peakTflops,
  predictThroughput,
  type FlopsConfig,
  type GpuSpec,
  type ModelArchitecture,
  type ThroughputObservation,
} from "@/lib/predict";

const llama2 = models.find((m) => m.id === "llama-2-7b")!;
const tiny = TINY_ARCHITECTURE;
const flops = (arch: ModelArchitecture, overrides: Partial<FlopsConfig>) =>
  flopsPerToken(arch, { method: "full", rank: 2, targetModules: ["all-linear"], seqLen: 4, gradientCheckpointing: false, ...overrides });
const gpuX: GpuSpec = { id: "gpu-x", name: "GPU X", memoryGb: 80, bf16DenseTflops: 100, fp16DenseTflops: 100, hourlyPriceUsd: 2 };

describe("flopsPerToken", () => {
  // tiny: projection weights 2 x (64 + 32 + 32 + 64 + 3 x 128) = 1,152 → 2,304 FLOPs; lm_head 2 x 10 x 8 = 160;
  // attention 4 x s x qDim x layers = 4 x 4 x 8 x 2 = 256
  it("counts full fine-tuning as forward + 2 x forward", () => {
    const result = flops(tiny, {});
    expect(result.forward).toBe(2_720);
    expect(result.backward).toBe(5_440);
    expect(result.total).toBe(8_160);
  });

  it("adds one forward of the decoder layers for gradient checkpointing", () => {
    expect(flops(tiny, { gradientCheckpointing: true }).recompute).toBe(2_304 + 256);
  });

  it("skips the frozen weights' weight gradients for adapters but keeps their input gradients", () => {
    // LoRA r=2 on all 7 projections: 512 parameters → 1,024 FLOPs forward, 2,048 backward
    const lora = flops(tiny, { method: "lora" });
    expect(lora.forward).toBe(2_720 + 1_024);
    expect(lora.backward).toBe(2_304 + 160 + 2 * 256 + 2 * 1_024);
    // 4-bit: the 2,304 projection FLOPs run twice (forward, backward) at 1.3x
    const qlora = flops(tiny, { method: "qlora" });
    expect(qlora.quantizedMatmul).toBe(2 * 2_304);
    expect(qlora.effective).toBeCloseTo(lora.total + 0.3 * 4_608, 9);
  });

  it("gives Llama-2-7B full fine-tuning at 2,048 tokens 42.9 GFLOPs per token", () => {
    // forward 2 x 6,476,005,376 + 2 x 32000 x 4096 + 4 x 2048 x 4096 x 32 = 14,287,896,576
    expect(flopsPerToken(llama2, { method: "full", rank: 16, targetModules: ["q_proj"], seqLen: 2048, gradientCheckpointing: false }).total).toBe(3 * 14_287_896_576);
    const lora = flopsPerToken(llama2, { method: "lora", rank: 16, targetModules: ["q_proj", "v_proj"], seqLen: 2048, gradientCheckpointing: false });
    expect(lora.total / (3 * 14_287_896_576)).toBeGreaterThan(0.66);
    expect(lora.total / (3 * 14_287_896_576)).toBeLessThan(0.72);
  });
});

describe("peakTflops", () => {
  it("falls back to fp16 on a GPU without bf16 and halves the peak for fp32 (TF32)", () => {
    const t4 = hardware.find((h) => h.id === "t4")!;
    expect(peakTflops(t4, "bf16").tflops).toBe(65);
    expect(peakTflops(t4, "bf16").note).toMatch(/no bf16/);
    expect(peakTflops(gpuX, "fp32").tflops).toBe(50);
  });
});

describe("fitEfficiency", () => {
  // No architecture: 2 x 1e9 x 3 = 6e9 FLOPs per token for full fine-tuning, on a 100 TFLOP/s GPU.
  const observation = (runId: string, tokensPerSec: number, method: ThroughputObservation["method"] = "full") => throughputObservation(runId, tokensPerSec, { method });


  it("takes the median of tokens/s x FLOPs per token / peak per hardware and method", () => {
    // 5000 x 6e9 / 1e14 = 0.30; 7000 → 0.42; 4000 → 0.24
    const fit = fitEfficiency([observation("a", 5_000), observation("b", 7_000), observation("c", 4_000)], [gpuX]);
    expect(fit.points.map((p) => p.efficiency)).toEqual([0.3, 0.42, 0.24].map((value) => expect.closeTo(value, 12)));
    expect(efficiencyFor(fit, "gpu-x", "full").efficiency).toBeCloseTo(0.3, 12);
    expect(efficiencyFor(fit, "gpu-x", "full").source).toMatch(/median of 3 full run/);
  });

  it("falls back to the hardware's other methods, then to the global default", () => {
    const fit = fitEfficiency([observation("a", 5_000)], [gpuX]);
    expect(efficiencyFor(fit, "gpu-x", "lora")).toEqual({ efficiency: expect.closeTo(0.3, 12), source: expect.stringMatching(/any method on gpu-x/) });
    expect(efficiencyFor(fit, "h100-80gb", "full").efficiency).toBe(DEFAULT_EFFICIENCY);
  });

  it("reads samples/s at 512 tokens when a run states no sequence length", () => {
    const fit = fitEfficiency([{ ...observation("a", 0), tokensPerSec: null, samplesPerSec: 10, seqLen: null }], [gpuX]);
    // 10 x 512 = 5,120 tokens/s x 6e9 / 1e14
    expect(fit.points[0]!.efficiency).toBeCloseTo(0.3072, 12);
    expect(fit.points[0]!.assumed).toContain("seqLen 512");
  });

  it("ignores runs on uncatalogued hardware or without throughput", () => {
    const fit = fitEfficiency([{ ...observation("a", 5_000), hardwareId: "tpu" }, { ...observation("b", 0), tokensPerSec: null }], [gpuX]);
    expect(fit.points).toEqual([]);
  });
});

describe("throughput, time and cost", () => {
  it("divides efficiency x peak x GPUs by the FLOPs per token", () => {
    const fit = fitEfficiency([], [gpuX], 0.3);
    const result = predictThroughput(llama2, { method: "full", rank: 16, targetModules: ["q_proj"], seqLen: 2048, gradientCheckpointing: false, precision: "bf16", gpuCount: 2 }, gpuX, fit);
    // 0.3 x 100e12 x 2 / 42,863,689,728
    expect(result.tokensPerSec).toBeCloseTo(6e13 / 42_863_689_728, 9);
    expect(result.samplesPerSec).toBeCloseTo(result.tokensPerSec / 2048, 12);
  });

  it("turns a dataset into seconds and GPU-hours into dollars", () => {
    // 1,000 examples x 2 epochs x 512 tokens = 1,024,000 tokens at 1,000 tokens/s
    expect(estimateTime(1_000, { datasetSize: 1_000, epochs: 2, tokensPerExample: 512 })).toEqual({ seconds: 1_024, tokens: 1_024_000 });
    // 1,024 s x 2 GPUs = 0.5689 GPU-hours at $2
    const cost = estimateCost(1_024, gpuX, 2);
    expect(cost.gpuHours).toBeCloseTo(2_048 / 3_600, 12);
    expect(cost.usd).toBeCloseTo((2_048 / 3_600) * 2, 12);
  });
});
