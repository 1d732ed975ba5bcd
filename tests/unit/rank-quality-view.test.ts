import { describe, expect, it } from "vitest";
import { type RankQualityPoint, drawnRankSeries, rankQualityView } from "@/lib/compare/rank-quality-view";

const point = (runId: string, method: RankQualityPoint["method"], modelName: string, rank: number, mmlu: number | null, mtBench: number | null, trainableParams: number | null = null): RankQualityPoint => ({
  runId, label: runId, method, modelName, rank, mmlu, mtBench, trainableParams, sourceTitle: null,
});

describe("rankQualityView", () => {
  it("draws one line per method, model and metric, in method, model and metric order, each by rank", () => {
    const view = rankQualityView([
      point("a", "qlora", "Mistral 7B", 64, 60, null),
      point("b", "lora", "Mistral 7B", 16, 58, 6.1),
      point("c", "lora", "Llama 2 7B", 8, 45, null),
      point("d", "lora", "Mistral 7B", 8, 57, 6.0),
    ]);
    expect(view.methods).toEqual(["lora", "qlora"]);
    expect(view.modelNames).toEqual(["Llama 2 7B", "Mistral 7B"]);
    expect(view.series.map((s) => [s.method, s.modelName, s.metric, s.points.map((p) => p.runId)])).toEqual([
      ["lora", "Llama 2 7B", "mmlu", ["c"]],
      ["lora", "Mistral 7B", "mmlu", ["d", "b"]],
      ["lora", "Mistral 7B", "mtBench", ["d", "b"]],
      ["qlora", "Mistral 7B", "mmlu", ["a"]],
    ]);
  });

  it("keeps one of two points with the same rank and score, and joins only sweeps (one point per rank) by a line", () => {
    const view = rankQualityView([
      point("a", "lora", "M", 8, 50, null),
      point("b", "lora", "M", 8, 50, null),
      point("c", "lora", "M", 16, 51, null),
      point("d", "qlora", "M", 8, 40, null),
      point("e", "qlora", "M", 8, 41, null),
    ]);
    const [lora, qlora] = view.series;
    expect(lora!.points.map((p) => p.runId)).toEqual(["a", "c"]);
    expect(lora!.isSweep).toBe(true);
    expect(qlora!.points.map((p) => p.runId)).toEqual(["d", "e"]);
    expect(qlora!.isSweep).toBe(false);
  });

  it("names the trainable parameters at each rank by the first point of that rank that reports them", () => {
    const view = rankQualityView([point("a", "lora", "M", 16, 50, null), point("b", "lora", "M", 16, 51, null, 8_000_000), point("c", "qlora", "M", 16, 52, null, 9_000_000), point("d", "lora", "M", 4, 49, null, 2_000_000)]);
    expect([...view.paramsByRank]).toEqual([[4, 2_000_000], [16, 8_000_000]]);
  });

  it("draws each sweep as its own dataset and, per method and metric, every unjoined point in one", () => {
    const view = rankQualityView([
      point("a", "lora", "Llama 2 7B", 8, 45, null),
      point("b", "lora", "Llama 2 7B", 16, 46, null),
      point("c", "lora", "Mistral 7B", 8, 57, 6.0),
      point("d", "lora", "Mistral 7B", 8, 58, 6.2),
      point("e", "lora", "Phi-3", 4, 40, null),
      point("f", "lora", "Phi-3", 4, 41, null),
      point("g", "qlora", "Phi-3", 4, 39, null),
      point("h", "qlora", "Phi-3", 4, 38, null),
    ]);
    // Series: Llama mmlu (sweep a, b); Mistral mmlu (c, d: same rank); Mistral mtBench (c, d); Phi-3 lora mmlu (e, f); Phi-3 qlora mmlu (g, h).
    expect(view.series).toHaveLength(5);
    expect(view.drawn.map((s) => [s.method, s.metric, s.modelName, s.isSweep, s.points.map((p) => p.runId)])).toEqual([
      ["lora", "mmlu", "Llama 2 7B", true, ["a", "b"]],
      ["lora", "mmlu", null, false, ["c", "d", "e", "f"]],
      ["lora", "mtBench", null, false, ["c", "d"]],
      ["qlora", "mmlu", null, false, ["g", "h"]],
    ]);
    // Every point a series holds is drawn exactly once per metric.
    const count = (list: { points: unknown[] }[]) => list.reduce((total, item) => total + item.points.length, 0);
    expect(count(drawnRankSeries(view.series))).toBe(count(view.series));
  });
});
