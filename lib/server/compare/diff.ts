import "server-only";
import { notFound } from "@/lib/api/errors";
import { diffKeyValueFields, diffRunFields } from "@/lib/compare/diff";
import type { DiffResponse } from "@/lib/schemas/compare";
import { prisma } from "@/lib/server/db/client";
import { runInclude, serializeRun } from "@/lib/server/runs/serialize";

/** The runs in the order asked for, each as GET /api/runs/{id} lists it, and every field side by side. */
export async function diffRuns(ids: readonly string[]): Promise<DiffResponse> {
  const rows = await prisma.run.findMany({ where: { id: { in: [...ids] }, deletedAt: null }, include: runInclude });
  const byId = new Map(rows.map((row) => [row.id, serializeRun(row)]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing) throw notFound("Run", missing);
  const runs = ids.map((id) => byId.get(id)!);
  const [params, keyTags] = await Promise.all([
    prisma.runParam.findMany({ where: { runId: { in: [...ids] } }, select: { runId: true, key: true, value: true } }),
    prisma.runKeyTag.findMany({ where: { runId: { in: [...ids] } }, select: { runId: true, key: true, value: true } }),
  ]);
  const perRun = (rows: { runId: string; key: string; value: string }[]) =>
    ids.map((id) => Object.fromEntries(rows.filter((row) => row.runId === id).map((row) => [row.key, row.value])));
  return { runs, fields: [...diffRunFields(runs), ...diffKeyValueFields(perRun(params), "params"), ...diffKeyValueFields(perRun(keyTags), "tags")] };
}
