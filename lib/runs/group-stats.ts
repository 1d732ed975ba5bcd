// Pure helpers of grouped runs (GET /api/runs/groups, the runs page's groups table, the grouped /compare charts):
// the statistics of an outcome from the sums SQL returns, how a group's key reads, and the extents of its error
// bars. No React, no Prisma; tests/unit/group-stats.test.ts pins them against hand-computed numbers.
import { GROUP_FIELDS, type GroupField, type GroupKeyValue, type OutcomeStats } from "@/lib/schemas/groups";
import { METHOD_LABELS, type Method } from "@/lib/schemas/run";

/** How each groupable field is named in the group-by control and in "no <field>" labels. */
export const GROUP_FIELD_LABELS: Record<GroupField, string> = {
  method: "Method", modelName: "Model", rank: "Rank", loraAlpha: "Alpha", quantization: "Quantization", precision: "Precision", hardware: "Hardware",
  gpuCount: "GPUs", framework: "Framework", optimizer: "Optimizer", batchSize: "Batch size", gradientAccumulation: "Grad. accumulation",
  seqLen: "Sequence length", learningRate: "Learning rate", epochs: "Epochs", datasetName: "Dataset", attention: "Attention", sharding: "Sharding",
  gradientCheckpointing: "Grad. checkpointing", experiment: "Experiment", source: "Source", status: "Status", reviewStatus: "Review",
};

const PARAM_PREFIX = "param:";

export const isGroupField = (id: string): id is GroupField => (GROUP_FIELDS as readonly string[]).includes(id);

/** "Rank" for rank, the raw key for param:<key>. */
export function groupFieldLabel(id: string): string {
  if (isGroupField(id)) return GROUP_FIELD_LABELS[id];
  return id.startsWith(PARAM_PREFIX) ? id.slice(PARAM_PREFIX.length) : id;
}

/** What SQL gives per outcome and group: COUNT(x), SUM(x), SUM(x·x), MIN(x), MAX(x) over the non-null values. */
export type OutcomeSums = { n: number; sum: number | null; sumSquares: number | null; min: number | null; max: number | null };

/**
 * Mean and sample standard deviation (n − 1) from the sums, in one pass over the runs. The textbook formula
 * Σx² − (Σx)²/n loses digits when the spread is tiny against the mean (relative error of the variance ≈
 * 1e-16 · (mean/std)²: about 1e-8 at a mean 10,000 times the spread, which no outcome here comes near; a
 * mean 100,000 times the spread would lose six digits). Rounding that leaves a tiny or negative variance where
 * every value is equal is what the min = max check and the clamp at 0 catch.
 */
export function statsFromSums(sums: OutcomeSums): OutcomeStats {
  const { n, sum, sumSquares, min, max } = sums;
  if (n === 0 || sum === null || min === null || max === null) return { n, mean: null, std: null, min: null, max: null };
  const mean = Math.min(max, Math.max(min, sum / n));
  if (n < 2 || sumSquares === null) return { n, mean, std: null, min, max };
  const variance = min === max ? 0 : Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  return { n, mean, std: Math.sqrt(variance), min, max };
}

/** Display names of the ids some keys hold (hardware, experiment and source ids). */
export type GroupKeyNames = Partial<Record<"hardware" | "experiment" | "source", ReadonlyMap<string, string>>>;

const compact = (value: number) => String(Number(value.toPrecision(6)));
/** 0.0002 → "2e-4", 0.00015 → "1.5e-4": how learning rates are written in configs. */
const learningRate = (value: number) => (value !== 0 && Math.abs(value) < 0.01 ? value.toExponential().replace(/\.?0+e/, "e").replace("e-0", "e-") : compact(value));

/** One key value as people read it: "LoRA", "r=8", "lr 2e-4", "no rank", "lora_dropout=0.05". */
export function groupKeyValueLabel(field: string, value: GroupKeyValue, names: GroupKeyNames = {}): string {
  if (!isGroupField(field)) {
    const key = field.startsWith(PARAM_PREFIX) ? field.slice(PARAM_PREFIX.length) : field;
    return value === null ? `no ${key}` : `${key}=${String(value)}`;
  }
  if (value === null) return field === "source" ? "logged runs" : `no ${GROUP_FIELD_LABELS[field].toLowerCase()}`;
  const number = typeof value === "number" ? value : Number(value);
  switch (field) {
    case "method": return METHOD_LABELS[value as Method] ?? String(value);
    case "rank": return `r=${compact(number)}`;
    case "loraAlpha": return `α=${compact(number)}`;
    case "quantization": return value === "none" ? "no quantization" : String(value);
    case "gpuCount": return `${compact(number)} GPU${number === 1 ? "" : "s"}`;
    case "batchSize": return `batch ${compact(number)}`;
    case "gradientAccumulation": return `accum. ${compact(number)}`;
    case "seqLen": return `seq ${compact(number)}`;
    case "learningRate": return `lr ${learningRate(number)}`;
    case "epochs": return `${compact(number)} epoch${number === 1 ? "" : "s"}`;
    case "attention": return `${String(value)} attention`;
    case "sharding": return value === "none" ? "no sharding" : String(value);
    case "gradientCheckpointing": return value === true || value === 1 ? "checkpointing" : "no checkpointing";
    case "hardware": case "experiment": case "source": return names[field]?.get(String(value)) ?? String(value);
    default: return String(value);
  }
}

/** A group's label: its key values in the order grouped, joined by " · ". */
export function groupLabel(by: readonly string[], key: Readonly<Record<string, GroupKeyValue>>, names: GroupKeyNames = {}): string {
  return by.map((field) => groupKeyValueLabel(field, key[field] ?? null, names)).join(" · ");
}

/** Where a group's error bars end on one axis: mean ± std (just the mean with one value) and the faint min–max. */
export type ErrorBarExtent = { mean: number; low: number; high: number; min: number; max: number };

export function errorBarExtent(stats: OutcomeStats): ErrorBarExtent | null {
  if (stats.mean === null || stats.min === null || stats.max === null) return null;
  const std = stats.std ?? 0;
  return { mean: stats.mean, low: stats.mean - std, high: stats.mean + std, min: stats.min, max: stats.max };
}

const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));

/** "12.3 ± 0.45", "12.3" (one value), "—" (none). */
export function formatMeanStd(stats: OutcomeStats, digits = 2): string {
  if (stats.mean === null) return "—";
  return stats.std === null ? trim(stats.mean, digits) : `${trim(stats.mean, digits)} ± ${trim(stats.std, digits)}`;
}

/** "10.1–14.6", or the one value when min = max; "" when none. */
export function formatMinMax(stats: OutcomeStats, digits = 2): string {
  if (stats.min === null || stats.max === null) return "";
  return stats.min === stats.max ? trim(stats.min, digits) : `${trim(stats.min, digits)}–${trim(stats.max, digits)}`;
}

/** The group-by list from a URL value (`group=method,rank`): known keys once each, at most `max`. */
export function groupByFromParam(value: string | null | undefined, max: number): string[] {
  const keys = (value ?? "").split(",").map((part) => part.trim()).filter((id) => isGroupField(id) || /^param:[^,]{1,250}$/.test(id));
  return [...new Set(keys)].slice(0, max);
}
