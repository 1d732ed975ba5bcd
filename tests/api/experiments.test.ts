// Experiments (issue 10, section 1) against this file's own database: the REST API's create, read, rename and
// archive, and the experiment filter of the runs list, the comparison charts and the export.
import { describe, expect, it } from "vitest";
import * as experimentRoute from "@/app/api/experiments/[id]/route";
import * as experimentsRoute from "@/app/api/experiments/route";
import * as exportRoute from "@/app/api/export/route";
import * as qualityMemoryRoute from "@/app/api/compare/quality-memory/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as runsRoute from "@/app/api/runs/route";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Experiment } from "@/lib/schemas/experiment";
import { DEFAULT_EXPERIMENT_ID } from "@/lib/schemas/experiment";
import type { Run } from "@/lib/schemas/run";
import { compareWhereSql } from "@/lib/server/compare/sql";
import { prisma } from "@/lib/server/db/client";
import { runWhere } from "@/lib/server/runs/read-runs";
import { call } from "../support/api";

let counter = 0;
const uniqueName = (base: string) => `${base} ${(counter += 1)}-${Date.now().toString(36)}`;

async function createExperiment(body: Record<string, unknown>) {
  return call(experimentsRoute.POST, { method: "POST", path: "/api/experiments", body });
}
const getExperiment = (id: string) => call(experimentRoute.GET, { path: `/api/experiments/${id}`, params: { id } });
const patchExperiment = (id: string, body: Record<string, unknown>, as?: "viewer" | "member") =>
  call(experimentRoute.PATCH, { method: "PATCH", path: `/api/experiments/${id}`, params: { id }, body, as });
const listExperiments = async (query = "") => (await call<{ items: Experiment[] }>(experimentsRoute.GET, { path: `/api/experiments${query}` })).body.items;

async function logRun(fields: Record<string, unknown>) {
  const result = await call(runsRoute.POST, {
    method: "POST",
    path: "/api/runs",
    body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16, name: uniqueName("exp run"), ...fields },
  });
  return result;
}

async function newExperiment(base = "exp") {
  const { status, body } = await createExperiment({ name: uniqueName(base) });
  expect(status).toBe(201);
  return body as Experiment;
}

