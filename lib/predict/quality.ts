// Quality after fine-tuning (MT-Bench 0-10, MMLU 0-100) from the runs that report it: ordinary least squares on
//   intercept, log10(parameters), LoRA and QLoRA one-hots (full fine-tuning is the baseline),
//   log2(rank) for adapters (diminishing returns in rank), target-module breadth (share of the 7 projections).
// A feature the data cannot tell apart from the others (constant, or collinear) is dropped; a query that needs
// it gets a stated substitution or no prediction. Intervals are the point ± 1.96 x the error of predicting a whole
// source from the others (see intervalHalfWidth): cells of one article share its harness, judge and setup, so
// n cells from k sources are k checks, not n.
// Before fitting, runs that cannot be trusted are set aside and listed with the reason: a rejected review, an MMLU
// of 1 or less (a fraction, lm-eval's 0-1 "acc", where percent is stored), and outliers: a run whose score lies
// beyond 3.5 robust standard deviations of what the other runs predict for it (see fitMetric).
import { fitLeastSquares, impliedValue, predictLinear, unestimableColumns, type LinearFit } from "./ols";
import { targetBreadth } from "./params";
import { median, OUTLIER_THRESHOLD, REJECTED_REASON, robustScores } from "./robust";
import { MMLU_FRACTION_MAX } from "@/lib/schemas/run";
import type { IgnoredRun, Method, QualityObservation, TargetModule } from "./types";

export const QUALITY_FEATURES = ["intercept", "log10Params", "lora", "qlora", "log2Rank", "targetBreadth"] as const;
const LOG10_PARAMS = 1;
const LORA = 2;
const QLORA = 3;
const BREADTH = 5;
export const METRICS = ["mtBench", "mmlu"] as const;
export type Metric = (typeof METRICS)[number];
const METRIC_MAX: Record<Metric, number> = { mtBench: 10, mmlu: 100 };
const METRIC_LABEL = { mtBench: "MT-Bench", mmlu: "MMLU" } as const satisfies Record<Metric, string>;
/**
 * Floor of the outlier scale, 1% of each metric's range: scores are reported to 0.1 and repeated evaluations of
 * one checkpoint differ by about that much, so a run within 3.5 MMLU points (0.35 MT-Bench) of what the others
 * predict is never called an outlier however tightly the others agree.
 */
export const MIN_OUTLIER_SCALE: Record<Metric, number> = { mtBench: 0.1, mmlu: 1 };
/** Fewer runs that the others can predict than this, and no run is judged an outlier (a median of 4 says little). */
export const MIN_RUNS_FOR_OUTLIERS = 5;
/** At most this share of a metric's runs is set aside as outliers. */
export const MAX_OUTLIER_SHARE = 0.25;
/**
 * At most this many outliers per metric: each costs one more leave-one-out pass (about 0.3 s at 300 runs). More
 * bad runs than this are a review matter: reject them.
 */
export const MAX_OUTLIERS = 5;
const TIE_SHARE = 0.9;
/** Runs that do not name their target modules are read as PEFT's Llama default, q_proj and v_proj. */
const DEFAULT_TARGETS: TargetModule[] = ["q_proj", "v_proj"];
/** Feature weights of the evidence distance: one decade of size, a method switch, 4 rank doublings, all modules. */
const DISTANCE_WEIGHTS = [0, 1, 1, 1, 0.25, 1];
const Z_95 = 1.96;
const NEAREST_K = 3;

export type QualityQuery = { method: Method; modelParams: number; rank: number | null; targetModules: readonly TargetModule[] | null };
/** A quality observation with the document it came from; a logged run (no source) is its own source. */
export type SourcedQualityObservation = QualityObservation & { sourceId?: string | null };
const clusterOf = (observation: SourcedQualityObservation) => observation.sourceId ?? `run:${observation.runId}`;
/** Sources needed before the interval is the error of predicting each source from the others. */
export const MIN_SOURCES_FOR_SOURCE_FOLDS = 3;

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

