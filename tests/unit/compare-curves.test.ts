// The view-building behind the metric curves: unit families, one y axis per family, the x value of a point for
// each x-axis choice, and smoothing that keeps the raw series beside the smoothed one.
import { describe, expect, it } from "vitest";
import { assignYAxes, buildCurveLines, defaultPickedKeys, interpolateAtStep, resolveXAxis, unitFamilyOf, type CurveSeries } from "@/lib/compare/curves";

const series = (key: string, values: [number, number | string, string?][]): CurveSeries => ({
  key,
  points: values.map(([step, value, time]) => ({ step, value: value as number, ...(time ? { time } : {}) })),
});

describe("unitFamilyOf", () => {
  it("sorts the keys trainers log into unit families by name", () => {
    const cases: [string, string][] = [
      ["train/loss", "loss"],
      ["eval/loss", "loss"],
      ["eval/perplexity", "loss"],
      ["train/learning_rate", "learning-rate"],
      ["lr", "learning-rate"],
      ["train/grad_norm", "grad-norm"],
      ["tokens_per_second_per_gpu", "throughput"],
      ["train/samples_per_second", "throughput"],
      ["gpu/memory_allocated_gb", "memory"],
      ["eval/accuracy", "accuracy"],
      ["mmlu_score", "accuracy"],
      ["epoch", "counter"],
      ["train/epoch", "counter"],
      ["num_input_tokens_seen", "counter"],
      ["reward_margin", "other"],
    ];
    for (const [key, family] of cases) expect([key, unitFamilyOf(key)]).toEqual([key, family]);
  });

  it("does not read a learning rate into a key that merely contains the letters lr", () => {
    expect(unitFamilyOf("eval/blrt_thing")).toBe("other");
  });
});

describe("assignYAxes", () => {
  it("gives loss and learning rate their own axes, left then right, and two losses share one", () => {
    const axes = assignYAxes([
      { key: "train/loss", values: [2, 1.5] },
      { key: "train/learning_rate", values: [1e-4, 5e-5] },
      { key: "eval/loss", values: [1.8] },
      { key: "train/grad_norm", values: [0.9] },
    ]);
    expect(axes.map((axis) => [axis.id, axis.family, axis.position, axis.keys])).toEqual([
      ["y0", "loss", "left", ["train/loss", "eval/loss"]],
      ["y1", "learning-rate", "right", ["train/learning_rate"]],
      ["y2", "grad-norm", "left", ["train/grad_norm"]],
    ]);
  });

  it("puts the loss on the left axis even when a learning rate key sorts before it", () => {
    const axes = assignYAxes([
      { key: "train/learning_rate", values: [1e-4] },
      { key: "train/loss", values: [2] },
    ]);
    expect(axes.map((axis) => [axis.family, axis.position])).toEqual([
      ["loss", "left"],
      ["learning-rate", "right"],
    ]);
  });

  it("draws a positive learning rate on a log axis but keeps it linear once it reaches 0", () => {
    expect(assignYAxes([{ key: "lr", values: [1e-6, 2e-4] }])[0]).toMatchObject({ isLog: true, title: "Learning rate (log scale)" });
    expect(assignYAxes([{ key: "lr", values: [2e-4, 0] }])[0]).toMatchObject({ isLog: false, title: "Learning rate" });
    expect(assignYAxes([{ key: "train/loss", values: [2, 1] }])[0]!.isLog).toBe(false);
  });
});

describe("defaultPickedKeys", () => {
  it("preselects the loss keys, or the first key when none is a loss", () => {
    expect(defaultPickedKeys(["epoch", "eval/loss", "train/learning_rate", "train/loss"])).toEqual(["eval/loss", "train/loss"]);
    expect(defaultPickedKeys(["reward", "epoch"])).toEqual(["reward"]);
  });
});

describe("interpolateAtStep", () => {
  it("interpolates linearly between logged steps and gives nothing outside them", () => {
    const steps = [10, 20, 40];
    const values = [0.1, 0.2, 0.6];
    expect(interpolateAtStep(steps, values, 10)).toBe(0.1);
    expect(interpolateAtStep(steps, values, 15)).toBeCloseTo(0.15, 12);
    expect(interpolateAtStep(steps, values, 30)).toBeCloseTo(0.4, 12);
    expect(interpolateAtStep(steps, values, 40)).toBe(0.6);
    expect(interpolateAtStep(steps, values, 5)).toBeNull();
    expect(interpolateAtStep(steps, values, 41)).toBeNull();
  });
});

