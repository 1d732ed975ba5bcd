import "server-only";
import { envelope, parsePercentCell } from "@/lib/compare/ranges";
import { TARGET_MODULE_SET_LABELS, classifyTargetModules, type TargetModuleSet } from "@/lib/compare/target-modules";
import { TARGET_MODULE_SETS, type CompareFilters, type TargetModulesResponse, type ValueRange } from "@/lib/schemas/compare";
import { isPostgres, orderBytewise } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { settleCompareFilters, compareWhereSql } from "./sql";

export const TARGET_MODULES_TAG = "target-modules";
/** Cell fields that make a run part of the target-module comparison: a source rating module sets. */
const RATING_FIELDS = ["trainableParamsPct", "qualityText"];

type Group = TargetModulesResponse["groups"][number];

/**
 * Runs tagged "target-modules", or with target modules and a source cell rating them, grouped by which module
 * set they train. The sources rate sets in words and percentages ("0.04%", "+3-5%", "Baseline"); those cells
 * are read into ranges and also returned verbatim. Few runs qualify, so they are found from the tag and cell
 * tables first and only those are checked against the runs table's filters.
 */
export async function getTargetModules(filters: CompareFilters): Promise<TargetModulesResponse> {
  await settleCompareFilters(filters);
  // CROSS JOIN keeps SQLite from reordering: it starts from the few candidates instead of a filter's index
  // (PostgreSQL takes no ON after CROSS JOIN, and plans joins from its statistics).
  // Runs and their cells come back in one statement, joined rather than passed back as an id list, so any number of
  // matching runs stays within SQLite's bind limit (tests/api/scale.test.ts tags 80,000).
  const rows = await readRows<{ id: string; targetModules: string; field: string | null; text: string | null }>(Prisma.sql`
    WITH matching AS MATERIALIZED (
      SELECT r.id, r."targetModules" FROM (
        SELECT "runId" FROM "RunTag" WHERE tag = ${TARGET_MODULES_TAG}
        UNION SELECT "runId" FROM "RunCell" WHERE field IN (${Prisma.join(RATING_FIELDS)})
      ) AS candidate ${isPostgres ? Prisma.sql`JOIN` : Prisma.sql`CROSS JOIN`} "Run" r ON r.id = candidate."runId"
      WHERE ${compareWhereSql(filters)} AND r."targetModules" IS NOT NULL
    )
    SELECT m.id, m."targetModules", rc.field, c.text FROM matching m
    LEFT JOIN "RunCell" rc ON rc."runId" = m.id LEFT JOIN "SourceCell" c ON c.id = rc."cellId"
    ORDER BY ${orderBytewise(Prisma.sql`m.id`)}, ${orderBytewise(Prisma.sql`c."tableId"`)}, c."row", c."col"`);
  const runs: { id: string; targetModules: string; cells: { field: string; cell: { text: string } }[] }[] = [];
  for (const row of rows) {
    if (runs.at(-1)?.id !== row.id) runs.push({ id: row.id, targetModules: row.targetModules, cells: [] });
    if (row.field !== null && row.text !== null) runs.at(-1)!.cells.push({ field: row.field, cell: { text: row.text } });
  }

  const groups = new Map<TargetModuleSet, Group>();
  for (const run of runs) {
    const set = classifyTargetModules(JSON.parse(run.targetModules!) as string[]);
    if (!set) continue;
    const group = groups.get(set) ?? { set, label: TARGET_MODULE_SET_LABELS[set], trainableSharePct: null, qualityGainPct: null, memoryText: null, runIds: [], cells: [] };
    group.runIds.push(run.id);
    for (const { field, cell } of run.cells) {
      group.cells.push({ field, text: cell.text });
      if (field === "trainableParamsPct") group.trainableSharePct = merge(group.trainableSharePct, parsePercentCell(cell.text));
      if (field === "qualityText") group.qualityGainPct = merge(group.qualityGainPct, parsePercentCell(cell.text));
      if (field === "memoryText") group.memoryText = group.memoryText && group.memoryText !== cell.text ? `${group.memoryText} | ${cell.text}` : cell.text;
    }
    groups.set(set, group);
  }
  return { groups: TARGET_MODULE_SETS.flatMap((set) => groups.get(set) ?? []) };
}

const merge = (a: ValueRange | null, b: ValueRange | null) => (a && b ? envelope(a, b) : (a ?? b));
