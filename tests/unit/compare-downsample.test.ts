// Largest-Triangle-Three-Buckets (lib/compare/downsample.ts) against cases worked out by hand.
import { describe, expect, it } from "vitest";
import { downsampleLttb, lttbIndices } from "@/lib/compare/downsample";
import { evenlySpread } from "@/lib/compare/sample";

const series = (values: number[]) => values.map((value, step) => ({ step, value }));

describe("downsampleLttb", () => {
  it("returns a series that fits unchanged (as a copy)", () => {
    const points = series([3, 1, 4, 1, 5]);
    const result = downsampleLttb(points, 5);
    expect(result).toEqual(points);
    expect(result).not.toBe(points);
    expect(downsampleLttb(points, 800)).toEqual(points);
    expect(downsampleLttb([], 10)).toEqual([]);
  });

  it("keeps the peak of one bucket: 5 points to 3", () => {
    // One bucket (points 1–3) between the kept ends (0,0) and (4,0); twice the triangle areas with (0,0) and
    // the next bucket's average (4,0) are |−4·y| = 4, 20, 4, so the peak (2,5) wins.
    expect(downsampleLttb(series([0, 1, 5, 1, 0]), 3)).toEqual([
      { step: 0, value: 0 },
      { step: 2, value: 5 },
      { step: 4, value: 0 },
    ]);
  });

  it("chains buckets through the point kept before: 8 points to 4", () => {
    // Buckets of (8−2)/2 = 3: points 1–3 and 4–6. Bucket 1 against a = (0,0) and the average of points 4–6,
    // (5, 11/3): areas |−5y + 11x/3| = 6.33 (1,2), 2.33 (2,1), 4 (3,3) → (1,2). Bucket 2 against a = (1,2)
    // and the last point (7,0): areas |−6(y−2) + 2(1−x)| = 42 (4,8), 8 (5,2), 4 (6,1) → (4,8).
    expect(lttbIndices([0, 1, 2, 3, 4, 5, 6, 7], [0, 2, 1, 3, 8, 2, 1, 0], 4)).toEqual([0, 1, 4, 7]);
  });

  it("keeps the first and last points and returns exactly maxPoints, in step order", () => {
    const points = Array.from({ length: 10_000 }, (_, step) => ({ step, value: Math.sin(step / 50) + step / 10_000 }));
    const result = downsampleLttb(points, 800);
    expect(result).toHaveLength(800);
    expect(result[0]).toBe(points[0]);
    expect(result.at(-1)).toBe(points.at(-1));
    expect(result.every((point, i) => i === 0 || point.step > result[i - 1]!.step)).toBe(true);
  });

  it("keeps an isolated spike that a stride sample would miss", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i === 517 ? 50 : 1));
    expect(downsampleLttb(series(values), 20).map((p) => p.step)).toContain(517);
  });
});

describe("evenlySpread", () => {
  it("takes items at even intervals, or all of them when they fit", () => {
    expect(evenlySpread([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(evenlySpread([1, 2], 5)).toEqual([1, 2]);
    expect(evenlySpread([1, 2], 0)).toEqual([]);
  });
});
