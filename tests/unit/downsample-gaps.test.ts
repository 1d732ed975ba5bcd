// LTTB (lib/compare/downsample.ts) on series with non-finite values: a diverged run's NaN and ±Infinity are gaps
// that must survive downsampling, and must not disturb the choice among finite points.
import { describe, expect, it } from "vitest";
import { lttbIndices } from "@/lib/compare/downsample";
import { chartMetricValue, decodeMetricValue, encodeMetricValue } from "@/lib/compare/metric-values";

const steps = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("lttbIndices with non-finite values", () => {
  it("keeps the first non-finite point of every bucket that holds one", () => {
    // 10 points to 4: buckets of (10−2)/2 = 4 (points 1–4 and 5–8). A NaN at 6 and an Infinity at 7: bucket 2 keeps 6.
    const ys = [1, 2, 9, 2, 1, 3, Number.NaN, Number.POSITIVE_INFINITY, 1, 0];
    expect(lttbIndices(steps(10), ys, 4)).toEqual([0, 2, 6, 9]);
  });

  it("measures finite points against the last finite point kept, skipping gaps in the next bucket's average", () => {
    // 8 points to 4: buckets 1–3 and 4–6. Bucket 1 is finite; the next bucket's average ignores the NaN at 4:
    // (5.5, 4.5) from (5, 8) and (6, 1). Against a = (0,0): twice the areas |−5.5y + 4.5x| = 6.5 (1,2), 3.5 (2,1),
    // 3 (3,3) → (1,2). Bucket 2 holds the NaN at 4, which it keeps.
    expect(lttbIndices(steps(8), [0, 2, 1, 3, Number.NaN, 8, 1, 0], 4)).toEqual([0, 1, 4, 7]);
  });

  it("downsamples a finite series exactly as before and never returns more than maxPoints", () => {
    const finite = steps(5_000).map((i) => Math.sin(i / 40));
    const withGaps = finite.map((y, i) => (i % 97 === 0 ? Number.NaN : y));
    expect(lttbIndices(steps(5_000), withGaps, 300).length).toBe(300);
    expect(lttbIndices(steps(8), [0, 2, 1, 3, 8, 2, 1, 0], 4)).toEqual([0, 1, 4, 7]);
  });

  it("keeps a series that starts with NaN drawable: first point kept, later buckets choose by area again", () => {
    const ys = [Number.NaN, Number.NaN, 5, 1, 1, 1, 9, 1, 1, 1];
    const kept = lttbIndices(steps(10), ys, 4);
    expect(kept[0]).toBe(0);
    expect(kept).toContain(1);
    expect(kept.at(-1)).toBe(9);
  });
});

describe("metric values on the wire", () => {
  it("spells non-finite values as strings, reads them back, and charts them as gaps", () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5].map(encodeMetricValue)).toEqual(["NaN", "Infinity", "-Infinity", 1.5]);
    expect(["NaN", "Infinity", "-Infinity", 1.5].map((v) => decodeMetricValue(v as never))).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5]);
    expect(decodeMetricValue(null)).toBeNaN();
    expect(["NaN", "Infinity", 0, 2].map((v) => chartMetricValue(v as never))).toEqual([null, null, 0, 2]);
  });
});
