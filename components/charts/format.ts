// Number formats shared by the charts, their tooltips and their data tables.
import type { ValueRange } from "@/lib/schemas/compare";

/** At most `digits` decimals, trailing zeros dropped: 16, 6.4, 0.04. */
export function formatValue(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}

/** A point, a range ("24–32") or an open bound ("84+"), as the source gave it. */
export function formatRange(range: ValueRange, digits = 2): string {
  if (range.value !== null) return formatValue(range.value, digits);
  if (range.max === null) return `${formatValue(range.min, digits)}+`;
  if (range.max === range.min) return formatValue(range.min, digits);
  return `${formatValue(range.min, digits)}–${formatValue(range.max, digits)}`;
}

/**
 * Where a range's marker sits: the point, else its lower end, with a whisker to the upper end. The server's
 * Pareto frontier is computed at the same position (the optimistic end), so the frontier line meets the markers.
 */
export function rangeAnchor(range: ValueRange): number {
  return range.value ?? range.min;
}

/** Parameter counts in millions: 13.1M, 6,738M. */
export function formatMillions(count: number): string {
  const millions = count / 1e6;
  return `${millions >= 100 ? Math.round(millions).toLocaleString("en-US") : formatValue(millions, 1)}M`;
}
