import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { lttbIndices } from "@/lib/compare/downsample";
import { decodeMetricValue, encodeMetricValue, type MetricValue } from "@/lib/compare/metric-values";
import { Prisma } from "@/lib/generated/prisma/client";
import { upsertMetricPoints } from "@/lib/server/db/bulk-write";
import { isPostgres, prisma } from "@/lib/server/db/client";
import { MAX_DOWNSAMPLED_POINTS, MAX_METRIC_PAGE_POINTS, type MetricPointsInput, type MetricSeries } from "@/lib/schemas/run";
import { metricKeysOf } from "./run-keys";

async function assertRunExists(runId: string) {
  if (!(await prisma.run.count({ where: { id: runId, deletedAt: null } }))) throw notFound("Run", runId);
}

/**
 * Adds points to a run's history. A point for a (key, step) that already exists replaces it, so re-sending a
 * log after a crash does not duplicate the curve. All points or none, written in one short synchronous burst
 * (lib/server/db/bulk-write.ts). NaN and ±Infinity (a diverged run) are stored and read back as they were sent.
 */
export async function appendMetricPoints(runId: string, points: MetricPointsInput["points"]): Promise<{ written: number }> {
  if (!(await upsertMetricPoints(runId, points, new Date()))) throw notFound("Run", runId);
  return { written: countDistinctPairs(points) };
}

/**
 * How many distinct (key, step) pairs the points hold: the last point wins when a request repeats one (the upsert
 * applies them in order), so only their number is needed. A client logs each key's steps in increasing order, and
 * then no pair can repeat: that is checked point by point, comparing with the previous point of the same key. Only
 * a request that goes back in some key's steps collects sets of steps (at 5,000 points of one key those cost
 * about 1 ms, a tenth of the write).
 */
export function countDistinctPairs(points: readonly { key: string; step: number }[]): number {
  const lastStepOf = new Map<string, number>();
  let key: string | undefined;
  let step = 0;
  for (const p of points) {
    if (p.key !== key) {
      if (key !== undefined) lastStepOf.set(key, step);
      const last = lastStepOf.get(p.key);
      if (last !== undefined && p.step <= last) return countWithSets(points);
      key = p.key;
    } else if (p.step <= step) return countWithSets(points);
    step = p.step;
  }
  return points.length;
}

function countWithSets(points: readonly { key: string; step: number }[]): number {
  const stepsByKey = new Map<string, Set<number>>();
  for (const p of points) {
    let steps = stepsByKey.get(p.key);
    if (!steps) stepsByKey.set(p.key, (steps = new Set()));
    steps.add(p.step);
  }
  let count = 0;
  for (const steps of stepsByKey.values()) count += steps.size;
  return count;
}

/** Where a page of points ends: the (key, step) of its last point, as an opaque URL-safe string. */
const encodeCursor = (key: string, step: number) => Buffer.from(JSON.stringify([key, step])).toString("base64url");

function decodeCursor(cursor: string): { key: string; step: number } {
  try {
    const [key, step] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof key === "string" && typeof step === "number" && Number.isInteger(step)) return { key, step };
  } catch {
    // falls through to the 400
  }
  throw new ApiError("bad_request", "cursor is not a nextCursor this API returned", [{ path: "cursor", message: "not a nextCursor of GET /api/runs/{id}/metrics" }]);
}

/**
 * A run's metric history grouped by key, ordered by step. With maxPoints, each series is downsampled on the server
 * (LTTB) and read from the table's primary key alone, so a 100,000-step history ships as the points a chart can
 * show. Without it, every point, one page of at most `limit` points (in key, step order) per request, with a
 * nextCursor for the rest.
 */
