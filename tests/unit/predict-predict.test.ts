import { describe, expect, it } from "vitest";
import { hardware } from "../../seed/catalog/hardware";
import { models } from "../../seed/catalog/models";
import { predictConfigSchema, predictionSchema, type PredictConfigInput } from "@/lib/schemas/predict";
import {
  assumptionGrid,
  fitEfficiency,
  fitQualityModel,
  memoryErrorReport,
  predict,
  PredictInputError,
  rangeErrorPct,
  resolveArchitecture,
  sweep,
  type MemoryClaim,
  type PredictContext,
  type QualityObservation,
} from "@/lib/predict";

const quality: QualityObservation[] = [4, 8, 16, 32, 64].map((rank, i) => ({
  runId: `r${rank}`,
  name: `LoRA r=${rank}`,
  method: "lora",
  modelParams: 6_738_415_616,
  rank,
  targetModules: null,
  mtBench: 6.1 + 0.1 * i,
  mmlu: null,
}));
const context: PredictContext = { models, gpus: hardware, efficiency: fitEfficiency([], hardware), qualityModel: fitQualityModel(quality) };
const parse = (input: Partial<PredictConfigInput>) => predictConfigSchema.parse({ model: "llama-2-7b", method: "lora", ...input });

describe("predict", () => {
  it("answers in the contract's shape with a breakdown that sums to the total", () => {
    const prediction = predict(parse({ hardware: "rtx-4090", datasetSize: 1_000, gradientCheckpointing: true }), context);
    expect(() => predictionSchema.parse(prediction)).not.toThrow();
    const parts = Object.values(prediction.memory.breakdown).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(prediction.memory.totalGb, 9);
    expect(prediction.memory.trainableParams).toBe(8_388_608); // r=16 on q,v: 32 x 2 x 16 x 8192
    expect(prediction.fits).toHaveLength(hardware.length);
    expect(prediction.limits?.hardwareId).toBe("rtx-4090");
    expect(prediction.throughput?.efficiencySource).toMatch(/^default 0.35/);
    expect(prediction.time!.tokens).toBe(1_000 * 2048);
    expect(prediction.cost!.usd).toBeCloseTo((prediction.time!.seconds / 3600) * 0.34, 12);
    expect(prediction.quality!.mtBench!.point).toBeCloseTo(6.3, 9); // exact line 6.1 + 0.1 x (log2 r - 2) at r=16
    expect(prediction.reasoning.join("\n")).toContain("GB = 1e9 bytes");
  });

  it("leaves throughput, time and cost out without hardware", () => {
    const prediction = predict(parse({}), context);
    expect(prediction.limits).toBeNull();
    expect(prediction.throughput).toBeNull();
    expect(prediction.time).toBeNull();
    expect(prediction.cost).toBeNull();
  });

  it("finds a model by Hugging Face id, or takes an explicit architecture", () => {
    expect(resolveArchitecture({ model: "meta-llama/Llama-3.1-8B" }, models).arch.id).toBe("llama-3.1-8b");
    const explicit = predict(
      predictConfigSchema.parse({
        model: "my-model",
        method: "full",
        architecture: { hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numAttentionHeads: 32, numKeyValueHeads: 32, vocabSize: 32000 },
      }),
      context,
    );
    expect(explicit.memory.totalParams).toBe(6_738_415_616);
    expect(() => resolveArchitecture({ model: "unknown/model" }, models)).toThrow(PredictInputError);
  });
});

describe("sweep", () => {
  it("covers every combination of the varied fields, memory growing with rank", () => {
    const points = sweep(parse({ hardware: "a100-80gb", datasetSize: 100 }), [
      { field: "rank", values: [8, 16, 32] },
      { field: "seqLen", values: [512, 1024] },
    ], context);
    expect(points.map((p) => p.values)).toEqual([
      { rank: 8, seqLen: 512 },
      { rank: 8, seqLen: 1024 },
      { rank: 16, seqLen: 512 },
      { rank: 16, seqLen: 1024 },
      { rank: 32, seqLen: 512 },
      { rank: 32, seqLen: 1024 },
    ]);
    expect(points[2]!.totalGb).toBeGreaterThan(points[0]!.totalGb);
    expect(points[2]!.totalGb).toBeCloseTo(predict(parse({ rank: 16, seqLen: 512 }), context).memory.totalGb, 9);
    expect(points.every((p) => p.fits === true && p.seconds !== null && p.mtBench !== null)).toBe(true);
  });
});

describe("memory calibration report", () => {
  const claim: MemoryClaim = {
    id: "c",
    label: "7B LoRA r=16",
    sourceId: "s",
    quote: "16GB",
    modelId: "llama-7b",
    method: "lora",
    known: { rank: 16, gradientCheckpointing: true, optimizer: "adamw", precision: "bf16" },
    statedMinGb: 16,
    statedMaxGb: 16,
    scope: "total",
  };

  it("measures the error as the distance to the stated range", () => {
    expect(rangeErrorPct(15, 16, 16)).toBeCloseTo(-6.25, 12);
    expect(rangeErrorPct(110, 100, 120)).toBe(0);
    expect(rangeErrorPct(132, 100, 120)).toBeCloseTo(10, 12);
    expect(rangeErrorPct(500, 84, null)).toBe(0);
  });

  it("searches only the fields a claim leaves open, defaults first", () => {
    const grid = assumptionGrid(claim);
    // batch 4 x seq 2 x modules 3; rank, checkpointing and optimizer are stated
    expect(grid).toHaveLength(24);
    expect(grid[0]).toMatchObject({ batchSize: 1, seqLen: 2048, targetModules: ["q_proj", "v_proj"] });
    expect(new Set(grid.map((set) => set.rank))).toEqual(new Set([16]));
  });

  it("reproduces 000's 16GB for 7B LoRA r=16 within 5% and flags a figure below the weights alone", () => {
    const [row, impossible] = memoryErrorReport([claim, { ...claim, id: "d", statedMinGb: 10, statedMaxGb: 12, known: {} }], models);
    expect(row!.reproduced).toBe(true);
    expect(Math.abs(row!.best.errorPct)).toBeLessThanOrEqual(5);
    expect(row!.fullyStated).toBe(false);
    expect(impossible!.reproduced).toBe(false);
    expect(impossible!.explanation).toMatch(/the weights alone take 13.5 GB/);
  });
});
