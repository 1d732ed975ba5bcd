import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { METHODS, type Method } from "@/lib/schemas/run";
import type { CompareFilters, ThroughputResponse } from "@/lib/schemas/compare";
import { groupConcat, indexedBy, isPostgres } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { MAX_GROUP_RUN_IDS, settleCompareFilters, compareWhereSql, firstIdsSql, positionalMedianSql, sortedArrayMedianSql, sortedValuesSql, toNumber, toNumberOrNull } from "./sql";

// Runs that say something about throughput: a measured rate, or that the configuration ran out of memory
// (an OOM is a result, counted apart, never a rate of 0). Runs without a catalogued GPU have no group.
const REPORTS_THROUGHPUT = Prisma.sql`r."hardwareId" IS NOT NULL AND (r."oom" = TRUE OR r."throughputSamplesPerSec" IS NOT NULL OR r."throughputTokensPerSec" IS NOT NULL)`;

// SQLite lists a group's run ids in the order of Run_compare_throughput_idx (NULLs first, text bytewise); PostgreSQL,
// which may read them in any order, is told that order so that both list the same first ids. It ends at the id, which
// is unique (the index's later columns never decide), so PostgreSQL can answer from that index alone.
const THROUGHPUT_INDEX_ORDER = Prisma.sql`r."throughputSamplesPerSec" NULLS FIRST, r."throughputTokensPerSec" NULLS FIRST, r."oom", r."modelId" COLLATE "C" NULLS FIRST,
  r."modelName" COLLATE "C", r."sourceId" COLLATE "C" NULLS FIRST, r."status" COLLATE "C", r."rank" NULLS FIRST, r.id COLLATE "C"`;

type GroupRow = { hardwareId: string; hardwareName: string; method: string; runCount: unknown; oomCount: unknown; samples: unknown; tokens: unknown };
type ValueRow = { i: unknown; samplesPerSec: unknown; tokensPerSec: unknown; runIds: string | null };
/** One hardware × method group as either engine's SQL answers it. */
type ThroughputRow = { hardwareId: string; hardwareName: string; method: string; runCount: unknown; oomCount: unknown; samplesPerSec: unknown; tokensPerSec: unknown; runIds: string | null };

/**
 * Hardware × method groups with run and OOM counts and median samples/s and tokens/s, and each group's first
 * MAX_GROUP_RUN_IDS run ids in THROUGHPUT_INDEX_ORDER.
 */
export async function getThroughputByHardware(filters: CompareFilters): Promise<ThroughputResponse> {
  await settleCompareFilters(filters);
  const rows = isPostgres ? await readPostgresGroups(filters) : await readSqliteGroups(filters);
  return {
    groups: rows
      .map((row) => ({
        hardwareId: row.hardwareId,
        hardwareName: row.hardwareName,
        method: row.method as Method,
        runCount: toNumber(row.runCount),
        oomCount: toNumber(row.oomCount),
        samplesPerSec: toNumberOrNull(row.samplesPerSec),
        tokensPerSec: toNumberOrNull(row.tokensPerSec),
        runIds: row.runIds?.split(",") ?? [],
      }))
      .sort((a, b) => a.hardwareName.localeCompare(b.hardwareName) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method)),
  };
}

/**
 * SQLite: counting is one pass in the (hardwareId, method) order of Run_compare_throughput_idx; each median is then
 * read by position from that index (or Run_compare_tokens_idx), and the ids in its order, so nothing is sorted and
 * no run row is loaded.
 */
