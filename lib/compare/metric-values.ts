// Metric values on the wire. JSON has no NaN or Infinity, so the API writes a non-finite value as the string
// "NaN", "Infinity" or "-Infinity": the same spelling POST /api/runs/{id}/metrics accepts, and the one Python's
// float() parses, so a series read back can be sent again unchanged. Charts draw those points as gaps.
import type { NON_FINITE_VALUES } from "@/lib/schemas/run";

export type NonFiniteSpelling = (typeof NON_FINITE_VALUES)[number];
/** A metric value as the API returns it. */
export type MetricValue = number | NonFiniteSpelling;

/** The wire form of a stored value: finite numbers as they are, NaN and ±Infinity as their spelling. */
export function encodeMetricValue(value: number): MetricValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/** The number a wire value stands for (NaN for "NaN", ±Infinity for the infinities). */
export function decodeMetricValue(value: MetricValue | null): number {
  if (typeof value === "number") return value;
  return value === null ? Number.NaN : Number(value);
}

/** The y a chart draws: the value when finite, else null, which Chart.js leaves as a gap (spanGaps: false). */
export function chartMetricValue(value: MetricValue): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
