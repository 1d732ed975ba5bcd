import "server-only";
import { ApiError } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { memoryRange } from "@/lib/compare/ranges";
import type { CompareFilters, ValueRange } from "@/lib/schemas/compare";
import { CLAIM_SOURCE_KINDS, type EvidenceKind, MEASURED_SOURCE_KINDS } from "@/lib/schemas/run";
import { drainSearchQueue } from "@/lib/server/db/bulk-write";
import { isPostgres } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { runSearchSql } from "@/lib/server/runs/search";

/**
 * Refuses what the schema cannot see alone, exactly as GET /api/runs does, and with a search, first writes the
 * full-text documents a bulk write left queued, so that the search sees every committed run.
 */
export async function settleCompareFilters(filters: CompareFilters): Promise<void> {
  if (filters.rankMin !== undefined && filters.rankMax !== undefined && filters.rankMin > filters.rankMax) {
    throw new ApiError("bad_request", "Invalid query: rankMin must not be greater than rankMax", [{ path: "rankMin", message: "must not be greater than rankMax" }]);
  }
  if (filters.q) await drainSearchQueue();
}

// What Prisma compiles `contains` to: LIKE without escaping % and _, ASCII case-insensitive on SQLite; on PostgreSQL
// Prisma's `mode: "insensitive"` (runWhere asks for it there) is ILIKE.
const contains = (column: Prisma.Sql, text: string) => (isPostgres ? Prisma.sql`${column} ILIKE ('%' || ${text} || '%')` : Prisma.sql`${column} LIKE ('%' || ${text} || '%')`);

/** One kind of evidence, as runWhere's evidenceWhere selects it. */
function evidenceSql(kind: EvidenceKind): Prisma.Sql {
  if (kind === "estimate") return Prisma.sql`r."isEstimate" = TRUE`;
  if (kind === "logged") return Prisma.sql`(r."sourceId" IS NULL AND r."isEstimate" = FALSE)`;
  const kinds: readonly string[] = kind === "claim" ? CLAIM_SOURCE_KINDS : MEASURED_SOURCE_KINDS;
  return Prisma.sql`(r."isEstimate" = FALSE AND r."sourceId" IN (SELECT s.id FROM "Source" s WHERE s.kind IN (${Prisma.join(kinds)})))`;
}

/**
 * The same filters as runWhere (lib/server/runs/read-runs.ts), as a SQL condition on `"Run" r`, for the
 * aggregations that must not load 100,000 rows into JavaScript. tests/api/compare.test.ts checks that both
 * select the same runs for every filter, so the two cannot drift apart unnoticed.
 */
export function compareWhereSql(filters: CompareFilters & { ids?: readonly string[]; /** Soft-deleted runs alone instead of live ones (the runs list, for admins). */ deleted?: boolean }): Prisma.Sql {
  // Soft-deleted runs are in no chart; deletedAt is in every covering index, so this reads no table row.
  const and: Prisma.Sql[] = [filters.deleted ? Prisma.sql`r."deletedAt" IS NOT NULL` : Prisma.sql`r."deletedAt" IS NULL`];
  if (filters.method?.length) and.push(Prisma.sql`r.method IN (${Prisma.join(filters.method)})`);
  if (filters.status?.length) and.push(Prisma.sql`r.status IN (${Prisma.join(filters.status)})`);
  if (filters.reviewStatus?.length) and.push(Prisma.sql`r."reviewStatus" IN (${Prisma.join(filters.reviewStatus)})`);
  if (filters.baseline !== undefined) and.push(Prisma.sql`r."isBaseline" = ${filters.baseline ? Prisma.sql`TRUE` : Prisma.sql`FALSE`}`);
  if (filters.model) {
    const model = filters.model;
    and.push(Prisma.sql`(r."modelId" = ${model} OR r."modelId" IN (SELECT m.id FROM "Model" m WHERE m."hfId" = ${model}) OR ${contains(Prisma.sql`r."modelName"`, model)})`);
  }
  if (filters.hardware) and.push(Prisma.sql`r."hardwareId" = ${filters.hardware}`);
  if (filters.source === "logged") and.push(Prisma.sql`r."sourceId" IS NULL`);
  else if (filters.source) and.push(Prisma.sql`r."sourceId" = ${filters.source}`);
  if (filters.evidence?.length) and.push(Prisma.sql`(${Prisma.join(filters.evidence.map(evidenceSql), " OR ")})`);
  if (filters.experiment) and.push(Prisma.sql`r."experimentId" = ${filters.experiment}`);
  if (filters.tag) and.push(Prisma.sql`EXISTS (SELECT 1 FROM "RunTag" t WHERE t."runId" = r.id AND t.tag = ${filters.tag})`);
  if (filters.rankMin !== undefined) and.push(Prisma.sql`r.rank >= ${filters.rankMin}`);
  if (filters.rankMax !== undefined) and.push(Prisma.sql`r.rank <= ${filters.rankMax}`);
  if (filters.ids?.length) and.push(Prisma.sql`r.id IN (${Prisma.join(filters.ids)})`);
  // Through the full-text index, as runWhere does (lib/server/runs/search.ts).
  if (filters.q) and.push(runSearchSql(filters.q));
  return Prisma.join(and, " AND ");
}

/** Most run ids one group or claim lists; its count says how many runs there are in all. */
export const MAX_GROUP_RUN_IDS = 200;

/**
 * The median of the values `arms` select (each `SELECT <value> AS v ... WHERE <value> IS NOT NULL`, `count` of
 * them in all), as a scalar subquery: the middle one or two values by position. When each arm reads an index
 * ordered by the value, SQLite merges the arms in index order and stops at the middle, so nothing is sorted.
 */
