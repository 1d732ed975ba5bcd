import "server-only";
import type { PointOrigin, Provenance } from "@/lib/schemas/compare";
import { prisma } from "@/lib/server/db/client";

type CellText = Provenance["cells"][number];

/** The verbatim source cells of each run, in table, row, column order; runs without cells are absent. */
export async function loadRunCells(runIds: readonly string[]): Promise<Map<string, CellText[]>> {
  const byRun = new Map<string, CellText[]>();
  if (runIds.length === 0) return byRun;
  const links = await prisma.runCell.findMany({
    where: { runId: { in: [...runIds] } },
    select: { runId: true, field: true, cell: { select: { text: true, table: { select: { title: true } } } } },
    orderBy: [{ cell: { tableId: "asc" } }, { cell: { row: "asc" } }, { cell: { col: "asc" } }],
  });
  for (const link of links) {
    const cells = byRun.get(link.runId) ?? [];
    cells.push({ field: link.field, text: link.cell.text, tableTitle: link.cell.table.title });
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
