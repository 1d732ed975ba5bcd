import "server-only";
import type { z } from "zod";
import { pairMemoryWithQuality } from "@/lib/compare/pairing";
import { paretoFrontier } from "@/lib/compare/pareto";
import { evenlySpread } from "@/lib/compare/sample";
import { Prisma } from "@/lib/generated/prisma/client";
import { GPU_CAPACITY_LINES, type QualityMemoryResponse, type ValueRange, type qualityMemoryQuerySchema } from "@/lib/schemas/compare";
import { METHOD_LABELS, type Method } from "@/lib/schemas/run";
import { indexedBy, isPostgres, orderBytewise } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { MEMORY_RANGE_SQL, aggregateGroups } from "@/lib/server/runs/group-runs";
import { loadRunCells, originOf } from "./provenance";
import { settleCompareFilters, compareWhereSql, evenSampleSql, rowMemoryRange, toNumber, toNumberOrNull } from "./sql";

type QualityMemoryQuery = z.output<typeof qualityMemoryQuerySchema>;
type Metric = QualityMemoryQuery["metric"];
type Point = QualityMemoryResponse["points"][number];
type Group = NonNullable<QualityMemoryResponse["groups"]>[number];

/** Most points one answer carries: every frontier point plus an even sample of the others up to this. */
export const MAX_QUALITY_MEMORY_POINTS = 2000;
/** Frontier pairs per statement: two bind values each, well within SQLite's 32,766 with the filters' own values. */
const FRONTIER_PAIRS_PER_STATEMENT = 10_000;

// Each metric has a covering index that leads with it (prisma/schema.prisma), so grouping by quality needs no sort.
const METRIC: Record<Metric, { column: Prisma.Sql; index: string }> = {
  mtBench: { column: Prisma.sql`r."mtBench"`, index: "Run_compare_mtbench_idx" },
  mmlu: { column: Prisma.sql`r."mmlu"`, index: "Run_compare_mmlu_idx" },
};

// A point's position on the memory axis: the stated value, else the lower end of a range or bound ("84GB+" →
// 84). That is the optimistic end, so a point drawn from a range is never put off the frontier by its width.
const MEMORY_AXIS_SQL = Prisma.sql`COALESCE(r."peakMemoryGb", r."peakMemoryGbMin")`;
const memoryAxis = (range: ValueRange) => range.value ?? range.min;

type DirectRow = {
  id: string; name: string; method: string; modelName: string; rank: unknown; sourceId: string | null; sourceTitle: string | null;
  sourceKind: string | null; isEstimate: unknown; peakMemoryGb: unknown; peakMemoryGbMin: unknown; peakMemoryGbMax: unknown; quality: unknown;
};
type DirectPoint = DirectRow & { memoryGb: ValueRange; qualityValue: number; onFrontier: boolean };

/**
 * Runs that report both peak memory and the metric (and did not run out of memory), read through the metric's
 * covering index. Pass 1 groups them by quality and keeps the least memory per quality value: walking
 * quality downwards, a value is on the frontier when its least memory is below that of every higher quality.
 * Pass 2 loads the runs at those (quality, memory) pairs plus an even sample by rowid of the others (in the
 * order they were logged), so no more than about MAX_QUALITY_MEMORY_POINTS rows are ever loaded.
 */
