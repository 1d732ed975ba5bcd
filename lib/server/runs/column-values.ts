import "server-only";
import type { ExtraColumnRef } from "@/lib/runs/columns";
import type { ColumnValue } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { type MetricColumnRef, metricColumnValues } from "./metric-summary";

/**
 * The value of each raw or metric column for each of the given runs (at most one page: ids go in an IN list), by
 * run id and then column id. A run without the param, tag or metric gets { value: null, step: null }.
 *
 * Params and tags cost one query each for the whole page, whatever the number of their columns: `runId IN (page)
 * AND key IN (keys)` seeks the (runId, key) primary key once per pair. Values come back verbatim (MLflow params are
 * text: "0.0002" stays "0.0002"). Metric columns are metricColumnValues' (lib/server/runs/metric-summary.ts).
 */
export async function loadColumnValues(runIds: readonly string[], refs: readonly ExtraColumnRef[]): Promise<Map<string, Record<string, ColumnValue>>> {
  const byRun = new Map<string, Record<string, ColumnValue>>(runIds.map((id) => [id, Object.fromEntries(refs.map((ref) => [ref.id, { value: null, step: null }]))]));
  if (runIds.length === 0 || refs.length === 0) return byRun;
  const ids = [...runIds];
  const paramRefs = refs.filter((ref) => ref.kind === "param");
  const tagRefs = refs.filter((ref) => ref.kind === "tag");
  const metricRefs = refs.filter((ref): ref is Extract<ExtraColumnRef, { kind: "metric" }> => ref.kind === "metric");
  const keysOf = (list: readonly { key: string }[]) => [...new Set(list.map((ref) => ref.key))];
  const [params, tags, metrics] = await Promise.all([
    paramRefs.length ? prisma.runParam.findMany({ where: { runId: { in: ids }, key: { in: keysOf(paramRefs) } } }) : [],
    tagRefs.length ? prisma.runKeyTag.findMany({ where: { runId: { in: ids }, key: { in: keysOf(tagRefs) } } }) : [],
    metricRefs.length ? metricColumnValues(ids, metricRefs.map(toMetricColumnRef)) : new Map<string, Record<string, ColumnValue>>(),
  ]);
  for (const row of params) byRun.get(row.runId)![`param:${row.key}`] = { value: row.value, step: null };
  for (const row of tags) byRun.get(row.runId)![`tag:${row.key}`] = { value: row.value, step: null };
  for (const [runId, values] of metrics) {
    const target = byRun.get(runId);
    if (!target) continue;
    for (const ref of metricRefs) if (values[ref.id]) target[ref.id] = values[ref.id]!;
  }
  return byRun;
}

function toMetricColumnRef(ref: Extract<ExtraColumnRef, { kind: "metric" }>): MetricColumnRef {
  return ref.stat === "at" ? { id: ref.id, key: ref.key, stat: "at", step: ref.step } : { id: ref.id, key: ref.key, stat: ref.stat };
}
