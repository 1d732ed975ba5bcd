import "server-only";
// Reading runs in MLflow's shape: the run row, its params and key tags verbatim, and the latest point of each
// metric (highest step; MLflow's "latest" is by step, then timestamp). Shared by get, search and the writes' answers.
import { Prisma } from "@/lib/generated/prisma/client";
import { doesNotExist, invalidParameter } from "@/lib/mlflow/errors";
import { type MetricRecord, type RunRecord, type TuneboardRunStatus, USER_TAG, toRun } from "@/lib/mlflow/serialize";
import { prisma } from "@/lib/server/db/client";
import { orderBytewise } from "@/lib/server/db/dialect";

export const runSelect = {
  id: true, name: true, status: true, experimentId: true, createdAt: true, startedAt: true, endedAt: true, deletedAt: true,
  createdBy: { select: { username: true } },
  params: { select: { key: true, value: true } },
  keyTags: { select: { key: true, value: true } },
} satisfies Prisma.RunSelect;
export type SelectedRun = Prisma.RunGetPayload<{ select: typeof runSelect }>;

export type LoadedRun = { record: RunRecord; params: Map<string, string>; tags: Map<string, string> };

export function toLoadedRun(row: SelectedRun): LoadedRun {
  const params = new Map(row.params.map((p) => [p.key, p.value]));
  const tags = new Map(row.keyTags.map((t) => [t.key, t.value]));
  return {
    params,
    tags,
    record: {
      id: row.id,
      name: row.name,
      status: row.status as TuneboardRunStatus,
      experimentId: row.experimentId,
      // MLflow's user_id: the mlflow.user tag the client sent, else who logged the run here.
      userId: tags.get(USER_TAG) ?? row.createdBy?.username ?? "",
      startTime: (row.startedAt ?? row.createdAt).getTime(),
      endTime: row.endedAt?.getTime() ?? null,
      deleted: row.deletedAt !== null,
    },
  };
}

export const runNotFound = (runId: string) => doesNotExist(`Run with id=${runId} not found`);

/** A run, deleted or not (MLflow's get-run shows deleted runs with lifecycle_stage "deleted"). */
export async function loadRun(runId: string): Promise<LoadedRun> {
  const row = await prisma.run.findUnique({ where: { id: runId }, select: runSelect });
  if (!row) throw runNotFound(runId);
  return toLoadedRun(row);
}

/** The run must exist and not be deleted: MLflow refuses writes to a deleted run with INVALID_PARAMETER_VALUE. */
export async function assertActiveRun(runId: string): Promise<{ name: string; status: string; experimentId: string }> {
  const row = await prisma.run.findUnique({ where: { id: runId }, select: { name: true, status: true, experimentId: true, deletedAt: true } });
  if (!row) throw runNotFound(runId);
  if (row.deletedAt) throw invalidParameter(`The run ${runId} must be in the 'active' state. Current state is deleted.`);
  return row;
}

type LatestRow = { runId: string; key: string; step: number | bigint; value: number | null; time: string | Date };

/** The latest point of every metric of each run; NaN is stored as NULL and comes back as NaN. */
export async function latestMetrics(runIds: readonly string[]): Promise<Map<string, MetricRecord[]>> {
  const byRun = new Map<string, MetricRecord[]>();
  for (let start = 0; start < runIds.length; start += 500) {
    const chunk = runIds.slice(start, start + 500);
    const rows = await prisma.$queryRaw<LatestRow[]>(Prisma.sql`
      SELECT m."runId" AS "runId", m."key" AS "key", m."step" AS "step", m."value" AS "value", m."time" AS "time"
      FROM "MetricPoint" m
      JOIN (SELECT "runId", "key", max("step") AS "step" FROM "MetricPoint" WHERE "runId" IN (${Prisma.join(chunk)}) GROUP BY "runId", "key") last
        ON m."runId" = last."runId" AND m."key" = last."key" AND m."step" = last."step"
      ORDER BY m."runId", ${orderBytewise(Prisma.sql`m."key"`)}`);
    for (const row of rows) {
      let list = byRun.get(row.runId);
      if (!list) byRun.set(row.runId, (list = []));
      list.push({ key: row.key, step: Number(row.step), value: row.value ?? Number.NaN, timestamp: new Date(row.time).getTime() });
    }
  }
  return byRun;
}

export async function mlflowRunOf(runId: string) {
  const loaded = await loadRun(runId);
  const metrics = (await latestMetrics([runId])).get(runId) ?? [];
  return toRun(loaded.record, { metrics, params: loaded.params, tags: loaded.tags });
}

/** get-run's answer: the run, deleted or not. */
export async function getMlflowRun(runId: string) {
  return { run: await mlflowRunOf(runId) };
}