async function loadDirectPoints(query: QualityMemoryQuery): Promise<{ points: DirectPoint[]; total: number }> {
  const { column: quality, index } = METRIC[query.metric];
  const where = Prisma.sql`${compareWhereSql(query)} AND r."oom" = FALSE AND ${quality} IS NOT NULL AND ${MEMORY_AXIS_SQL} IS NOT NULL`;
  const levels = await readRows<{ quality: unknown; memoryGb: unknown; runs: unknown }>(Prisma.sql`
    SELECT ${quality} AS quality, MIN(${MEMORY_AXIS_SQL}) AS "memoryGb", COUNT(*) AS runs
    FROM "Run" r ${indexedBy(index)} WHERE ${where} GROUP BY ${quality}`);
  const frontier: [number, number][] = [];
  let total = 0;
  let leastAbove = Infinity; // least memory among strictly higher quality values
  for (const level of [...levels].sort((a, b) => toNumber(b.quality) - toNumber(a.quality))) {
    total += toNumber(level.runs);
    if (toNumber(level.memoryGb) < leastAbove) frontier.push([toNumber(level.quality), toNumber(level.memoryGb)]);
    leastAbove = Math.min(leastAbove, toNumber(level.memoryGb));
  }
  if (total === 0) return { points: [], total };

  const budget = Math.max(MAX_QUALITY_MEMORY_POINTS - frontier.length, 0);
  // In the order the runs were logged (rowid), which decides the points the even spread below keeps on both engines.
  const load = (picks: Prisma.Sql) => readRows<DirectRow>(Prisma.sql`
    WITH picked AS MATERIALIZED (SELECT r.rowid AS k FROM "Run" r ${indexedBy(index)} WHERE ${where} AND ${picks})
    SELECT r.id, r.name, r.method, r."modelName", r."rank", r."sourceId", s.title AS "sourceTitle", s.kind AS "sourceKind", r."isEstimate",
      r."peakMemoryGb", r."peakMemoryGbMin", r."peakMemoryGbMax", ${quality} AS quality
    FROM picked JOIN "Run" r ON r.rowid = picked.k LEFT JOIN "Source" s ON s.id = r."sourceId" ORDER BY picked.k`);
  // The frontier's (quality, memory) pairs are two bind values each and the frontier has no bound of its own (runs
  // logged with rising quality and memory are all on it), so it is read in slices that keep every statement within
  // SQLite's bind limit; a run both on the frontier and in the sample comes back once.
  // PostgreSQL types the VALUES list from its parameters, so they are said to be the columns' DOUBLE PRECISION.
  const pair = ([q, m]: [number, number]) => (isPostgres ? Prisma.sql`(CAST(${q} AS DOUBLE PRECISION), CAST(${m} AS DOUBLE PRECISION))` : Prisma.sql`(${q}, ${m})`);
  const onFrontier = (pairs: [number, number][]) => Prisma.sql`(${quality}, ${MEMORY_AXIS_SQL}) IN (VALUES ${Prisma.join(pairs.map(pair))})`;
  const slices = Array.from({ length: Math.ceil(frontier.length / FRONTIER_PAIRS_PER_STATEMENT) }, (_, i) => frontier.slice(i * FRONTIER_PAIRS_PER_STATEMENT, (i + 1) * FRONTIER_PAIRS_PER_STATEMENT));
  const rows =
    slices.length === 1
      ? await load(Prisma.sql`(${onFrontier(slices[0]!)} OR ${evenSampleSql(budget, total)})`)
      : [...new Map([...(await Promise.all(slices.map((slice) => load(onFrontier(slice))))).flat(), ...(await load(evenSampleSql(budget, total)))].map((row) => [row.id, row])).values()];

  const frontierMemory = new Map(frontier); // quality → least memory; each quality is on the frontier at most once
  const points = rows.map((row): DirectPoint => {
    const memoryGb = rowMemoryRange(row)!; // the WHERE clause keeps only runs that state memory
    const qualityValue = toNumber(row.quality);
    return { ...row, memoryGb, qualityValue, onFrontier: frontierMemory.get(qualityValue) === memoryAxis(memoryGb) };
  });
  return { points: [...points.filter((p) => p.onFrontier), ...evenlySpread(points.filter((p) => !p.onFrontier), budget)], total };
}

const byMemoryThenId = (a: { memoryGb: ValueRange; id: string }, b: { memoryGb: ValueRange; id: string }) =>
  memoryAxis(a.memoryGb) - memoryAxis(b.memoryGb) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type SourcedRow = Omit<DirectRow, "sourceId"> & { sourceId: string; modelId: string };

/** Memory-only and metric-only runs of sources, paired per configuration (lib/compare/pairing.ts). */
async function loadPairedRuns(query: QualityMemoryQuery) {
  const { column: quality } = METRIC[query.metric];
  const rows = await readRows<SourcedRow>(Prisma.sql`
    SELECT r.id, r.name, r.method, r."modelId", r."modelName", r."rank", r."sourceId", s.title AS "sourceTitle", s.kind AS "sourceKind", r."isEstimate",
      r."peakMemoryGb", r."peakMemoryGbMin", r."peakMemoryGbMax", ${quality} AS quality
    FROM "Run" r ${indexedBy("Run_compare_memory_idx")} JOIN "Source" s ON s.id = r."sourceId"
    WHERE ${compareWhereSql(query)} AND r."sourceId" IS NOT NULL AND r."modelId" IS NOT NULL AND r."oom" = FALSE
      AND ((${quality} IS NULL AND ${MEMORY_AXIS_SQL} IS NOT NULL) OR (${quality} IS NOT NULL AND ${MEMORY_AXIS_SQL} IS NULL))
    ORDER BY ${orderBytewise(Prisma.sql`r.id`)}`);
  return pairMemoryWithQuality(rows.map((row) => ({ ...row, rank: toNumberOrNull(row.rank), memoryGb: rowMemoryRange(row), quality: toNumberOrNull(row.quality) })));
}