describe("experiments API", () => {
  it("creates an experiment with a description and tags, then lists and reads it with no runs yet", async () => {
    const name = uniqueName("llama sweep");
    const created = await createExperiment({ name: `  ${name} `, description: "Rank sweep on the 7B", tags: { team: "nlp", "mlflow.note.content": "x" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, description: "Rank sweep on the 7B", tags: { team: "nlp", "mlflow.note.content": "x" }, archivedAt: null, runCount: 0, lastActivityAt: null });
    // MLflow's ids: decimal integers as strings, Default being "0".
    expect(created.body.id).toMatch(/^[1-9]\d*$/);
    expect((await getExperiment(created.body.id)).body).toEqual(created.body);
    expect((await listExperiments()).map((e) => e.id)).toContain(created.body.id);
  });

  it("gives each new experiment the next integer id", async () => {
    const first = await newExperiment();
    const second = await newExperiment();
    expect(Number(second.id)).toBe(Number(first.id) + 1);
  });

  it("numbers a new experiment past the largest all-digit id, counting no id that merely starts or ends with digits", async () => {
    // Ids made elsewhere need not be integers (the seeded ones are "reference-…"). One that starts with digits must
    // neither count nor break the cast to a number, on SQLite (GLOB) as on PostgreSQL (a regular expression).
    const largest = Number((await newExperiment()).id);
    const ids = [`${largest + 50}x`, `x${largest + 60}`, String(largest + 10)];
    await prisma.experiment.createMany({ data: ids.map((id) => ({ id, name: uniqueName(`id ${id}`) })) });
    try {
      expect((await newExperiment()).id).toBe(String(largest + 11));
    } finally {
      await prisma.experiment.deleteMany({ where: { id: { in: ids } } });
    }
  });

  it("lists Default, which holds the runs logged before experiments existed", async () => {
    const byId = new Map((await listExperiments()).map((e) => [e.id, e]));
    expect(byId.get(DEFAULT_EXPERIMENT_ID)).toMatchObject({ name: "Default", archivedAt: null });
  });

  it("refuses a duplicate name with 409 and writes nothing, but names differing in case are distinct (as in MLflow)", async () => {
    const name = uniqueName("Duplicate");
    expect((await createExperiment({ name })).status).toBe(201);
    const before = await prisma.experiment.count();
    const duplicate = await createExperiment({ name });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("conflict");
    expect(await prisma.experiment.count()).toBe(before);
    expect((await createExperiment({ name: name.toLowerCase() })).status).toBe(201);
  });

  it("rejects an empty name, a 251-character name and unknown fields with 422", async () => {
    for (const body of [{ name: "   " }, { name: "x".repeat(251) }, { name: uniqueName("ok"), colour: "red" }]) {
      const { status, body: error } = await createExperiment(body);
      expect(status, JSON.stringify(body)).toBe(422);
      expect(error.error.code).toBe("unprocessable_entity");
    }
  });

  it("lets members create and rename, not viewers or anonymous callers", async () => {
    const viewer = await call(experimentsRoute.POST, { method: "POST", path: "/api/experiments", body: { name: uniqueName("viewer") }, as: "viewer" });
    expect(viewer.status).toBe(403);
    const anonymous = await call(experimentsRoute.POST, { method: "POST", path: "/api/experiments", body: { name: uniqueName("anon") }, as: "none" });
    expect(anonymous.status).toBe(401);
    const experiment = await newExperiment();
    expect((await patchExperiment(experiment.id, { name: uniqueName("renamed") }, "viewer")).status).toBe(403);
  });

  it("renames and redescribes; renaming onto another experiment's name is a 409 that changes nothing", async () => {
    const a = await newExperiment("rename a");
    const b = await newExperiment("rename b");
    const renamed = await patchExperiment(a.id, { name: uniqueName("renamed a"), description: "now described" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.description).toBe("now described");
    const clash = await patchExperiment(a.id, { name: b.name });
    expect(clash.status).toBe(409);
    expect((await getExperiment(a.id)).body.name).toBe(renamed.body.name);
    // Its own name again is no clash.
    expect((await patchExperiment(a.id, { name: renamed.body.name })).status).toBe(200);
    expect((await patchExperiment(a.id, { description: null })).body.description).toBeNull();
  });

  it("answers 404 for an unknown experiment and 422 for an empty patch", async () => {
    expect((await getExperiment("999999")).status).toBe(404);
    expect((await patchExperiment("999999", { name: "x" })).status).toBe(404);
    const experiment = await newExperiment();
    expect((await patchExperiment(experiment.id, {})).status).toBe(422);
  });

  it("renames Default but refuses to archive it", async () => {
    const renamed = await patchExperiment(DEFAULT_EXPERIMENT_ID, { name: uniqueName("Unsorted") });
    expect(renamed.status).toBe(200);
    const archive = await patchExperiment(DEFAULT_EXPERIMENT_ID, { archived: true });
    expect(archive.status).toBe(422);
    expect(archive.body.error.issues).toEqual([expect.objectContaining({ path: "archived" })]);
    expect((await getExperiment(DEFAULT_EXPERIMENT_ID)).body.archivedAt).toBeNull();
    expect((await patchExperiment(DEFAULT_EXPERIMENT_ID, { name: "Default" })).status).toBe(200);
  });

  it("archiving hides it from the list unless asked, keeps its runs and refuses new ones with a 422 on experimentId; restoring accepts them again", async () => {
    const experiment = await newExperiment("archive me");
    const kept = await logRun({ experimentId: experiment.id });
    expect(kept.status).toBe(201);

    const archived = await patchExperiment(experiment.id, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect((await listExperiments()).map((e) => e.id)).not.toContain(experiment.id);
    const withArchived = (await listExperiments("?includeArchived=true")).find((e) => e.id === experiment.id);
    expect(withArchived).toMatchObject({ runCount: 1 });

    const refused = await logRun({ experimentId: experiment.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ path: "experimentId" })]);
    expect((await call<Run>(runRoute.GET, { path: `/api/runs/${kept.body.id}`, params: { id: kept.body.id } })).body.experimentId).toBe(experiment.id);

    // A name stays taken while its experiment is archived, as in MLflow.
    expect((await createExperiment({ name: experiment.name })).status).toBe(409);

    const restored = await patchExperiment(experiment.id, { archived: false });
    expect(restored.body.archivedAt).toBeNull();
    expect((await logRun({ experimentId: experiment.id })).status).toBe(201);
    expect((await listExperiments()).find((e) => e.id === experiment.id)?.runCount).toBe(2);
  });

  it("lets a run in an archived experiment be edited, but not a run be moved into one", async () => {
    const archived = await newExperiment("archived home");
    const resident = (await logRun({ experimentId: archived.id })).body;
    const elsewhere = (await logRun({})).body;
    await patchExperiment(archived.id, { archived: true });
    const patchRun = (id: string, body: Record<string, unknown>) => call(runRoute.PATCH, { method: "PATCH", path: `/api/runs/${id}`, params: { id }, body });

    const edited = await patchRun(resident.id, { notes: "still editable" });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ notes: "still editable", experimentId: archived.id });
    const moved = await patchRun(elsewhere.id, { experimentId: archived.id });
    expect(moved.status).toBe(422);
    expect(moved.body.error.issues).toEqual([expect.objectContaining({ path: "experimentId" })]);
  });

  it("refuses a run in an experiment that does not exist with a 422 on experimentId", async () => {
    const { status, body } = await logRun({ experimentId: "424242" });
    expect(status).toBe(422);
    expect(body.error.issues).toEqual([expect.objectContaining({ path: "experimentId" })]);
  });

  it("counts live runs only and reports the newest run activity, a live client's lastSeenAt included", async () => {
    const experiment = await newExperiment("activity");
    const first = (await logRun({ experimentId: experiment.id })).body;
    const second = (await logRun({ experimentId: experiment.id })).body;
    const gone = (await logRun({ experimentId: experiment.id })).body;
    await prisma.run.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const future = new Date(Date.now() + 60_000);
    await prisma.$executeRaw`UPDATE "Run" SET "lastSeenAt" = ${future.toISOString().replace("Z", "+00:00")} WHERE "id" = ${first.id}`;
    const read = (await getExperiment(experiment.id)).body;
    expect(read.runCount).toBe(2);
    expect(read.lastActivityAt).toBe(future.toISOString());
    expect(read.lastActivityAt! >= second.updatedAt).toBe(true);
  });
});

