import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_EXPERIMENT_ID } from "@/lib/schemas/experiment";
import { prisma } from "@/lib/server/db/client";
import { hardware } from "@/seed/catalog/hardware";
import { models } from "@/seed/catalog/models";
import { claims } from "@/seed/claims";
import { measuredRuns, measurementSources } from "@/seed/measurements";
import { referenceExperiments } from "@/seed/experiments";
import { referenceRuns } from "@/seed/reference-runs";
import { sources } from "@/seed/sources";
import type { CellRef, MeasurementSeed, RunSeed, SourceSeed } from "@/seed/types";

// referenceExperiments is part of the hash, so a database seeded before experiments existed is seeded once more
// at its next start, which moves its reference runs out of Default; the measured sources and runs are too, so a
// database seeded before them gains them at its next start.
export const SEED_DATA = { sources, models, hardware, referenceRuns, claims, referenceExperiments, measurementSources, measuredRuns };
/** Every seeded source: the articles, then the frameworks' benchmark tables (issue 11). */
export const SEEDED_SOURCES: readonly SourceSeed[] = [...sources, ...measurementSources];
/** Every seeded run: the articles' reference runs, then the measured rows. */
export const SEEDED_RUNS: readonly RunSeed[] = [...referenceRuns, ...measuredRuns];
const SEED_HASH_KEY = "seedHash";

export function cellId(ref: CellRef): string {
  return `${ref.table}/r${ref.row}c${ref.col}`;
}

function seedHash(): string {
  return createHash("sha256").update(JSON.stringify(SEED_DATA)).digest("hex");
}

function sourceRecords(source: SourceSeed) {
  const tables = source.tables.map((table, position) => ({
    id: table.id,
    sourceId: source.id,
    position,
    title: table.title,
    caption: table.caption ?? null,
    kind: table.kind,
    rowCount: table.rows.length,
    colCount: table.header.length,
  }));
  const cells = source.tables.flatMap((table) =>
    [table.header, ...table.rows].flatMap((cells, row) =>
      cells.map((text, col) => ({
        id: cellId({ table: table.id, row, col }),
        tableId: table.id,
        row,
        col,
        text,
        rowLabel: row === 0 ? "" : (cells[0] ?? ""),
        columnLabel: table.header[col] ?? "",
      })),
    ),
  );
  return { tables, cells };
}

async function upsertAll<T extends { id: string }>(items: T[], upsert: (item: T) => Promise<unknown>) {
  for (const item of items) await upsert(item);
}

export type SeedResult = { skipped: boolean; runsCreated: number };

const sameCell = (a: { text: string; rowLabel: string; columnLabel: string }, b: typeof a) => a.text === b.text && a.rowLabel === b.rowLabel && a.columnLabel === b.columnLabel;

/**
 * Upserts a source, its tables and their cells. Cells are read once per source and only the missing ones created
 * (createMany) and the changed ones updated: a benchmark table holds thousands of cells, and an upsert per cell made
 * every start that re-seeds take seconds.
 */
async function seedSource(tx: Prisma.TransactionClient, source: SourceSeed): Promise<void> {
  const data = {
    id: source.id,
    kind: source.kind,
    title: source.title,
    author: source.author ?? null,
    publisher: source.publisher ?? null,
    publishedAt: source.publishedAt ?? null,
    seedFile: source.seedFile ?? null,
    url: source.url ?? null,
    repository: source.repository ?? null,
    path: source.path ?? null,
    commit: source.commit ?? null,
    summary: source.summary ?? null,
  };
  await tx.source.upsert({ where: { id: source.id }, create: data, update: data });
  const records = sourceRecords(source);
  await upsertAll(records.tables, (table) => tx.sourceTable.upsert({ where: { id: table.id }, create: table, update: table }));
  const stored = await tx.sourceCell.findMany({
    where: { tableId: { in: records.tables.map((table) => table.id) } },
    select: { id: true, text: true, rowLabel: true, columnLabel: true },
  });
  const byId = new Map(stored.map((cell) => [cell.id, cell]));
  const missing = records.cells.filter((cell) => !byId.has(cell.id));
  if (missing.length) await tx.sourceCell.createMany({ data: missing });
  for (const cell of records.cells) {
    const old = byId.get(cell.id);
    if (old && !sameCell(old, cell)) await tx.sourceCell.update({ where: { id: cell.id }, data: cell });
  }
}

/**
 * Creates each seeded run whose externalId is missing, with its tags and cell links, in three createMany calls
 * (a run at a time took about 5 ms each, over a second for the measured rows). Existing runs are left as they
 * are, so edits made through the app survive a re-seed. Returns how many were created.
 */
