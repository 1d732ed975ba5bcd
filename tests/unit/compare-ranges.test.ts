// Ranges, percent cells and medians behind the comparison charts (lib/compare/ranges.ts, lib/compare/stats.ts).
import { describe, expect, it } from "vitest";
import { envelope, memoryRange, parsePercentCell } from "@/lib/compare/ranges";
import { median } from "@/lib/compare/stats";

const point = (v: number) => ({ value: v, min: v, max: v });
const range = (min: number, max: number | null) => ({ value: null, min, max });

describe("parsePercentCell", () => {
  it.each([
    ["0.04%", point(0.04)],
    ["0.48%", point(0.48)],
    ["+3-5%", range(3, 5)],
    ["+8-10%", range(8, 10)],
    ["~1-5%", range(1, 5)],
    ["0.1-2% (adapters only)", range(0.1, 2)],
    ["All (100%)", point(100)],
    ["Minimal (<1%)", range(0, 1)],
    ["Baseline", point(0)],
    ["None (Baseline)", null],
    ["Low", null],
  ])("reads %s", (text, expected) => {
    expect(parsePercentCell(text)).toEqual(expected);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones, whatever the order", () => {
    expect(median([7.2])).toBe(7.2);
    expect(median([9.8, 14.1, 7.2])).toBe(9.8);
    expect(median([10, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("memory ranges", () => {
  it("keeps a point, a range and a lower bound as stored", () => {
    expect(memoryRange({ peakMemoryGb: 16, peakMemoryGbMin: null, peakMemoryGbMax: null })).toEqual(point(16));
    expect(memoryRange({ peakMemoryGb: null, peakMemoryGbMin: 24, peakMemoryGbMax: 32 })).toEqual(range(24, 32));
    expect(memoryRange({ peakMemoryGb: null, peakMemoryGbMin: 84, peakMemoryGbMax: null })).toEqual(range(84, null));
    expect(memoryRange({ peakMemoryGb: null, peakMemoryGbMin: null, peakMemoryGbMax: null })).toBeNull();
  });

  it("spans two readings without averaging them", () => {
    expect(envelope(point(0.04), point(0.04))).toEqual(point(0.04));
    expect(envelope(range(3, 5), range(4, 8))).toEqual(range(3, 8));
    expect(envelope(point(2), range(4, null))).toEqual(range(2, null));
  });
});
