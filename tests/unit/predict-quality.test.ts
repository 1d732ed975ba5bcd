import { describe, expect, it } from "vitest";
import { SEVEN_B, loraObservation } from "../support/architectures";
import { models } from "../../seed/catalog/models";
import { referenceRuns } from "../../seed/reference-runs";
import {
  fitLeastSquares,
  fitQualityModel,
  leaveOneOut,
  predictLinear,
  predictQuality,
  runRecordFromSeed,
  toQualityObservations,
  unestimableColumns,
  type QualityObservation,
} from "@/lib/predict";

const lora = (runId: string, rank: number, mtBench: number, overrides: Partial<QualityObservation> = {}): QualityObservation =>
  loraObservation(runId, rank, { mtBench, ...overrides });

const seedObservations = toQualityObservations(referenceRuns.map(runRecordFromSeed), models);

describe("fitLeastSquares", () => {
  it("recovers the coefficients of an exact linear relation", () => {
    const rows = [
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
      [1, 2, 3],
      [1, -1, 4],
      [1, 5, -2],
    ];
    const y = rows.map(([, a, b]) => 1 + 2 * a! - 3 * b!);
    const fit = fitLeastSquares(rows, y);
    expect(fit.coefficients.map((c) => Number(c.toFixed(9)))).toEqual([1, 2, -3]);
    expect(fit.residualRmse).toBeLessThan(1e-12);
  });

  it("drops a collinear column and flags queries that break its relation", () => {
    // column 2 is always twice column 1, so only their combined effect is identifiable
    const rows = [
      [1, 1, 2],
      [1, 2, 4],
      [1, 3, 6],
    ];
    const fit = fitLeastSquares(rows, [3, 5, 7]);
    expect(fit.kept).toEqual([0, 1]);
    expect(fit.dropped).toEqual([{ index: 2, combination: [expect.closeTo(0, 9), expect.closeTo(2, 9)] }]);
    expect(predictLinear(fit, [1, 4, 8])).toBeCloseTo(9, 9);
    expect(unestimableColumns(fit, [1, 4, 8])).toEqual([]);
    expect(unestimableColumns(fit, [1, 4, 0])).toEqual([2]);
  });
});

describe("leave-one-out", () => {
  it("matches the hat-matrix residuals of a five-run rank sweep", () => {
    // log2 r = 1..5, y = 5.1, 5.2, 5.4, 5.4, 5.5 → fit 5.02 + 0.1 x; residuals -0.02, -0.02, 0.08, -0.02, -0.02;
    // leverages 0.2 + (x - 3)² / 10 = 0.6, 0.3, 0.2, 0.3, 0.6; LOO residual e / (1 - h) = -0.05, -0.0286, 0.1,
    // -0.0286, -0.05 → RMSE sqrt((2 x 0.0025 + 2 x 0.000816 + 0.01) / 5) = 0.057676
    const runs = [5.1, 5.2, 5.4, 5.4, 5.5].map((y, i) => lora(`r${2 ** (i + 1)}`, 2 ** (i + 1), y));
    expect(leaveOneOut(runs).mtBench).toBeCloseTo(0.0576761, 6);
    expect(leaveOneOut(runs).mmlu).toBeNull();
  });

  it("falls back to the mean when a fold has too few runs for a regression", () => {
    // three full fine-tunes of one model: each fold predicts the mean of the other two → errors 1.5, 0, 1.5
    const runs = [1, 2, 3].map((y) => ({ ...lora(`f${y}`, 0, y), method: "full" as const, rank: null }));
    expect(leaveOneOut(runs).mtBench).toBeCloseTo(Math.sqrt(1.5), 12);
  });
});

describe("predictQuality", () => {
  const runs = [5.1, 5.2, 5.4, 5.4, 5.5].map((y, i) => lora(`r${2 ** (i + 1)}`, 2 ** (i + 1), y, { mmlu: 40 + i }));
  const model = fitQualityModel(runs);

  it("gives the fitted point with an interval of ± 1.96 x the leave-one-out RMSE", () => {
    const result = predictQuality(model, { method: "lora", modelParams: SEVEN_B, rank: 64, targetModules: ["q_proj", "v_proj"] });
    expect(result.mtBench!.point).toBeCloseTo(5.02 + 0.1 * 6, 9);
    expect(result.mtBench!.high - result.mtBench!.point).toBeCloseTo(1.96 * 0.0576761, 6);
    expect(result.leaveOneOutError.mtBench).toBeCloseTo(0.0576761, 6);
  });

  it("lists the nearest evidence runs first", () => {
    const result = predictQuality(model, { method: "lora", modelParams: SEVEN_B, rank: 8, targetModules: null }, 3);
    expect(result.evidence.map((e) => e.runId)).toEqual(["r8", expect.stringMatching(/^r(4|16)$/), expect.stringMatching(/^r(4|16)$/)]);
    expect(result.evidence[0]!.distance).toBe(0);
  });

  it("predicts QLoRA as LoRA when no QLoRA run was fitted, and says so", () => {
    const result = predictQuality(model, { method: "qlora", modelParams: SEVEN_B, rank: 4, targetModules: null });
    expect(result.mtBench!.point).toBeCloseTo(5.22, 9);
    expect(result.notes.join(" ")).toMatch(/QLoRA is predicted as LoRA/);
  });

  it("declines a model size the runs do not cover", () => {
    const result = predictQuality(model, { method: "lora", modelParams: 70e9, rank: 4, targetModules: null });
    expect(result.mtBench).toBeNull();
    expect(result.notes.join(" ")).toMatch(/log10Params/);
  });
});

describe("the seeded quality runs", () => {
  const model = fitQualityModel(seedObservations);

  it("fit MT-Bench on size, method and log rank, with diminishing returns in rank", () => {
    expect(model.mtBench!.kind).toBe("ols");
    expect(model.mtBench!.points).toHaveLength(19);
    const coefficients = model.mtBench!.fit!.coefficients;
    expect(coefficients[1]).toBeGreaterThan(0); // larger models score higher
    expect(coefficients[2]).toBeLessThan(0); // LoRA below full fine-tuning ...
    expect(coefficients[4]).toBeGreaterThan(0); // ... by less at higher rank
    expect(model.mtBench!.looRmse).toBeCloseTo(0.0569, 3);
    expect(model.mmlu!.looRmse).toBeCloseTo(1.2504, 3);
  });

  it("puts 7B LoRA r=16 near the article's 6.4 and inside its own interval", () => {
    const result = predictQuality(model, { method: "lora", modelParams: SEVEN_B, rank: 16, targetModules: null });
    expect(result.mtBench!.point).toBeCloseTo(6.4, 1);
    expect(result.mtBench!.low).toBeLessThan(6.4);
    expect(result.mtBench!.high).toBeGreaterThan(6.4);
  });
});
