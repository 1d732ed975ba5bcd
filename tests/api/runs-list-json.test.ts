// GET /api/runs writes each run's JSON straight from its row on SQLite (runJsonWriter, lib/server/runs/serialize.ts),
// a second spelling of serializeRun kept for speed (issue 13). These tests hold the two to the same bytes: every page
// of the whole list, soft-deleted runs, ?columns= values, and a date stored in another form, against serializeRun
// fed by Prisma's own findMany, and listRuns (the runs page's first render, PostgreSQL's list) against the answer.
import { beforeAll, describe, expect, it } from "vitest";
import * as experimentsRoute from "@/app/api/experiments/route";
import * as createMlflowRunRoute from "@/app/api/2.0/mlflow/runs/create/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as runsRoute from "@/app/api/runs/route";
import { runListQuerySchema, type RunPage } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { listRuns } from "@/lib/server/runs/read-runs";
import { runInclude, serializeRun } from "@/lib/server/runs/serialize";
import { call } from "../support/api";
import { onPostgres } from "../support/postgres";

const TAG = "list-json";
const created: Record<string, string> = {};

async function createRun(key: string, fields: Record<string, unknown>): Promise<void> {
  const { status, body } = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16, tags: [TAG], ...fields } });
  expect(status, JSON.stringify(body)).toBe(201);
  created[key] = body.id;
}

/** The page as serializeRun writes its runs when Prisma loads them with runInclude, in the page's order. */
async function expectedText(page: RunPage): Promise<string> {
  const ids = page.items.map((run) => run.id);
  const rows = await prisma.run.findMany({ where: { id: { in: ids } }, include: runInclude });
  const byId = new Map(rows.map((row) => [row.id, serializeRun(row)]));
  return JSON.stringify({ items: ids.map((id) => byId.get(id)), nextCursor: page.nextCursor, total: page.total });
}

/** Every page of `query`, as GET /api/runs answers it (text and parsed). */
async function everyPage(query: string, as: "admin" | "none" = "none"): Promise<{ text: string; page: RunPage }[]> {
  const pages: { text: string; page: RunPage }[] = [];
  let cursor: string | null = null;
  do {
    const { status, text, body }: { status: number; text: string; body: RunPage } = await call<RunPage>(runsRoute.GET, { path: `/api/runs?limit=200&${query}${cursor ? `&cursor=${cursor}` : ""}`, as });
    expect(status, text).toBe(200);
    pages.push({ text, page: body });
    cursor = body.nextCursor;
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  const experiment = await call(experimentsRoute.POST, { method: "POST", path: "/api/experiments", body: { name: "List JSON · «experiment»" } });
  expect(experiment.status).toBe(201);
  // A catalogued model without a Hugging Face id: the run's `model` is then the catalog id.
  await prisma.model.create({
    data: { id: "list-json-model", hfId: null, name: "List JSON model", family: "llama", hiddenSize: 64, intermediateSize: 128, numLayers: 2, numAttentionHeads: 2, numKeyValueHeads: 2, headDim: 32, vocabSize: 100, tiedEmbeddings: false, totalParams: 1e6, citation: "test" },
  });
  await createRun("everything", {
    name: 'Größe · 日本語 😀 "quoted" \\ back\nslash\t\u2028 end',
    notes: "control \u0001 and \u007f characters",
    experimentId: experiment.body.id,
    hardware: "a100-80gb",
    gpuCount: 2,
    targetModules: ["q_proj", "v_proj"],
    tags: [TAG, "a.b:c+d-e_f", "Zeta", "alpha"],
    learningRate: 0.0002,
    loraDropout: 0.05,
    peakMemoryGbMin: 24,
    peakMemoryGbMax: 32.125,
    packing: true,
    torchCompile: false,
    framework: "axolotl",
  });
  await createRun("freeText", { model: "my-own-model-7b", modelParams: 7.1e9, tags: [] });
  await createRun("catalogWithoutHf", { model: "list-json-model", modelParams: undefined, oom: true, status: "failed" });
  await createRun("deleted", { name: "list-json deleted run" });
  expect((await call(runRoute.DELETE, { method: "DELETE", path: `/api/runs/${created.deleted}`, params: { id: created.deleted! }, as: "admin" })).status).toBe(204);
  // An MLflow run: start time, last-seen time and a run name given by the client.
  const mlflow = await call(createMlflowRunRoute.POST, { method: "POST", body: { run_name: "list-json-mlflow", start_time: 1_700_000_000_123 } });
  expect(mlflow.status, mlflow.text).toBe(200);
  created.mlflow = mlflow.body.run.info.run_id;
  await prisma.runParam.createMany({ data: [{ runId: created.everything!, key: "list_json_lr", value: "2e-4" }, { runId: created.freeText!, key: "list_json_lr", value: 'say "hi"' }] });
});

