// Target-module sets, memory↔quality pairing and the field diff (lib/compare/*).
import { describe, expect, it } from "vitest";
import { diffRunFields } from "@/lib/compare/diff";
import { type PairableRun, pairMemoryWithQuality } from "@/lib/compare/pairing";
import { classifyTargetModules } from "@/lib/compare/target-modules";
import { type Run, runFields } from "@/lib/schemas/run";

describe("classifyTargetModules", () => {
  it("names the four sets the sources compare, whatever the order", () => {
    expect(classifyTargetModules(["v_proj", "q_proj"])).toBe("q,v");
    expect(classifyTargetModules(["q_proj", "k_proj", "v_proj", "o_proj"])).toBe("attention");
    expect(classifyTargetModules(["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])).toBe("attention+mlp");
    expect(classifyTargetModules(["all-linear"])).toBe("all-linear");
    expect(classifyTargetModules(["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"])).toBe("all-linear");
  });

  it("names no set for other combinations", () => {
    expect(classifyTargetModules(["q_proj", "k_proj", "v_proj"])).toBeNull();
    expect(classifyTargetModules([])).toBeNull();
  });
});

describe("pairMemoryWithQuality", () => {
  const run = (id: string, fields: Partial<PairableRun>): PairableRun => ({
    id, sourceId: "s", modelId: "llama-7b", method: "lora", rank: null, memoryGb: null, quality: null, ...fields,
  });
  const gb = (v: number) => ({ value: v, min: v, max: v });

  it("pairs a source's memory and quality runs of one configuration; a memory run without a rank takes any rank", () => {
    const pairs = pairMemoryWithQuality([
      run("mem-r16", { rank: 16, memoryGb: gb(16) }),
      run("q-r16", { rank: 16, quality: 6.4 }),
      run("q-r64", { rank: 64, quality: 6.6 }),
      run("mem-qlora", { method: "qlora", memoryGb: gb(6) }),
      run("q-qlora", { method: "qlora", rank: 64, quality: 6.5 }),
    ]);
    expect(pairs.map((p) => [p.memoryRun.id, p.qualityRuns.map((q) => q.id), p.quality])).toEqual([
      ["mem-r16", ["q-r16"], 6.4],
      ["mem-qlora", ["q-qlora"], 6.5],
    ]);
  });

  it("does not pair across sources, models or methods, nor runs without a source", () => {
    const pairs = pairMemoryWithQuality([
      run("mem", { memoryGb: gb(16) }),
      run("other-source", { sourceId: "t", quality: 6 }),
      run("other-model", { modelId: "llama-13b", quality: 6 }),
      run("other-method", { method: "full", quality: 6 }),
      run("logged-mem", { sourceId: null, memoryGb: gb(10) }),
      run("logged-q", { sourceId: null, quality: 6 }),
    ]);
    expect(pairs).toEqual([]);
  });

  it("makes one point of two tables that give the same score, and two points of different scores", () => {
    const pairs = pairMemoryWithQuality([
      run("mem", { memoryGb: gb(16) }),
      run("table-a", { rank: 16, quality: 6.4 }),
      run("table-b", { rank: 16, quality: 6.4 }),
      run("table-c", { rank: 16, quality: 6.3 }),
    ]);
    expect(pairs.map((p) => p.qualityRuns.map((q) => q.id))).toEqual([["table-a", "table-b"], ["table-c"]]);
  });
});

describe("diffRunFields", () => {
  const base = {
    id: "a", externalId: null, name: "a", status: "completed", notes: null, tags: [], source: null, createdAt: "", updatedAt: "",
    method: "lora", model: "llama-7b", modelId: "llama-7b", modelName: "7B LLaMA", modelParams: 6.7e9, rank: 16, loraAlpha: null,
    loraDropout: null, targetModules: ["q_proj", "v_proj"], quantization: "none", doubleQuant: false, precision: null, hardware: null,
    hardwareName: null, hardwareLabel: null, gpuCount: null, batchSize: null, gradientAccumulation: null, seqLen: null,
    gradientCheckpointing: null, attention: null, sharding: null, optimizer: null, learningRate: null, epochs: null, datasetName: null, datasetSize: null, oom: false,
    throughputSamplesPerSec: null, throughputTokensPerSec: null, peakMemoryGb: 16, peakMemoryGbMin: null, peakMemoryGbMax: null,
    trainableParams: null, mtBench: null, mmlu: null, trainLoss: null, evalLoss: null, wallTimeSec: null, costUsd: null, createdBy: null,
    reviewStatus: "draft", isBaseline: false, deletedAt: null, experimentId: "0", experimentName: "Default", framework: null,
    lastSeenAt: null, startedAt: null, endedAt: null, peakMemoryMeasure: null, peakMemoryScope: null, peakMemoryOriginal: null, isEstimate: false,
    packing: null, chunkedLoss: null, activationOffloading: null, torchCompile: null, optimizerInBackward: null, masterWeights: null,
  } satisfies Run;

  it("lists every configuration and outcome field, with peak memory as one value/min/max field", () => {
    const fields = diffRunFields([base, base]).map((f) => f.field);
    const metadata = ["name", "externalId", "status", "notes", "tags", "peakMemoryGbMin", "peakMemoryGbMax"];
    for (const field of Object.keys(runFields.shape).filter((f) => !metadata.includes(f))) expect(fields).toContain(field);
    expect(fields).not.toContain("peakMemoryGbMin");
  });

  it("flags the fields whose values differ, a range against a point included", () => {
    const other: Run = { ...base, id: "b", rank: 64, targetModules: ["v_proj", "q_proj"], peakMemoryGb: null, peakMemoryGbMin: 16, peakMemoryGbMax: 20 };
    const byField = new Map(diffRunFields([base, other]).map((f) => [f.field, f]));
    expect(byField.get("rank")).toMatchObject({ values: [16, 64], differs: true, group: "configuration", label: "LoRA rank r" });
    expect(byField.get("method")).toMatchObject({ values: ["lora", "lora"], differs: false });
    expect(byField.get("targetModules")?.differs).toBe(false); // same set in another order
    expect(byField.get("peakMemoryGb")).toMatchObject({
      group: "outcome",
      values: [{ value: 16, min: 16, max: 16 }, { value: null, min: 16, max: 20 }],
      differs: true,
    });
  });
});
