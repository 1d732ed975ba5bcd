import "server-only";
import { notFound } from "@/lib/api/errors";
import { decodeMetricValue, encodeMetricValue } from "@/lib/compare/metric-values";
import { Prisma } from "@/lib/generated/prisma/client";
import { metricDirection, type MetricStat } from "@/lib/runs/columns";
import { isPostgres, prisma } from "@/lib/server/db/client";
import { jsonArrayValues, orderBytewise } from "@/lib/server/db/dialect";
import type { ColumnValue } from "@/lib/schemas/run";
import type { MetricSummary, MetricSummaryResponse } from "@/lib/schemas/run-table";

// How the SQL stays cheap. MetricPoint is WITHOUT ROWID with the primary key (runId, key, step), so the table is
// stored in that order: a point at a given step, the first or last step, or the nearest step before one, is one
// seek down the key. min and max have no index to use and scan the key's points once each (about 10 ms per 100,000
// points here); each is a query with a single min() or max() aggregate, so SQLite's bare `step` column comes from
// the row that holds it (with two, it could come from either), and since the scan runs in step order and
// min()/max() keep the first of equal values, a tie goes to the earliest step.
//
// NaN is stored as NULL and ±Infinity as themselves. min() and max() skip NULLs, so only an infinity can win one
// that should not: each extreme is read without a filter first (a third cheaper per scan than comparing every
// value), and only the groups whose answer is infinite are read again keeping `value > -9e999 AND value < 9e999`
// (9e999 reads as Infinity), the finite values. first, last and at return what was logged.
//
// PostgreSQL (issue 12) has no bare columns: there each extreme is the group's min or max over the finite values
// and then the earliest step holding it (readExtremes), which gives the same answer (the earliest step of the finite
// min or max). Its floats hold ±Infinity as SQLite's do; 9e999 would be a numeric it cannot compare with them.
const FINITE = isPostgres
  ? Prisma.sql`"value" > CAST('-Infinity' AS DOUBLE PRECISION) AND "value" < CAST('Infinity' AS DOUBLE PRECISION)`
  : Prisma.sql`value > -9e999 AND value < 9e999`;

/** A metric column: its id, key, and statistic (or a step to read the value at). */
export type MetricColumnRef = { id: string; key: string } & ({ stat: MetricStat } | { stat: "at"; step: number });

type StepValue = { step: number; value: ReturnType<typeof encodeMetricValue> };
const stepValue = (step: number | bigint, value: number | null): StepValue => ({ step: Number(step), value: encodeMetricValue(decodeMetricValue(value)) });

/**
 * Every metric of one run summarised: count, first, last, min, max, best (by metricDirection) and, with `step`,
 * the value at that step or the nearest before it (null when the metric starts later). 404 for an unknown or
 * deleted run.
 */
export async function summarizeRunMetrics(runId: string, options: { step?: number } = {}): Promise<MetricSummaryResponse> {
  const { step } = options;
  if (!(await prisma.run.count({ where: { id: runId, deletedAt: null } }))) throw notFound("Run", runId);
  type KeyRow = {
    key: string; count: bigint | number; minValue: number | null; minStep: bigint | number | null;
    firstStep: bigint | number; firstValue: number | null; lastStep: bigint | number; lastValue: number | null; atStep: bigint | number | null; atValue: number | null;
  };
  // One scan of the run's points counts them and finds each key's min (on SQLite its only min/max aggregate, so the
  // bare `step` is the min's step); the max is a second scan; first, last and at are seeks per key.
  const seek = (column: "step" | "value", order: "ASC" | "DESC", upTo?: number) =>
    Prisma.sql`(SELECT ${Prisma.raw(`"${column}"`)} FROM "MetricPoint" WHERE "runId" = ${runId} AND "key" = k."key" ${upTo === undefined ? Prisma.empty : Prisma.sql`AND "step" <= ${upTo}`} ORDER BY "step" ${Prisma.raw(order)} LIMIT 1)`;
  const min = isPostgres ? Prisma.sql`NULL AS "minValue", NULL AS "minStep"` : Prisma.sql`min(value) AS "minValue", step AS "minStep"`;
  const keys = await prisma.$queryRaw<KeyRow[]>(Prisma.sql`
    WITH k AS (SELECT "key", count(*) AS "count", ${min} FROM "MetricPoint" WHERE "runId" = ${runId} GROUP BY "key")
    SELECT k."key", k."count", k."minValue", k."minStep",
      ${seek("step", "ASC")} AS "firstStep", ${seek("value", "ASC")} AS "firstValue", ${seek("step", "DESC")} AS "lastStep", ${seek("value", "DESC")} AS "lastValue",
      ${step === undefined ? Prisma.sql`NULL AS "atStep", NULL AS "atValue"` : Prisma.sql`${seek("step", "DESC", step)} AS "atStep", ${seek("value", "DESC", step)} AS "atValue"`}
    FROM k ORDER BY ${orderBytewise(Prisma.sql`k."key"`)}`);
  if (!keys.length) return { runId, items: [] };
  const byKey = Prisma.sql`"runId" = ${runId}`;
  const mins = isPostgres
    ? await finiteExtremes("min", byKey, "key")
    : await keepFinite(new Map(keys.flatMap((row) => (row.minStep === null ? [] : [[row.key, stepValue(row.minStep, row.minValue)] as const]))), "min", byKey, "key");
  const maxes = await finiteExtremes("max", byKey, "key");
  const items = keys.map((row): MetricSummary => {
    const direction = metricDirection(row.key);
    const min = mins.get(row.key) ?? null;
    const max = maxes.get(row.key) ?? null;
    return {
      key: row.key,
      count: Number(row.count),
      direction,
      first: stepValue(row.firstStep, row.firstValue),
      last: stepValue(row.lastStep, row.lastValue),
      min,
      max,
      best: direction === "min" ? min : max,
      ...(step === undefined ? {} : { at: row.atStep === null ? null : stepValue(row.atStep, row.atValue) }),
    };
  });
  return { runId, items };
}

