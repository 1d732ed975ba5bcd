import "server-only";
// search-runs: MLflow's filter subset over the runs of the experiments asked for, evaluated here on each run's
// latest metrics, params, key tags and attributes (lib/mlflow/filter.ts), sorted by order_by and paged by offset.
// Runs are loaded experiment by experiment: fine for the thousands of runs a team logs, not for millions.
import { invalidParameter } from "@/lib/mlflow/errors";
import { type OrderBy, RUN_SEARCH, decodePageToken, encodePageToken, matchesFilter, parseOrderBy, parseSearchFilter, sortSearchables } from "@/lib/mlflow/filter";
import { SEARCH_MAX_RESULTS_DEFAULT, SEARCH_MAX_RESULTS_THRESHOLD } from "@/lib/mlflow/limits";
import type { ViewType } from "@/lib/mlflow/requests";
import { RUN_NAME_TAG, STATUS_TO_MLFLOW, artifactUriFor, toRun } from "@/lib/mlflow/serialize";
import { prisma } from "@/lib/server/db/client";
import { latestMetrics, runSelect, toLoadedRun } from "./records";

const RUN_DEFAULT_ORDER: OrderBy[] = [
  { type: "attribute", key: "start_time", ascending: false },
  { type: "attribute", key: "run_id", ascending: true },
];

export async function searchMlflowRuns(input: { experiment_ids: string[]; filter?: string; run_view_type?: ViewType; max_results?: number; order_by?: string[]; page_token?: string }) {
  const clauses = parseSearchFilter(input.filter, RUN_SEARCH);
  const orderBy = parseOrderBy(input.order_by, RUN_SEARCH);
  const maxResults = input.max_results ?? SEARCH_MAX_RESULTS_DEFAULT;
  if (maxResults < 1 || maxResults > SEARCH_MAX_RESULTS_THRESHOLD) {
    throw invalidParameter(`Invalid value for request parameter max_results. It must be at most ${SEARCH_MAX_RESULTS_THRESHOLD}, but got value ${maxResults}`);
  }
  const offset = decodePageToken(input.page_token);
  if (!input.experiment_ids.length) return {};
  const view = input.run_view_type ?? "ACTIVE_ONLY";
  const rows = await prisma.run.findMany({
    where: {
      experimentId: { in: input.experiment_ids },
      ...(view === "ACTIVE_ONLY" ? { deletedAt: null } : view === "DELETED_ONLY" ? { deletedAt: { not: null } } : {}),
    },
    select: runSelect,
  });
  const metrics = await latestMetrics(rows.map((row) => row.id));
  const items = rows.map((row) => {
    const loaded = toLoadedRun(row);
    const runMetrics = metrics.get(row.id) ?? [];
    const { record } = loaded;
    return {
      loaded,
      runMetrics,
      metrics: new Map(runMetrics.map((m) => [m.key, m.value])),
      params: loaded.params,
      tags: new Map([...loaded.tags, [RUN_NAME_TAG, record.name]]),
      attributes: {
        run_id: record.id,
        run_name: record.name,
        status: STATUS_TO_MLFLOW[record.status],
        user_id: record.userId,
        artifact_uri: artifactUriFor(record.experimentId, record.id),
        lifecycle_stage: record.deleted ? "deleted" : "active",
        start_time: record.startTime,
        end_time: record.endTime,
      },
    };
  });
  const sorted = sortSearchables(items.filter((item) => matchesFilter(item, clauses)), orderBy, RUN_DEFAULT_ORDER);
  const page = sorted.slice(offset, offset + maxResults);
  return {
    ...(page.length ? { runs: page.map((item) => toRun(item.loaded.record, { metrics: item.runMetrics, params: item.loaded.params, tags: item.loaded.tags })) } : {}),
    ...(offset + maxResults < sorted.length ? { next_page_token: encodePageToken(offset + maxResults) } : {}),
  };
}
