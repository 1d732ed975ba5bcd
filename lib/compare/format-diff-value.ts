// How the run diff prints one field's value. Pure, so that it is unit-tested without a browser.
import { formatMemory } from "@/lib/runs/format";
import type { ValueRange } from "@/lib/schemas/compare";

function isValueRange(value: object): value is ValueRange {
  return "value" in value && "min" in value && "max" in value;
}

/**
 * A field value as a person reads it: "—" for unset, yes/no, lists joined, a source by its title, and a
 * { value, min, max } range (only peak memory, in GB, is one today) the way the runs table prints it:
 * "16 GB", "10–12 GB", "84+ GB".
 */
export function formatDiffValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en-US") : String(Number(value.toPrecision(6)));
  if (Array.isArray(value)) return value.length ? value.map(formatDiffValue).join(", ") : "—";
  if (typeof value === "object") {
    if (isValueRange(value)) return formatMemory({ oom: false, peakMemoryGb: value.value, peakMemoryGbMin: value.min, peakMemoryGbMax: value.max });
    return "title" in value ? String(value.title) : JSON.stringify(value);
  }
  return String(value);
}