type Point = { observation: SourcedQualityObservation; x: number[]; y: number };
export type MetricModel = {
  metric: Metric;
  kind: "ols" | "nearest";
  fit: LinearFit | null;
  points: Point[];
  /** Leave-one-out root mean square error, in the metric's points; null with fewer than 3 runs. */
  looRmse: number | null;
  /**
   * Runs whose leave-one-out fold had no regression to predict them (too few runs left, or a feature only they
   * determine, e.g. the one full fine-tune), so the fold used the mean of the 3 nearest runs instead.
   */
  nearestFolds: { runId: string; name: string; predicted: number; measured: number }[];
  /** Runs left out of this metric's fit, with the reason. */
  ignored: IgnoredRun[];
  /** Distinct sources among the points (each logged run counts as one). */
  sourceCount: number;
  /** Half the 95 % interval, in the metric's points; null with fewer than 3 runs. */
  intervalHalfWidth: number | null;
  /** How the half-width was found, in words ("19 cells from 1 source: ..."). */
  intervalBasis: string;
};
export type QualityModel = {
  mtBench: MetricModel | null;
  mmlu: MetricModel | null;
  observations: QualityObservation[];
  /** Every run a metric's fit left out, MT-Bench's first. */
  ignored: IgnoredRun[];
};

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((sum, value, i) => sum + (DISTANCE_WEIGHTS[i]! * (value - b[i]!)) ** 2, 0));
}

function pointsFor(observations: readonly SourcedQualityObservation[], metric: Metric): Point[] {
  return observations
    .filter((o) => o[metric] !== null && !o.isBaseModel && (o.method === "full" || o.rank !== null))
    .map((o) => ({ observation: o, x: qualityFeatures(o), y: o[metric]! }));
}

/** OLS when there are at least (kept features + 2) runs, else the mean of the nearest runs. */
type FittedPoints = Pick<MetricModel, "metric" | "kind" | "fit" | "points">;

function fitPoints(metric: Metric, points: Point[]): FittedPoints {
  const fit = points.length > 0 ? fitLeastSquares(points.map((p) => p.x), points.map((p) => p.y)) : null;
  const kind = fit && points.length >= fit.kept.length + 2 ? "ols" : "nearest";
  return { metric, kind, fit: kind === "ols" ? fit : null, points };
}

type PointEstimate = { value: number; notes: string[]; kind: "ols" | "nearest" } | { value: null; notes: string[] };

function nearestMean(points: readonly Point[], x: readonly number[]): number {
  const nearest = [...points].sort((a, b) => distance(a.x, x) - distance(b.x, x)).slice(0, NEAREST_K);
  return nearest.reduce((sum, p) => sum + p.y, 0) / nearest.length;
}

