import "server-only";
// Experiments (MLflow's experiment, W&B's project): create, rename, describe, tag, archive and restore. Names are
// unique and case-sensitive, as in MLflow; Default ("0") can be renamed but never archived, as MLflow refuses to
// delete its default experiment. Archiving keeps the runs; write-runs.ts refuses new runs in an archived experiment.
import { ApiError, invalidFields, notFound } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_EXPERIMENT_ID, type Experiment, type ExperimentCreate } from "@/lib/schemas/experiment";
import { prisma } from "@/lib/server/db/client";
import { greatestOf, isPostgres } from "@/lib/server/db/dialect";

type ExperimentRow = Prisma.ExperimentGetPayload<{ include: { tags: true } }>;
type Activity = { runCount: number; lastActivityAt: string | null };
type Db = Prisma.TransactionClient | typeof prisma;

const NO_ACTIVITY: Activity = { runCount: 0, lastActivityAt: null };

function serializeExperiment(row: ExperimentRow, activity: Activity): Experiment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tags: Object.fromEntries([...row.tags].sort((a, b) => a.key.localeCompare(b.key)).map((tag) => [tag.key, tag.value])),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    ...activity,
  };
}

/**
 * Run count and last activity per experiment, deleted runs left out. Last activity is a run's lastSeenAt (a live
 * client's last write) or its updatedAt, whichever is newer; on SQLite both are ISO text in the same format, so
 * max() over the text is the latest time (PostgreSQL compares its timestamps). On the caller's transaction, not
 * readRows, so that a transaction reads its own writes on PostgreSQL too; counts come back as BigInt there.
 */
async function readActivity(db: Db, experimentIds?: string[]): Promise<Map<string, Activity>> {
  const only = experimentIds ? Prisma.sql`AND "experimentId" IN (${Prisma.join(experimentIds)})` : Prisma.empty;
  const rows = await db.$queryRaw<{ experimentId: string; runs: unknown; lastActivity: string | Date | null }[]>`
    SELECT "experimentId", count(*) AS "runs", max(${greatestOf(Prisma.sql`"updatedAt"`, Prisma.sql`coalesce("lastSeenAt", "updatedAt")`)}) AS "lastActivity"
    FROM "Run" WHERE "deletedAt" IS NULL ${only} GROUP BY "experimentId"`;
  return new Map(
    rows.map((row) => [row.experimentId, { runCount: Number(row.runs), lastActivityAt: row.lastActivity ? new Date(row.lastActivity).toISOString() : null }]),
  );
}

async function readOne(db: Db, where: Prisma.ExperimentWhereUniqueInput, label: string): Promise<Experiment> {
  const row = await db.experiment.findUnique({ where, include: { tags: true } });
  if (!row) throw notFound("Experiment", label);
  const activity = await readActivity(db, [row.id]);
  return serializeExperiment(row, activity.get(row.id) ?? NO_ACTIVITY);
}

