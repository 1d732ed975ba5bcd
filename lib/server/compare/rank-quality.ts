import "server-only";
import type { z } from "zod";
import { evenlySpread } from "@/lib/compare/sample";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RankQualityResponse, rankQualityQuerySchema } from "@/lib/schemas/compare";
import type { Method } from "@/lib/schemas/run";
import { indexedBy, orderBytewise } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { aggregateGroups } from "@/lib/server/runs/group-runs";
import { settleCompareFilters, compareWhereSql, evenSampleSql, toNumber, toNumberOrNull } from "./sql";

/** Most points one answer carries: every source's point plus an even sample of logged runs up to this. */
export const MAX_RANK_QUALITY_POINTS = 2000;

type PointRow = { id: string; name: string; method: string; modelName: string; rank: unknown; mmlu: unknown; mtBench: unknown; trainableParams: unknown; sourceId: string | null; modelId: string | null; sourceTitle: string | null };

type RankQualityQuery = z.output<typeof rankQualityQuerySchema>;

/** Every matching run (not the sample) grouped: rank, MMLU and MT-Bench statistics per group. */
async function loadGroups(where: Prisma.Sql, by: string[]): Promise<Pick<RankQualityResponse, "groups" | "totalGroups">> {
  const result = await aggregateGroups({ by, where, measures: { x: Prisma.sql`r."rank"`, mmlu: Prisma.sql`r."mmlu"`, mtBench: Prisma.sql`r."mtBench"` } });
  return {
    groups: result.groups.map(({ key, label, keyLabels, count, runIds, stats }) => ({ key, label, keyLabels, count, runIds, x: stats.x, mmlu: stats.mmlu, mtBench: stats.mtBench })),
    totalGroups: result.totalGroups,
  };
}

/**
 * LoRA and QLoRA runs that state a rank and MMLU or MT-Bench. Sources' runs all come back; logged runs are
 * thinned to an even sample by rowid when there are more than fit, counted and picked through the covering
 * Run_compare_mtbench_idx.
 */
export async function getRankQuality(query: RankQualityQuery): Promise<RankQualityResponse> {
  const { groupBy, ...filters } = query;
  await settleCompareFilters(filters);
  const where = Prisma.sql`${compareWhereSql(filters)} AND r.method IN ('lora', 'qlora') AND r."rank" IS NOT NULL AND (r."mmlu" IS NOT NULL OR r."mtBench" IS NOT NULL)`;
  const [[counts], grouped] = await Promise.all([
    readRows<{ sourced: unknown; logged: unknown }>(Prisma.sql`
      SELECT COUNT(r."sourceId") AS sourced, COUNT(*) - COUNT(r."sourceId") AS logged FROM "Run" r ${indexedBy("Run_compare_mtbench_idx")} WHERE ${where}`),
    groupBy ? loadGroups(where, groupBy) : null,
  ]);
  const budget = Math.max(MAX_RANK_QUALITY_POINTS - toNumber(counts?.sourced), 0);
  // In the order the runs were logged (rowid), which decides the points the even spread below keeps on both engines.
  const rows = await readRows<PointRow>(Prisma.sql`
    WITH picked AS MATERIALIZED (
      SELECT r.rowid AS k FROM "Run" r ${indexedBy("Run_compare_mtbench_idx")}
      WHERE ${where} AND (r."sourceId" IS NOT NULL OR ${evenSampleSql(budget, toNumber(counts?.logged))})
    )
    SELECT r.id, r.name, r.method, r."modelName", r."rank", r."mmlu", r."mtBench", r."trainableParams", r."sourceId", r."modelId", s.title AS "sourceTitle"
    FROM picked JOIN "Run" r ON r.rowid = picked.k LEFT JOIN "Source" s ON s.id = r."sourceId" ORDER BY picked.k`);
  // The sample by rowid can overshoot its budget slightly.
  const points = [...rows.filter((row) => row.sourceId !== null), ...evenlySpread(rows.filter((row) => row.sourceId === null), budget)]
    .map((row) => ({
      runId: row.id,
      label: row.name,
      method: row.method as Method,
      modelName: row.modelName,
      rank: toNumber(row.rank),
      mmlu: toNumberOrNull(row.mmlu),
      mtBench: toNumberOrNull(row.mtBench),
      trainableParams: toNumberOrNull(row.trainableParams),
      sourceTitle: row.sourceTitle,
    }))
    .sort((a, b) => a.rank - b.rank || (a.runId < b.runId ? -1 : 1));

  // Full fine-tuning levels: full runs of the sources and models the points come from, under the same filters
  // except method and rank (they are the reference the adapters are compared with).
  const sourced = rows.filter((row) => row.sourceId !== null && row.modelId !== null);
  const fullRuns = sourced.length
    ? await readRows<{ id: string; name: string; sourceId: string; modelId: string; mmlu: unknown; mtBench: unknown; trainableParams: unknown }>(Prisma.sql`
        SELECT r.id, r.name, r."sourceId", r."modelId", r."mmlu", r."mtBench", r."trainableParams" FROM "Run" r ${indexedBy("Run_compare_memory_idx")}
        WHERE ${compareWhereSql({ ...filters, method: undefined, rankMin: undefined, rankMax: undefined })}
          AND r."sourceId" IN (${Prisma.join([...new Set(sourced.map((row) => row.sourceId))])}) AND r.method = 'full'
          AND (r."mmlu" IS NOT NULL OR r."mtBench" IS NOT NULL)
        ORDER BY ${orderBytewise(Prisma.sql`r.id`)}`)
    : [];
  const pairs = new Set(sourced.map((row) => `${row.sourceId} ${row.modelId}`));
  return {
    points,
    fullFineTuning: fullRuns
      .filter((run) => pairs.has(`${run.sourceId} ${run.modelId}`))
      .map((run) => ({ runId: run.id, label: run.name, mmlu: toNumberOrNull(run.mmlu), mtBench: toNumberOrNull(run.mtBench), trainableParams: toNumberOrNull(run.trainableParams) })),
    ...(grouped ?? {}),
  };
}
