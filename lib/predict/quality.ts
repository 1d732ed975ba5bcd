// Quality after fine-tuning (MT-Bench 0-10, MMLU 0-100) from the runs that report it: ordinary least squares on
//   intercept, log10(parameters), LoRA and QLoRA one-hots (full fine-tuning is the baseline),
//   log2(rank) for adapters (diminishing returns in rank), target-module breadth (share of the 7 projections).
// A feature the data cannot tell apart from the others (constant, or collinear) is dropped; a query that needs
// it gets a stated substitution or no prediction. Intervals are the point ± 1.96 x the leave-one-out RMSE.
import { fitLeastSquares, impliedValue, predictLinear, unestimableColumns, type LinearFit } from "./ols";
import { targetBreadth } from "./params";
import type { Method, QualityObservation, TargetModule } from "./types";

export const QUALITY_FEATURES = ["intercept", "log10Params", "lora", "qlora", "log2Rank", "targetBreadth"] as const;
const LOG10_PARAMS = 1;
const LORA = 2;
const QLORA = 3;
const BREADTH = 5;
export const METRICS = ["mtBench", "mmlu"] as const;
export type Metric = (typeof METRICS)[number];
const METRIC_MAX: Record<Metric, number> = { mtBench: 10, mmlu: 100 };
const METRIC_LABEL: Record<Metric, string> = { mtBench: "MT-Bench", mmlu: "MMLU" };
/** Runs that do not name their target modules are read as PEFT's Llama default, q_proj and v_proj. */
const DEFAULT_TARGETS: TargetModule[] = ["q_proj", "v_proj"];
/** Feature weights of the evidence distance: one decade of size, a method switch, 4 rank doublings, all modules. */
const DISTANCE_WEIGHTS = [0, 1, 1, 1, 0.25, 1];
const Z_95 = 1.96;
const NEAREST_K = 3;

export type QualityQuery = { method: Method; modelParams: number; rank: number | null; targetModules: readonly TargetModule[] | null };

export function qualityFeatures(query: QualityQuery): number[] {
  const isAdapter = query.method !== "full";
  return [
    1,
    Math.log10(query.modelParams),
    query.method === "lora" ? 1 : 0,
    query.method === "qlora" ? 1 : 0,
    isAdapter ? Math.log2(query.rank ?? 16) : 0,
    isAdapter ? targetBreadth(query.targetModules ?? DEFAULT_TARGETS) : 0,
  ];
}

type Point = { observation: QualityObservation; x: number[]; y: number };
export type MetricModel = {
  metric: Metric;
  kind: "ols" | "nearest";
  fit: LinearFit | null;
  points: Point[];
  /** Leave-one-out root mean square error, in the metric's points; null with fewer than 3 runs. */
  looRmse: number | null;
};
export type QualityModel = { mtBench: MetricModel | null; mmlu: MetricModel | null; observations: QualityObservation[] };

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((sum, value, i) => sum + (DISTANCE_WEIGHTS[i]! * (value - b[i]!)) ** 2, 0));
}

function pointsFor(observations: readonly QualityObservation[], metric: Metric): Point[] {
  return observations
    .filter((o) => o[metric] !== null && !o.isBaseModel && (o.method === "full" || o.rank !== null))
    .map((o) => ({ observation: o, x: qualityFeatures(o), y: o[metric]! }));
}

/** OLS when there are at least (kept features + 2) runs, else the mean of the nearest runs. */
function fitPoints(metric: Metric, points: Point[]): Omit<MetricModel, "looRmse"> {
  const fit = points.length > 0 ? fitLeastSquares(points.map((p) => p.x), points.map((p) => p.y)) : null;
  const kind = fit && points.length >= fit.kept.length + 2 ? "ols" : "nearest";
  return { metric, kind, fit: kind === "ols" ? fit : null, points };
}

type PointEstimate = { value: number; notes: string[] } | { value: null; notes: string[] };

function nearestMean(points: readonly Point[], x: readonly number[]): number {
  const nearest = [...points].sort((a, b) => distance(a.x, x) - distance(b.x, x)).slice(0, NEAREST_K);
  return nearest.reduce((sum, p) => sum + p.y, 0) / nearest.length;
}