async function createMissingRuns(tx: Prisma.TransactionClient, experimentBySource: Map<string, string>): Promise<number> {
  const existing = new Set(
    (await tx.run.findMany({ where: { externalId: { startsWith: "seed:" } }, select: { externalId: true } })).map((r) => r.externalId),
  );
  const catalogParams = new Map(models.map((m) => [m.id, { name: m.name, params: m.totalParams }]));
  const toCreate = SEEDED_RUNS.filter((run) => !existing.has(run.externalId));
  if (toCreate.length === 0) return 0;
  const rows: Prisma.RunCreateManyInput[] = toCreate.map((run) => {
    // `measurement` holds the row's facts that have no Run column (the calibration reads them from seed/).
    const { cells: _cells, tags: _tags, modelId, hardwareId, targetModules, ...fields } = run;
    if ("measurement" in fields) delete (fields as Partial<MeasurementSeed>).measurement;
    const model = catalogParams.get(modelId);
    return {
      ...fields,
      status: "reported",
      experimentId: experimentBySource.get(fields.sourceId) ?? DEFAULT_EXPERIMENT_ID,
      modelId,
      modelName: model?.name ?? modelId,
      modelParams: model?.params ?? null,
      hardwareId: hardwareId ?? null,
      targetModules: targetModules ? JSON.stringify(targetModules) : null,
      quantization: fields.quantization ?? (fields.method === "qlora" ? "nf4" : "none"),
    };
  });
  const created = await tx.run.createManyAndReturn({ data: rows, select: { id: true, externalId: true } });
  const idOf = new Map(created.map((run) => [run.externalId, run.id]));
  const tags = toCreate.flatMap((run) => [...new Set(["reference", ...(run.tags ?? [])])].map((tag) => ({ runId: idOf.get(run.externalId)!, tag })));
  const links = toCreate.flatMap((run) =>
    [...new Map(run.cells.map((c) => [`${cellId(c.cell)}|${c.field}`, c])).values()].map((c) => ({ runId: idOf.get(run.externalId)!, cellId: cellId(c.cell), field: c.field })),
  );
  await tx.runTag.createMany({ data: tags });
  await tx.runCell.createMany({ data: links });
  return created.length;
}

/**
 * Creates the experiment of each kind of source that has reference runs (a rename or archive made in the app
 * survives), and moves reference runs still in Default there: databases seeded before experiments existed had
 * them all in Default. A reference run someone moved to another experiment stays where they put it. The move
 * leaves updatedAt alone: nobody edited those runs. Returns the experiment id of each seeded source.
 */
async function seedReferenceExperiments(tx: Prisma.TransactionClient): Promise<Map<string, string>> {
  const experimentBySource = new Map<string, string>();
  for (const experiment of referenceExperiments) {
    const sourceIds = SEEDED_SOURCES.filter((source) => source.kind === experiment.sourceKind).map((source) => source.id);
    if (!SEEDED_RUNS.some((run) => sourceIds.includes(run.sourceId))) continue;
    if (!(await tx.experiment.findUnique({ where: { id: experiment.id }, select: { id: true } }))) {
      // Names are unique: a team that already has an experiment of this name keeps it, and ours is told apart.
      const taken = await tx.experiment.findUnique({ where: { name: experiment.name }, select: { id: true } });
      const name = taken ? `${experiment.name} (seeded)` : experiment.name;
      await tx.experiment.create({ data: { id: experiment.id, name, description: experiment.description } });
    }
    for (const sourceId of sourceIds) experimentBySource.set(sourceId, experiment.id);
    await tx.$executeRaw`UPDATE "Run" SET "experimentId" = ${experiment.id}
      WHERE "experimentId" = ${DEFAULT_EXPERIMENT_ID} AND "externalId" LIKE 'seed:%' AND "sourceId" IN (${Prisma.join(sourceIds)})`;
  }
  return experimentBySource;
}

/**
 * Loads seed/ into the database. Idempotent: catalog, sources and claims are upserted by their stable ids, and a
 * reference run is created only if its externalId is missing, so edits made through the app survive a re-seed.
 * A hash of the seed data is stored so that an unchanged seed costs one query at start-up.
 */
export async function seedDatabase(options: { force?: boolean } = {}): Promise<SeedResult> {
  const hash = seedHash();
  const stored = await prisma.meta.findUnique({ where: { key: SEED_HASH_KEY } });
  if (stored?.value === hash && !options.force) return { skipped: true, runsCreated: 0 };

  return prisma.$transaction(
    async (tx) => {
      await upsertAll(models, ({ attentionBias: _a, normsPerLayer: _n, isGeneric, notes, ...model }) => {
        const data = { ...model, isGeneric: isGeneric ?? false, notes: notes ?? null };
        return tx.model.upsert({ where: { id: model.id }, create: data, update: data });
      });
      await upsertAll(hardware, (gpu) => {
        const data = { ...gpu, aliases: JSON.stringify(gpu.aliases) };
        return tx.hardware.upsert({ where: { id: gpu.id }, create: data, update: data });
      });
      for (const source of SEEDED_SOURCES) await seedSource(tx, source);
      for (const claim of claims) {
        const { evidence, unit, ...fields } = claim;
        const data = { ...fields, unit: unit ?? null };
        await tx.claim.upsert({ where: { id: claim.id }, create: data, update: data });
        await tx.claimEvidence.deleteMany({ where: { claimId: claim.id } });
        await tx.claimEvidence.createMany({
          data: evidence.map((item, index) => ({
            id: `${claim.id}/${index}`,
            claimId: claim.id,
            sourceId: item.sourceId,
            cellId: item.cell ? cellId(item.cell) : null,
            quote: item.quote,
            valueMin: item.valueMin ?? null,
            valueMax: item.valueMax ?? null,
            note: item.note ?? null,
            position: item.position ?? null,
          })),
        });
      }
      const experimentBySource = await seedReferenceExperiments(tx);
      const runsCreated = await createMissingRuns(tx, experimentBySource);
      await tx.meta.upsert({ where: { key: SEED_HASH_KEY }, create: { key: SEED_HASH_KEY, value: hash }, update: { value: hash } });
      return { skipped: false, runsCreated };
    },
    { timeout: 60_000 },
  );
}