/**
 * The smallest or largest finite value of each group (a run's keys, or a key's runs) with the (earliest) step it
 * was logged at; groups without a finite value are left out.
 */
async function finiteExtremes(which: "min" | "max", where: Prisma.Sql, group: "key" | "runId"): Promise<Map<string, StepValue>> {
  if (isPostgres) return readExtremes(which, where, group, true);
  return keepFinite(await readExtremes(which, where, group, false), which, where, group);
}

/** Replaces an infinite (or all-NaN) extreme by the group's finite one, read again with the filter. */
async function keepFinite(found: Map<string, StepValue>, which: "min" | "max", where: Prisma.Sql, group: "key" | "runId"): Promise<Map<string, StepValue>> {
  const infinite = [...found].filter(([, point]) => typeof point.value === "string").map(([name]) => name);
  if (!infinite.length) return found;
  const groups = Prisma.sql`${Prisma.raw(`"${group}"`)} IN (${jsonArrayValues(infinite)})`;
  const finite = await readExtremes(which, Prisma.sql`${where} AND ${groups}`, group, true);
  for (const name of infinite) {
    const point = finite.get(name);
    if (point) found.set(name, point);
    else found.delete(name);
  }
  return found;
}

/**
 * One scan: each group's min or max as its only min/max aggregate, so the bare `step` is the row holding it. On
 * PostgreSQL, which has no bare columns, the group's min or max first (a hashed aggregate, one scan) and then the
 * earliest step that holds it (one seek down the group's part of the key and a filter on the value). Ordering every
 * point by value instead (DISTINCT ON) sorted all of them on disk: 1 s each for min and max of a run with 400,000
 * points, which the run page's summary table asks for right after an import.
 */
async function readExtremes(which: "min" | "max", where: Prisma.Sql, group: "key" | "runId", onlyFinite: boolean): Promise<Map<string, StepValue>> {
  const column = Prisma.raw(`"${group}"`);
  const finite = onlyFinite ? Prisma.sql`AND ${FINITE}` : Prisma.empty;
  const extreme = which === "min" ? Prisma.sql`min("value")` : Prisma.sql`max("value")`;
  const query = isPostgres
    ? Prisma.sql`WITH m AS (SELECT ${column} AS "name", ${extreme} AS "extreme" FROM "MetricPoint" WHERE ${where} ${finite} GROUP BY ${column})
      SELECT m."name", m."extreme" AS "value",
        (SELECT min(p."step") FROM "MetricPoint" AS p WHERE ${where} AND p.${column} = m."name" AND p."value" = m."extreme") AS "step"
      FROM m WHERE m."extreme" IS NOT NULL`
    : Prisma.sql`SELECT ${column} AS name, ${extreme} AS value, step FROM "MetricPoint"
      WHERE ${where} ${finite} GROUP BY ${column}`;
  const rows = await prisma.$queryRaw<{ name: string; value: number | null; step: bigint | number }[]>(query);
  return new Map(rows.map((row) => [row.name, stepValue(row.step, row.value)]));
}

/** What one column asks of the database: a key and last, min, max or the value at a step (best resolved). */
type ColumnQuery = { key: string; stat: "last" } | { key: string; stat: "min" } | { key: string; stat: "max" } | { key: string; stat: "at"; step: number };

const queryOf = (ref: MetricColumnRef): ColumnQuery =>
  ref.stat === "at" ? { key: ref.key, stat: "at", step: ref.step } : { key: ref.key, stat: ref.stat === "best" ? metricDirection(ref.key) : ref.stat };
const queryId = (query: ColumnQuery) => JSON.stringify(query.stat === "at" ? [query.key, query.stat, query.step] : [query.key, query.stat]);

