import "server-only";
import { prisma } from "@/lib/server/db/client";
import { type RunDetail, runSchema } from "@/lib/schemas/run";
import { runDetailInclude, serializeRunDetail } from "./serialize";

export async function exportRuns(): Promise<RunDetail[]> {
  const rows = await prisma.run.findMany({ where: { deletedAt: null }, include: runDetailInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => serializeRunDetail(row, []));
}

const CSV_COLUMNS = [...Object.keys(runSchema.shape).filter((key) => key !== "source"), "sourceId", "sourceTitle", "sourceCells"];

/** RFC 4180 quoting: fields with commas, quotes or line breaks are quoted and inner quotes doubled. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value) ? value.join(";") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function runsToCsv(runs: RunDetail[]): string {
  const lines = runs.map((run) => {
    const record: Record<string, unknown> = {
      ...run,
      sourceId: run.source?.id,
      sourceTitle: run.source?.title,
      sourceCells: run.cells.map((cell) => `${cell.field}=${cell.text} [${cell.tableTitle}: ${cell.rowLabel} / ${cell.columnLabel}]`),
    };
    return CSV_COLUMNS.map((column) => csvField(record[column])).join(",");
  });
  return [CSV_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}
