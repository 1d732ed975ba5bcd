import "server-only";
// MLflow's run calls. The MLflow run_id is the Tuneboard run id (GET /api/runs/{run_id} is the same run). A run
// created here starts as method "full" with an unknown model until what the client logs says otherwise
// (apply.ts); params are write-once, key tags overwrite, metrics append with their own step and timestamp. Every
// write records when the client was last seen (lastSeenAt), which is how the run page tells live from stale.
import { DEFAULT_EXPERIMENT_ID } from "@/lib/schemas/experiment";
import { MlflowError, doesNotExist, invalidParameter } from "@/lib/mlflow/errors";
import { assertBatchLimits, assertKey, assertParam, assertTag } from "@/lib/mlflow/limits";
import type { KeyValue, MetricInput, MlflowRunStatus } from "@/lib/mlflow/requests";
import { RUN_NAME_TAG, STATUS_FROM_MLFLOW, toRunInfo } from "@/lib/mlflow/serialize";
import { recordRunEvents } from "@/lib/server/collab/events";
import { upsertMetricPoints } from "@/lib/server/db/bulk-write";
import { prisma } from "@/lib/server/db/client";
import { createId } from "@/lib/server/db/ids";
import { deleteRun, restoreRun } from "@/lib/server/runs/write-runs";
import { ASSUMED_MAPPING, MAPPING_TAG, applyDerivedFields, maybeApplyDerivedFields } from "./apply";
import { assertActiveRun, loadRun, mlflowRunOf, runNotFound } from "./records";

/** Tags MLflow's clients send that say nothing about the training: not worth re-deriving the run's fields for. */
const isSystemTag = (key: string) => key.startsWith("mlflow.") || key === MAPPING_TAG;