async function readSqliteGroups(filters: CompareFilters): Promise<ThroughputRow[]> {
  const filtered = compareWhereSql(filters);
  const where = Prisma.sql`${filtered} AND ${REPORTS_THROUGHPUT}`;
  const groups = await readRows<GroupRow>(Prisma.sql`
    SELECT r."hardwareId", MIN(h.name) AS "hardwareName", r.method, COUNT(*) AS "runCount", COUNT(CASE WHEN r."oom" = TRUE THEN 1 END) AS "oomCount",
      COUNT(r."throughputSamplesPerSec") AS samples, COUNT(r."throughputTokensPerSec") AS tokens
    FROM "Run" r ${indexedBy("Run_compare_throughput_idx")} JOIN "Hardware" h ON h.id = r."hardwareId"
    WHERE ${where} GROUP BY r."hardwareId", r.method`);
  if (groups.length === 0) return [];

  const perGroup = groups.map((g, i) => {
    const inGroup = Prisma.sql`r."hardwareId" = ${g.hardwareId} AND r.method = ${g.method}`;
    // A reported rate implies REPORTS_THROUGHPUT, so the median arms leave it out and stay within their index.
    const samples = Prisma.sql`SELECT r."throughputSamplesPerSec" AS v FROM "Run" r ${indexedBy("Run_compare_throughput_idx")} WHERE ${inGroup} AND ${filtered} AND r."throughputSamplesPerSec" IS NOT NULL`;
    const tokens = Prisma.sql`SELECT r."throughputTokensPerSec" AS v FROM "Run" r ${indexedBy("Run_compare_tokens_idx")} WHERE ${inGroup} AND ${filtered} AND r."throughputTokensPerSec" IS NOT NULL`;
    const ids = Prisma.sql`SELECT r.id FROM "Run" r ${indexedBy("Run_compare_throughput_idx")} WHERE ${inGroup} AND ${where} LIMIT ${MAX_GROUP_RUN_IDS}`;
    return Prisma.sql`SELECT ${i} AS i, ${positionalMedianSql([samples], toNumber(g.samples))} AS "samplesPerSec", ${positionalMedianSql([tokens], toNumber(g.tokens))} AS "tokensPerSec",
      (SELECT ${groupConcat(Prisma.sql`id`, ",")} FROM (${ids}) AS ids) AS "runIds"`;
  });
  const values = await readRows<ValueRow>(Prisma.join(perGroup, " UNION ALL "));
  const byGroup = new Map(values.map((v) => [toNumber(v.i), v]));
  return groups.map((g, i) => ({ ...g, samplesPerSec: byGroup.get(i)?.samplesPerSec ?? null, tokensPerSec: byGroup.get(i)?.tokensPerSec ?? null, runIds: byGroup.get(i)?.runIds ?? null }));
}

/**
 * PostgreSQL: one GROUP BY, each group's values and ids sorted within it. SQLite's shape (a statement arm per group,
 * read by position from an index) made PostgreSQL plan and sort every group apart: 2.2 s at 100,000 runs.
 */
async function readPostgresGroups(filters: CompareFilters): Promise<ThroughputRow[]> {
  const where = Prisma.sql`${compareWhereSql(filters)} AND ${REPORTS_THROUGHPUT}`;
  // The GPU's name is joined to the groups, not to every run: the rows sorted into groups stay narrow.
  return readRows<ThroughputRow>(Prisma.sql`
    SELECT g."hardwareId", h.name AS "hardwareName", g.method, g."runCount", g."oomCount",
      ${sortedArrayMedianSql(Prisma.sql`g.samples`)} AS "samplesPerSec", ${sortedArrayMedianSql(Prisma.sql`g.tokens`)} AS "tokensPerSec", g."runIds"
    FROM (
      SELECT r."hardwareId", r.method, COUNT(*) AS "runCount", COUNT(CASE WHEN r."oom" = TRUE THEN 1 END) AS "oomCount",
        ${sortedValuesSql(Prisma.sql`r."throughputSamplesPerSec"`)} AS samples, ${sortedValuesSql(Prisma.sql`r."throughputTokensPerSec"`)} AS tokens,
        ${firstIdsSql(THROUGHPUT_INDEX_ORDER)} AS "runIds"
      FROM "Run" r WHERE ${where} GROUP BY r."hardwareId", r.method
    ) AS g JOIN "Hardware" h ON h.id = g."hardwareId"`);
}
