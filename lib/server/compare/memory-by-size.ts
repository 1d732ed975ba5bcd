import "server-only";
import { findDisagreements } from "@/lib/claims";
import { pointRange, sameRange } from "@/lib/compare/ranges";
import { median } from "@/lib/compare/stats";
import { modelSizeClass, type SizeClass } from "@/lib/compare/size-class";
import { Prisma } from "@/lib/generated/prisma/client";
import { GPU_CAPACITY_LINES, type CompareFilters, type MemoryBySizeResponse } from "@/lib/schemas/compare";
import { METHODS, type Method } from "@/lib/schemas/run";
import { groupConcat, indexedBy, isPostgres, orderBytewise } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { loadRunCells } from "./provenance";
import {
  MAX_GROUP_RUN_IDS, settleCompareFilters, compareWhereSql, consecutiveRanges, firstIdsSql, inRangesSql, positionalMedianSql, queryUnionAll, rowMemoryRange, sortedValuesSql, toNumber,
  toNumberOrNull,
} from "./sql";

type Claim = MemoryBySizeResponse["groups"][number]["claims"][number];
type ClaimGroups = Map<string, { size: SizeClass; method: Method; claims: Claim[] }>;

export const LOGGED_RUNS_TITLE = "Logged runs";
const CELL_SEPARATOR = " | ";
const MAX_MERGED_SIZES = 8;

function addClaim(groups: ClaimGroups, size: SizeClass, method: string, claim: Claim): Claim[] {
  const key = `${size.label} ${method}`;
  const group = groups.get(key) ?? { size, method: method as Method, claims: [] };
  groups.set(key, group);
  group.claims.push(claim);
  return group.claims;
}

type SourcedRow = {
  id: string; sourceId: string; sourceTitle: string; sourceKind: string; isEstimate: unknown; method: string; modelParams: unknown;
  peakMemoryGb: unknown; peakMemoryGbMin: unknown; peakMemoryGbMax: unknown;
};

function evidenceOf(row: SourcedRow): Claim["evidence"] {
  if (toNumber(row.isEstimate) === 1) return "estimate";
  return row.sourceKind === "measurement" || row.sourceKind === "user" ? "measured" : "claim";
}

/** Each source's distinct memory values per size class × method: runs of one source giving the same value are one claim. */
async function loadSourceClaims(filters: CompareFilters, groups: ClaimGroups): Promise<void> {
  const rows = await readRows<SourcedRow>(Prisma.sql`
    SELECT r.id, r."sourceId", s.title AS "sourceTitle", s.kind AS "sourceKind", r."isEstimate", r.method, r."modelParams", r."peakMemoryGb", r."peakMemoryGbMin", r."peakMemoryGbMax"
    FROM "Run" r ${indexedBy("Run_compare_memory_idx")} JOIN "Source" s ON s.id = r."sourceId"
    WHERE ${compareWhereSql(filters)} AND r."sourceId" IS NOT NULL AND r."oom" = FALSE AND r."modelParams" IS NOT NULL
      AND COALESCE(r."peakMemoryGb", r."peakMemoryGbMin") IS NOT NULL
      -- The chart is per GPU: a figure summed over several GPUs (Qwen's multi-GPU table) is not one GPU's peak.
      AND NOT (COALESCE(r."peakMemoryScope", 'per-gpu') = 'total' AND COALESCE(r."gpuCount", 1) > 1)
    ORDER BY ${orderBytewise(Prisma.sql`r.id`)}`);
  const cells = await loadRunCells(rows.map((row) => row.id));
  const seen = new Map<string, Claim>(); // source, size, method and value → its claim
  for (const row of rows) {
    const size = modelSizeClass(toNumber(row.modelParams));
    const memoryGb = rowMemoryRange(row)!;
    const texts = (cells.get(row.id) ?? []).filter((cell) => cell.field === "peakMemoryGb").map((cell) => cell.text);
    const key = JSON.stringify([row.sourceId, size.label, row.method, memoryGb]);
    const same = seen.get(key);
    if (same && sameRange(same.memoryGb, memoryGb)) {
      same.runIds.push(row.id);
      same.cellText = [...new Set([...(same.cellText?.split(CELL_SEPARATOR) ?? []), ...texts])].join(CELL_SEPARATOR) || null;
      continue;
    }
    const claim: Claim = { sourceId: row.sourceId, sourceTitle: row.sourceTitle, evidence: evidenceOf(row), memoryGb, runIds: [row.id], cellText: texts.join(CELL_SEPARATOR) || null };
    seen.set(key, claim);
    addClaim(groups, size, row.method, claim);
  }
}

