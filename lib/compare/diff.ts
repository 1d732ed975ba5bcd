// Field-by-field comparison of runs for the diff view. Peak memory is one field whose value is the
// { value, min, max } triple, so a range and a point compare as what they are.
import type { DiffResponse, ValueRange } from "@/lib/schemas/compare";
import { type Run, TRAINING_SETTING_LABELS } from "@/lib/schemas/run";
import { unitFamilyOf } from "./curves";
import { DIRECTION_LABELS, type StepValue } from "./metric-summary-view";
import { memoryRange } from "./ranges";

type DiffField = DiffResponse["fields"][number];
type FieldSpec = { field: string; label: string; group: DiffField["group"]; read: (run: Run) => unknown };

const own = (field: keyof Run, label: string, group: DiffField["group"]): FieldSpec => ({ field, label, group, read: (run) => run[field] });
const config = (field: keyof Run, label: string) => own(field, label, "configuration");
const outcome = (field: keyof Run, label: string) => own(field, label, "outcome");

/** Every configuration and outcome field of a run, in the order the run form shows them. Units in labels. */
export const DIFF_FIELDS: readonly FieldSpec[] = [
  { field: "experimentId", label: "Experiment", group: "configuration", read: (run) => run.experimentName },
  config("framework", "Framework"),
  config("method", "Method"),
  config("model", "Model"),
  config("modelParams", "Parameters"),
  config("rank", "LoRA rank r"),
  config("loraAlpha", "LoRA alpha"),
  config("loraDropout", "LoRA dropout"),
  config("targetModules", "Target modules"),
  config("quantization", "Quantization"),
  config("doubleQuant", "Double quantization"),
  config("precision", "Precision"),
  config("hardware", "Hardware"),
  config("hardwareLabel", "Hardware (as the source wrote it)"),
  config("gpuCount", "GPUs"),
  config("batchSize", "Batch size (per device)"),
  config("gradientAccumulation", "Gradient accumulation steps"),
  config("seqLen", "Sequence length (tokens)"),
  config("gradientCheckpointing", TRAINING_SETTING_LABELS.gradientCheckpointing),
  config("attention", "Attention"),
  config("sharding", "Sharding"),
  config("optimizer", "Optimizer"),
  config("packing", TRAINING_SETTING_LABELS.packing),
  config("chunkedLoss", TRAINING_SETTING_LABELS.chunkedLoss),
  config("activationOffloading", TRAINING_SETTING_LABELS.activationOffloading),
  config("torchCompile", TRAINING_SETTING_LABELS.torchCompile),
  config("optimizerInBackward", TRAINING_SETTING_LABELS.optimizerInBackward),
  config("masterWeights", TRAINING_SETTING_LABELS.masterWeights),
  config("learningRate", "Learning rate"),
  config("epochs", "Epochs"),
  config("datasetName", "Dataset"),
  config("datasetSize", "Dataset size (examples)"),
  outcome("oom", "Out of memory"),
  outcome("throughputSamplesPerSec", "Throughput (samples/s)"),
  outcome("throughputTokensPerSec", "Throughput (tokens/s)"),
  { field: "peakMemoryGb", label: "Peak memory per GPU (GB)", group: "outcome", read: (run): ValueRange | null => memoryRange(run) },
  outcome("peakMemoryMeasure", "Peak memory measure"),
  outcome("peakMemoryScope", "Peak memory scope"),
  outcome("peakMemoryOriginal", "Peak memory as printed"),
  outcome("isEstimate", "Published estimate (not measured)"),
  outcome("trainableParams", "Trainable parameters"),
  outcome("mtBench", "MT-Bench (0–10)"),
  outcome("mmlu", "MMLU (%)"),
  outcome("trainLoss", "Train loss"),
  outcome("evalLoss", "Eval loss"),
  outcome("wallTimeSec", "Wall time (s)"),
  outcome("costUsd", "Cost (USD)"),
];

