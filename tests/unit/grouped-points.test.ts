import { describe, expect, it } from "vitest";
import { compareViewFromSearchParams, compareViewToSearchParams } from "@/components/compare/compare-params";
import { formatGroupStat, groupMarker, groupSeries, groupTooltipLines, qualityMemoryGroupRows, yExtent } from "@/lib/compare/grouped-points";
import type { OutcomeStats } from "@/lib/schemas/groups";

const stats = (n: number, mean: number | null, std: number | null, min: number | null, max: number | null): OutcomeStats => ({ n, mean, std, min, max });
const none = stats(0, null, null, null, null);

describe("groupMarker", () => {
  it("puts a group at its means with bars at ± std and faint bars at min and max", () => {
    expect(groupMarker(stats(3, 12, 2, 10, 14), stats(3, 42, 3, 40, 46))).toEqual({ x: 12, y: 42, xLow: 10, xHigh: 14, xMin: 10, xMax: 14, yLow: 39, yHigh: 45, yMin: 40, yMax: 46 });
  });

  it("clips x bars to the observed range on a log axis, where mean − std can reach 0 or below", () => {
    // 1, 1, 10: mean 4, sample std √27 ≈ 5.2, so mean − std < 0.
    const marker = groupMarker(stats(3, 4, Math.sqrt(27), 1, 10), stats(3, 5, 1, 4, 6), { isLogX: true })!;
    expect(marker.xLow).toBe(1);
    expect(marker.xHigh).toBe(4 + Math.sqrt(27));
    expect(groupMarker(stats(3, 4, Math.sqrt(27), 1, 10), stats(3, 5, 1, 4, 6))!.xLow).toBeLessThan(0);
  });

  it("gives no marker without a value on either axis", () => {
    expect(groupMarker(none, stats(1, 5, null, 5, 5))).toBeNull();
    expect(groupMarker(stats(1, 5, null, 5, 5), none)).toBeNull();
  });
});

describe("yExtent", () => {
  it("reaches the furthest bar, std or min–max, so the y axis cuts none off", () => {
    const a = groupMarker(stats(2, 6.5, Math.SQRT1_2, 6, 7), stats(2, 6.5, Math.SQRT1_2, 6, 7))!;
    const b = groupMarker(stats(1, 7, null, 7, 7), stats(1, 7.2, null, 7.2, 7.2))!;
    expect(yExtent([a, b])).toEqual({ min: 6.5 - Math.SQRT1_2, max: 6.5 + Math.SQRT1_2 });
    expect(yExtent([b])).toEqual({ min: 7.2, max: 7.2 });
    expect(yExtent([])).toBeNull();
  });
});

describe("groupSeries", () => {
  const markerOf = (group: { x: OutcomeStats; y: OutcomeStats }) => groupMarker(group.x, group.y);
  const point = stats(1, 5, null, 5, 5);

  it("splits by method in the methods' order when the grouping includes the method, and sets undrawn groups apart", () => {
    const groups = [
      { key: { method: "qlora", rank: 8 }, x: point, y: point },
      { key: { method: "lora", rank: 8 }, x: point, y: point },
      { key: { method: "lora", rank: 16 }, x: none, y: point },
    ];
    const { series, undrawn } = groupSeries(groups, markerOf);
    expect(series.map((item) => [item.id, item.items.length])).toEqual([["lora", 1], ["qlora", 1]]);
    expect(undrawn).toEqual([groups[2]]);
  });

  it("draws one series when the method is not grouped", () => {
    const { series } = groupSeries([{ key: { rank: 8 }, x: point, y: point }, { key: { rank: 16 }, x: point, y: point }], markerOf);
    expect(series.map((item) => [item.id, item.method, item.items.length])).toEqual([["groups", null, 2]]);
  });
});

describe("group rows and tooltips", () => {
  it("lists every group in the data table, mean ± std with min–max", () => {
    const rows = qualityMemoryGroupRows([{ key: {}, label: "LoRA · r=8", count: 3, memoryRangeCount: 1, x: stats(2, 11, Math.SQRT2, 10, 12), y: stats(2, 42, 2, 40, 44) }]);
    expect(rows).toEqual([{ group: "LoRA · r=8", runs: 3, memory: "11 ± 1.41 (10–12)", ranges: 1, quality: "42 ± 2 (40–44)" }]);
    expect(formatGroupStat(none)).toBe("—");
  });

  it("says how many runs a tooltip's statistics rest on", () => {
    expect(groupTooltipLines({ count: 3 }, [{ label: "Peak memory", stats: stats(2, 11, Math.SQRT2, 10, 12), unit: "GB" }])).toEqual(["3 runs", "Peak memory: 11 ± 1.41 (10–12) GB · n = 2"]);
  });
});

describe("/compare's group= URL state", () => {
  it("reads and writes the grouping, dropping unknown fields", () => {
    const view = compareViewFromSearchParams(new URLSearchParams("group=method,rank,colour"));
    expect(view.groupBy).toEqual(["method", "rank"]);
    expect(compareViewToSearchParams(view).get("group")).toBe("method,rank");
    expect(compareViewToSearchParams({ ...view, groupBy: [] }).has("group")).toBe(false);
  });
});
