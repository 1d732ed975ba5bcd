import "server-only";
import type { MetricStat } from "@/lib/runs/columns";
import type { ColumnValue } from "@/lib/schemas/run";
import type { MetricSummaryResponse } from "@/lib/schemas/run-table";

/** A metric column: its id, key, and statistic (or a step to read the value at). */
export type MetricColumnRef = { id: string; key: string } & ({ stat: MetricStat } | { stat: "at"; step: number });

/**
 * Every metric of one run summarised: count, first, last, min, max, best (by metricDirection) and, with `step`,
 * the value at that step or the nearest before it. 404 for an unknown run.
 * CONTRACT STUB (issue 13): implemented by the metric-summary work.
 */
export async function summarizeRunMetrics(runId: string, _options: { step?: number } = {}): Promise<MetricSummaryResponse> {
  return { runId, items: [] };
}

/**
 * The metric columns' values for a page of runs (ids in an IN list), by run id and then column id; a run without
 * the metric gets { value: null, step: null }. Used by GET /api/runs?columns= and the export.
 * CONTRACT STUB (issue 13): implemented by the metric-summary work.
 */
export async function metricColumnValues(runIds: readonly string[], refs: readonly MetricColumnRef[]): Promise<Map<string, Record<string, ColumnValue>>> {
  return new Map(runIds.map((id) => [id, Object.fromEntries(refs.map((ref) => [ref.id, { value: null, step: null }]))]));
}
