// Values that sources give as a point, a range or a lower bound ("84GB+"), kept as such: { value, min, max }
// with max null for an open-ended bound. Memory is in GB (1e9 bytes); percentages are in %.
import type { ValueRange } from "@/lib/schemas/compare";

export const pointRange = (value: number): ValueRange => ({ value, min: value, max: value });

/**
 * A run's peak memory as stored: a measured point, a min–max range, a lower bound, or an upper bound alone ("fits in
 * 8 GB": 0–8, as claims read "<8"); null when unknown.
 */
export function memoryRange(run: { peakMemoryGb: number | null; peakMemoryGbMin: number | null; peakMemoryGbMax: number | null }): ValueRange | null {
  if (run.peakMemoryGb !== null) return pointRange(run.peakMemoryGb);
  if (run.peakMemoryGbMin !== null) return { value: null, min: run.peakMemoryGbMin, max: run.peakMemoryGbMax };
  if (run.peakMemoryGbMax !== null) return { value: null, min: 0, max: run.peakMemoryGbMax };
  return null;
}



export function sameRange(a: ValueRange | null, b: ValueRange | null): boolean {
  if (a === null || b === null) return a === b;
  return a.value === b.value && a.min === b.min && a.max === b.max;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const RANGE = new RegExp(String.raw`${NUMBER}\s*(?:-|–|to)\s*${NUMBER}\s*%`);
const BOUND = new RegExp(String.raw`([<>]|≤|≥)\s*${NUMBER}\s*%`);
const POINT = new RegExp(String.raw`([-+−]?)${NUMBER}\s*%`);

/**
 * Reads a percentage as a source prints it, in %: "0.04%" → 0.04; "+3-5%" and "~1-5%" → the range 3–5 and
 * 1–5 (a leading "+" marks a gain, not a sign of the range); "<1%" → 0–1; ">2%" → 2 and up; "All (100%)" →
 * 100; "Baseline" → 0 (the reference the other rows are relative to). Anything else → null.
 */
export function parsePercentCell(text: string): ValueRange | null {
  if (/^\s*baseline\b/i.test(text)) return pointRange(0);
  const range = RANGE.exec(text);
  if (range) return { value: null, min: Number(range[1]!), max: Number(range[2]!) };
  const bound = BOUND.exec(text);
  if (bound) {
    const limit = Number(bound[2]!);
    return bound[1] === "<" || bound[1] === "≤" ? { value: null, min: 0, max: limit } : { value: null, min: limit, max: null };
  }
  const point = POINT.exec(text);
  if (point) {
    const value = Number(point[2]!) * (point[1] === "-" || point[1] === "−" ? -1 : 1);
    return pointRange(value);
  }
  return null;
}

/** The smallest range holding both: two sources' readings of one thing, kept as a span rather than averaged. */
export function envelope(a: ValueRange, b: ValueRange): ValueRange {
  if (sameRange(a, b)) return a;
  return { value: null, min: Math.min(a.min, b.min), max: a.max === null || b.max === null ? null : Math.max(a.max, b.max) };
}
