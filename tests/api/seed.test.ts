import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db/client";
import { cellId, seedDatabase } from "@/lib/server/seed";
import { SEEDED_RUNS, SEEDED_SOURCES } from "@/lib/server/seed";
import { sources } from "@/seed/sources";
import { onPostgres } from "../support/postgres";

async function snapshot() {
  const [runs, cells, tables, claims, evidence, models, hardware] = await Promise.all([
    prisma.run.findMany({ orderBy: { id: "asc" }, select: { id: true, updatedAt: true } }),
    prisma.sourceCell.count(),
    prisma.sourceTable.count(),
    prisma.claim.count(),
    prisma.claimEvidence.count(),
    prisma.model.count(),
    prisma.hardware.count(),
  ]);
  return { runs: runs.map((r) => `${r.id}@${r.updatedAt.toISOString()}`), cells, tables, claims, evidence, models, hardware };
}

describe("seed", () => {
  it("loaded every table cell of the three articles and the measured sources, and one reference run per seed entry", async () => {
    const expectedCells = SEEDED_SOURCES.flatMap((s) => s.tables).reduce((sum, t) => sum + (t.rows.length + 1) * t.header.length, 0);
    expect(SEEDED_SOURCES.length).toBeGreaterThan(sources.length);
    expect(await prisma.sourceCell.count()).toBe(expectedCells);
    expect(await prisma.run.count({ where: { externalId: { startsWith: "seed:" } } })).toBe(SEEDED_RUNS.length);
    const links = await prisma.runCell.count();
    expect(links).toBeGreaterThanOrEqual(SEEDED_RUNS.length);
  });

  it("stores every cell verbatim, including OOM, ranges and open bounds", async () => {
    for (const source of sources) {
      for (const table of source.tables) {
        for (const [row, cells] of [table.header, ...table.rows].entries()) {
          for (const [col, text] of cells.entries()) {
            const cell = await prisma.sourceCell.findUnique({ where: { id: cellId({ table: table.id, row, col }) } });
            expect(cell?.text).toBe(text);
          }
        }
      }
    }
    const texts = (await prisma.sourceCell.findMany({ select: { text: true } })).map((c) => c.text);
    expect(texts).toEqual(expect.arrayContaining(["OOM", "84GB+", "24 - 32 GB", "~10-12GB (for 7B models, FP16)", "Extreme ($$$)", "Fastest"]));
  });

  it("running it again changes nothing, even when forced", async () => {
    const before = await snapshot();
    expect(await seedDatabase()).toEqual({ skipped: true, runsCreated: 0 });
    expect(await seedDatabase({ force: true })).toEqual({ skipped: false, runsCreated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("a re-seed keeps edits made to reference runs and brings back none that exist", async () => {
    const run = await prisma.run.findFirstOrThrow({ where: { externalId: { startsWith: "seed:" } } });
    await prisma.run.update({ where: { id: run.id }, data: { notes: "checked by the team" } });
    await seedDatabase({ force: true });
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).notes).toBe("checked by the team");
    expect(await prisma.run.count({ where: { externalId: run.externalId } })).toBe(1);
  });

  it("applied the migrations folder with Prisma's checksums, so `prisma migrate deploy` accepts the database", async () => {
    // Each provider has its own migrations folder (issue 12): PostgreSQL's is prisma/postgres/migrations.
    const dir = path.resolve(onPostgres ? "prisma/postgres/migrations" : "prisma/migrations");
    const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const applied = await prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: unknown }[]>(
      "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(applied.map((m) => m.migration_name)).toEqual(folders);
    for (const migration of applied) {
      const sql = readFileSync(path.join(dir, migration.migration_name, "migration.sql"));
      expect(migration.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(migration.finished_at).not.toBeNull();
    }
  });
});