function estimate(model: FittedPoints, query: readonly number[]): PointEstimate {
  const label = METRIC_LABEL[model.metric];
  if (model.points.length === 0) return { value: null, notes: [`${label}: no runs report it`] };
  if (model.kind === "nearest" || !model.fit) {
    return { value: nearestMean(model.points, query), kind: "nearest", notes: [`${label}: mean of the ${Math.min(NEAREST_K, model.points.length)} nearest runs (too few runs for a regression)`] };
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
  return { value, notes, kind: "ols" };
}

type Fold = { point: Point; predicted: number; kind: "ols" | "nearest" };

/**
 * Leave-one-out: refit without each run in turn (same feature dropping) and predict it. A fold whose regression
 * cannot predict the held-out run (value null) or that has too few runs for one uses the nearest-runs mean.
 */
function leaveOneOutFolds(metric: Metric, points: readonly Point[]): Fold[] {
  return points.map((held, i) => {
    const rest = points.filter((_, j) => j !== i);
    const result = estimate(fitPoints(metric, rest), held.x);
    return result.value === null ? { point: held, predicted: nearestMean(rest, held.x), kind: "nearest" } : { point: held, predicted: result.value, kind: result.kind };
  });
}

/** Each source's points predicted by a fit on the other sources' points only (the same fallbacks as leave-one-out). */
function leaveOneSourceOutFolds(metric: Metric, points: readonly Point[]): Fold[] {
  return points.map((held) => {
    const rest = points.filter((point) => clusterOf(point.observation) !== clusterOf(held.observation));
    const result = estimate(fitPoints(metric, rest), held.x);
    return result.value === null ? { point: held, predicted: nearestMean(rest, held.x), kind: "nearest" } : { point: held, predicted: result.value, kind: result.kind };
  });
}

/**
 * Half the 95 % interval. With at least MIN_SOURCES_FOR_SOURCE_FOLDS sources: 1.96 x the RMSE of predicting each
 * source's points from the other sources (for logged runs, each its own source, that is the leave-one-out RMSE).
 * With fewer, no source can be predicted from enough others, so the leave-one-out RMSE is widened by the design
 * effect of cells that share everything (intra-source correlation 1: Kish 1965, deff = 1 + (m - 1)·ρ = m): the
 * n cells of k sources carry the information of k, and the error scales by √(n / k).
 */
function intervalHalfWidth(metric: Metric, points: readonly Point[], looRmse: number | null): { half: number | null; sources: number; basis: string } {
  const sources = new Set(points.map((point) => clusterOf(point.observation))).size;
  const cells = `${points.length} cell(s) from ${sources} source(s)`;
  if (looRmse === null) return { half: null, sources, basis: `${cells}: too few for an interval` };
  if (sources >= MIN_SOURCES_FOR_SOURCE_FOLDS) {
    const sourceRmse = rmse(leaveOneSourceOutFolds(metric, points));
    return { half: Z_95 * sourceRmse, sources, basis: `${cells}: ± 1.96 x ${formatScore(metric, sourceRmse)}, the error of predicting each source from the others` };
  }
  const deff = Math.sqrt(points.length / sources);
  return {
    half: Z_95 * looRmse * deff,
    sources,
    basis:
      `${cells}: too few sources to predict one from the others, so ± 1.96 x the leave-one-out error ${formatScore(metric, looRmse)} x √(${points.length}/${sources}) = ` +
      `± ${formatScore(metric, Z_95 * looRmse * deff)} (cells of one source share its setup: they count as ${sources} check(s), not ${points.length})`,
  };
}

const rmse = (folds: readonly Fold[]) => Math.sqrt(folds.reduce((sum, fold) => sum + (fold.predicted - fold.point.y) ** 2, 0) / folds.length);

const formatScore = (metric: Metric, value: number) => (metric === "mmlu" ? value.toFixed(1) : value.toFixed(2));
const ignoredRun = (metric: Metric, point: Point, reason: string): IgnoredRun => ({
  runId: point.observation.runId,
  name: point.observation.name,
  fit: METRIC_LABEL[metric],
  reason,
});

/**
 * The worst outlier among the folds, if any: each run's leave-one-out residual (measured - what the other runs
 * predict) against the median of all residuals, in robust standard deviations (1.4826 x MAD, floored at
 * MIN_OUTLIER_SCALE); beyond OUTLIER_THRESHOLD it is an outlier. Only regression folds are judged: a nearest-runs
 * mean is no prediction of a configuration the others do not cover. One at a time, because a gross outlier
 * drags the predictions of its neighbours too: they are judged again once it is gone.
 */
function worstOutlier(metric: Metric, folds: readonly Fold[]): IgnoredRun | null {
  const judged = folds.filter((fold) => fold.kind === "ols");
  if (judged.length < MIN_RUNS_FOR_OUTLIERS) return null;
  const { center, scale, scores } = robustScores(judged.map((fold) => fold.point.y - fold.predicted), MIN_OUTLIER_SCALE[metric]);
  const label = METRIC_LABEL[metric];
  const scored = judged.map((fold, i) => ({ fold, score: scores[i]! }));
  const top = Math.max(...scored.map(({ score }) => score));
  if (top <= OUTLIER_THRESHOLD) return null;
  // Two runs that are each other's only support (say two full fine-tunes of one model) score alike: of those
  // within 10% of the worst, the one whose score is furthest from the median score of all runs goes first.
  const typical = median(folds.map((f) => f.point.y));
  const { fold, score } = scored
    .filter(({ score }) => score >= TIE_SHARE * top)
    .reduce((a, b) => (Math.abs(b.fold.point.y - typical) > Math.abs(a.fold.point.y - typical) ? b : a));
  return ignoredRun(
    metric,
    fold.point,
    `${label} ${formatScore(metric, fold.point.y)} is ${score.toFixed(1)} robust SDs from what the other runs predict (${formatScore(metric, fold.predicted)}): outlier beyond ${OUTLIER_THRESHOLD} ` +
      `(robust SD: 1.4826 x the MAD of the leave-one-out residuals, at least ${MIN_OUTLIER_SCALE[metric]}; here ${formatScore(metric, scale)} around a median of ${formatScore(metric, center)})`,
  );
}

/** Points set aside before any fitting: rejected reviews, and MMLU fractions. */
function untrusted(metric: Metric, point: Point): string | null {
  if (point.observation.reviewStatus === "rejected") return REJECTED_REASON;
  if (metric === "mmlu" && point.y <= MMLU_FRACTION_MAX) return `MMLU ${point.y} ≤ ${MMLU_FRACTION_MAX}: looks like a fraction (MMLU is stored in percent: 65 for 65 %)`;
  return null;
}

/**
 * One metric's model on the runs that report it: the untrusted runs set aside, then outliers removed one at a
 * time (each removal refits and judges again), then the fit and its leave-one-out RMSE over the runs kept. On
 * data without outliers the first folds are the leave-one-out folds: no extra cost.
 */
function fitMetric(metric: Metric, observations: readonly SourcedQualityObservation[]): { model: MetricModel | null; ignored: IgnoredRun[] } {
  const ignored: IgnoredRun[] = [];
  let points = pointsFor(observations, metric).filter((point) => {
    const reason = untrusted(metric, point);
    if (reason) ignored.push(ignoredRun(metric, point, reason));
    return reason === null;
  });
  const room = Math.min(MAX_OUTLIERS, Math.floor(points.length * MAX_OUTLIER_SHARE));
  let folds = points.length >= 3 ? leaveOneOutFolds(metric, points) : [];
  for (let removed = 0; removed < room; removed++) {
    const outlier = worstOutlier(metric, folds);
    if (!outlier) break;
    ignored.push(outlier);
    points = points.filter((point) => point.observation.runId !== outlier.runId);
    folds = points.length >= 3 ? leaveOneOutFolds(metric, points) : [];
  }
  if (points.length === 0) return { model: null, ignored };
  const looRmse = folds.length ? rmse(folds) : null;
  const interval = intervalHalfWidth(metric, points, looRmse);
  const model: MetricModel = {
    ...fitPoints(metric, points),
    looRmse,
    sourceCount: interval.sources,
    intervalHalfWidth: interval.half,
    intervalBasis: interval.basis,
    nearestFolds: folds
      .filter((fold) => fold.kind === "nearest")
      .map((fold) => ({ runId: fold.point.observation.runId, name: fold.point.observation.name, predicted: fold.predicted, measured: fold.point.y })),
    ignored,
  };
  return { model, ignored };
}

/** Fits MT-Bench and MMLU separately on the runs that report each. Refit whenever runs are logged. */
export function fitQualityModel(observations: readonly SourcedQualityObservation[]): QualityModel {
  const mtBench = fitMetric("mtBench", observations);
  const mmlu = fitMetric("mmlu", observations);
  return { mtBench: mtBench.model, mmlu: mmlu.model, observations: [...observations], ignored: [...mtBench.ignored, ...mmlu.ignored] };
}

/** Leave-one-out RMSE per metric over the runs each fit keeps, in MT-Bench points (0-10) and MMLU points (0-100). */
export function leaveOneOut(observations: readonly QualityObservation[]): Record<Metric, number | null> {
  const model = fitQualityModel(observations);
  return { mtBench: model.mtBench?.looRmse ?? null, mmlu: model.mmlu?.looRmse ?? null };
}

export type QualityRange = { point: number; low: number; high: number };
export type QualityPrediction = {
  mtBench: QualityRange | null;
  mmlu: QualityRange | null;
  leaveOneOutError: Record<Metric, number | null>;
  evidence: { runId: string; name: string; distance: number; mtBench: number | null; mmlu: number | null }[];
  notes: string[];
};

/** Point, 95% interval (± intervalHalfWidth, clamped to the metric's scale) and the nearest evidence runs. */
export function predictQuality(model: QualityModel, query: QualityQuery, evidenceCount = 5): QualityPrediction {
  const x = qualityFeatures(query);
  const raw: string[] = [];
  const range = (metricModel: MetricModel | null): QualityRange | null => {
    if (!metricModel) return null;
    const result = estimate(metricModel, x);
    raw.push(...result.notes);
    if (result.value === null) return null;
    raw.push(`${METRIC_LABEL[metricModel.metric]}: interval from ${metricModel.intervalBasis}`);
    const half = metricModel.intervalHalfWidth ?? 0;
    const max = METRIC_MAX[metricModel.metric];
    return { point: result.value, low: Math.max(0, result.value - half), high: Math.min(max, result.value + half) };
  };
  // A score a fit ignored is no evidence either: it is blanked, and a run left with no score is dropped.
  const isIgnored = (runId: string, metric: Metric) => model.ignored.some((run) => run.runId === runId && run.fit === METRIC_LABEL[metric]);
  const evidence = model.observations
    .filter((o) => !o.isBaseModel)
    .map((o) => ({
      runId: o.runId,
      name: o.name,
      distance: distance(qualityFeatures(o), x),
      mtBench: isIgnored(o.runId, "mtBench") ? null : o.mtBench,
      mmlu: isIgnored(o.runId, "mmlu") ? null : o.mmlu,
    }))
    .filter((o) => o.mtBench !== null || o.mmlu !== null)
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
