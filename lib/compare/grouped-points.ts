// View-building of the grouped /compare charts (groupBy=): each group drawn as its mean with error bars, one
// series per method when the grouping includes the method (so the method colours hold), else one series. Pure;
// tests/unit/grouped-points.test.ts pins it.
import { errorBarExtent, formatMeanStd, formatMinMax } from "@/lib/runs/group-stats";
import type { OutcomeStats } from "@/lib/schemas/groups";
import { METHODS, type Method } from "@/lib/schemas/run";

/**
 * A group's marker: at (mean x, mean y), bars from low to high (± one std) and faint ones from min to max.
 * On a log axis a bar cannot reach 0 or below, so x bars there are clipped to the group's observed range.
 */
export type GroupMarker = {
  x: number; y: number;
  xLow: number; xHigh: number; xMin: number; xMax: number;
  yLow: number; yHigh: number; yMin: number; yMax: number;
};

export function groupMarker(x: OutcomeStats, y: OutcomeStats, options: { isLogX?: boolean } = {}): GroupMarker | null {
  const ex = errorBarExtent(x);
  const ey = errorBarExtent(y);
  if (!ex || !ey) return null;
  const xLow = options.isLogX ? Math.max(ex.low, ex.min) : ex.low;
  const xHigh = options.isLogX ? Math.min(ex.high, ex.max) : ex.high;
  return { x: ex.mean, y: ey.mean, xLow, xHigh, xMin: ex.min, xMax: ex.max, yLow: ey.low, yHigh: ey.high, yMin: ey.min, yMax: ey.max };
}

/** On the rank chart MT-Bench markers sit this factor right of their rank (log2 axis: about a twelfth of a doubling). */
export const MT_BENCH_RANK_OFFSET = 1.06;

export type GroupSeries<G> = { id: Method | "groups"; method: Method | null; items: { group: G; marker: GroupMarker }[] };

type KeyedGroup = { key: Record<string, unknown> };

/**
 * Groups with a marker, by method (in METHODS order) when `method` is one of the grouped fields, else one series.
 * Groups `markerOf` gives no marker for (no value on an axis) are returned apart, for the data table.
 */
export function groupSeries<G extends KeyedGroup>(groups: readonly G[], markerOf: (group: G) => GroupMarker | null): { series: GroupSeries<G>[]; undrawn: G[] } {
  const undrawn: G[] = [];
  const drawn: { group: G; marker: GroupMarker }[] = [];
  for (const group of groups) {
    const marker = markerOf(group);
    if (marker) drawn.push({ group, marker });
    else undrawn.push(group);
  }
  const isByMethod = groups.length > 0 && groups.every((group) => "method" in group.key);
  if (!isByMethod) return { series: drawn.length ? [{ id: "groups", method: null, items: drawn }] : [], undrawn };
  const series = METHODS.map((method) => ({ id: method, method, items: drawn.filter((item) => item.group.key.method === method) })).filter((item) => item.items.length > 0);
  return { series, undrawn };
}

/** "11 ± 1.41 (10–12)", or "—" without values. */
export function formatGroupStat(stats: OutcomeStats, digits = 2): string {
  if (stats.n === 0) return "—";
  const range = stats.n > 1 ? formatMinMax(stats, digits) : "";
  return range ? `${formatMeanStd(stats, digits)} (${range})` : formatMeanStd(stats, digits);
}

type QualityMemoryGroup = KeyedGroup & { label: string; count: number; memoryRangeCount: number; x: OutcomeStats; y: OutcomeStats };

/** The quality-memory chart's data-table rows in grouped mode: every group, drawn or not. */
export function qualityMemoryGroupRows(groups: readonly QualityMemoryGroup[]) {
  return groups.map((group) => ({
    group: group.label,
    runs: group.count,
    memory: formatGroupStat(group.x),
    ranges: group.memoryRangeCount,
    quality: formatGroupStat(group.y),
  }));
}

type RankQualityGroup = KeyedGroup & { label: string; count: number; x: OutcomeStats; mmlu: OutcomeStats; mtBench: OutcomeStats };

export function rankQualityGroupRows(groups: readonly RankQualityGroup[]) {
  return groups.map((group) => ({ group: group.label, runs: group.count, rank: formatGroupStat(group.x, 1), mmlu: formatGroupStat(group.mmlu, 1), mtBench: formatGroupStat(group.mtBench) }));
}

/** Tooltip lines of a group: its size, then each axis as mean ± std (min–max). */
export function groupTooltipLines(group: { count: number }, axes: { label: string; stats: OutcomeStats; unit?: string; digits?: number }[], notes: string[] = []): string[] {
  return [
    `${group.count} run${group.count === 1 ? "" : "s"}`,
    ...axes.map((axis) => `${axis.label}: ${formatGroupStat(axis.stats, axis.digits)}${axis.unit && axis.stats.n ? ` ${axis.unit}` : ""}${axis.stats.n && axis.stats.n < group.count ? ` · n = ${axis.stats.n}` : ""}`),
    ...notes,
  ];
}

/** The least and greatest value the markers' y bars reach (mean ± std and min–max), so no bar is cut off by the axis. */
export function yExtent(markers: readonly GroupMarker[]): { min: number; max: number } | null {
  if (markers.length === 0) return null;
  return { min: Math.min(...markers.map((marker) => Math.min(marker.yLow, marker.yMin))), max: Math.max(...markers.map((marker) => Math.max(marker.yHigh, marker.yMax))) };
}
