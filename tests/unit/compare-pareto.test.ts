// The Pareto frontier of the quality-vs-memory chart (lib/compare/pareto.ts), against hand-worked sets and
// against the definition itself on random points.
import { describe, expect, it } from "vitest";
import { type ParetoPoint, paretoFrontier } from "@/lib/compare/pareto";

const p = (id: string, memoryGb: number, quality: number): ParetoPoint => ({ id, memoryGb, quality });

/** The definition, O(n²): kept unless another point has ≤ memory and ≥ quality with one of them strict. */
function frontierByDefinition(points: ParetoPoint[]): Set<string> {
  const dominated = (a: ParetoPoint) =>
    points.some((b) => b.memoryGb <= a.memoryGb && b.quality >= a.quality && (b.memoryGb < a.memoryGb || b.quality > a.quality));
  return new Set(points.filter((a) => !dominated(a)).map((a) => a.id));
}

describe("paretoFrontier", () => {
  it("keeps a single point", () => {
    expect(paretoFrontier([p("only", 16, 6.4)])).toEqual(["only"]);
  });

  it("is empty for no points", () => {
    expect(paretoFrontier([])).toEqual([]);
  });

  it("keeps only the point that dominates all others", () => {
    expect(paretoFrontier([p("b", 20, 6), p("best", 10, 7), p("c", 30, 5), p("d", 10, 6.9)])).toEqual(["best"]);
  });

  it("keeps both of two identical points, neither dominates the other", () => {
    expect(paretoFrontier([p("x", 16, 6.4), p("y", 16, 6.4), p("z", 20, 6.4)])).toEqual(["x", "y"]);
  });

  it("drops the worse of two points with equal memory, and the heavier of two with equal quality", () => {
    expect(paretoFrontier([p("low", 16, 6.1), p("high", 16, 6.4)])).toEqual(["high"]);
    expect(paretoFrontier([p("heavy", 24, 6.4), p("light", 16, 6.4)])).toEqual(["light"]);
  });

  it("finds the staircase of the seeded Flash Attention Team configurations, by memory ascending", () => {
    // Memory (GB, "84GB+" read as 84) and MT-Bench of 7B/13B/70B × full / LoRA r=16 / QLoRA.
    const seeded = [
      p("7b-full", 84, 6.8), p("7b-lora", 16, 6.4), p("7b-qlora", 6, 6.5),
      p("13b-full", 156, 7.2), p("13b-lora", 28, 6.8), p("13b-qlora", 10, 6.9),
      p("70b-full", 840, 7.9), p("70b-lora", 150, 7.5), p("70b-qlora", 42, 7.6),
    ];
    // 7B LoRA (16/6.4) is beaten by 7B QLoRA (6/6.5); 13B full (156/7.2) by 70B QLoRA (42/7.6).
    expect(paretoFrontier(seeded)).toEqual(["7b-qlora", "13b-qlora", "70b-qlora", "70b-full"]);
  });

  it("agrees with the definition on random sets with many ties", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round += 1) {
      const points = Array.from({ length: 40 }, (_, i) => p(`p${i}`, Math.floor(random() * 10), Math.floor(random() * 6)));
      const frontier = paretoFrontier(points);
      expect(new Set(frontier)).toEqual(frontierByDefinition(points));
      const memory = frontier.map((id) => points.find((point) => point.id === id)!.memoryGb);
      expect(memory).toEqual([...memory].sort((a, b) => a - b));
    }
  });
});
