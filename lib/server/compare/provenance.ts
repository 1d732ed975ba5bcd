import "server-only";
import type { PointOrigin, Provenance } from "@/lib/schemas/compare";
import { Prisma } from "@/lib/generated/prisma/client";
import { jsonArrayValues, orderBytewise } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";

type CellText = Provenance["cells"][number];

/** The verbatim source cells of each run, in table, row, column order; runs without cells are absent. */
export async function loadRunCells(runIds: readonly string[]): Promise<Map<string, CellText[]>> {
  const byRun = new Map<string, CellText[]>();
  if (runIds.length === 0) return byRun;
  // Table ids are slugs ("lora-vs-qlora-vs-full/min-gpu"), ordered bytewise on both engines: a PostgreSQL database
  // whose collation follows a locale would otherwise order them ignoring the punctuation. The ids go as one JSON
  // parameter, so any number of runs stays within SQLite's bind limit.
  const links = await readRows<{ runId: string; field: string; text: string; tableTitle: string }>(Prisma.sql`
    SELECT rc."runId", rc.field, c.text, t.title AS "tableTitle"
    FROM "RunCell" rc JOIN "SourceCell" c ON c.id = rc."cellId" JOIN "SourceTable" t ON t.id = c."tableId"
    WHERE rc."runId" IN (${jsonArrayValues(runIds)})
    ORDER BY ${orderBytewise(Prisma.sql`c."tableId"`)}, c."row", c."col"`);
  for (const link of links) {
    const cells = byRun.get(link.runId) ?? [];
    cells.push({ field: link.field, text: link.text, tableTitle: link.tableTitle });
    byRun.set(link.runId, cells);
  }
  return byRun;
}

/**
 * How a point is drawn: "article" / "paper" for a source's claim, "measured" for a row of a framework's benchmark
 * table, "estimate" for a published estimate (whatever its source), "logged" for a run a user logged (no source,
 * or a user source).
 */
export function originOf(sourceKind: string | null | undefined, isEstimate: unknown = false): PointOrigin {
  if (Number(isEstimate) === 1 || isEstimate === true) return "estimate";
  if (sourceKind === "article" || sourceKind === "paper") return sourceKind;
  return sourceKind === "measurement" ? "measured" : "logged";
}
