import "server-only";
// metrics/get-history and metrics/get-history-bulk-interval, as mlflow/server/handlers.py answers them (mlflow/mlflow
// at 0007c018091c370eac5bea5cc09038f0af736303): every point of one metric of a run, paged by max_results and an
// offset page_token; and for up to 100 runs the points at a shared sample of steps (lib/mlflow/sampling.ts).
import { Prisma } from "@/lib/generated/prisma/client";
import { invalidParameter } from "@/lib/mlflow/errors";
import { decodePageToken, encodePageToken } from "@/lib/mlflow/filter";
import { MAX_RESULTS_GET_METRIC_HISTORY, MAX_RESULTS_PER_RUN } from "@/lib/mlflow/limits";
import { bulkIntervalSteps } from "@/lib/mlflow/sampling";
import { type MetricRecord, toMlflowMetric } from "@/lib/mlflow/serialize";
import { isPostgres, prisma } from "@/lib/server/db/client";
import { runNotFound } from "./records";

type PointRow = { step: number | bigint; value: number | null; time: string | Date };
const toRecord = (key: string, row: PointRow): MetricRecord => ({ key, step: Number(row.step), value: row.value ?? Number.NaN, timestamp: new Date(row.time).getTime() });

async function assertRunExists(runId: string): Promise<void> {
  if (!(await prisma.run.count({ where: { id: runId } }))) throw runNotFound(runId);
}

/** Points by step; without max_results every point (MLflow's client then reads a single page). */
export async function getMlflowMetricHistory(input: { runId: string; metricKey: string; maxResults?: number; pageToken?: string }) {
  await assertRunExists(input.runId);
  if (input.maxResults !== undefined && (input.maxResults < 1 || input.maxResults > MAX_RESULTS_GET_METRIC_HISTORY)) {
    throw invalidParameter(`max_results must be between 1 and ${MAX_RESULTS_GET_METRIC_HISTORY}`);
  }
  const offset = decodePageToken(input.pageToken);
  const limit = input.maxResults ?? -1;
  // No max_results: no limit, which SQLite writes LIMIT -1 (it needs a LIMIT before an OFFSET), PostgreSQL LIMIT ALL.
  const noLimit = isPostgres ? Prisma.sql`ALL` : Prisma.sql`-1`;
  const rows = await prisma.$queryRaw<PointRow[]>(Prisma.sql`
    SELECT "step", "value", "time" FROM "MetricPoint" WHERE "runId" = ${input.runId} AND "key" = ${input.metricKey}
    ORDER BY "step" LIMIT ${limit === -1 ? noLimit : limit + 1} OFFSET ${offset}`);
  const hasMore = limit !== -1 && rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return {
    ...(page.length ? { metrics: page.map((row) => toMlflowMetric(toRecord(input.metricKey, row))) } : {}),
    ...(hasMore ? { next_page_token: encodePageToken(offset + limit) } : {}),
  };
}

export async function getMlflowMetricHistoryBulkInterval(input: { run_ids: string[]; metric_key: string; start_step?: number; end_step?: number; max_results?: number }) {
  const { start_step: start, end_step: end } = input;
  if ((start === undefined) !== (end === undefined)) throw invalidParameter("If either start step or end step are specified, both must be specified.");
  if (start !== undefined && end !== undefined && start > end) {
    throw invalidParameter(`end_step must be greater than start_step. Found start_step=${start} and end_step=${end}.`);
  }
  const runIds = [...new Set(input.run_ids)];
  const found = await prisma.run.findMany({ where: { id: { in: runIds } }, select: { id: true } });
  const missing = runIds.find((id) => !found.some((row) => row.id === id));
  if (missing) throw runNotFound(missing);
  const stepsByRun = await Promise.all(
    runIds.map(async (runId) => {
      // The steps as one JSON text, not a row per point (a history may hold 100,000 points).
      const steps = isPostgres
        ? Prisma.sql`SELECT CAST(coalesce(json_agg("step" ORDER BY "step"), '[]') AS TEXT) AS "steps" FROM "MetricPoint" WHERE "runId" = ${runId} AND "key" = ${input.metric_key}`
        : Prisma.sql`SELECT json_group_array(step) AS steps FROM (SELECT step FROM "MetricPoint" WHERE "runId" = ${runId} AND "key" = ${input.metric_key} ORDER BY step)`;
      const [row] = await prisma.$queryRaw<{ steps: string }[]>(steps);
      return JSON.parse(row?.steps ?? "[]") as number[];
    }),
  );
  const steps = bulkIntervalSteps(stepsByRun, input.max_results ?? MAX_RESULTS_PER_RUN, start !== undefined && end !== undefined ? { start, end } : undefined);
  const metrics = [];
  for (const runId of runIds) {
    for (let at = 0; at < steps.length; at += 500) {
      const chunk = steps.slice(at, at + 500);
      const rows = await prisma.$queryRaw<PointRow[]>(Prisma.sql`
        SELECT "step", "value", "time" FROM "MetricPoint" WHERE "runId" = ${runId} AND "key" = ${input.metric_key} AND "step" IN (${Prisma.join(chunk)}) ORDER BY "step"`);
      for (const row of rows) metrics.push({ ...toMlflowMetric(toRecord(input.metric_key, row)), run_id: runId });
    }
  }
  return metrics.length ? { metrics } : {};
}