describe("GET /api/runs writes each run as serializeRun does", () => {
  it("answers every page of the whole list byte for byte as JSON.stringify of serializeRun's runs, seeded ones and each kind logged here", async () => {
    const pages = await everyPage("");
    const listed = pages.flatMap(({ page }) => page.items.map((run) => run.id));
    for (const key of ["everything", "freeText", "catalogWithoutHf", "mlflow"]) expect(listed).toContain(created[key]);
    expect(listed).not.toContain(created.deleted);
    // The seeded reference runs carry sources; the runs logged here a creator, a GPU, an experiment, target modules.
    expect(pages.some(({ page }) => page.items.some((run) => run.source?.url))).toBe(true);
    for (const { text, page } of pages) expect(text).toBe(await expectedText(page));
    const everything = pages.flatMap(({ page }) => page.items).find((run) => run.id === created.everything)!;
    expect(everything).toMatchObject({ tags: ["Zeta", "a.b:c+d-e_f", "alpha", TAG], hardwareName: expect.any(String), createdBy: { id: expect.any(String) }, targetModules: ["q_proj", "v_proj"], packing: true, torchCompile: false });
    expect(pages.flatMap(({ page }) => page.items).find((run) => run.id === created.catalogWithoutHf)!.model).toBe("list-json-model");
  });

  it("answers soft-deleted runs, for an admin, the same way", async () => {
    const pages = await everyPage("deleted=true", "admin");
    expect(pages.flatMap(({ page }) => page.items.map((run) => run.id))).toContain(created.deleted);
    for (const { text, page } of pages) expect(text).toBe(await expectedText(page));
    expect(pages[0]!.page.items.every((run) => typeof run.deletedAt === "string")).toBe(true);
  });

  it("puts ?columns= values last in each run, and answers filters, sorts and a search alike", async () => {
    const both = `${created.everything},${created.freeText}`;
    for (const query of [`ids=${both}&columns=param:list_json_lr,tag:none`, `tag=${TAG}&sort=peakMemoryGb&order=asc`, "q=list-json&sort=name", `sort=rank&limit=3`]) {
      const { status, text, body } = await call<RunPage>(runsRoute.GET, { path: `/api/runs?${query}` });
      expect(status, text).toBe(200);
      expect(text).toBe(JSON.stringify(await listRuns(runListQuerySchema.parse(Object.fromEntries(new URLSearchParams(query))))));
      if (query.includes("columns=")) {
        const everything = body.items.find((run) => run.id === created.everything)!;
        expect(Object.keys(everything).at(-1)).toBe("values");
        expect(everything.values).toEqual({ "param:list_json_lr": { value: "2e-4", step: null }, "tag:none": { value: null, step: null } });
        expect(body.items.find((run) => run.id === created.freeText)!.values!["param:list_json_lr"]).toEqual({ value: 'say "hi"', step: null });
      }
    }
  });

  it("gives listRuns (the runs page's first render) the very runs GET /api/runs answers, cursor pages included", async () => {
    const first = await listRuns(runListQuerySchema.parse({ limit: "1", tag: TAG }));
    const { text } = await call(runsRoute.GET, { path: `/api/runs?limit=1&tag=${TAG}` });
    expect(text).toBe(JSON.stringify(first));
    expect(first.nextCursor).not.toBeNull();
    const second = await listRuns(runListQuerySchema.parse({ limit: "1", tag: TAG, cursor: first.nextCursor! }));
    expect((await call(runsRoute.GET, { path: `/api/runs?limit=1&tag=${TAG}&cursor=${first.nextCursor}` })).text).toBe(JSON.stringify(second));
    expect(second.items.map((run) => run.id)).not.toEqual(first.items.map((run) => run.id));
  });

  // SQLite keeps a DATETIME as whatever was stored; a number of milliseconds must not be written as text.
  it.skipIf(onPostgres)("writes a date stored as milliseconds as the instant it is", async () => {
    const id = created.mlflow!;
    await prisma.$executeRaw`UPDATE "Run" SET "startedAt" = 1700000000123 WHERE id = ${id}`;
    const { body } = await call<RunPage>(runsRoute.GET, { path: `/api/runs?ids=${id}` });
    expect(body.items[0]!.startedAt).toBe("2023-11-14T22:13:20.123Z");
    expect(body.items[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