export async function listMetricSeries(
  runId: string,
  options: { key?: string; maxPoints?: number; limit?: number; cursor?: string } = {},
): Promise<{ series: MetricSeries[]; nextCursor: string | null }> {
  const { key, maxPoints, limit = MAX_METRIC_PAGE_POINTS } = options;
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  await assertRunExists(runId);
  if (maxPoints !== undefined) {
    const keys = key ? [key] : await metricKeysOf(runId);
    const series = await Promise.all(keys.map(async (name) => ({ key: name, ...(await loadDownsampledSeries(runId, name, maxPoints)) })));
    return { series: series.filter((entry) => entry.totalPoints > 0), nextCursor: null };
  }
  const { keys, steps, values, times } = await readPointsPage(runId, key, after, limit + 1);
  const hasMore = keys.length > limit;
  const count = Math.min(keys.length, limit);
  const series = new Map<string, MetricSeries["points"]>();
  for (let i = 0; i < count; i += 1) {
    let entry = series.get(keys[i]!);
    if (!entry) series.set(keys[i]!, (entry = []));
    entry.push({ step: steps[i]!, value: encodeMetricValue(decodeMetricValue(values[i]!)), time: new Date(times[i]!).toISOString() });
  }
  const totals = series.size ? await countPointsByKey(runId, keys[0]!, keys[count - 1]!) : new Map<string, number>();
  return {
    series: [...series].map(([name, points]) => ({ key: name, totalPoints: totals.get(name) ?? points.length, points })),
    nextCursor: hasMore ? encodeCursor(keys[count - 1]!, steps[count - 1]!) : null,
  };
}

/**
 * A page of points in (key, step) order from the cursor on, as four columns. On SQLite, one row of JSON arrays
 * instead of 10,000 row objects: SQLite builds them, Prisma maps one value each. On PostgreSQL the rows as they
 * are: the driver parses them as fast as JSON, and a double keeps ±Infinity where JSON could not.
 */
async function readPointsPage(runId: string, key: string | undefined, after: { key: string; step: number } | undefined, take: number) {
  if (isPostgres) {
    const rows = await prisma.$queryRaw<{ key: string; step: number | bigint; value: number | null; time: Date }[]>(Prisma.sql`
      SELECT "key", "step", "value", "time" FROM "MetricPoint"
      WHERE "runId" = ${runId}
      ${key ? Prisma.sql`AND "key" = ${key}` : Prisma.empty}
      ${after ? Prisma.sql`AND (${byteOrdered} > ${after.key} OR ("key" = ${after.key} AND "step" > ${after.step}))` : Prisma.empty}
      ORDER BY ${byteOrdered}, "step" LIMIT ${take}`);
    return { keys: rows.map((row) => row.key), steps: rows.map((row) => Number(row.step)), values: rows.map((row) => (row.value === null ? null : Number(row.value))), times: rows.map((row) => row.time.toISOString()) };
  }
  const [page] = await prisma.$queryRaw<{ keys: string; steps: string; values: string; times: string }[]>(Prisma.sql`
    SELECT json_group_array(key) AS keys, json_group_array(step) AS steps, json_group_array(value) AS "values", json_group_array(time) AS times
    FROM (SELECT key, step, value, time FROM "MetricPoint"
          WHERE runId = ${runId}
          ${key ? Prisma.sql`AND key = ${key}` : Prisma.empty}
          ${after ? Prisma.sql`AND (key > ${after.key} OR (key = ${after.key} AND step > ${after.step}))` : Prisma.empty}
          ORDER BY key, step LIMIT ${take})`);
  return {
    keys: JSON.parse(page?.keys ?? "[]") as string[],
    steps: JSON.parse(page?.steps ?? "[]") as number[],
    values: JSON.parse(page?.values ?? "[]") as (number | null)[],
    times: JSON.parse(page?.times ?? "[]") as string[],
  };
}

/**
 * Metric keys compared and ordered byte by byte, as SQLite's BINARY collation does, so a page and its cursor mean
 * the same on a PostgreSQL database created with a linguistic collation. (Under C or C.UTF-8 it is the same order.)
 */
const byteOrdered = isPostgres ? Prisma.sql`"key" COLLATE "C"` : Prisma.sql`"key"`;