// SQLite lists a class's run ids in the order of Run_compare_memory_idx past (sourceId, method): NULLs first, text
// bytewise. PostgreSQL, which may read them in any order, is told that order so both list the same ids. It ends at
// the id, which is unique (the index's later columns never decide), so PostgreSQL can answer from that index alone.
const MEMORY_INDEX_ORDER = Prisma.sql`r."modelParams", r."peakMemoryGb", r."oom", r."hardwareId" COLLATE "C" NULLS FIRST, r."modelId" COLLATE "C" NULLS FIRST,
  r."modelName" COLLATE "C", r."status" COLLATE "C", r."rank" NULLS FIRST, r.id COLLATE "C"`;

/**
 * Runs logged by users, one claim per size class × method: the median of their measured peaks (a range or a
 * bound has no single value to rank and is left out). Counted per model size (in the order of Run_compare_memory_idx
 * on SQLite), then each class's median and first MAX_GROUP_RUN_IDS ids in MEMORY_INDEX_ORDER, in each engine's shape.
 */
async function loadLoggedClaims(filters: CompareFilters, groups: ClaimGroups): Promise<void> {
  const where = Prisma.sql`${compareWhereSql(filters)} AND r."sourceId" IS NULL AND r."oom" = FALSE AND r."peakMemoryGb" IS NOT NULL AND r."modelParams" IS NOT NULL`;
  if (isPostgres) return loadPostgresLoggedClaims(where, groups);
  const counts = await readRows<{ method: string; modelParams: unknown; runs: unknown }>(Prisma.sql`
    SELECT r.method, r."modelParams", COUNT(*) AS runs FROM "Run" r ${indexedBy("Run_compare_memory_idx")}
    WHERE ${where} GROUP BY r.method, r."modelParams"`);
  const classes = new Map<string, ClassEntry>();
  for (const row of counts) {
    const params = toNumber(row.modelParams);
    const size = modelSizeClass(params);
    const entry = classes.get(`${size.label} ${row.method}`) ?? { size, method: row.method, params: [], runs: 0 };
    entry.params.push(params);
    entry.runs += toNumber(row.runs);
    classes.set(`${size.label} ${row.method}`, entry);
  }
  if (classes.size === 0) return;

  const entries = [...classes.values()];
  const rangesByClass = new Map<string, [number, number][]>();
  for (const method of new Set(entries.map((entry) => entry.method))) {
    const sizes = entries.filter((entry) => entry.method === method).flatMap((entry) => entry.params).sort((a, b) => a - b);
    for (const [label, ranges] of consecutiveRanges(sizes, (params) => modelSizeClass(params).label)) rangesByClass.set(`${label} ${method}`, ranges);
  }
  const values = await readSqliteClasses(where, entries, rangesByClass);
  for (const value of values) {
    const { size, method } = entries[toNumber(value.i)]!;
    const median = toNumberOrNull(value.median);
    if (median === null) continue;
    addClaim(groups, size, method, { sourceId: null, sourceTitle: LOGGED_RUNS_TITLE, evidence: "logged", memoryGb: pointRange(median), runIds: value.runIds?.split(",") ?? [], cellText: null });
  }
}

type ClassEntry = { size: SizeClass; method: string; params: number[]; runs: number };
type ClassValue = { i: unknown; median: unknown; runIds: string | null };

/** Each class's median read by position, merging its models' index ranges, and its ids in index order. */
async function readSqliteClasses(where: Prisma.Sql, entries: ClassEntry[], rangesByClass: Map<string, [number, number][]>): Promise<ClassValue[]> {
  const perClass = entries.map(({ size, method, params, runs }, i) => {
    const arm = (sizes: Prisma.Sql) => Prisma.sql`SELECT r."peakMemoryGb" AS v FROM "Run" r ${indexedBy("Run_compare_memory_idx")} WHERE ${where} AND r.method = ${method} AND ${sizes}`;
    // One index range per model size, merged in order; a class of many sizes is read as ranges of sizes and sorted
    // instead (never one bind value per size: users may log thousands of sizes in one class).
    const inClass = inRangesSql(Prisma.sql`r."modelParams"`, rangesByClass.get(`${size.label} ${method}`) ?? []);
    const arms = params.length <= MAX_MERGED_SIZES ? params.map((p) => arm(Prisma.sql`r."modelParams" = ${p}`)) : [arm(inClass)];
    const ids = Prisma.sql`SELECT r.id FROM "Run" r ${indexedBy("Run_compare_memory_idx")} WHERE ${where} AND r.method = ${method} AND ${inClass} LIMIT ${MAX_GROUP_RUN_IDS}`;
    return Prisma.sql`SELECT ${i} AS i, ${positionalMedianSql(arms, runs)} AS median, (SELECT ${groupConcat(Prisma.sql`id`, ",")} FROM (${ids}) AS ids) AS "runIds"`;
  });
  return queryUnionAll<ClassValue>(perClass);
}

