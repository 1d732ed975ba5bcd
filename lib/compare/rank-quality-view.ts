// View-building of the rank–quality chart's points: one line per method, model and metric, and the trainable
// parameters at each rank for the top axis. Pure; tests/unit/rank-quality-view.test.ts pins it.
import type { RankQualityResponse } from "@/lib/schemas/compare";
import { METHODS, type Method } from "@/lib/schemas/run";

export type RankQualityPoint = RankQualityResponse["points"][number];
export type RankQualityMetric = "mmlu" | "mtBench";
const METRICS: readonly RankQualityMetric[] = ["mmlu", "mtBench"];

/**
 * One method's runs of one model that report one metric, by rank. `isSweep` when every rank occurs once: the
 * points are then joined by a line, while repeated ranks (from different tables or runs) stay separate points.
 */
export type RankQualitySeries = { method: Method; metric: RankQualityMetric; modelName: string; points: RankQualityPoint[]; isSweep: boolean };

/**
 * The points in series by method (METHODS order), model name (code-unit order) and metric (MMLU, MT-Bench), each
 * by rank, ties in the answer's order; two points with the same rank and score are one (the first). Built in one
 * pass over the points: at 2,000 points and a dozen models, filtering the whole answer per series cost more.
 */
export function rankQualityView(points: readonly RankQualityPoint[]) {
  const buckets = new Map<string, RankQualityPoint[]>();
  const keyOf = (method: Method, modelName: string, metric: RankQualityMetric) => JSON.stringify([method, modelName, metric]);
  const methodsSeen = new Set<Method>();
  const modelsSeen = new Set<string>();
  for (const point of points) {
    methodsSeen.add(point.method);
    modelsSeen.add(point.modelName);
    for (const metric of METRICS) {
      if (point[metric] === null) continue;
      const key = keyOf(point.method, point.modelName, metric);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(point);
      else buckets.set(key, [point]);
    }
  }
  const methods = METHODS.filter((method) => methodsSeen.has(method));
  const modelNames = [...modelsSeen].sort();
  const series: RankQualitySeries[] = methods.flatMap((method) =>
    modelNames.flatMap((modelName) =>
      METRICS.flatMap((metric) => {
        const bucket = buckets.get(keyOf(method, modelName, metric));
        if (!bucket) return [];
        const seen = new Set<string>();
        const kept = [...bucket]
          .sort((a, b) => a.rank - b.rank)
          .filter((point) => {
            const key = `${point.rank} ${point[metric]}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
        return [{ method, metric, modelName, points: kept, isSweep: new Set(kept.map((point) => point.rank)).size === kept.length }];
      }),
    ),
  );
  // Trainable parameters per rank for the top axis: the first point of that rank that reports them.
  const paramsByRank = new Map<number, number>();
  for (const point of [...points].sort((a, b) => a.rank - b.rank)) {
    if (point.trainableParams !== null && !paramsByRank.has(point.rank)) paramsByRank.set(point.rank, point.trainableParams);
  }
  return { methods, modelNames, series, drawn: drawnRankSeries(series), paramsByRank };
}

/**
 * What the chart draws, one dataset each: every sweep (a line of its own, per model), then per method and metric
 * the points of all its other series together, since without a line a point looks the same whichever model it is
 * of. Chart.js resolves each dataset's options once, and at 100,000 runs the answer's 2,000 points made 78 series,
 * 59 of them unjoined points: merged, 23 datasets. A merged dataset keeps its series' order (each by rank).
 */
export type RankQualityDrawnSeries = { method: Method; metric: RankQualityMetric; modelName: string | null; points: RankQualityPoint[]; isSweep: boolean };

export function drawnRankSeries(series: readonly RankQualitySeries[]): RankQualityDrawnSeries[] {
  const sweeps = series.filter((item) => item.isSweep);
  const scattered = new Map<string, RankQualityDrawnSeries>();
  for (const item of series) {
    if (item.isSweep) continue;
    const key = `${item.method} ${item.metric}`;
    const merged = scattered.get(key);
    if (merged) merged.points.push(...item.points);
    else scattered.set(key, { method: item.method, metric: item.metric, modelName: null, points: [...item.points], isSweep: false });
  }
  return [...sweeps, ...scattered.values()];
}