describe("resolveXAxis", () => {
  const loss = series("train/loss", [[0, 3], [50, 2], [100, 1]]);

  it("maps a step to the epoch logged at the same or neighbouring steps", () => {
    const epoch = series("train/epoch", [[0, 0], [100, 2]]);
    const x = resolveXAxis("epoch", { drawn: [loss], all: [loss, epoch] });
    if (!x.isAvailable) throw new Error(x.reason);
    expect(loss.points.map(x.map)).toEqual([0, 1, 2]);
    expect(x.title).toContain("train/epoch");
  });

  it("says why epoch is unavailable when the run logs no epoch series", () => {
    const x = resolveXAxis("epoch", { drawn: [loss], all: [loss] });
    expect(x).toEqual({ isAvailable: false, reason: expect.stringContaining("epoch") });
  });

  it("prefers a logged tokens series over the batch shape", () => {
    const tokens = series("num_input_tokens_seen", [[0, 0], [100, 1000]]);
    const x = resolveXAxis("tokens", { drawn: [loss], all: [loss, tokens], shape: { batchSize: 4, seqLen: 2048, gradientAccumulation: 8, gpuCount: 2 } });
    if (!x.isAvailable) throw new Error(x.reason);
    expect(loss.points.map(x.map)).toEqual([0, 500, 1000]);
  });

  it("computes tokens as step × batch × seqLen × accumulation × GPUs without a tokens series", () => {
    const x = resolveXAxis("tokens", { drawn: [loss], all: [loss], shape: { batchSize: 4, seqLen: 2048, gradientAccumulation: 8, gpuCount: 2 } });
    if (!x.isAvailable) throw new Error(x.reason);
    // 4 × 2048 × 8 × 2 = 131,072 tokens per optimiser step.
    expect(x.map({ step: 50, value: 2 })).toBe(50 * 131_072);
    expect(x.title).not.toContain("assumes");
  });

  it("says when it assumed one GPU and no accumulation, and refuses without a batch size or sequence length", () => {
    const assumed = resolveXAxis("tokens", { drawn: [loss], all: [loss], shape: { batchSize: 4, seqLen: 512, gradientAccumulation: null, gpuCount: null } });
    expect(assumed.isAvailable && assumed.title).toContain("assumes accumulation 1, 1 GPU");
    const refused = resolveXAxis("tokens", { drawn: [loss], all: [loss], shape: { batchSize: 4, seqLen: null, gradientAccumulation: 1, gpuCount: 1 } });
    expect(refused).toEqual({ isAvailable: false, reason: expect.stringContaining("sequence length") });
  });

  it("gives seconds since the first point from timestamps, and refuses when a point has none", () => {
    const timed = series("train/loss", [[0, 3, "2026-01-01T00:00:00Z"], [10, 2, "2026-01-01T00:01:30Z"]]);
    const x = resolveXAxis("time", { drawn: [timed], all: [timed] });
    if (!x.isAvailable) throw new Error(x.reason);
    expect(timed.points.map(x.map)).toEqual([0, 90]);
    expect(resolveXAxis("time", { drawn: [loss], all: [loss] })).toEqual({ isAvailable: false, reason: expect.stringContaining("timestamps") });
  });
});

describe("buildCurveLines", () => {
  it("returns the raw series beside the smoothed one at the same x, with non-finite values as gaps", () => {
    const points = series("train/loss", [[0, 4], [1, "NaN"], [2, 0]]).points;
    const { raw, smoothed } = buildCurveLines(points, (point) => point.step * 10, 0.5);
    expect(raw).toEqual([{ x: 0, y: 4 }, { x: 10, y: null }, { x: 20, y: 0 }]);
    // The gap does not enter the average: the third point is the debiased EMA of [4, 0] = 4/3.
    expect(smoothed.map((point) => point.x)).toEqual([0, 10, 20]);
    expect(smoothed[0]!.y).toBe(4);
    expect(smoothed[1]!.y).toBeNull();
    expect(smoothed[2]!.y).toBeCloseTo(4 / 3, 12);
  });

  it("leaves out points that have no x, after smoothing over all of them", () => {
    const points = series("train/loss", [[0, 4], [1, 0], [2, 0]]).points;
    const { raw, smoothed } = buildCurveLines(points, (point) => (point.step === 0 ? null : point.step), 0.5);
    expect(raw.map((point) => point.x)).toEqual([1, 2]);
    expect(smoothed[0]!.y).toBeCloseTo(4 / 3, 12);
  });
});
