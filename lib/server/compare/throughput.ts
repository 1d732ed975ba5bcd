import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { METHODS, type Method } from "@/lib/schemas/run";
import type { CompareFilters, ThroughputResponse } from "@/lib/schemas/compare";
import { groupConcat, indexedBy, isPostgres } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { MAX_GROUP_RUN_IDS, settleCompareFilters, compareWhereSql, positionalMedianSql, toNumber, toNumberOrNull } from "./sql";

// Runs that say something about throughput: a measured rate, or that the configuration ran out of memory
// (an OOM is a result, counted apart, never a rate of 0). Runs without a catalogued GPU have no group.
const REPORTS_THROUGHPUT = Prisma.sql`r."hardwareId" IS NOT NULL AND (r."oom" = TRUE OR r."throughputSamplesPerSec" IS NOT NULL OR r."throughputTokensPerSec" IS NOT NULL)`;

// SQLite lists a group's run ids in the order of Run_compare_throughput_idx (NULLs first, text bytewise, then rowid);
// PostgreSQL, which may read them in any order, is told that order so that both list the same first ids.
const THROUGHPUT_INDEX_ORDER = Prisma.sql`ORDER BY r."throughputSamplesPerSec" NULLS FIRST, r."throughputTokensPerSec" NULLS FIRST, r."oom", r."modelId" COLLATE "C" NULLS FIRST,
  r."modelName" COLLATE "C", r."sourceId" COLLATE "C" NULLS FIRST, r."status" COLLATE "C", r."rank" NULLS FIRST, r.id COLLATE "C", r."deletedAt" NULLS FIRST, r."rowid"`;

type GroupRow = { hardwareId: string; hardwareName: string; method: string; runCount: unknown; oomCount: unknown; samples: unknown; tokens: unknown };
type ValueRow = { i: unknown; samplesPerSec: unknown; tokensPerSec: unknown; runIds: string | null };

/**
 * Hardware × method groups with run and OOM counts and median samples/s and tokens/s. Counting is one pass in
 * the (hardwareId, method) order of Run_compare_throughput_idx; each median is then read by position from that
 * index (or Run_compare_tokens_idx), so nothing is sorted and no run row is loaded.
 */
export async function getThroughputByHardware(filters: CompareFilters): Promise<ThroughputResponse> {
  await settleCompareFilters(filters);
  const filtered = compareWhereSql(filters);
  const where = Prisma.sql`${filtered} AND ${REPORTS_THROUGHPUT}`;
  // MIN(h.name): one name per GPU, and PostgreSQL allows in the select list only what is grouped or aggregated.
  const groups = await readRows<GroupRow>(Prisma.sql`
    SELECT r."hardwareId", MIN(h.name) AS "hardwareName", r.method, COUNT(*) AS "runCount", COUNT(CASE WHEN r."oom" = TRUE THEN 1 END) AS "oomCount",
      COUNT(r."throughputSamplesPerSec") AS samples, COUNT(r."throughputTokensPerSec") AS tokens
    FROM "Run" r ${indexedBy("Run_compare_throughput_idx")} JOIN "Hardware" h ON h.id = r."hardwareId"
    WHERE ${where} GROUP BY r."hardwareId", r.method`);
  if (groups.length === 0) return { groups: [] };

  const perGroup = groups.map((g, i) => {
    const inGroup = Prisma.sql`r."hardwareId" = ${g.hardwareId} AND r.method = ${g.method}`;
    // A reported rate implies REPORTS_THROUGHPUT, so the median arms leave it out and stay within their index.
    const samples = Prisma.sql`SELECT r."throughputSamplesPerSec" AS v FROM "Run" r ${indexedBy("Run_compare_throughput_idx")} WHERE ${inGroup} AND ${filtered} AND r."throughputSamplesPerSec" IS NOT NULL`;
    const tokens = Prisma.sql`SELECT r."throughputTokensPerSec" AS v FROM "Run" r ${indexedBy("Run_compare_tokens_idx")} WHERE ${inGroup} AND ${filtered} AND r."throughputTokensPerSec" IS NOT NULL`;
    const ids = Prisma.sql`SELECT r.id FROM "Run" r ${indexedBy("Run_compare_throughput_idx")} WHERE ${inGroup} AND ${where} ${isPostgres ? THROUGHPUT_INDEX_ORDER : Prisma.empty} LIMIT ${MAX_GROUP_RUN_IDS}`;
    return Prisma.sql`SELECT ${i} AS i, ${positionalMedianSql([samples], toNumber(g.samples))} AS "samplesPerSec", ${positionalMedianSql([tokens], toNumber(g.tokens))} AS "tokensPerSec",
      (SELECT ${groupConcat(Prisma.sql`id`, ",")} FROM (${ids}) AS ids) AS "runIds"`;
  });
  const values = await readRows<ValueRow>(Prisma.join(perGroup, " UNION ALL "));
  const byGroup = new Map(values.map((v) => [toNumber(v.i), v]));
  return {
    groups: groups
      .map((g, i) => ({
        hardwareId: g.hardwareId,
        hardwareName: g.hardwareName,
        method: g.method as Method,
        runCount: toNumber(g.runCount),
        oomCount: toNumber(g.oomCount),
        samplesPerSec: toNumberOrNull(byGroup.get(i)?.samplesPerSec),
        tokensPerSec: toNumberOrNull(byGroup.get(i)?.tokensPerSec),
        runIds: byGroup.get(i)?.runIds?.split(",") ?? [],
      }))
      .sort((a, b) => a.hardwareName.localeCompare(b.hardwareName) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method)),
  };
}
