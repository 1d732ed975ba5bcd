import { describe, expect, it } from "vitest";
import { SEVEN_B, loraObservation, throughputObservation } from "../support/architectures";
import { models } from "../../seed/catalog/models";
import { referenceRuns } from "../../seed/reference-runs";
import {
  fitEfficiency,
  fitQualityModel,
  predictQuality,
  robustScores,
  runRecordFromSeed,
  toQualityObservations,
  type GpuSpec,
} from "@/lib/predict";

const lora = loraObservation;
// An exact line, MT-Bench = 5 + 0.1 x log2(rank), over r = 2 ... 64: the fit reproduces it, every residual is 0.
const line = [2, 4, 8, 16, 32, 64].map((rank) => lora(`r${rank}`, rank, { mtBench: 5 + 0.1 * Math.log2(rank) }));
const query = { method: "lora" as const, modelParams: SEVEN_B, rank: 16, targetModules: null };

describe("robustScores", () => {
  it("measures distance from the median in 1.4826 x MAD", () => {
    // median 3; |deviations| 2, 1, 0, 1, 97 → MAD 1 → scale 1.4826; 100 is 97 / 1.4826 = 65.43 away
    const { center, scale, scores } = robustScores([1, 2, 3, 4, 100], 0);
    expect(center).toBe(3);
    expect(scale).toBeCloseTo(1.4826, 12);
    expect(scores[4]).toBeCloseTo(65.4256, 4);
    expect(scores[0]).toBeCloseTo(1.349, 3);
  });

  it("floors the scale so that identical values do not make every difference infinite", () => {
    // MAD 0 → the floor 0.5 applies: 6 is 1 / 0.5 = 2 away
    expect(robustScores([5, 5, 5, 6], 0.5)).toEqual({ center: 5, scale: 0.5, scores: [0, 0, 0, 2] });
  });
});

describe("the quality fit against a bad run", () => {
  const clean = fitQualityModel(line);

  it("fits the exact line with a leave-one-out error of 0", () => {
    expect(clean.mtBench!.fit!.coefficients[0]).toBeCloseTo(5, 9);
    expect(clean.mtBench!.fit!.coefficients[4]).toBeCloseTo(0.1, 9);
    expect(clean.mtBench!.looRmse).toBeCloseTo(0, 9);
    expect(clean.ignored).toEqual([]);
  });

  it("sets aside a run far from what the others predict, names it and why, and fits as if it were not there", () => {
    // the other six predict r=8 at 5 + 0.1 x 3 = 5.30; the run says 2.00
    const model = fitQualityModel([...line, lora("typo", 8, { mtBench: 2 })]);
    expect(model.ignored).toEqual([
      { runId: "typo", name: "typo", fit: "MT-Bench", reason: expect.stringMatching(/^MT-Bench 2\.00 is [\d.]+ robust SDs from what the other runs predict \(5\.30\): outlier beyond 3\.5/) },
    ]);
    expect(model.mtBench!.points).toHaveLength(6);
    expect(model.mtBench!.looRmse).toBe(clean.mtBench!.looRmse);
    expect(predictQuality(model, query).mtBench).toEqual(predictQuality(clean, query).mtBench);
    expect(predictQuality(model, query).evidence.map((run) => run.runId)).not.toContain("typo");
  });

  it("keeps a run within 3.5 x the 0.1-point floor of what the others predict", () => {
    // 5.30 predicted, 5.55 measured: 0.25 off, under 3.5 x 0.1 whatever the others' spread
    const model = fitQualityModel([...line, lora("close", 8, { mtBench: 5.55 })]);
    expect(model.ignored).toEqual([]);
    expect(model.mtBench!.points).toHaveLength(7);
  });

  it("never judges a run the others cannot predict (a lone full fine-tune)", () => {
    const model = fitQualityModel([...line, { ...lora("full", 0, { mtBench: 9 }), method: "full", rank: null }]);
    expect(model.ignored).toEqual([]);
    expect(model.mtBench!.nearestFolds.map((fold) => fold.runId)).toEqual(["full"]);
  });

  it("reads an MMLU of 1 or less as a fraction and leaves it out", () => {
    const withMmlu = line.map((run, i) => ({ ...run, mmlu: 44 + i }));
    const model = fitQualityModel([...withMmlu, lora("fraction", 16, { mmlu: 0.65 })]);
    expect(model.ignored).toEqual([{ runId: "fraction", name: "fraction", fit: "MMLU", reason: "MMLU 0.65 ≤ 1: looks like a fraction (MMLU is stored in percent: 65 for 65 %)" }]);
    expect(model.mmlu!.looRmse).toBe(fitQualityModel(withMmlu).mmlu!.looRmse);
  });

  it("leaves out a run rejected in review, from every metric it reports", () => {
    const model = fitQualityModel([...line, lora("rejected", 8, { mtBench: 5.3, mmlu: 40, reviewStatus: "rejected" })]);
    expect(model.ignored).toEqual([
      { runId: "rejected", name: "rejected", fit: "MT-Bench", reason: "review status rejected" },
      { runId: "rejected", name: "rejected", fit: "MMLU", reason: "review status rejected" },
    ]);
    expect(model.mtBench!.points).toHaveLength(6);
    expect(model.mmlu).toBeNull();
  });
});

