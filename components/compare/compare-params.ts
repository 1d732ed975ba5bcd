// The /compare page's state lives in the URL so that a view can be shared by link: the runs-table filters
// (same names as /runs) plus each chart's options and the selected runs.
import type { ThroughputUnit } from "@/components/charts/throughput-chart";
import { X_AXIS_CHOICES, type XAxisChoice } from "@/lib/compare/curves";
import { groupByFromParam } from "@/lib/runs/group-stats";
import type { QualityMetric } from "@/lib/hooks/use-compare";
import { type RunListFilters, filtersFromSearchParams, filtersToSearchParams } from "@/lib/runs/filters";
import { type CompareFilters, MAX_COMPARED_RUNS, compareFiltersSchema } from "@/lib/schemas/compare";
import { MAX_GROUP_FIELDS } from "@/lib/schemas/groups";

export type CompareView = {
  filters: CompareFilters;
  metric: QualityMetric;
  throughput: ThroughputUnit;
  /** Runs selected for the loss-curve overlay and the diff, in the order they were picked. */
  runs: string[];
  lossKey: string;
  /** EMA smoothing factor in [0, 0.99]; 0 draws the raw series. */
  smoothing: number;
  isLogY: boolean;
  /** What the loss curves are drawn against: step (the default), epoch, tokens seen or relative time. */
  xAxis: XAxisChoice;
  /** Model the rank chart narrows to (its points do not say their model, so a sweep is read per model). */
  rankModel: string | null;
  /** Fields the quality-memory and rank-quality charts group their runs by (`group=`); empty: one point per run. */
  groupBy: string[];
};

export const DEFAULT_LOSS_KEY = "train/loss";
/** Points per loss curve the server downsamples to: about one per horizontal pixel of the chart. */
export const LOSS_CURVE_MAX_POINTS = 800;
const COMPARE_FILTER_KEYS = Object.keys(compareFiltersSchema.shape) as (keyof CompareFilters)[];

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

const readParam = (params: Params, key: string): string | undefined => {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
};

/** The compare filters out of the runs-table filters (which also carry sort and paging). */
export function pickCompareFilters(filters: Partial<RunListFilters>): CompareFilters {
  const picked: Record<string, unknown> = {};
  for (const key of COMPARE_FILTER_KEYS) if (filters[key] !== undefined) picked[key] = filters[key];
  return picked as CompareFilters;
}

export function parseRunIds(value: string | undefined): string[] {
  return [...new Set((value ?? "").split(",").map((id) => id.trim()).filter(Boolean))].slice(0, MAX_COMPARED_RUNS);
}

/** Reads a view from the URL; unknown or invalid values fall back to defaults rather than failing the page. */
export function compareViewFromSearchParams(params: Params): CompareView {
  const smoothing = Number(readParam(params, "smooth") ?? 0);
  return {
    filters: pickCompareFilters(filtersFromSearchParams(params)),
    metric: readParam(params, "metric") === "mmlu" ? "mmlu" : "mtBench",
    throughput: readParam(params, "throughput") === "tokens" ? "tokens" : "samples",
    runs: parseRunIds(readParam(params, "runs")),
    lossKey: readParam(params, "key")?.trim() || DEFAULT_LOSS_KEY,
    smoothing: Number.isFinite(smoothing) ? Math.min(0.99, Math.max(0, smoothing)) : 0,
    isLogY: readParam(params, "logY") === "1",
    xAxis: X_AXIS_CHOICES.find((choice) => choice === readParam(params, "x")) ?? "step",
    rankModel: readParam(params, "rankModel")?.trim() || null,
    groupBy: groupByFromParam(readParam(params, "group"), MAX_GROUP_FIELDS),
  };
}

/** The URL query for a view, leaving out defaults so shared links stay short. */
export function compareViewToSearchParams(view: CompareView): URLSearchParams {
  const params = filtersToSearchParams(view.filters);
  if (view.metric !== "mtBench") params.set("metric", view.metric);
  if (view.throughput !== "samples") params.set("throughput", view.throughput);
  if (view.runs.length) params.set("runs", view.runs.join(","));
  if (view.lossKey !== DEFAULT_LOSS_KEY) params.set("key", view.lossKey);
  if (view.smoothing > 0) params.set("smooth", String(view.smoothing));
  if (view.isLogY) params.set("logY", "1");
  if (view.xAxis !== "step") params.set("x", view.xAxis);
  if (view.rankModel) params.set("rankModel", view.rankModel);
  if (view.groupBy.length) params.set("group", view.groupBy.join(","));
  return params;
}