/** Experiments by name, archived ones only when asked; each with its run count and last activity. */
export async function listExperiments(options: { includeArchived?: boolean } = {}): Promise<Experiment[]> {
  const [rows, activity] = await Promise.all([
    prisma.experiment.findMany({ where: options.includeArchived ? {} : { archivedAt: null }, include: { tags: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    readActivity(prisma),
  ]);
  // Names in bytewise order on both engines: PostgreSQL's findMany sorts by the database's collation, which may
  // follow a locale ("b" before "C"), where SQLite compares bytes. Names are unique, so the id never breaks a tie.
  if (isPostgres) rows.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  return rows.map((row) => serializeExperiment(row, activity.get(row.id) ?? NO_ACTIVITY));
}

/** One experiment, archived or not; not_found (404) when there is none. */
export async function getExperiment(id: string): Promise<Experiment> {
  return readOne(prisma, { id }, id);
}

/** The experiment with exactly this (case-sensitive) name; not_found (404) when there is none. */
export async function getExperimentByName(name: string): Promise<Experiment> {
  return readOne(prisma, { name }, name);
}

function duplicateName(name: string): ApiError {
  return new ApiError("conflict", `An experiment named '${name}' already exists`, [{ path: "name", message: "is taken by another experiment" }]);
}

/**
 * Ids are MLflow's: decimal integers as strings, one more than the largest so far ("0" is Default), which keeps
 * them short in URLs (/runs?experiment=3) and valid for clients that expect a number.
 */
async function nextExperimentId(db: Db): Promise<string> {
  // Only all-digit ids count (an id made elsewhere, such as a test's, may not be one); PostgreSQL has no GLOB and
  // refuses to cast other text, SQLite no regular expressions without an extension.
  const allDigits = isPostgres ? Prisma.sql`"id" ~ '^[0-9]+$'` : Prisma.sql`"id" GLOB '[0-9]*' AND "id" NOT GLOB '*[^0-9]*'`;
  const [row] = await db.$queryRaw<{ largest: unknown }[]>`
    SELECT max(CAST("id" AS BIGINT)) AS "largest" FROM "Experiment" WHERE ${allDigits}`;
  return String(Number(row?.largest ?? 0) + 1);
}

/** Creates an experiment; a name already used (archived experiments included, as in MLflow) is a conflict (409). */
export async function createExperiment(input: ExperimentCreate): Promise<Experiment> {
  const name = input.name.trim();
  return prisma.$transaction(async (tx) => {
    // A write first takes SQLite's write lock (Prisma opens deferred transactions), so the name check and the
    // next id cannot change under us before commit.
    await tx.$executeRaw`UPDATE "Experiment" SET "id" = "id" WHERE "id" = ${DEFAULT_EXPERIMENT_ID}`;
    if (await tx.experiment.findUnique({ where: { name }, select: { id: true } })) throw duplicateName(name);
    const id = await nextExperimentId(tx);
    const tags = Object.entries(input.tags ?? {}).map(([key, value]) => ({ key, value }));
    await tx.experiment.create({ data: { id, name, description: input.description ?? null, tags: { create: tags } } });
    return readOne(tx, { id }, id);
  });
}

/**
 * Renames, describes, archives or restores in one transaction. Renaming onto another experiment's name is a
 * conflict (409); archiving Default is a 422. Archiving an archived experiment (or restoring an active one)
 * changes nothing and is not an error.
 */
export async function updateExperiment(
  id: string,
  patch: { name?: string; description?: string | null; archived?: boolean },
): Promise<Experiment> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE "Experiment" SET "id" = "id" WHERE "id" = ${DEFAULT_EXPERIMENT_ID}`;
    const current = await tx.experiment.findUnique({ where: { id }, select: { name: true, archivedAt: true } });
    if (!current) throw notFound("Experiment", id);
    const data: Prisma.ExperimentUpdateInput = {};
    if (patch.name !== undefined && patch.name.trim() !== current.name) {
      const name = patch.name.trim();
      if (await tx.experiment.findUnique({ where: { name }, select: { id: true } })) throw duplicateName(name);
      data.name = name;
    }
    if (patch.description !== undefined) data.description = patch.description;
    if (patch.archived === true && !current.archivedAt) {
      if (id === DEFAULT_EXPERIMENT_ID) {
        throw invalidFields([{ path: "archived", message: "the Default experiment cannot be archived: runs logged without an experiment go there" }]);
      }
      data.archivedAt = new Date();
    }
    if (patch.archived === false && current.archivedAt) data.archivedAt = null;
    if (Object.keys(data).length > 0) await tx.experiment.update({ where: { id }, data });
    return readOne(tx, { id }, id);
  });
}

/** Hides the experiment from lists and refuses new runs in it; its runs stay. Default cannot be archived (422). */
export async function archiveExperiment(id: string): Promise<Experiment> {
  return updateExperiment(id, { archived: true });
}

export async function restoreExperiment(id: string): Promise<Experiment> {
  return updateExperiment(id, { archived: false });
}

/** Sets (or overwrites) one key-value tag, as MLflow's set-experiment-tag does. */
export async function setExperimentTag(id: string, key: string, value: string): Promise<Experiment> {
  return prisma.$transaction(async (tx) => {
    if (!(await tx.experiment.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Experiment", id);
    await tx.experimentTag.upsert({ where: { experimentId_key: { experimentId: id, key } }, create: { experimentId: id, key, value }, update: { value } });
    await tx.experiment.update({ where: { id }, data: { updatedAt: new Date() } });
    return readOne(tx, { id }, id);
  });
}

/** Deletes one tag; a tag that is not there is not_found (404), as MLflow's delete-experiment-tag answers. */
export async function deleteExperimentTag(id: string, key: string): Promise<Experiment> {
  return prisma.$transaction(async (tx) => {
    if (!(await tx.experiment.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Experiment", id);
    const { count } = await tx.experimentTag.deleteMany({ where: { experimentId: id, key } });
    if (count === 0) throw notFound("Experiment tag", key);
    await tx.experiment.update({ where: { id }, data: { updatedAt: new Date() } });
    return readOne(tx, { id }, id);
  });
}
