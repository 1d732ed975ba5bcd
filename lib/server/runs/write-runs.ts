import "server-only";
import { DEFAULT_EXPERIMENT_ID } from "@/lib/schemas/experiment";
import { ApiError, type FieldIssue, invalidFields, issuePath, notFound } from "@/lib/api/errors";
import { Prisma, type Run as RunModel } from "@/lib/generated/prisma/client";
import { drainSearchQueue, runEventRow, writeRunsBatch, yieldToEventLoop, type RunInsert } from "@/lib/server/db/bulk-write";
import { prisma } from "@/lib/server/db/client";
import { createId } from "@/lib/server/db/ids";
import { METHOD_LABELS, type Run, type RunCreate, type RunPatch, runCreateSchema } from "@/lib/schemas/run";
import { changedFields, recordRunEvents } from "@/lib/server/collab/events";
import { runInclude, type RunRow, serializeRun } from "./serialize";
import { checkRunPlausibility } from "./plausibility";
import { matchHardware } from "@/lib/catalog/hardware-names";

type Catalog = {
  models: { id: string; hfId: string | null; name: string; totalParams: number }[];
  /** Catalogued hardware by id. */
  hardware: Map<string, { id: string; name: string; memoryGb: number; aliases: string }>;
  /** Experiments by id: a run may only join one that exists and is not archived. */
  experiments: Map<string, { id: string; name: string; archivedAt: Date | null }>;
};

async function loadCatalog(db: Prisma.TransactionClient): Promise<Catalog> {
  const [models, hardware, experiments] = await Promise.all([
    db.model.findMany({ select: { id: true, hfId: true, name: true, totalParams: true } }),
    db.hardware.findMany({ select: { id: true, name: true, memoryGb: true, aliases: true } }),
    db.experiment.findMany({ select: { id: true, name: true, archivedAt: true } }),
  ]);
  return { models, hardware: new Map(hardware.map((h) => [h.id, h])), experiments: new Map(experiments.map((e) => [e.id, e])) };
}

/** Finds a catalogued model by catalog id, Hugging Face id or display name (case-insensitive). */
export function findCatalogModel<T extends { id: string; hfId: string | null; name: string }>(models: T[], query: string): T | undefined {
  const wanted = query.trim().toLowerCase();
  return models.find((m) => m.id.toLowerCase() === wanted || m.hfId?.toLowerCase() === wanted || m.name.toLowerCase() === wanted);
}

const catalogHardwareNames = (catalog: Catalog) => [...catalog.hardware.values()].map((gpu) => ({ ...gpu, aliases: JSON.parse(gpu.aliases) as string[] }));

type Resolved = { data: Omit<Prisma.RunUncheckedCreateInput, "id">; tags: string[] | undefined };

/**
 * Turns validated input into column values, resolving catalog references; collects issues instead of throwing.
 * `currentExperimentId` is an edited run's experiment: it may stay there when that experiment is archived (an
 * archived experiment refuses new runs, not edits to the runs it keeps).
 */
function resolveRun(given: RunCreate, catalog: Catalog, prefix: string, issues: FieldIssue[], currentExperimentId?: string): Resolved {
  // hardware may be a device name ("NVIDIA A100-SXM4-80GB" from torch.cuda.get_device_name()); the catalog id is stored.
  const hardwareId = given.hardware != null && !catalog.hardware.has(given.hardware) ? matchHardware(given.hardware, catalogHardwareNames(catalog)) : null;
  const input = hardwareId ? { ...given, hardware: hardwareId } : given;
  const model = findCatalogModel(catalog.models, input.model);
  if (!model && input.modelParams == null) {
    issues.push({ path: `${prefix}modelParams`, message: `'${input.model}' is not in the model catalog, so modelParams (its parameter count) is required` });
  }
  if (input.hardware != null && !catalog.hardware.has(input.hardware)) {
    issues.push({ path: `${prefix}hardware`, message: `unknown hardware '${input.hardware}'; GET /api/hardware lists the catalog ids` });
  }
  if (input.experimentId != null) {
    const experiment = catalog.experiments.get(input.experimentId);
    if (!experiment) issues.push({ path: `${prefix}experimentId`, message: `unknown experiment '${input.experimentId}'; GET /api/experiments lists them` });
    else if (experiment.archivedAt && input.experimentId !== currentExperimentId) issues.push({ path: `${prefix}experimentId`, message: `experiment '${experiment.name}' is archived; restore it first` });
  }
  checkRunPlausibility(input, catalog.hardware, prefix, issues);
  const modelName = model?.name ?? input.model;
  const { tags, model: _model, hardware, targetModules, ...fields } = input;
  const rankLabel = input.rank ? ` r=${input.rank}` : "";
  return {
    tags: tags ?? undefined,
    data: {
      ...fields,
      name: input.name ?? `${METHOD_LABELS[input.method]}${rankLabel} · ${modelName}`,
      status: input.status ?? "completed",
      modelId: model?.id ?? null,
      modelName,
      experimentId: input.experimentId ?? DEFAULT_EXPERIMENT_ID,
      modelParams: input.modelParams ?? model?.totalParams ?? null,
      hardwareId: hardware ?? null,
      targetModules: targetModules ? JSON.stringify(targetModules) : null,
      quantization: input.quantization ?? (input.method === "qlora" ? "nf4" : "none"),
      doubleQuant: input.doubleQuant ?? false,
      oom: input.oom ?? false,
      isEstimate: input.isEstimate ?? false,
    },
  };
}