/**
 * The runs the direct points are drawn from (memory and the metric, not OOM), grouped over all of them rather
 * than the sample: memory from measured points only (a range or bound is counted apart), quality as logged.
 * Paired source rows (memory and quality from different tables) are not runs of one configuration, so not grouped.
 */
async function loadGroups(query: QualityMemoryQuery & { groupBy: string[] }): Promise<{ groups: Group[]; totalGroups: number }> {
  const { column: quality } = METRIC[query.metric];
  const result = await aggregateGroups({
    by: query.groupBy,
    where: Prisma.sql`${compareWhereSql(query)} AND r."oom" = FALSE AND ${quality} IS NOT NULL AND ${MEMORY_AXIS_SQL} IS NOT NULL`,
    measures: { x: Prisma.sql`r."peakMemoryGb"`, y: quality },
    counts: { memoryRange: MEMORY_RANGE_SQL },
  });
  return {
    groups: result.groups.map(({ key, label, keyLabels, count, runIds, stats, counts }) => ({ key, label, keyLabels, count, runIds, memoryRangeCount: counts.memoryRange, x: stats.x, y: stats.y })),
    totalGroups: result.totalGroups,
  };
}

/**
 * Quality (MT-Bench or MMLU) against peak memory per GPU (GB), with the Pareto frontier over every matching point
 * (least memory, most quality) and the GPU capacities as reference lines.
 */
export async function getQualityMemory(query: QualityMemoryQuery): Promise<QualityMemoryResponse> {
  await settleCompareFilters(query);
  const { groupBy } = query;
  const [direct, pairs, grouped] = await Promise.all([loadDirectPoints(query), loadPairedRuns(query), groupBy ? loadGroups({ ...query, groupBy }) : null]);
  const sourcedIds = [
    ...direct.points.filter((point) => point.sourceId !== null).map((point) => point.id),
    ...pairs.flatMap((pair) => [pair.memoryRun.id, ...pair.qualityRuns.map((run) => run.id)]),
  ];
  const cells = await loadRunCells(sourcedIds);

  const points: (Point & { onSqlFrontier: boolean })[] = [];
  for (const row of direct.points) {
    points.push({
      id: row.id,
      label: row.name,
      method: row.method as Method,
      modelName: row.modelName,
      rank: toNumberOrNull(row.rank),
      origin: originOf(row.sourceKind, row.isEstimate),
      memoryGb: row.memoryGb,
      quality: row.qualityValue,
      isParetoOptimal: false,
      provenance: [{ runId: row.id, runName: row.name, sourceId: row.sourceId, sourceTitle: row.sourceTitle, cells: cells.get(row.id) ?? [] }],
      onSqlFrontier: row.onFrontier,
    });
  }
  for (const { memoryRun, qualityRuns, quality } of pairs) {
    const runs = [memoryRun, ...qualityRuns];
    const rank = memoryRun.rank ?? qualityRuns[0]!.rank;
    points.push({
      id: runs.map((run) => run.id).join("+"),
      label: `${METHOD_LABELS[memoryRun.method as Method]}${rank !== null ? ` r=${rank}` : ""} · ${memoryRun.modelName}`,
      method: memoryRun.method as Method,
      modelName: memoryRun.modelName,
      rank,
      origin: originOf(memoryRun.sourceKind, memoryRun.isEstimate),
      memoryGb: memoryRun.memoryGb!,
      quality,
      isParetoOptimal: false,
      provenance: runs.map((run) => ({ runId: run.id, runName: run.name, sourceId: run.sourceId, sourceTitle: run.sourceTitle, cells: cells.get(run.id) ?? [] })),
      onSqlFrontier: true,
    });
  }
  // A direct point off the SQL frontier is dominated by a direct point, so only the others can be on the overall one.
  const frontier = paretoFrontier(points.filter((p) => p.onSqlFrontier).map((p) => ({ id: p.id, memoryGb: memoryAxis(p.memoryGb), quality: p.quality })));
  const onFrontier = new Set(frontier);
  return {
    metric: query.metric,
    points: points
      .map(({ onSqlFrontier: _f, ...point }) => ({ ...point, isParetoOptimal: onFrontier.has(point.id) }))
      .sort(byMemoryThenId),
    frontier,
    totalMatching: direct.total + pairs.length,
    gpuLines: GPU_CAPACITY_LINES.map((line) => ({ ...line })),
    ...(grouped ?? {}),
  };
}
