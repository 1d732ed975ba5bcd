import "server-only";
import { notFound } from "@/lib/api/errors";
import { lttbIndices } from "@/lib/compare/downsample";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/server/db/client";
import { MAX_DOWNSAMPLED_POINTS, type MetricPointsInput, type MetricSeries } from "@/lib/schemas/run";

async function assertRunExists(runId: string) {
  if (!(await prisma.run.count({ where: { id: runId, deletedAt: null } }))) throw notFound("Run", runId);
}

/**
 * Adds points to a run's history. A point for a (key, step) that already exists replaces it, so re-sending a
 * log after a crash does not duplicate the curve. Runs in one transaction: all points or none.
 */
export async function appendMetricPoints(runId: string, points: MetricPointsInput["points"]): Promise<{ written: number }> {
  await assertRunExists(runId);
  // The last point wins when a request repeats a (key, step) pair.
  const unique = new Map(points.map((p) => [`${p.key}\u0000${p.step}`, p]));
  const rows = [...unique.values()];
  await prisma.$transaction(async (tx) => {
    const keys = [...new Set(rows.map((p) => p.key))];
    for (const key of keys) {
      await tx.metricPoint.deleteMany({ where: { runId, key, step: { in: rows.filter((p) => p.key === key).map((p) => p.step) } } });
    }
    // A stored summary of a changed series is stale: drop it, and the next read rebuilds it.
    await tx.metricSummary.deleteMany({ where: { runId, key: { in: keys } } });
    await tx.metricPoint.createMany({
      data: rows.map((p) => ({ runId, key: p.key, step: p.step, value: p.value, ...(p.time ? { time: new Date(p.time) } : {}) })),
    });
  });
  return { written: rows.length };
}

/**
 * A run's metric history grouped by key, ordered by step. With maxPoints, each series is downsampled on the server
 * (LTTB) and read from the covering index alone, so a 100,000-step history ships as the points a chart can show.
 */
export async function listMetricSeries(runId: string, options: { key?: string; maxPoints?: number } = {}): Promise<MetricSeries[]> {
  await assertRunExists(runId);
  const { key, maxPoints } = options;
  if (maxPoints !== undefined) {
    const keys = key ? [key] : (await prisma.metricPoint.findMany({ where: { runId }, distinct: ["key"], select: { key: true }, orderBy: { key: "asc" } })).map((row) => row.key);
    const series = await Promise.all(keys.map(async (name) => ({ key: name, ...(await loadDownsampledSeries(runId, name, maxPoints)) })));
    return series.filter((entry) => entry.totalPoints > 0);
  }
  const points = await prisma.metricPoint.findMany({
    where: { runId, ...(key ? { key } : {}) },
    orderBy: [{ key: "asc" }, { step: "asc" }],
    select: { key: true, step: true, value: true, time: true },
  });
  const series = new Map<string, MetricSeries["points"]>();
  for (const p of points) {
    const entry = series.get(p.key) ?? [];
    entry.push({ step: p.step, value: p.value, time: p.time.toISOString() });
    series.set(p.key, entry);
  }
  // Every point is here, so the count stored is the count sent.
  return [...series].map(([name, entry]) => ({ key: name, totalPoints: entry.length, points: entry }));
}

/** Series longer than this are drawn from a stored summary instead of from every point. */
export const SUMMARY_THRESHOLD_POINTS = 20_000;
/** Points in a stored summary: the most any request may ask for, so LTTB still has its choice at every maxPoints. */
export const SUMMARY_POINTS = MAX_DOWNSAMPLED_POINTS;

/**
 * One series downsampled to at most maxPoints with LTTB (first and last points kept), and how many it had.
 * Up to 20,000 points it is the LTTB of every point. A longer series is read once, summarised to 5,000 points with
 * LTTB and stored (MetricSummary); later requests downsample that summary, which reads 5,000 points instead of
 * 100,000: an LTTB of an LTTB, which keeps the ends and the peaks the first pass kept.
 */
export async function loadDownsampledSeries(runId: string, key: string, maxPoints: number): Promise<Pick<MetricSeries, "totalPoints" | "points">> {
  const { totalPoints, steps, values } = await prisma.$transaction(async (tx) => {
    const summary = await tx.metricSummary.findUnique({ where: { runId_key: { runId, key } } });
    if (summary) return { totalPoints: summary.totalPoints, steps: JSON.parse(summary.steps) as number[], values: JSON.parse(summary.values) as number[] };
    const series = await loadSeriesColumns(tx, runId, key);
    if (series.steps.length <= SUMMARY_THRESHOLD_POINTS) return { totalPoints: series.steps.length, ...series };
    // The first read answers from the summary too, so every read of an unchanged series gives the same points.
    const kept = lttbIndices(series.steps, series.values, SUMMARY_POINTS);
    const steps = kept.map((i) => series.steps[i]!);
    const values = kept.map((i) => series.values[i]!);
    const data = { totalPoints: series.steps.length, steps: JSON.stringify(steps), values: JSON.stringify(values) };
    await tx.metricSummary.upsert({ where: { runId_key: { runId, key } }, create: { runId, key, ...data }, update: data });
    return { totalPoints: series.steps.length, steps, values };
  });
  return { totalPoints, points: lttbIndices(steps, values, maxPoints).map((i) => ({ step: steps[i]!, value: values[i]! })) };
}

/**
 * One series' (step, value) pairs by step, read from the covering MetricPoint_series_idx alone. SQLite packs them
 * into two JSON arrays: one string crosses to JavaScript instead of 100,000 row objects, about 5x faster here.
 */
async function loadSeriesColumns(db: Prisma.TransactionClient, runId: string, key: string): Promise<{ steps: number[]; values: number[] }> {
  const [row] = await db.$queryRaw<{ steps: string; values: string }[]>(Prisma.sql`
    SELECT json_group_array(step) AS steps, json_group_array(value) AS "values"
    FROM (SELECT step, value FROM "MetricPoint" INDEXED BY "MetricPoint_series_idx" WHERE runId = ${runId} AND key = ${key} ORDER BY step)`);
  return { steps: JSON.parse(row?.steps ?? "[]") as number[], values: JSON.parse(row?.values ?? "[]") as number[] };
}