export type CreatedRun = { run: Run; created: boolean };

/** Every Run column as null: a new row starts from this, so a column added to the schema is never left out. */
const NULL_RUN_COLUMNS = Object.fromEntries(Object.values(Prisma.RunScalarFieldEnum).map((column) => [column, null]));

/** Column values of a run the database has not seen: what Prisma's defaults would fill in, then the resolved fields. */
function newRunRow(id: string, data: Resolved["data"], createdById: string | null, now: Date): RunModel {
  const given = Object.fromEntries(Object.entries(data).map(([column, value]) => [column, value ?? null]));
  return { ...NULL_RUN_COLUMNS, reviewStatus: "draft", isBaseline: false, experimentId: DEFAULT_EXPERIMENT_ID, ...given, id, createdById, createdAt: now, updatedAt: now, deletedAt: null } as RunModel;
}

/** Runs resolved or built between two turns of the event loop: about 10 ms of work on a 2-core machine. */
const YIELD_EVERY_RUNS = 250;

/** The response shape of a run just built in memory: the row plus the relations runInclude would load. */
function inMemoryRunRow(row: RunModel, tags: string[], catalog: Catalog, creator: RunRow["createdBy"]): RunRow {
  const model = catalog.models.find((m) => m.id === row.modelId);
  const hardware = row.hardwareId ? catalog.hardware.get(row.hardwareId) : undefined;
  return {
    ...row,
    tags: [...tags].sort().map((tag) => ({ tag })),
    model: model ? { id: model.id, hfId: model.hfId, name: model.name } : null,
    hardware: hardware ? { id: hardware.id, name: hardware.name } : null,
    source: null, // a created run has no sourceId: runFields does not accept one
    experiment: { name: catalog.experiments.get(row.experimentId)?.name ?? row.experimentId },
    createdBy: creator,
  };
}

/**
 * Creates runs all-or-nothing. A run whose externalId already exists is returned as it is (created: false),
 * so a client may retry a request safely; repeats of one externalId inside a batch create it once. An externalId
 * that belongs to a soft-deleted run is a 409: returning the deleted run would hide it, and a new run cannot
 * take the id while an admin may still restore the old one.
 *
 * Every row is built here, outside the transaction; lib/server/db/bulk-write.ts writes them in one short
 * synchronous burst (a Prisma transaction of 1,000 creates held the event loop for seconds). A new run's response
 * is built from the same values, so the write reads nothing back.
 */
