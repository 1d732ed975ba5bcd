// Display helpers for predicted-against-measured rows. Errors are (predicted - measured) / measured.
import type { CalibrationRow } from "@/lib/schemas/predict";

const trim = (value: number) => String(Number(value.toFixed(value < 10 ? 2 : 1)));

/** "+12%", "−3%", "0%": signed, so over- and under-prediction read apart. */
export function formatSignedPct(pct: number): string {
  if (Math.abs(pct) < 0.5) return "0%";
  return `${pct > 0 ? "+" : "−"}${Math.abs(pct).toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
}

/** The measurement as the run states it: a point, a range "24–32" or a bound "84+". */
export function formatMeasured(row: Pick<CalibrationRow, "measured" | "measuredMin" | "measuredMax">): string {
  if (row.measured !== null) return trim(row.measured);
  if (row.measuredMin === null) return "—";
  return row.measuredMax === null ? `${trim(row.measuredMin)}+` : `${trim(row.measuredMin)}–${trim(row.measuredMax)}`;
}
