import "server-only";
import { notFound } from "@/lib/api/errors";
import { type DiffMetricValue, diffKeyValueFields, diffMetricFields, diffRunFields, pickDiffMetricKeys } from "@/lib/compare/diff";
import type { MetricValue } from "@/lib/compare/metric-values";
import { metricDirection } from "@/lib/runs/columns";
import type { DiffResponse } from "@/lib/schemas/compare";
import type { ColumnValue } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { listMetricKeysByRun, metricColumnValues } from "@/lib/server/runs/metric-summary";
import { runInclude, serializeRun } from "@/lib/server/runs/serialize";

/**
 * The runs in the order asked for, each as GET /api/runs/{id} lists it, and every field side by side: typed
 * fields, the best and last value of the metrics they share, and the raw params and tags that differ.
 */
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
  return {
    runs,
    fields: [...diffRunFields(runs), ...(await diffRunMetrics(ids)), ...diffKeyValueFields(perRun(params), "params"), ...diffKeyValueFields(perRun(keyTags), "tags")],
  };
}

/** Best and last of each metric key the runs share (lib/compare/diff.ts picks the keys). */
async function diffRunMetrics(ids: readonly string[]) {
  const keysByRun = await listMetricKeysByRun(ids);
  const keys = pickDiffMetricKeys(ids.map((id) => keysByRun.get(id) ?? []));
  const refs = keys.flatMap((key) => [
    { id: `${key}\u0000best`, key, stat: "best" as const },
    { id: `${key}\u0000last`, key, stat: "last" as const },
  ]);
  const values = await metricColumnValues(ids, refs);
  // A metric column's value is a MetricValue whenever it has a step (a NaN reads back as "NaN", never null).
  const point = (found: ColumnValue | undefined): DiffMetricValue => (found && found.step !== null ? { step: found.step, value: found.value as MetricValue } : null);
  return diffMetricFields(
    keys,
    (key, stat) => ids.map((id) => point(values.get(id)?.[`${key}\u0000${stat}`])),
    metricDirection,
  );
}