export async function createRuns(
  inputs: RunCreate[],
  options: { issuePrefix?: (index: number) => string; createdById?: string } = {},
): Promise<CreatedRun[]> {
  const prefix = options.issuePrefix ?? ((index: number) => `items.${index}.`);
  const createdById = options.createdById ?? null;
  const [catalog, creator] = await Promise.all([
    loadCatalog(prisma),
    createdById ? prisma.user.findUnique({ where: { id: createdById }, select: { id: true, name: true } }) : null,
  ]);
  const issues: FieldIssue[] = [];
  const resolved: Resolved[] = [];
  for (const [index, input] of inputs.entries()) {
    if (index > 0 && index % YIELD_EVERY_RUNS === 0) await yieldToEventLoop();
    resolved.push(resolveRun(input, catalog, prefix(index), issues));
  }
  if (issues.length) throw invalidFields(issues);
  const isLarge = inputs.length > YIELD_EVERY_RUNS;
  if (isLarge) await yieldToEventLoop();

  const now = new Date();
  // The item that creates each externalId: the first one naming it; later repeats answer with its run.
  const firstIndex = new Map<string, number>();
  const writes: { index: number; insert: RunInsert; response: RunRow }[] = [];
  for (const [index, { data, tags }] of resolved.entries()) {
    if (index > 0 && index % YIELD_EVERY_RUNS === 0) await yieldToEventLoop();
    const externalId = data.externalId ?? null;
    if (externalId !== null) {
      if (firstIndex.has(externalId)) continue;
      firstIndex.set(externalId, index);
    }
    const row = newRunRow(createId(), data, createdById, now);
    const distinctTags = [...new Set(tags ?? [])];
    writes.push({
      index,
      insert: { run: { ...row, externalId }, tags: distinctTags, events: [runEventRow({ runId: row.id, actorId: createdById, kind: "created" }, now)] },
      response: inMemoryRunRow(row, distinctTags, catalog, creator),
    });
  }

  if (isLarge) await yieldToEventLoop();
  const outcome = await writeRunsBatch(writes.map((w) => w.insert));
  if (outcome.status === "deleted-external-id") {
    const { index, externalId, runId } = outcome;
    const message = `belongs to run ${runId}, which was deleted; an admin can restore it (POST /api/runs/${runId}/restore)`;
    throw new ApiError("conflict", `externalId '${externalId}' ${message}`, [{ path: `${prefix(writes[index]!.index)}externalId`, message }]);
  }
  // A batch large enough to defer its full-text documents has queued them: they are written in short chunks from
  // here on, and a search waits for the rest before it reads (drainSearchQueue).
  void drainSearchQueue().catch((error: unknown) => console.error("Writing queued full-text documents failed; the next search retries:", error));
  // The write was one burst; answering 1,000 runs is another ~25 ms, so other requests are read in between.
  if (isLarge) await yieldToEventLoop();
  const existingIds = [...outcome.existing.values()];
  const existingRuns = new Map<string, Run>();
  // Chunks keep each read's bind values well under SQLite's limit, and each Prisma read (one synchronous chain of
  // microtasks) short, with a turn of the event loop between them.
  for (let start = 0; start < existingIds.length; start += 200) {
    if (start > 0) await yieldToEventLoop();
    const rows = await prisma.run.findMany({ where: { id: { in: existingIds.slice(start, start + 200) } }, include: runInclude });
    for (const row of rows) existingRuns.set(row.id, serializeRun(row));
  }
  const byExternalId = new Map<string, CreatedRun>();
  const byIndex = new Map<number, CreatedRun>();
  for (const [position, { index, insert, response }] of writes.entries()) {
    if (position > 0 && position % YIELD_EVERY_RUNS === 0) await yieldToEventLoop();
    const externalId = insert.run.externalId;
    const existingId = externalId !== null ? outcome.existing.get(externalId) : undefined;
    const result: CreatedRun = existingId ? { run: existingRuns.get(existingId)!, created: false } : { run: serializeRun(response), created: true };
    byIndex.set(index, result);
    if (externalId !== null) byExternalId.set(externalId, result);
  }
  return resolved.map(({ data }, index) => {
    const own = byIndex.get(index);
    if (own) return own;
    // A repeat of an externalId earlier in this batch: the same run, not created again.
    return { run: byExternalId.get(data.externalId!)!.run, created: false };
  });
}