/** Points stored per key, for the keys from `first` to `last` (a page's keys: a range, so two bind values). */
async function countPointsByKey(runId: string, first: string, last: string): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<{ key: string; total: bigint | number }[]>(Prisma.sql`
    SELECT "key", count(*) AS total FROM "MetricPoint" WHERE "runId" = ${runId} AND ${byteOrdered} >= ${first} AND ${byteOrdered} <= ${last} GROUP BY "key"`);
  return new Map(rows.map((row) => [row.key, Number(row.total)]));
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
    if (summary) return { totalPoints: summary.totalPoints, steps: JSON.parse(summary.steps) as number[], values: (JSON.parse(summary.values) as MetricValue[]).map(decodeMetricValue) };
    const series = await loadSeriesColumns(tx, runId, key);
    if (series.steps.length <= SUMMARY_THRESHOLD_POINTS) return { totalPoints: series.steps.length, ...series };
    // The first read answers from the summary too, so every read of an unchanged series gives the same points.
    const kept = lttbIndices(series.steps, series.values, SUMMARY_POINTS);
    const steps = kept.map((i) => series.steps[i]!);
    const values = kept.map((i) => series.values[i]!);
    // Non-finite values are stored as their spelling: JSON.stringify would turn NaN and ±Infinity into null.
    const data = { totalPoints: series.steps.length, steps: JSON.stringify(steps), values: JSON.stringify(values.map(encodeMetricValue)) };
    await tx.metricSummary.upsert({ where: { runId_key: { runId, key } }, create: { runId, key, ...data }, update: data });
    return { totalPoints: series.steps.length, steps, values };
  });
  return { totalPoints, points: lttbIndices(steps, values, maxPoints).map((i) => ({ step: steps[i]!, value: encodeMetricValue(values[i]!) })) };
}

/**
 * One series' (step, value) pairs by step, read in order from the table's primary key (runId, key, step): the
 * table is WITHOUT ROWID, so that key is the table itself. Both engines pack them into two JSON arrays: one string
 * crosses to JavaScript instead of 100,000 row objects, about 5x faster here on SQLite and 2-4x on PostgreSQL, where
 * Prisma mapped every row (four 100,000-point series took 3 s, which kept the run page of a fresh 100,000-entry
 * import from showing its curves). A NaN is stored as NULL and comes out as null; ±Infinity come out as ±9e999,
 * which JSON.parse reads as ±Infinity.
 */
async function loadSeriesColumns(db: Prisma.TransactionClient, runId: string, key: string): Promise<{ steps: number[]; values: number[] }> {
  const [row] = await db.$queryRaw<{ steps: string | null; values: string | null }[]>(isPostgres ? pgSeriesColumns(runId, key) : Prisma.sql`
    SELECT json_group_array(step) AS steps, json_group_array(value) AS "values"
    FROM (SELECT step, value FROM "MetricPoint" WHERE runId = ${runId} AND key = ${key} ORDER BY step)`);
  return { steps: JSON.parse(row?.steps ?? "[]") as number[], values: (JSON.parse(row?.values ?? "[]") as (number | null)[]).map(decodeMetricValue) };
}

/**
 * PostgreSQL's spelling of the same two arrays. Its json_agg cannot spell ±Infinity and leaves a space after each
 * comma, so each value is written as SQLite writes it and joined: a double's text is the shortest that reads back
 * as the same double (the form the driver parses rows from too), NULL (and a NaN, should one have been stored as
 * such) is null. No rows give NULL, read as an empty array.
 */
function pgSeriesColumns(runId: string, key: string): Prisma.Sql {
  const value = Prisma.sql`CASE WHEN "value" IS NULL OR "value" = CAST('NaN' AS DOUBLE PRECISION) THEN 'null'
    WHEN "value" = CAST('Infinity' AS DOUBLE PRECISION) THEN '9e999' WHEN "value" = CAST('-Infinity' AS DOUBLE PRECISION) THEN '-9e999'
    ELSE CAST("value" AS TEXT) END`;
  return Prisma.sql`
    SELECT '[' || string_agg(CAST("step" AS TEXT), ',' ORDER BY "step") || ']' AS "steps", '[' || string_agg(${value}, ',' ORDER BY "step") || ']' AS "values"
    FROM "MetricPoint" WHERE "runId" = ${runId} AND "key" = ${key}`;
}