const ADJECTIVES = ["amber", "brisk", "calm", "deft", "eager", "fond", "gentle", "keen", "lucid", "merry", "nimble", "quiet", "rapid", "steady", "vivid", "witty"];
const NOUNS = ["badger", "crane", "dolphin", "falcon", "gecko", "heron", "ibis", "koala", "lynx", "marten", "otter", "panda", "quail", "raven", "tapir", "wren"];
/** MLflow names an unnamed run with a random adjective-noun-number; so does this server. */
function randomRunName(): string {
  const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)]!;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(Math.random() * 1000)}`;
}

async function assertActiveExperiment(id: string): Promise<void> {
  const experiment = await prisma.experiment.findUnique({ where: { id }, select: { archivedAt: true } });
  if (!experiment) throw doesNotExist(`No Experiment with id=${id} exists`);
  if (experiment.archivedAt) throw invalidParameter(`The experiment ${id} must be in the 'active' state. Current state is deleted.`);
}

/** Later tags of one key win, as when they are set one after another. */
const lastByKey = (tags: readonly KeyValue[]) => new Map(tags.map((tag) => [tag.key, tag.value]));

export async function createMlflowRun(
  input: { experiment_id?: string; user_id?: string; run_name?: string; start_time?: number; tags?: KeyValue[] },
  { actorId }: { actorId: string | null },
) {
  const experimentId = input.experiment_id || DEFAULT_EXPERIMENT_ID;
  const tags = lastByKey(input.tags ?? []);
  for (const [key, value] of tags) assertTag({ key, value });
  await assertActiveExperiment(experimentId);
  // Lightning's MLFlowLogger sends the name only as the mlflow.runName tag; that tag lives in the run's name.
  // The tag is kept verbatim too, as MLflow keeps it; the run's name follows it on every later write.
  const name = (input.run_name || tags.get(RUN_NAME_TAG) || randomRunName()).slice(0, 200);
  tags.set(RUN_NAME_TAG, name);
  if (input.user_id && !tags.has("mlflow.user")) tags.set("mlflow.user", input.user_id);
  tags.set(MAPPING_TAG, JSON.stringify(ASSUMED_MAPPING));
  const now = new Date();
  const id = createId();
  await prisma.$transaction(async (tx) => {
    await tx.run.create({
      data: {
        id,
        name,
        status: "running",
        method: "full",
        modelName: "unknown",
        experimentId,
        createdById: actorId,
        startedAt: input.start_time !== undefined ? new Date(input.start_time) : now,
        lastSeenAt: now,
        keyTags: { create: [...tags].map(([key, value]) => ({ key, value })) },
      },
    });
    await recordRunEvents(tx, [{ runId: id, actorId, kind: "created" }]);
  });
  if ([...tags.keys()].some((key) => !isSystemTag(key))) await applyDerivedFields(id);
  return { run: await mlflowRunOf(id) };
}

/** update-run: status (RUNNING → running, SCHEDULED → planned, FINISHED → completed, FAILED/KILLED → failed), end_time, run_name. */
export async function updateMlflowRun(runId: string, input: { status?: MlflowRunStatus; end_time?: number; run_name?: string }, { actorId }: { actorId: string | null }) {
  const current = await assertActiveRun(runId);
  const status = input.status ? STATUS_FROM_MLFLOW[input.status] : undefined;
  const name = input.run_name ? input.run_name.slice(0, 200) : undefined;
  await prisma.$transaction(async (tx) => {
    await tx.run.update({
      where: { id: runId },
      data: { status, name, endedAt: input.end_time !== undefined ? new Date(input.end_time) : undefined, lastSeenAt: new Date() },
    });
    if (name) await tx.runKeyTag.upsert({ where: { runId_key: { runId, key: RUN_NAME_TAG } }, create: { runId, key: RUN_NAME_TAG, value: name }, update: { value: name } });
    const events = [];
    if (status && status !== current.status) events.push({ runId, actorId, kind: "updated" as const, field: "status", oldValue: current.status, newValue: status });
    if (name && name !== current.name) events.push({ runId, actorId, kind: "updated" as const, field: "name", oldValue: current.name, newValue: name });
    await recordRunEvents(tx, events);
  });
  // A run that ends has logged its summary metrics (train_runtime, peak memory): derive from them now.
  if (status && status !== "running") await applyDerivedFields(runId);
  return { run_info: toRunInfo((await loadRun(runId)).record) };
}

export async function deleteMlflowRun(runId: string, { actorId }: { actorId: string | null }) {
  const row = await prisma.run.findUnique({ where: { id: runId }, select: { deletedAt: true } });
  if (!row) throw runNotFound(runId);
  // Deleting a deleted run changes nothing, as in MLflow.
  if (!row.deletedAt) await deleteRun(runId, { actorId });
  return {};
}

export async function restoreMlflowRun(runId: string, { actorId }: { actorId: string | null }) {
  const row = await prisma.run.findUnique({ where: { id: runId }, select: { deletedAt: true } });
  if (!row) throw runNotFound(runId);
  if (row.deletedAt) await restoreRun(runId, { actorId });
  return {};
}

export type Batch = { metrics: MetricInput[]; params: KeyValue[]; tags: KeyValue[] };

/**
 * log-batch, and the single log-metric / log-parameter / set-tag calls through it. Checked whole before anything is
 * written: MLflow's limits, then write-once params (the same value again is fine; another is
 * INVALID_PARAMETER_VALUE, and so are two values for one key in the batch). Params and tags are written in one
 * transaction, then the metric points in one burst (lib/server/db/bulk-write.ts): a point for a (key, step)
 * already stored replaces it, where MLflow would keep both, so a client that re-sends after a crash does not
 * double its curve.
 */
export async function logMlflowBatch(runId: string, batch: Batch): Promise<Record<string, never>> {
  assertBatchLimits(batch);
  for (const metric of batch.metrics) assertKey(metric.key, "Metric");
  for (const param of batch.params) assertParam(param);
  for (const tag of batch.tags) assertTag(tag);
  const isMetricsOnly = batch.params.length === 0 && batch.tags.length === 0;
  // A metrics-only batch (a training loop's every step) leaves the run check to the write itself: one query less.
  if (!isMetricsOnly) await assertActiveRun(runId);

  const params = new Map<string, string>();
  for (const { key, value } of batch.params) {
    const earlier = params.get(key);
    if (earlier !== undefined && earlier !== value) throw invalidParameter(`Duplicate parameter keys have been submitted: '${key}' with values '${earlier}' and '${value}'`);
    params.set(key, value);
  }
  const tags = lastByKey(batch.tags);
  const newName = tags.get(RUN_NAME_TAG);

  if (params.size || tags.size || newName !== undefined) {
    await prisma.$transaction(async (tx) => {
      const stored = params.size ? await tx.runParam.findMany({ where: { runId, key: { in: [...params.keys()] } } }) : [];
      for (const { key, value } of stored) {
        const wanted = params.get(key)!;
        if (wanted !== value) {
          throw invalidParameter(`Changing param values is not allowed. Param with key='${key}' was already logged with value='${value}' for run ID='${runId}'. Attempted logging new value '${wanted}'.`);
        }
        params.delete(key);
      }
      if (params.size) await tx.runParam.createMany({ data: [...params].map(([key, value]) => ({ runId, key, value })) });
      for (const [key, value] of tags) await tx.runKeyTag.upsert({ where: { runId_key: { runId, key } }, create: { runId, key, value }, update: { value } });
      await tx.run.update({ where: { id: runId }, data: { lastSeenAt: new Date(), ...(newName ? { name: newName.slice(0, 200) } : {}) } });
    });
  }
  if (batch.metrics.length) {
    const points = batch.metrics.map((metric) => ({ key: metric.key, step: metric.step, value: metric.value, time: new Date(metric.timestamp).toISOString() }));
    if (!(await upsertMetricPoints(runId, points, new Date()))) {
      await assertActiveRun(runId); // says which: missing (404) or deleted (400)
      throw runNotFound(runId);
    }
    await markSeen(runId);
  }
  const changesConfig = params.size > 0 || [...tags.keys()].some((key) => !isSystemTag(key));
  if (changesConfig) await applyDerivedFields(runId);
  else if (batch.metrics.length) await maybeApplyDerivedFields(runId);
  return {};
}

/**
 * lastSeenAt of runs written in this process, so a run logging every 100 ms updates its row about once a second.
 * In memory on purpose, also with several app instances (issue 12): it only skips redundant writes of a heartbeat
 * that every instance writes the same way, so sharing it would cost a database round trip to save one. With N
 * instances a run's row is updated at most N times a second, and lastSeenAt stays within a second of its last request.
 */
const seenAt = new Map<string, number>();
const SEEN_RESOLUTION_MS = 1000;

async function markSeen(runId: string, now = Date.now()): Promise<void> {
  const last = seenAt.get(runId);
  if (last !== undefined && now - last < SEEN_RESOLUTION_MS) return;
  seenAt.set(runId, now);
  if (seenAt.size > 10_000) seenAt.delete(seenAt.keys().next().value!);
  await prisma.run.update({ where: { id: runId }, data: { lastSeenAt: new Date(now) } });
}

export async function deleteMlflowTag(runId: string, key: string) {
  await assertActiveRun(runId);
  const { count } = await prisma.runKeyTag.deleteMany({ where: { runId, key } });
  if (count === 0) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `No tag with name: ${key} in run with id ${runId}`);
  await prisma.run.update({ where: { id: runId }, data: { lastSeenAt: new Date() } });
  return {};
}