function estimate(model: Omit<MetricModel, "looRmse">, query: readonly number[]): PointEstimate {
  const label = METRIC_LABEL[model.metric];
  if (model.points.length === 0) return { value: null, notes: [`${label}: no runs report it`] };
  if (model.kind === "nearest" || !model.fit) {
    return { value: nearestMean(model.points, query), notes: [`${label}: mean of the ${Math.min(NEAREST_K, model.points.length)} nearest runs (too few runs for a regression)`] };
  }
  const fit = model.fit;
  const x = [...query];
  const notes: string[] = [];
  let missing = unestimableColumns(fit, x);
  if (missing.includes(QLORA)) {
    x[QLORA] = 0;
    x[LORA] = 1;
    notes.push(`${label}: no QLoRA runs in the fit, so QLoRA is predicted as LoRA (the 000 article: "QLoRA matches LoRA quality")`);
    missing = unestimableColumns(fit, x);
  }
  if (missing.includes(BREADTH)) {
    x[BREADTH] = impliedValue(fit, x, BREADTH);
    notes.push(`${label}: the runs do not vary target modules, so the fit cannot tell module sets apart (guidance applies instead)`);
    missing = unestimableColumns(fit, x);
  }
  if (missing.length > 0) {
    const names = missing.map((column) => QUALITY_FEATURES[column]).join(", ");
    const sizes = [...new Set(model.points.map((p) => (10 ** p.x[LOG10_PARAMS]! / 1e9).toFixed(1)))].join(", ");
    return { value: null, notes: [`${label}: the runs do not determine ${names} for this query (they cover ${sizes}B-parameter models); no prediction`] };
  }
  const value = Math.min(METRIC_MAX[model.metric], Math.max(0, predictLinear(fit, x)));
  return { value, notes };
}

/** Leave-one-out RMSE: refit without each run in turn (same feature dropping) and predict it. */
function leaveOneOutRmse(metric: Metric, points: readonly Point[]): number | null {
  if (points.length < 3) return null;
  let squared = 0;
  let count = 0;
  points.forEach((held, i) => {
    const rest = points.filter((_, j) => j !== i);
    const { value } = estimate(fitPoints(metric, rest), held.x);
    const prediction = value ?? nearestMean(rest, held.x);
    squared += (prediction - held.y) ** 2;
    count += 1;
  });
  return Math.sqrt(squared / count);
}

/** Fits MT-Bench and MMLU separately on the runs that report each. Refit whenever runs are logged. */
export function fitQualityModel(observations: readonly QualityObservation[]): QualityModel {
  const byMetric = (metric: Metric): MetricModel | null => {
    const points = pointsFor(observations, metric);
    if (points.length === 0) return null;
    return { ...fitPoints(metric, points), looRmse: leaveOneOutRmse(metric, points) };
  };
  return { mtBench: byMetric("mtBench"), mmlu: byMetric("mmlu"), observations: [...observations] };
}

/** Leave-one-out RMSE per metric, in MT-Bench points (0-10) and MMLU points (0-100). */
export function leaveOneOut(observations: readonly QualityObservation[]): Record<Metric, number | null> {
  return {
    mtBench: leaveOneOutRmse("mtBench", pointsFor(observations, "mtBench")),
    mmlu: leaveOneOutRmse("mmlu", pointsFor(observations, "mmlu")),
  };
}

export type QualityRange = { point: number; low: number; high: number };
export type QualityPrediction = {
  mtBench: QualityRange | null;
  mmlu: QualityRange | null;
  leaveOneOutError: Record<Metric, number | null>;
  evidence: { runId: string; name: string; distance: number; mtBench: number | null; mmlu: number | null }[];
  notes: string[];
};

/** Point, 95% interval (± 1.96 x LOO RMSE, clamped to the metric's scale) and the nearest evidence runs. */
export function predictQuality(model: QualityModel, query: QualityQuery, evidenceCount = 5): QualityPrediction {
  const x = qualityFeatures(query);
  const raw: string[] = [];
  const range = (metricModel: MetricModel | null): QualityRange | null => {
    if (!metricModel) return null;
    const result = estimate(metricModel, x);
    raw.push(...result.notes);
    if (result.value === null) return null;
    const half = Z_95 * (metricModel.looRmse ?? 0);
    const max = METRIC_MAX[metricModel.metric];
    return { point: result.value, low: Math.max(0, result.value - half), high: Math.min(max, result.value + half) };
  };
  const evidence = model.observations
    .filter((o) => !o.isBaseModel && (o.mtBench !== null || o.mmlu !== null))
    .map((o) => ({ runId: o.runId, name: o.name, distance: distance(qualityFeatures(o), x), mtBench: o.mtBench, mmlu: o.mmlu }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, evidenceCount);
  const mtBench = range(model.mtBench);
  const mmlu = range(model.mmlu);
  return {
    mtBench,
    mmlu,
    leaveOneOutError: { mtBench: model.mtBench?.looRmse ?? null, mmlu: model.mmlu?.looRmse ?? null },
    evidence,
    notes: mergeNotes(raw),
  };
}

/** "MT-Bench: X" and "MMLU: X" become "MT-Bench, MMLU: X". */
function mergeNotes(notes: readonly string[]): string[] {
  const byText = new Map<string, string[]>();
  for (const note of notes) {
    const split = note.indexOf(": ");
    const [label, text] = split < 0 ? ["", note] : [note.slice(0, split), note.slice(split + 2)];
    byText.set(text, [...(byText.get(text) ?? []), label]);
  }
  return [...byText].map(([text, labels]) => (labels[0] ? `${labels.join(", ")}: ${text}` : text));
}