/**
 * PostgreSQL: one GROUP BY per model size, in the order of Run_compare_memory_idx (so PostgreSQL can read that index
 * alone and sort nothing but each size's own runs), with each size's peaks sorted and its first ids; sizes are merged
 * into classes here. A GROUP BY of each run's class in SQL made PostgreSQL read every run's row and sort them all.
 * The constant "sourceId" (NULL) leads the keys because PostgreSQL does not take `IS NULL` as fixing a column, and
 * so sees the index's order only when the keys begin as it does.
 */
async function loadPostgresLoggedClaims(where: Prisma.Sql, groups: ClaimGroups): Promise<void> {
  const sizes = await readRows<{ method: string; modelParams: unknown; peaks: string; runIds: string }>(Prisma.sql`
    SELECT r.method, r."modelParams", array_to_string(${sortedValuesSql(Prisma.sql`r."peakMemoryGb"`)}, ',') AS peaks, ${firstIdsSql(MEMORY_INDEX_ORDER)} AS "runIds"
    FROM "Run" r WHERE ${where} GROUP BY r."sourceId", r.method, r."modelParams" ORDER BY r."sourceId", r.method, r."modelParams"`);
  const classes = new Map<string, { size: SizeClass; method: string; peaks: number[]; runIds: string[] }>();
  for (const row of sizes) {
    const size = modelSizeClass(toNumber(row.modelParams));
    const entry = classes.get(`${size.label} ${row.method}`) ?? { size, method: row.method, peaks: [], runIds: [] };
    classes.set(`${size.label} ${row.method}`, entry);
    // PostgreSQL writes a double as the shortest text that reads back as the same double.
    entry.peaks = entry.peaks.concat(row.peaks.split(",").map(Number));
    // Sizes come in ascending order, the first key of MEMORY_INDEX_ORDER: the class's first ids are the sizes' in turn.
    if (entry.runIds.length < MAX_GROUP_RUN_IDS) entry.runIds = entry.runIds.concat(row.runIds.split(",")).slice(0, MAX_GROUP_RUN_IDS);
  }
  for (const { size, method, peaks, runIds } of classes.values()) {
    // The middle value, or the two middle ones summed and halved: SQLite's AVG over them, the same double.
    const middle = median(peaks);
    if (middle === null) continue;
    addClaim(groups, size, method, { sourceId: null, sourceTitle: LOGGED_RUNS_TITLE, evidence: "logged", memoryGb: pointRange(middle), runIds, cellText: null });
  }
}

/**
 * Peak memory per model size class × method: each source's claims kept apart (never averaged), then one median
 * claim for logged runs. A group disagrees by the same rules as the claims pages (lib/claims.ts): disjoint
 * intervals, or an open-ended bound more than 2x from another source's figure ("28+" vs "84+"). The logged median
 * summarises many runs rather than making a claim, so it does not count, nor do published measurements (each is
 * one configuration of many) and estimates.
 */
export async function getMemoryBySize(filters: CompareFilters): Promise<MemoryBySizeResponse> {
  await settleCompareFilters(filters);
  const groups: ClaimGroups = new Map();
  await loadSourceClaims(filters, groups); // sources first, so each group lists them before the logged claim
  await loadLoggedClaims(filters, groups);
  const bySource = (a: Claim, b: Claim) => Number(a.sourceId === null) - Number(b.sourceId === null) || a.sourceTitle.localeCompare(b.sourceTitle) || a.memoryGb.min - b.memoryGb.min;
  return {
    groups: [...groups.values()]
      .map(({ size, method, claims }) => ({
        sizeLabel: size.label,
        params: size.params,
        method,
        claims: claims.sort(bySource),
        disagree:
          findDisagreements(
            // Measured rows differ in batch, length and stack, so they are spread, not disagreement; only claims count.
            claims.flatMap((claim) => (claim.evidence !== "claim" || claim.sourceId === null ? [] : [{ sourceId: claim.sourceId, valueMin: claim.memoryGb.min, valueMax: claim.memoryGb.max, position: null }])),
          ).length > 0,
      }))
      .sort((a, b) => a.params - b.params || METHODS.indexOf(a.method) - METHODS.indexOf(b.method)),
    gpuLines: GPU_CAPACITY_LINES.map((line) => ({ ...line })),
  };
}
