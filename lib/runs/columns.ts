// The runs table's columns, as ids that travel in URLs (`columns=`), saved views, GET /api/runs?columns= and
// GET /api/export?columns=. One grammar for all of them, parsed here and nowhere else:
//
//   <field>                 a typed run field, e.g. rank, learningRate, peakMemoryGb (RUN_FIELD_COLUMNS)
//   param:<key>             a raw parameter as the client logged it (MLflow params), verbatim
//   tag:<key>               a key-value tag (MLflow tags), verbatim
//   metric:<key>            the metric's last value (highest step)
//   metric:<key>:<stat>     min, max, best (min or max by the metric's direction, see metricDirection) or last
//   metric:<key>@<step>     the value at that step, or at the nearest step before it
//
// Pure and shared by the client and the server: no React, no Prisma. tests/unit/run-columns.test.ts pins it.
import { unitFamilyOf } from "@/lib/compare/curves";
import type { Run } from "@/lib/schemas/run";

export type ColumnGroup = "Run" | "Setup" | "LoRA" | "Training" | "Outcomes" | "Provenance";

/** A typed field the table can show; `sortable` names the GET /api/runs sort it maps to. */
export type RunFieldColumn = { id: string; label: string; group: ColumnGroup; numeric?: boolean; sortable?: boolean };

/**
 * Every typed column, in the order the chooser lists them. Ids are runSchema keys, except `hardware` (name or
 * label with the GPU count), `experiment` (experimentName) and `source` (the source badge), which show a relation.
 */
export const RUN_FIELD_COLUMNS = [
  { id: "name", label: "Name", group: "Run", sortable: true },
  { id: "method", label: "Method", group: "Setup", sortable: true },
  { id: "modelName", label: "Model", group: "Setup", sortable: true },
  { id: "modelParams", label: "Parameters", group: "Setup", numeric: true },
  { id: "framework", label: "Framework", group: "Setup" },
  { id: "hardware", label: "Hardware", group: "Setup" },
  { id: "gpuCount", label: "GPUs", group: "Setup", numeric: true },
  { id: "quantization", label: "Quantization", group: "Setup" },
  { id: "precision", label: "Precision", group: "Setup" },
  { id: "rank", label: "Rank", group: "LoRA", numeric: true, sortable: true },
  { id: "loraAlpha", label: "Alpha", group: "LoRA", numeric: true },
  { id: "loraDropout", label: "Dropout", group: "LoRA", numeric: true },
  { id: "targetModules", label: "Target modules", group: "LoRA" },
  { id: "batchSize", label: "Batch size", group: "Training", numeric: true },
  { id: "gradientAccumulation", label: "Grad. accumulation", group: "Training", numeric: true },
  { id: "seqLen", label: "Sequence length", group: "Training", numeric: true },
  { id: "learningRate", label: "Learning rate", group: "Training", numeric: true },
  { id: "epochs", label: "Epochs", group: "Training", numeric: true },
  { id: "optimizer", label: "Optimizer", group: "Training" },
  { id: "gradientCheckpointing", label: "Grad. checkpointing", group: "Training" },
  { id: "attention", label: "Attention", group: "Training" },
  { id: "sharding", label: "Sharding", group: "Training" },
  { id: "datasetName", label: "Dataset", group: "Training" },
  { id: "datasetSize", label: "Dataset size", group: "Training", numeric: true },
  { id: "peakMemoryGb", label: "Peak memory", group: "Outcomes", numeric: true, sortable: true },
  { id: "throughputSamplesPerSec", label: "Samples/s", group: "Outcomes", numeric: true, sortable: true },
  { id: "throughputTokensPerSec", label: "Tokens/s", group: "Outcomes", numeric: true },
  { id: "mtBench", label: "MT-Bench", group: "Outcomes", numeric: true, sortable: true },
  { id: "mmlu", label: "MMLU", group: "Outcomes", numeric: true, sortable: true },
  { id: "trainLoss", label: "Train loss", group: "Outcomes", numeric: true },
  { id: "evalLoss", label: "Eval loss", group: "Outcomes", numeric: true },
  { id: "wallTimeSec", label: "Wall time", group: "Outcomes", numeric: true },
  { id: "costUsd", label: "Cost", group: "Outcomes", numeric: true },
  { id: "trainableParams", label: "Trainable params", group: "Outcomes", numeric: true },
  { id: "experiment", label: "Experiment", group: "Provenance" },
  { id: "source", label: "Source", group: "Provenance" },
  { id: "reviewStatus", label: "Review", group: "Provenance" },
  { id: "tags", label: "Tags", group: "Provenance" },
  { id: "createdAt", label: "Logged", group: "Provenance", sortable: true },
  { id: "updatedAt", label: "Updated", group: "Provenance", sortable: true },
  { id: "status", label: "Status", group: "Provenance" },
] as const satisfies readonly RunFieldColumn[];