describe("the seeded MMLU runs", () => {
  const model = fitQualityModel(toQualityObservations(referenceRuns.map(runRecordFromSeed), models));

  it("keep every run, and the full fine-tune's fold falls back to the mean of its 3 nearest runs", () => {
    expect(model.ignored).toEqual([]);
    expect(model.mmlu!.looRmse).toBeCloseTo(1.2504, 4);
    // without it no run is a full fine-tune, so the fold predicts the mean of LoRA r=4, 8, 16: (44.2 + 45.8 + 46.9) / 3
    expect(model.mmlu!.nearestFolds).toEqual([{ runId: expect.stringMatching(/rank-impact:full/), name: expect.any(String), predicted: expect.closeTo(45.6333, 4), measured: 48.3 }]);
    expect(model.mtBench!.nearestFolds).toEqual([]);
  });
});

describe("the efficiency fit against a bad run", () => {
  const gpuX: GpuSpec = { id: "gpu-x", name: "GPU X", memoryGb: 80, bf16DenseTflops: 100, fp16DenseTflops: 100, hourlyPriceUsd: 2 };
  // No architecture: 6e9 FLOPs per token on a 100 TFLOP/s GPU, so efficiency = tokens/s x 6e-5.
  const observation = throughputObservation;


  it("sets aside a throughput about 100x its GPU's median (a unit slip) and fits the median of the rest", () => {
    // ln-efficiency median of 4,800, 5,000, 5,200, 500,000 is at sqrt(5,000 x 5,200) = 5,099 tokens/s: 500,000 is 98.1x that
    const fit = fitEfficiency([observation("a", 4_800), observation("b", 5_000), observation("c", 5_200), observation("slip", 500_000)], [gpuX]);
    expect(fit.ignored).toEqual([{ runId: "slip", name: "run slip", fit: "efficiency", reason: expect.stringMatching(/is 98\.1x the median of the 4 runs on gpu-x/) }]);
    expect(fit.points.map((point) => point.runId)).toEqual(["a", "b", "c"]);
    expect(fit.byHardware["gpu-x"]!.efficiency).toBeCloseTo(5_000 * 6e-5, 12);
  });

  it("judges no run on a GPU with only two", () => {
    const fit = fitEfficiency([observation("a", 5_000), observation("b", 500_000)], [gpuX]);
    expect(fit.ignored).toEqual([]);
  });

  it("keeps runs within 2.4x of the median (methods differ that much)", () => {
    const fit = fitEfficiency([observation("a", 5_000), observation("b", 5_000), observation("c", 5_000), observation("d", 11_000)], [gpuX]);
    expect(fit.ignored).toEqual([]);
  });

  it("leaves out a run rejected in review", () => {
    const fit = fitEfficiency([observation("a", 5_000), observation("r", 9_000, { reviewStatus: "rejected" })], [gpuX]);
    expect(fit.ignored).toEqual([{ runId: "r", name: "run r", fit: "efficiency", reason: "review status rejected" }]);
    expect(fit.byHardware["gpu-x"]).toEqual({ efficiency: expect.closeTo(0.3, 12), count: 1 });
  });
});
