// The seeded reference runs live in one experiment per kind of source, and a database seeded before experiments
// existed (all its runs in Default, moved there by the migration) gets them moved at its next seeding, once.
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPERIMENT_ID } from "@/lib/schemas/experiment";
import { prisma } from "@/lib/server/db/client";
import { SEEDED_RUNS, SEEDED_SOURCES, seedDatabase } from "@/lib/server/seed";
import { referenceExperiments } from "@/seed/experiments";

// The articles' runs and the published measurements (issue 11) alike.
const referenceRuns = SEEDED_RUNS;
const kindOfSource = new Map(SEEDED_SOURCES.map((source) => [source.id, source.kind]));
const experimentOfKind = new Map(referenceExperiments.map((experiment) => [experiment.sourceKind, experiment.id]));

/** Reference run externalId → experiment id, as the database holds them. */
async function placement(): Promise<Map<string, string>> {
  const runs = await prisma.run.findMany({ where: { externalId: { startsWith: "seed:" } }, select: { externalId: true, experimentId: true } });
  return new Map(runs.map((run) => [run.externalId!, run.experimentId]));
}

describe("seeded experiments", () => {
  it("puts every reference run in the experiment of its source's kind, none in Default", async () => {
    const placed = await placement();
    expect(placed.size).toBe(referenceRuns.length);
    for (const run of referenceRuns) {
      expect(placed.get(run.externalId), run.externalId).toBe(experimentOfKind.get(kindOfSource.get(run.sourceId)!));
    }
    const used = new Set(placed.values());
    expect(used.has(DEFAULT_EXPERIMENT_ID)).toBe(false);
    const experiments = await prisma.experiment.findMany({ where: { id: { in: [...used] } } });
    expect(experiments.map((e) => e.name).sort()).toEqual(referenceExperiments.filter((e) => used.has(e.id)).map((e) => e.name).sort());
    // Only kinds that have reference runs get an experiment.
    const kinds = new Set(referenceRuns.map((run) => kindOfSource.get(run.sourceId)));
    expect(await prisma.experiment.count({ where: { id: { in: referenceExperiments.map((e) => e.id) } } })).toBe(kinds.size);
  });

  it("moves reference runs out of Default at the next seeding of an older database, once, keeping updatedAt and a run someone moved", async () => {
    // The state the migration leaves in a database seeded before experiments: every run in Default, an older seed hash.
    await prisma.$executeRaw`UPDATE "Run" SET "experimentId" = ${DEFAULT_EXPERIMENT_ID} WHERE "externalId" LIKE 'seed:%'`;
    await prisma.experiment.deleteMany({ where: { id: { in: referenceExperiments.map((e) => e.id) } } });
    await prisma.meta.update({ where: { key: "seedHash" }, data: { value: "seeded-before-experiments" } });
    const team = await prisma.experiment.create({ data: { id: "777", name: "Team picks" } });
    const [picked] = referenceRuns;
    await prisma.$executeRaw`UPDATE "Run" SET "experimentId" = ${team.id} WHERE "externalId" = ${picked!.externalId}`;
    const updatedBefore = await prisma.run.findMany({ where: { externalId: { startsWith: "seed:" } }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });

    const result = await seedDatabase();
    expect(result).toEqual({ skipped: false, runsCreated: 0 });
    const placed = await placement();
    expect(placed.get(picked!.externalId)).toBe(team.id);
    for (const run of referenceRuns.slice(1)) expect(placed.get(run.externalId), run.externalId).toBe(experimentOfKind.get(kindOfSource.get(run.sourceId)!));
    expect(await prisma.run.findMany({ where: { externalId: { startsWith: "seed:" } }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(updatedBefore);

    // Again: nothing left to do, and a forced re-seed moves nothing back.
    expect(await seedDatabase()).toEqual({ skipped: true, runsCreated: 0 });
    await seedDatabase({ force: true });
    expect(await placement()).toEqual(placed);
  });

  it("keeps a seeded experiment's new name across re-seeds, and steps aside from a team experiment of the same name", async () => {
    const [articles] = referenceExperiments;
    await prisma.experiment.update({ where: { id: articles!.id }, data: { name: "Articles (renamed)" } });
    await seedDatabase({ force: true });
    expect((await prisma.experiment.findUniqueOrThrow({ where: { id: articles!.id } })).name).toBe("Articles (renamed)");

    // A fresh seeding where a team already took the name.
    await prisma.$executeRaw`UPDATE "Run" SET "experimentId" = ${DEFAULT_EXPERIMENT_ID} WHERE "experimentId" = ${articles!.id}`;
    await prisma.experiment.delete({ where: { id: articles!.id } });
    await prisma.experiment.create({ data: { id: "778", name: articles!.name } });
    await seedDatabase({ force: true });
    expect((await prisma.experiment.findUniqueOrThrow({ where: { id: articles!.id } })).name).toBe(`${articles!.name} (seeded)`);
    expect(await prisma.run.count({ where: { experimentId: articles!.id } })).toBeGreaterThan(0);
  });
});