/** Comparable form of a value: module lists are sets, so their order does not count as a difference. */
function comparable(value: unknown): string {
  return JSON.stringify(Array.isArray(value) ? [...(value as unknown[])].map(String).sort() : (value ?? null));
}

/** One row per field with each run's value, in the runs' order; differs = not all values are equal. */
export function diffRunFields(runs: readonly Run[]): DiffField[] {
  return DIFF_FIELDS.map(({ field, label, group, read }) => {
    const values = runs.map(read);
    return { field, label, group, values, differs: new Set(values.map(comparable)).size > 1 };
  });
}

/** Bookkeeping tags Tuneboard writes itself (the field → key mapping as JSON): not the client's, so not compared. */
const INTERNAL_TAGS = new Set(["tuneboard.mapping"]);

/**
 * Raw params or key-value tags side by side, one row per key that differs (a key one run lacks differs too): HF's
 * Trainer alone logs ~200 params, nearly all equal between two runs, so equal keys would bury the few that are not.
 * Values compare as the exact strings the client sent ("0.0002" and "2e-4" differ, as they do in MLflow).
 */
export function diffKeyValueFields(perRun: readonly Readonly<Record<string, string>>[], group: "params" | "tags"): DiffField[] {
  const keys = [...new Set(perRun.flatMap((values) => Object.keys(values)))].filter((key) => group === "params" || !INTERNAL_TAGS.has(key)).sort();
  const fields: DiffField[] = [];
  for (const key of keys) {
    const values = perRun.map((values) => (Object.hasOwn(values, key) ? values[key]! : null));
    if (new Set(values).size > 1) fields.push({ field: `${group === "params" ? "param" : "tag"}:${key}`, label: key, group, values, differs: true });
  }
  return fields;
}

/** Most metric keys the diff lists (two rows each): enough for the losses and the evals, few enough to read. */
export const MAX_DIFF_METRIC_KEYS = 10;

/**
 * The metric keys a diff compares: keys at least two of the runs logged (a key only one run has compares with
 * nothing), loss-like keys first, then the keys more runs share, then by name; at most MAX_DIFF_METRIC_KEYS.
 */
export function pickDiffMetricKeys(keysByRun: readonly (readonly string[])[], max = MAX_DIFF_METRIC_KEYS): string[] {
  const runsLogging = new Map<string, number>();
  for (const keys of keysByRun) for (const key of new Set(keys)) runsLogging.set(key, (runsLogging.get(key) ?? 0) + 1);
  const isLoss = (key: string) => Number(unitFamilyOf(key) === "loss");
  return [...runsLogging]
    .filter(([, count]) => count >= 2)
    .map(([key]) => key)
    .sort((a, b) => isLoss(b) - isLoss(a) || runsLogging.get(b)! - runsLogging.get(a)! || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max);
}

/** A metric row's value for one run: the best or last point, or null when the run did not log the key. */
export type DiffMetricValue = StepValue | null;

/**
 * Two rows per key, best then last, each run's point with its step; `differs` compares the values alone (the
 * same best loss reached at another step is the same result). `values(key, stat)` gives the runs' points in order.
 */
export function diffMetricFields(keys: readonly string[], values: (key: string, stat: "best" | "last") => DiffMetricValue[], direction: (key: string) => "min" | "max"): DiffField[] {
  return keys.flatMap((key) =>
    (["best", "last"] as const).map((stat): DiffField => {
      const points = values(key, stat);
      const label = stat === "best" ? `${key}: best (${DIRECTION_LABELS[direction(key)]})` : `${key}: last`;
      return {
        field: stat === "best" ? `metric:${key}:best` : `metric:${key}`,
        label,
        group: "metrics",
        values: points,
        differs: new Set(points.map((point) => JSON.stringify(point?.value ?? null))).size > 1,
        direction: direction(key),
      };
    }),
  );
}