export type RunFieldColumnId = (typeof RUN_FIELD_COLUMNS)[number]["id"];
const FIELD_COLUMN_IDS: ReadonlySet<string> = new Set(RUN_FIELD_COLUMNS.map((column) => column.id));

/** What the table shows when the URL names no columns: the columns it has always had. */
export const DEFAULT_COLUMNS: readonly RunFieldColumnId[] = [
  "name", "method", "modelName", "rank", "hardware", "peakMemoryGb", "throughputSamplesPerSec", "mtBench", "mmlu", "experiment", "source", "reviewStatus", "createdAt", "status",
];

export const METRIC_STATS = ["last", "min", "max", "best"] as const;
export type MetricStat = (typeof METRIC_STATS)[number];
export const METRIC_STAT_LABELS: Record<MetricStat | "at", string> = { last: "last", min: "min", max: "max", best: "best", at: "at step" };

/** Most columns one request may name (each raw or metric column is one query per page). */
export const MAX_COLUMNS = 40;
/** A raw key: MLflow's keys are at most 250 characters; a comma would split the list. */
const RAW_KEY = /^[^,]{1,250}$/;
/** Metric keys as POST /api/runs/{id}/metrics accepts them (no colon, no @). */
const METRIC_KEY = /^[\w./-]{1,100}$/;

export type ColumnRef =
  | { kind: "field"; id: string; field: RunFieldColumnId }
  | { kind: "param" | "tag"; id: string; key: string }
  | { kind: "metric"; id: string; key: string; stat: MetricStat }
  | { kind: "metric"; id: string; key: string; stat: "at"; step: number };

/** The column an id names, or null when the id is not one (the schema's message says what is accepted). */
export function parseColumnId(id: string): ColumnRef | null {
  if (FIELD_COLUMN_IDS.has(id)) return { kind: "field", id, field: id as RunFieldColumnId };
  const colon = id.indexOf(":");
  if (colon < 0) return null;
  const prefix = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (prefix === "param" || prefix === "tag") return RAW_KEY.test(rest) ? { kind: prefix, id, key: rest } : null;
  if (prefix !== "metric") return null;
  const at = rest.match(/^([^@:]+)@(\d{1,10})$/);
  if (at) {
    const step = Number(at[2]);
    return METRIC_KEY.test(at[1]!) && step <= 1e9 ? { kind: "metric", id, key: at[1]!, stat: "at", step } : null;
  }
  const [key, stat = "last", extra] = rest.split(":");
  if (extra !== undefined || !key || !METRIC_KEY.test(key) || !(METRIC_STATS as readonly string[]).includes(stat)) return null;
  return { kind: "metric", id, key, stat: stat as MetricStat };
}

export const COLUMN_ID_HELP =
  "a run field (e.g. rank, learningRate), param:<key>, tag:<key>, metric:<key>, metric:<key>:min|max|best|last or metric:<key>@<step>";

