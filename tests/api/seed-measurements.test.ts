// Issue 11: the frameworks' published measurements are seeded as reference runs with their provenance, kept
// apart from the articles' claims (their own experiment, the runs-list filter `evidence`), and a database seeded
// before they existed gains them at its next start.
import { describe, expect, it } from "vitest";
import * as runsRoute from "@/app/api/runs/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as sourceRoute from "@/app/api/sources/[id]/route";
import * as exportRoute from "@/app/api/export/route";
import type { Run, RunDetail } from "@/lib/schemas/run";
import type { SourceDetail } from "@/lib/schemas/source";
import { prisma } from "@/lib/server/db/client";
import { SEEDED_SOURCES, cellId, seedDatabase } from "@/lib/server/seed";
import { measuredRuns, measurementSources } from "@/seed/measurements";
import { referenceRuns } from "@/seed/reference-runs";
import { call } from "../support/api";

const measuredSourceIds = measurementSources.map((source) => source.id);
const estimates = measuredRuns.filter((run) => run.isEstimate);
const runPage = (query: string) => call<{ items: Run[]; total: number }>(runsRoute.GET, { path: `/api/runs?${query}` });

describe("seeded published measurements", () => {
  it("creates every measured run once, in the measurement experiment, with every cell it was read from", async () => {
    expect(measuredRuns.length).toBeGreaterThan(100);
    const rows = await prisma.run.findMany({
      where: { sourceId: { in: measuredSourceIds } },
      include: { cells: { select: { cellId: true, field: true } }, tags: true },
    });
    expect(rows).toHaveLength(measuredRuns.length);
    const byExternalId = new Map(rows.map((row) => [row.externalId, row]));
    expect(byExternalId.size).toBe(measuredRuns.length);
    for (const seed of measuredRuns) {
      const row = byExternalId.get(seed.externalId);
      expect(row, seed.externalId).toBeDefined();
      expect(row!.experimentId).toBe("reference-published-measurements");
      const links = row!.cells.map((link) => `${link.cellId}|${link.field}`).sort();
      expect(links).toEqual([...new Set(seed.cells.map((c) => `${cellId(c.cell)}|${c.field}`))].sort());
      // The columns the measured rows add come through as seeded (null where the row does not say).
      for (const column of ["framework", "batchSize", "seqLen", "gpuCount", "peakMemoryGb", "peakMemoryGbMax", "peakMemoryMeasure", "peakMemoryScope", "peakMemoryOriginal", "throughputTokensPerSec", "packing", "masterWeights"] as const) {
        expect(row![column], `${seed.externalId} ${column}`).toBe(seed[column] ?? null);
      }
      expect(row!.isEstimate).toBe(seed.isEstimate ?? false);
      expect(row!.tags.map((t) => t.tag)).toContain("reference");
    }
    // Each measured run's cells exist and hold the source's verbatim text.
    const someCells = measuredRuns.slice(0, 20).flatMap((run) => run.cells.map((c) => c.cell));
    for (const ref of someCells) {
      const table = measurementSources.flatMap((source) => source.tables).find((t) => t.id === ref.table)!;
      const text = (ref.row === 0 ? table.header : table.rows[ref.row - 1]!)[ref.col];
      expect((await prisma.sourceCell.findUniqueOrThrow({ where: { id: cellId(ref) } })).text).toBe(text);
    }
  });

  it("gives an existing database seeded before the measurements every one of them at its next start, once", async () => {
    const articleRunsBefore = await prisma.run.findMany({ where: { externalId: { in: referenceRuns.map((r) => r.externalId) } }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    // The state of a database seeded before issue 11: no measurement source, no measured run, an older seed hash.
    await prisma.run.deleteMany({ where: { sourceId: { in: measuredSourceIds } } });
    await prisma.source.deleteMany({ where: { id: { in: measuredSourceIds } } });
    await prisma.experiment.delete({ where: { id: "reference-published-measurements" } });
    await prisma.meta.update({ where: { key: "seedHash" }, data: { value: "seeded-before-measurements" } });
    expect(await prisma.sourceCell.count({ where: { table: { sourceId: { in: measuredSourceIds } } } })).toBe(0);

    expect(await seedDatabase()).toEqual({ skipped: false, runsCreated: measuredRuns.length });
    expect(await prisma.run.count({ where: { sourceId: { in: measuredSourceIds } } })).toBe(measuredRuns.length);
    const cells = measurementSources.flatMap((s) => s.tables).reduce((sum, t) => sum + (t.rows.length + 1) * t.header.length, 0);
    expect(await prisma.sourceCell.count({ where: { table: { sourceId: { in: measuredSourceIds } } } })).toBe(cells);
    expect((await prisma.experiment.findUniqueOrThrow({ where: { id: "reference-published-measurements" } })).name).toBe("Reference: published measurements");
    // The articles' runs are left as they were.
    expect(await prisma.run.findMany({ where: { externalId: { in: referenceRuns.map((r) => r.externalId) } }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(articleRunsBefore);
    // And again: nothing new.
    expect(await seedDatabase()).toEqual({ skipped: true, runsCreated: 0 });
    expect(await seedDatabase({ force: true })).toEqual({ skipped: false, runsCreated: 0 });
    expect(await prisma.run.count({ where: { sourceId: { in: measuredSourceIds } } })).toBe(measuredRuns.length);
  });

  it("mends a cell whose text changed in the seed and creates a missing one, leaving the others", async () => {
    const [source] = measurementSources;
    const table = source!.tables[0]!;
    const changed = cellId({ table: table.id, row: 1, col: 1 });
    const missing = cellId({ table: table.id, row: 1, col: 0 });
    await prisma.sourceCell.update({ where: { id: changed }, data: { text: "edited by hand" } });
    await prisma.runCell.deleteMany({ where: { cellId: missing } });
    await prisma.claimEvidence.deleteMany({ where: { cellId: missing } });
    await prisma.sourceCell.delete({ where: { id: missing } });
    await seedDatabase({ force: true });
    expect((await prisma.sourceCell.findUniqueOrThrow({ where: { id: changed } })).text).toBe(table.rows[0]![1]);
    expect((await prisma.sourceCell.findUniqueOrThrow({ where: { id: missing } })).text).toBe(table.rows[0]![0]);
  });
});

describe("provenance of a measured source through the API", () => {
  it("GET /api/sources/{id} returns the repository, path, commit and address of the original", async () => {
    const located = measurementSources.filter((source) => source.repository && source.commit);
    expect(located.length).toBeGreaterThan(0);
    for (const seed of located) {
      const { status, body } = await call<SourceDetail>(sourceRoute.GET, { path: `/api/sources/${seed.id}`, params: { id: seed.id } });
      expect(status).toBe(200);
      expect(body).toMatchObject({ kind: "measurement", url: seed.url ?? null, repository: seed.repository, path: seed.path ?? null, commit: seed.commit });
      expect(body.estimateCount).toBe(measuredRuns.filter((run) => run.sourceId === seed.id && run.isEstimate).length);
    }
    // The articles state no address in their seed files: null, not made up.
    const { body: article } = await call<SourceDetail>(sourceRoute.GET, { path: "/api/sources/lora-vs-qlora-vs-full", params: { id: "lora-vs-qlora-vs-full" } });
    expect(article).toMatchObject({ kind: "article", url: null, repository: null, path: null, commit: null });
  });

  it("a measured run's detail names its source's location and keeps the original memory figure", async () => {
    const seed = measuredRuns.find((run) => run.peakMemoryOriginal && run.sourceId)!;
    const { id } = await prisma.run.findUniqueOrThrow({ where: { externalId: seed.externalId }, select: { id: true } });
    const { body } = await call<RunDetail>(runRoute.GET, { path: `/api/runs/${id}`, params: { id } });
    const source = SEEDED_SOURCES.find((s) => s.id === seed.sourceId)!;
    expect(body.source).toEqual({ id: source.id, title: source.title, kind: "measurement", url: source.url ?? null, repository: source.repository ?? null, path: source.path ?? null, commit: source.commit ?? null });
    expect(body.peakMemoryOriginal).toBe(seed.peakMemoryOriginal);
    expect(body.cells.length).toBeGreaterThan(0);
    // The quoted row: the whole row of the table under its header, with the run's own cells marked.
    const first = seed.cells.find((c) => c.cell.row > 0)!.cell;
    const table = source.tables.find((t) => t.id === first.table)!;
    const quoted = body.quotedRows!.find((q) => q.tableId === first.table && q.row === first.row)!;
    expect(quoted).toMatchObject({ tableTitle: table.title, header: table.header, cells: table.rows[first.row - 1] });
    expect(quoted.linkedCols).toEqual([...new Set(seed.cells.filter((c) => c.cell.table === first.table && c.cell.row === first.row).map((c) => c.cell.col))].sort((a, b) => a - b));
  });
});

describe("the evidence filter", () => {
  it("tells logged runs, article claims, published measurements and estimates apart in GET /api/runs", async () => {
    const created = await call<Run>(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "llama-2-7b", rank: 8, peakMemoryGb: 14 } });
    expect(created.status).toBe(201);
    const estimate = await call<Run>(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "llama-2-7b", rank: 8, isEstimate: true } });
    expect(estimate.status).toBe(201);
    const total = async (query: string) => (await runPage(`${query}&limit=1`)).body.total;
    expect(await total("evidence=logged")).toBe(await prisma.run.count({ where: { sourceId: null, isEstimate: false, deletedAt: null } }));
    expect(await total("evidence=claim")).toBe(referenceRuns.length);
    expect(await total("evidence=measured")).toBe(measuredRuns.length - estimates.length);
    expect(await total("evidence=estimate")).toBe(estimates.length + 1);
    expect(await total("evidence=measured,estimate")).toBe(measuredRuns.length + 1);
    const all = (await runPage("limit=1")).body.total;
    expect((await total("evidence=logged")) + (await total("evidence=claim")) + (await total("evidence=measured")) + (await total("evidence=estimate"))).toBe(all);
    const page = await runPage("evidence=estimate&limit=200");
    expect(page.body.items.every((run) => run.isEstimate)).toBe(true);
    expect((await runPage("evidence=measured&limit=200")).body.items.every((run) => run.source?.kind === "measurement" && !run.isEstimate)).toBe(true);
    expect((await runPage("evidence=guessed")).status).toBe(400);
  });

  it("filters the export alike", async () => {
    const { body } = await call<{ items: Run[] }>(exportRoute.GET, { path: "/api/export?evidence=estimate&format=json" });
    expect(body.items.length).toBe(await prisma.run.count({ where: { isEstimate: true, deletedAt: null } }));
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((run) => run.isEstimate)).toBe(true);
  });
});

