import { describe, expect, it } from "vitest";
import { type QualityMemoryPoint, firstRunId, frontierPoints, qualityMemoryMarker, qualityMemorySeries } from "@/lib/compare/quality-memory-view";

const point = (id: string, method: QualityMemoryPoint["method"], origin: QualityMemoryPoint["origin"], memoryGb: QualityMemoryPoint["memoryGb"] = { value: 16, min: 16, max: 16 }): QualityMemoryPoint => ({
  id,
  label: id,
  method,
  modelName: "Llama 2 7B",
  rank: method === "full" ? null : 16,
  origin,
  memoryGb,
  quality: 6,
  isParetoOptimal: false,
  provenance: id.split("+").map((runId) => ({ runId, runName: runId, sourceId: null, sourceTitle: null, cells: [] })),
});

describe("qualityMemorySeries", () => {
  it("splits the points by method, selection and origin, so every option of a series is the same for all its points", () => {
    const points = [point("a", "lora", "logged"), point("b", "full", "article"), point("c", "lora", "article"), point("d", "lora", "logged"), point("e", "qlora", "estimate")];
    const series = qualityMemorySeries(points, new Set(["d"]));
    expect(series.map((item) => [item.key, item.points.map((p) => p.id)])).toEqual([
      ["full:article", ["b"]],
      ["lora:article", ["c"]],
      ["lora:logged", ["a"]],
      ["lora:logged:selected", ["d"]],
      ["qlora:estimate", ["e"]],
    ]);
    expect(series.find((item) => item.isSelected)).toMatchObject({ method: "lora", origin: "logged" });
  });

  it("keeps every point exactly once, in the answer's order within a series", () => {
    const points = Array.from({ length: 50 }, (_, i) => point(`r${i}`, (["full", "lora", "qlora"] as const)[i % 3]!, (["logged", "paper"] as const)[i % 2]!));
    const series = qualityMemorySeries(points, new Set(["r7", "r8"]));
    const ids = series.flatMap((item) => item.points.map((p) => p.id));
    expect([...ids].sort()).toEqual(points.map((p) => p.id).sort());
    for (const item of series) expect(item.points.map((p) => Number(p.id.slice(1)))).toEqual([...item.points.map((p) => Number(p.id.slice(1)))].sort((a, b) => a - b));
  });

  it("selects a paired point by its first run, the run a click on it selects", () => {
    const paired = point("m1+q1", "lora", "paper");
    expect(firstRunId(paired)).toBe("m1");
    expect(qualityMemorySeries([paired], new Set(["q1"]))[0]!.isSelected).toBe(false);
    expect(qualityMemorySeries([paired], new Set(["m1"]))[0]!.isSelected).toBe(true);
  });
});

describe("frontierPoints", () => {
  it("lists the frontier in the answer's order and skips ids that are not among the points", () => {
    const points = [point("a", "lora", "logged"), point("b", "full", "article"), point("c", "qlora", "logged")];
    expect(frontierPoints(points, ["c", "gone", "a"]).map((p) => p.id)).toEqual(["c", "a"]);
  });
});

describe("qualityMemoryMarker", () => {
  it("puts a measured point at its value and a range at its lower end with whisker ends, an open bound to the right", () => {
    expect(qualityMemoryMarker(point("a", "lora", "logged", { value: 12.5, min: 12.5, max: 12.5 }))).toEqual({ x: 12.5, y: 6 });
    expect(qualityMemoryMarker(point("b", "lora", "article", { value: null, min: 24, max: 32 }))).toEqual({ x: 24, y: 6, xMin: 24, xMax: 32 });
    expect(qualityMemoryMarker(point("c", "full", "article", { value: null, min: 84, max: null }))).toEqual({ x: 84, y: 6, xMin: 84, xMax: null });
  });
});