describe("filtering by experiment", () => {
  async function experimentWithRuns() {
    const experiment = await newExperiment("filter");
    const inside = [
      (await logRun({ experimentId: experiment.id, mtBench: 6.1, peakMemoryGb: 14 })).body,
      (await logRun({ experimentId: experiment.id, method: "qlora", mtBench: 5.9, peakMemoryGb: 9 })).body,
    ];
    // Same model, method and metrics elsewhere: only the experiment tells them apart.
    const other = await newExperiment("filter other");
    await logRun({ experimentId: other.id, mtBench: 6.1, peakMemoryGb: 14 });
    await logRun({ mtBench: 6.1, peakMemoryGb: 14 });
    return { experiment, ids: inside.map((run) => run.id).sort() };
  }

  it("GET /api/runs?experiment= lists exactly that experiment's runs", async () => {
    const { experiment, ids } = await experimentWithRuns();
    const { status, body } = await call<{ items: Run[]; total: number }>(runsRoute.GET, { path: `/api/runs?experiment=${experiment.id}&limit=200` });
    expect(status).toBe(200);
    expect(body.items.map((run) => run.id).sort()).toEqual(ids);
    expect(body.items.every((run) => run.experimentId === experiment.id && run.experimentName === experiment.name)).toBe(true);
  });

  it("the comparison charts aggregate exactly that experiment's runs", async () => {
    const { experiment, ids } = await experimentWithRuns();
    const { status, body } = await call<{ points: { provenance: { runId: string }[] }[] }>(qualityMemoryRoute.GET, { path: `/api/compare/quality-memory?experiment=${experiment.id}` });
    expect(status).toBe(200);
    expect(body.points.flatMap((point) => point.provenance.map((p) => p.runId)).sort()).toEqual(ids);
  });

  it("the charts' SQL filter selects the same runs as the runs list's, Default included", async () => {
    await experimentWithRuns();
    const experiments = await prisma.experiment.findMany({ select: { id: true } });
    for (const { id } of [...experiments, { id: "no-such-experiment" }]) {
      const viaPrisma = (await prisma.run.findMany({ where: runWhere({ experiment: id }), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id FROM "Run" r WHERE ${compareWhereSql({ experiment: id })}`)).map((r) => r.id).sort();
      expect({ id, ids: viaSql }).toEqual({ id, ids: viaPrisma });
    }
    expect((await prisma.run.findMany({ where: runWhere({ experiment: DEFAULT_EXPERIMENT_ID }) })).length).toBeGreaterThan(0);
  });

  it("GET /api/export?experiment= exports exactly that experiment's runs", async () => {
    const { experiment, ids } = await experimentWithRuns();
    const { status, body } = await call<{ items: { id: string }[] }>(exportRoute.GET, { path: `/api/export?format=json&experiment=${experiment.id}` });
    expect(status).toBe(200);
    expect(body.items.map((run) => run.id).sort()).toEqual(ids);
  });
});