describe("the training settings round trip", () => {
  it("stores framework and the six overrides as sent, and a PATCH with null sets them back to the framework's default", async () => {
    const overrides = { framework: "torchtune", packing: true, chunkedLoss: true, activationOffloading: false, torchCompile: true, optimizerInBackward: false, masterWeights: false };
    const { status, body } = await call<Run>(runsRoute.POST, {
      method: "POST",
      path: "/api/runs",
      body: { method: "full", model: "llama-2-7b", ...overrides, peakMemoryGbMax: 24, peakMemoryMeasure: "fits-in", peakMemoryOriginal: "24 GiB", peakMemoryScope: "per-gpu" },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ ...overrides, peakMemoryGbMax: 24, peakMemoryGbMin: null, peakMemoryMeasure: "fits-in", peakMemoryOriginal: "24 GiB", isEstimate: false });
    const read = await call<RunDetail>(runRoute.GET, { path: `/api/runs/${body.id}`, params: { id: body.id } });
    expect(read.body).toMatchObject(overrides);

    const cleared = Object.fromEntries(Object.keys(overrides).map((key) => [key, null]));
    const patched = await call<Run>(runRoute.PATCH, { method: "PATCH", path: `/api/runs/${body.id}`, params: { id: body.id }, body: { ...cleared, peakMemoryOriginal: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ ...cleared, peakMemoryOriginal: null, peakMemoryGbMax: 24 });
    const onlyOne = await call<Run>(runRoute.PATCH, { method: "PATCH", path: `/api/runs/${body.id}`, params: { id: body.id }, body: { masterWeights: true } });
    expect(onlyOne.body).toMatchObject({ masterWeights: true, packing: null });
  });
});

describe("sorting by peak memory", () => {
  it("places ranges and bounds among the points (point, else lower end, else upper bound), nulls last, page after page", async () => {
    const tag = "memory-sort";
    const rows = [
      { name: "point 10", peakMemoryGb: 10 },
      { name: "range 5-7", peakMemoryGbMin: 5, peakMemoryGbMax: 7 },
      { name: "fits in 8", peakMemoryGbMax: 8, peakMemoryMeasure: "fits-in" },
      { name: "at least 20", peakMemoryGbMin: 20 },
      { name: "unknown" },
      { name: "point 10 again", peakMemoryGb: 10 },
    ];
    const batch = await call<{ items: Run[] }>(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items: rows.map((row) => ({ method: "lora", model: "llama-2-7b", tags: [tag], ...row })) } });
    expect(batch.status).toBe(201);
    const read = async (order: "asc" | "desc") => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const { body }: { body: { items: Run[]; nextCursor: string | null; total: number } } = await call(runsRoute.GET, { path: `/api/runs?tag=${tag}&sort=peakMemoryGb&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ""}` });
        expect(body.total).toBe(rows.length);
        names.push(...body.items.map((run) => run.name));
        cursor = body.nextCursor;
      } while (cursor);
      return names;
    };
    const asc = await read("asc");
    expect(asc.filter((name) => !name.startsWith("point 10"))).toEqual(["range 5-7", "fits in 8", "at least 20", "unknown"]);
    expect(asc.indexOf("fits in 8")).toBe(1);
    expect(asc.slice(2, 4).every((name) => name.startsWith("point 10"))).toBe(true);
    const desc = await read("desc");
    expect(desc.filter((name) => !name.startsWith("point 10"))).toEqual(["at least 20", "fits in 8", "range 5-7", "unknown"]);
    expect(desc.slice(1, 3).every((name) => name.startsWith("point 10"))).toBe(true);
    // Equal keys fall back to the id, in the order's direction.
    expect(desc.slice(1, 3)).toEqual([...asc.slice(2, 4)].reverse());
  });
});