/** A column's header text: the field's label, the raw key, or the metric key with its statistic. */
export function columnLabel(ref: ColumnRef): string {
  if (ref.kind === "field") return RUN_FIELD_COLUMNS.find((column) => column.id === ref.field)!.label;
  if (ref.kind !== "metric") return ref.key;
  if (ref.stat === "at") return `${ref.key} @ ${ref.step}`;
  return ref.stat === "last" ? ref.key : `${ref.key} (${METRIC_STAT_LABELS[ref.stat]})`;
}

/** Whether a smaller value of the metric is better; decides `best` and which end the summaries call best. */
export function metricDirection(key: string): "min" | "max" {
  const family = unitFamilyOf(key);
  return family === "accuracy" || family === "throughput" ? "max" : "min";
}

/**
 * Column ids from the runs page's `columns=` URL value (the list query's own parameter): unknown ids dropped, duplicates once, defaults when none is left, and the
 * name always first (it is the pinned column that links to the run), at most MAX_COLUMNS in all.
 */
export function columnsFromParam(value: string | null | undefined): string[] {
  const ids = (value ?? "").split(",").map((part) => part.trim()).filter((id) => parseColumnId(id) !== null);
  if (ids.length === 0) return [...DEFAULT_COLUMNS];
  // "columns=name" is a table of names alone, not the defaults.
  return ["name", ...[...new Set(ids)].filter((id) => id !== "name").slice(0, MAX_COLUMNS - 1)];
}

/** A column whose values are not on the run row: a param, a tag or a metric. */
export type ExtraColumnRef = Exclude<ColumnRef, { kind: "field" }>;

/** The columns among `ids` that need values beyond the run row (params, tags, metrics), parsed; unknown ids left out. */
export function extraColumnRefs(ids: readonly string[]): ExtraColumnRef[] {
  return ids.map(parseColumnId).filter((ref): ref is ExtraColumnRef => ref !== null && ref.kind !== "field");
}

/** The ids that need values beyond the run row (params, tags, metrics); what GET /api/runs?columns= is sent. */
export function extraColumnIds(ids: readonly string[]): string[] {
  return extraColumnRefs(ids).map((ref) => ref.id);
}

/** What a typed column holds for one run: the run's own field, or for the relation columns what they show. */
type FieldValueRun = Pick<
  Run,
  "id" | "hardwareName" | "hardwareLabel" | "experimentName" | "source" | "tags" | "oom" | "peakMemoryGb" | "peakMemoryGbMin" | "peakMemoryGbMax" | "targetModules"
> &
  Partial<Record<string, unknown>>;

/**
 * A typed column's value as data (the export's cell): numbers stay numbers; `hardware` is the catalogued name or the
 * source's label, `experiment` its name, `source` the source's title (empty for a logged run), tags and target modules
 * their items joined with ";". Peak memory is the measured GB when there is one, else what is known as text: "OOM",
 * "24-32" (a range), "84+" (a lower bound) or "<=8" (an upper bound), so a range is never mistaken for a point.
 */
export function fieldColumnValue(run: FieldValueRun, field: RunFieldColumnId): string | number | boolean | null {
  switch (field) {
    case "hardware":
      return run.hardwareName ?? run.hardwareLabel ?? null;
    case "experiment":
      return run.experimentName;
    case "source":
      return run.source?.title ?? null;
    case "tags":
      return run.tags.length ? run.tags.join(";") : null;
    case "targetModules":
      return run.targetModules?.length ? run.targetModules.join(";") : null;
    case "peakMemoryGb":
      if (run.oom) return "OOM";
      if (run.peakMemoryGb !== null) return run.peakMemoryGb;
      if (run.peakMemoryGbMin !== null && run.peakMemoryGbMax !== null) return `${run.peakMemoryGbMin}-${run.peakMemoryGbMax}`;
      if (run.peakMemoryGbMin !== null) return `${run.peakMemoryGbMin}+`;
      return run.peakMemoryGbMax !== null ? `<=${run.peakMemoryGbMax}` : null;
    default: {
      const value = run[field];
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
    }
  }
}