/** Columns an edit may clear; after a merge, any of them absent from the merged run is written as null. */
const CLEARABLE_COLUMNS = [
  "externalId", "notes", "modelParams", "rank", "loraAlpha", "loraDropout", "precision", "gpuCount", "batchSize",
  "gradientAccumulation", "seqLen", "gradientCheckpointing", "attention", "sharding", "optimizer", "learningRate", "epochs", "datasetName",
  "datasetSize", "throughputSamplesPerSec", "throughputTokensPerSec", "peakMemoryGb", "peakMemoryGbMin",
  "peakMemoryGbMax", "trainableParams", "mtBench", "mmlu", "trainLoss", "evalLoss", "wallTimeSec", "costUsd",
  // Issue 11: how the run trains and what its memory figure measured; null is "unknown, the framework's default".
  "framework", "packing", "chunkedLoss", "activationOffloading", "torchCompile", "optimizerInBackward", "masterWeights",
  "peakMemoryMeasure", "peakMemoryScope", "peakMemoryOriginal",
] as const;

/** A stored run in the shape a create request takes (nulls dropped), so an edit can be validated as a whole. */
function asInput(run: Run): Record<string, unknown> {
  const { id: _id, source: _s, createdBy: _b, createdAt: _c, updatedAt: _u, modelId: _m, modelName: _n, hardwareName: _h, hardwareLabel: _l, reviewStatus: _r, isBaseline: _i, deletedAt: _d, experimentName: _e, lastSeenAt: _ls, startedAt: _st, endedAt: _en, ...fields } = run;
  return fields;
}

/** Who makes a change, for the run's history; null for changes made by the system. */
export type WriteOptions = { actorId?: string | null };

/**
 * Applies a partial edit. The merged run must pass the same rules as a new one; nothing is written otherwise.
 * Each changed field is recorded with its old and new value, in the same transaction.
 */
export async function updateRun(id: string, patch: RunPatch, options: WriteOptions = {}): Promise<Run> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.run.findUnique({ where: { id }, include: runInclude });
    if (!existing || existing.deletedAt) throw notFound("Run", id);
    const merged: Record<string, unknown> = { ...asInput(serializeRun(existing)), ...patch };
    // A new model brings its own catalog parameter count unless the edit states one.
    if (patch.model !== undefined && patch.modelParams === undefined) delete merged.modelParams;
    for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];

    const parsed = runCreateSchema.safeParse(merged);
    if (!parsed.success) throw invalidFields(parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message })));
    const issues: FieldIssue[] = [];
    const { data, tags } = resolveRun(parsed.data, await loadCatalog(tx), "", issues, existing.experimentId);
    if (issues.length) throw invalidFields(issues);
    if (data.externalId && data.externalId !== existing.externalId) {
      const clash = await tx.run.findUnique({ where: { externalId: data.externalId }, select: { id: true } });
      if (clash) throw new ApiError("conflict", `externalId '${data.externalId}' already belongs to run ${clash.id}`);
    }
    const cleared = Object.fromEntries(CLEARABLE_COLUMNS.map((column) => [column, data[column] ?? null]));
    const row = await tx.run.update({
      where: { id },
      data: {
        ...data,
        ...cleared,
        // Keep the stored name unless the edit names the run: a derived name would silently rename it.
        name: patch.name ?? existing.name,
        tags: tags !== undefined ? { deleteMany: {}, create: [...new Set(tags)].map((tag) => ({ tag })) } : undefined,
      },
      include: runInclude,
    });
    const run = serializeRun(row);
    const changes = changedFields(asInput(serializeRun(existing)), asInput(run), new Set());
    await recordRunEvents(tx, changes.map((change) => ({ ...change, runId: id, actorId: options.actorId })));
    return run;
  });
}

/** Soft delete: the run disappears from every list, chart and export, and an admin can restore it. */
export async function deleteRun(id: string, options: WriteOptions = {}): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (count === 0) throw notFound("Run", id);
    await recordRunEvents(tx, [{ runId: id, actorId: options.actorId, kind: "deleted" }]);
  });
}

/** Brings a soft-deleted run back; 404 for an unknown id, 409 for a run that is not deleted. */
export async function restoreRun(id: string, options: WriteOptions = {}): Promise<Run> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.run.findUnique({ where: { id }, select: { deletedAt: true } });
    if (!existing) throw notFound("Run", id);
    if (!existing.deletedAt) throw new ApiError("conflict", `Run '${id}' is not deleted`);
    const row = await tx.run.update({ where: { id }, data: { deletedAt: null }, include: runInclude });
    await recordRunEvents(tx, [{ runId: id, actorId: options.actorId, kind: "restored" }]);
    return serializeRun(row);
  });
}