/**
 * The metric columns' values for a page of runs (ids in one JSON array bound once), by run id and then column id;
 * a run without the metric gets { value: null, step: null }. One query per distinct (key, statistic): last and at
 * seek each run's key, min and max (and best, one of them by the key's direction) scan each run's points of the
 * key. Used by GET /api/runs?columns= and the export.
 */
export async function metricColumnValues(runIds: readonly string[], refs: readonly MetricColumnRef[]): Promise<Map<string, Record<string, ColumnValue>>> {
  const result = new Map(runIds.map((id) => [id, Object.fromEntries(refs.map((ref): [string, ColumnValue] => [ref.id, { value: null, step: null }]))]));
  if (!runIds.length || !refs.length) return result;
  const ids = [...runIds];
  const queries = new Map<string, ColumnQuery>();
  for (const ref of refs) queries.set(queryId(queryOf(ref)), queryOf(ref));
  const answers = new Map<string, Map<string, StepValue>>();
  for (const [id, query] of queries) answers.set(id, await readColumn(ids, query));
  for (const ref of refs) {
    const answer = answers.get(queryId(queryOf(ref)))!;
    for (const [runId, found] of answer) {
      const values = result.get(runId);
      if (values) values[ref.id] = found;
    }
  }
  return result;
}

/**
 * The elements of a JSON array (one parameter) as a table `j`: `value` the element (text on PostgreSQL) and `key`
 * its 0-based position, as SQLite's json_each names them.
 */
function jsonArrayTable(values: readonly string[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return isPostgres
    ? Prisma.sql`(SELECT e.value, e.position - 1 AS "key" FROM json_array_elements_text(${json}::json) WITH ORDINALITY AS e(value, position)) AS j`
    : Prisma.sql`json_each(${json}) AS j`;
}

/** One column's values for the runs in `ids`, by run id; runs without a value are left out. */
async function readColumn(ids: readonly string[], query: ColumnQuery): Promise<Map<string, StepValue>> {
  if (query.stat === "min" || query.stat === "max") {
    return finiteExtremes(query.stat, Prisma.sql`"runId" IN (${jsonArrayValues(ids)}) AND "key" = ${query.key}`, "runId");
  }
  // The step first (the largest, or the largest at or before the asked step), then its point: two seeks per run.
  const stepOf = query.stat === "last"
    ? Prisma.sql`(SELECT max("step") FROM "MetricPoint" WHERE "runId" = j.value AND "key" = ${query.key})`
    : Prisma.sql`(SELECT "step" FROM "MetricPoint" WHERE "runId" = j.value AND "key" = ${query.key} AND "step" <= ${query.step} ORDER BY "step" DESC LIMIT 1)`;
  const rows = await prisma.$queryRaw<{ runId: string; step: bigint | number; value: number | null }[]>(Prisma.sql`
    SELECT p."runId", p."step", p."value" FROM (SELECT j.value AS "runId", ${stepOf} AS "step" FROM ${jsonArrayTable(ids)}) AS s
    JOIN "MetricPoint" AS p ON p."runId" = s."runId" AND p."key" = ${query.key} AND p."step" = s."step"`);
  return new Map(rows.map((row) => [row.runId, stepValue(row.step, row.value)]));
}

/**
 * Each run's metric keys, by name. A skip scan: each step of the recursive query seeks the next key after the last
 * one in the (runId, key, step) key, so a run with 100,000 points of three keys costs four seeks, not a scan.
 */
export async function listMetricKeysByRun(runIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map(runIds.map((id): [string, string[]] => [id, []]));
  if (!runIds.length) return result;
  // SQLite declares a recursive query's columns BLOB, which Prisma's driver adapter reads as bytes; an expression
  // (the CAST) has no declared type, so the adapter takes the type of its values instead. PostgreSQL walks the keys
  // in its own collation, which is as good for the seeks; the answer is sorted bytewise, as SQLite's.
  const rows = await prisma.$queryRaw<{ run: bigint | number; key: string }[]>(Prisma.sql`
    WITH RECURSIVE k("run", "runId", "key") AS (
      SELECT j."key", j.value, (SELECT min("key") FROM "MetricPoint" WHERE "runId" = j.value) FROM ${jsonArrayTable(runIds)}
      UNION ALL
      SELECT k."run", k."runId", (SELECT min("key") FROM "MetricPoint" WHERE "runId" = k."runId" AND "key" > k."key") FROM k WHERE k."key" IS NOT NULL
    )
    SELECT CAST("run" AS INTEGER) AS "run", "key" FROM k WHERE "key" IS NOT NULL ORDER BY "run", ${orderBytewise(Prisma.sql`"key"`)}`);
  for (const row of rows) result.get(runIds[Number(row.run)]!)?.push(row.key);
  return result;
}
