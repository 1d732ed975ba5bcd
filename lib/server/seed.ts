import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_EXPERIMENT_ID } from "@/lib/schemas/experiment";
import { prisma } from "@/lib/server/db/client";
import { hardware } from "@/seed/catalog/hardware";
import { models } from "@/seed/catalog/models";
import { claims } from "@/seed/claims";
import { referenceExperiments } from "@/seed/experiments";
import { referenceRuns } from "@/seed/reference-runs";
import { sources } from "@/seed/sources";
import type { CellRef, SourceSeed } from "@/seed/types";

// referenceExperiments is part of the hash, so a database seeded before experiments existed is seeded once more
// at its next start, which moves its reference runs out of Default.
export const SEED_DATA = { sources, models, hardware, referenceRuns, claims, referenceExperiments };
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

/**
 * Creates the experiment of each kind of source that has reference runs (a rename or archive made in the app
 * survives), and moves reference runs still in Default there: databases seeded before experiments existed had
 * them all in Default. A reference run someone moved to another experiment stays where they put it. The move
 * leaves updatedAt alone: nobody edited those runs. Returns the experiment id of each seeded source.
 */
async function seedReferenceExperiments(tx: Prisma.TransactionClient): Promise<Map<string, string>> {
  const experimentBySource = new Map<string, string>();
  for (const experiment of referenceExperiments) {
    const sourceIds = sources.filter((source) => source.kind === experiment.sourceKind).map((source) => source.id);
    if (!referenceRuns.some((run) => sourceIds.includes(run.sourceId))) continue;
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
      for (const source of sources) {
        const { tables, rawCellSeparator: _r, ...fields } = source;
        const data = {
          id: fields.id,
          kind: fields.kind,
          title: fields.title,
          author: fields.author ?? null,
          publisher: fields.publisher ?? null,
          publishedAt: fields.publishedAt ?? null,
          seedFile: fields.seedFile ?? null,
          summary: fields.summary ?? null,
        };
        await tx.source.upsert({ where: { id: source.id }, create: data, update: data });
        const records = sourceRecords({ ...source, tables });
        await upsertAll(records.tables, (table) => tx.sourceTable.upsert({ where: { id: table.id }, create: table, update: table }));
        await upsertAll(records.cells, (cell) => tx.sourceCell.upsert({ where: { id: cell.id }, create: cell, update: cell }));
      }
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
      const existing = new Set(
        (await tx.run.findMany({ where: { externalId: { startsWith: "seed:" } }, select: { externalId: true } })).map((r) => r.externalId),
      );
      const catalogParams = new Map(models.map((m) => [m.id, { name: m.name, params: m.totalParams }]));
      let runsCreated = 0;
      for (const run of referenceRuns) {
        if (existing.has(run.externalId)) continue;
        const { cells, tags, modelId, hardwareId, targetModules, ...fields } = run;
        const model = catalogParams.get(modelId);
        const data: Prisma.RunUncheckedCreateInput = {
          ...fields,
          status: "reported",
          experimentId: experimentBySource.get(fields.sourceId) ?? DEFAULT_EXPERIMENT_ID,
          modelId,
          modelName: model?.name ?? modelId,
          modelParams: model?.params ?? null,
          hardwareId: hardwareId ?? null,
          targetModules: targetModules ? JSON.stringify(targetModules) : null,
          quantization: fields.quantization ?? (fields.method === "qlora" ? "nf4" : "none"),
          tags: { create: [...new Set(["reference", ...(tags ?? [])])].map((tag) => ({ tag })) },
          cells: { create: [...new Map(cells.map((c) => [`${cellId(c.cell)}|${c.field}`, c])).values()].map((c) => ({ cellId: cellId(c.cell), field: c.field })) },
        };
        await tx.run.create({ data });
        runsCreated += 1;
      }
      await tx.meta.upsert({ where: { key: SEED_HASH_KEY }, create: { key: SEED_HASH_KEY, value: hash }, update: { value: hash } });
      return { skipped: false, runsCreated };
    },
    { timeout: 60_000 },
  );
}