export function positionalMedianSql(arms: readonly Prisma.Sql[], count: number): Prisma.Sql {
  if (count === 0 || arms.length === 0) return Prisma.sql`NULL`;
  return Prisma.sql`(SELECT AVG(v) FROM (${Prisma.join(arms, " UNION ALL ")} ORDER BY 1 LIMIT ${2 - (count % 2)} OFFSET ${Math.floor((count - 1) / 2)}) AS middle)`;
}

// PostgreSQL's shape of the same answers (issue 12): one GROUP BY whose aggregates sort within each group. The
// UNION ALL of positional arms above is fast only where each arm is an index range (SQLite); PostgreSQL planned and
// sorted each arm apart, seconds for a chart at 100,000 runs.

/** PostgreSQL: a group's non-NULL values of `column`, ascending, as an array (NULL when there are none). */
export function sortedValuesSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`array_agg(${column} ORDER BY ${column}) FILTER (WHERE ${column} IS NOT NULL)`;
}

/**
 * PostgreSQL: the median of a sorted array as positionalMedianSql computes it, the middle value or the two middle
 * ones summed and halved (AVG's arithmetic, so the same double). Not percentile_cont, which interpolates as
 * a + (b - a) * 0.5 and can differ from (a + b) / 2 in the last bit, which would make the engines' answers differ.
 */
export function sortedArrayMedianSql(array: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${array}[(cardinality(${array}) + 1) / 2] + ${array}[(cardinality(${array}) + 2) / 2]) / 2`;
}

/** PostgreSQL: a group's first MAX_GROUP_RUN_IDS run ids in `order` (an ORDER BY list over `r`), comma-separated. */
export function firstIdsSql(order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`array_to_string((array_agg(r.id ORDER BY ${order}))[1:${Prisma.raw(String(MAX_GROUP_RUN_IDS))}], ',')`;
}

/**
 * A condition that keeps about `budget` of `total` rows, evenly by rowid: of any `total` consecutive rowids it
 * keeps exactly `budget` (the residues of rowid·budget mod total below budget), and all when budget ≥ total.
 * Deterministic, needs no sort, and is read from any index, since every index entry carries the rowid.
 */
export function evenSampleSql(budget: number, total: number): Prisma.Sql {
  if (budget <= 0 || total <= 0) return Prisma.sql`FALSE`;
  // PostgreSQL's "rowid" is a 32-bit identity column (the init migration's tail), so the product is taken in 64 bits.
  if (isPostgres) return Prisma.sql`(CAST(r."rowid" AS BIGINT) * ${budget}) % ${total} < ${budget}`;
  return Prisma.sql`(r.rowid * ${budget}) % ${total} < ${budget}`;
}

/** SQLite's limits on one statement: bind values (SQLITE_MAX_VARIABLE_NUMBER) and terms of one compound SELECT. */
export const MAX_STATEMENT_BINDS = 32_766;
export const MAX_COMPOUND_TERMS = 500;

/**
 * `part UNION ALL part …` in as few statements as SQLite's limits allow, rows concatenated in order. A chart with
 * one term per group (memory-by-size: per size class × method) would otherwise fail once users log enough distinct
 * groups (tests/api/scale.test.ts logs thousands of model sizes).
 */
export async function queryUnionAll<T>(parts: readonly Prisma.Sql[]): Promise<T[]> {
  const rows: T[] = [];
  let batch: Prisma.Sql[] = [];
  let binds = 0;
  const flush = async () => {
    if (batch.length) rows.push(...(await readRows<T>(Prisma.join(batch, " UNION ALL "))));
    batch = [];
    binds = 0;
  };
  for (const part of parts) {
    if (batch.length >= MAX_COMPOUND_TERMS || (batch.length && binds + part.values.length > MAX_STATEMENT_BINDS)) await flush();
    batch.push(part);
    binds += part.values.length;
  }
  await flush();
  return rows;
}

/**
 * Groups sorted distinct values into ranges of consecutive values with the same key: `classOf` maps each value to
 * its group. A group of thousands of values then becomes a few BETWEEN ranges (one when groups are intervals, as
 * model size classes are) instead of one bind value per value.
 */
export function consecutiveRanges<K>(sortedValues: readonly number[], classOf: (value: number) => K): Map<K, [number, number][]> {
  const ranges = new Map<K, [number, number][]>();
  let previous: K | undefined;
  for (const value of sortedValues) {
    const key = classOf(value);
    const list = ranges.get(key) ?? [];
    if (list.length && previous === key) list[list.length - 1]![1] = value;
    else list.push([value, value]);
    ranges.set(key, list);
    previous = key;
  }
  return ranges;
}

/** `column` within any of `ranges` (closed intervals), two bind values per range. */
export function inRangesSql(column: Prisma.Sql, ranges: readonly [number, number][]): Prisma.Sql {
  if (ranges.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(ranges.map(([low, high]) => (low === high ? Prisma.sql`${column} = ${low}` : Prisma.sql`${column} BETWEEN ${low} AND ${high}`)), " OR ")})`;
}

/** A number from a raw query (readRows hands back numbers; $queryRaw gives COUNT and SUM as BigInt). */
export const toNumber = (value: unknown): number => Number(value);
export const toNumberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

type MemoryColumns = { peakMemoryGb: unknown; peakMemoryGbMin: unknown; peakMemoryGbMax: unknown };

/** The memory range of a raw-query row; null when the row states no memory. */
export function rowMemoryRange(row: MemoryColumns): ValueRange | null {
  return memoryRange({ peakMemoryGb: toNumberOrNull(row.peakMemoryGb), peakMemoryGbMin: toNumberOrNull(row.peakMemoryGbMin), peakMemoryGbMax: toNumberOrNull(row.peakMemoryGbMax) });
}
