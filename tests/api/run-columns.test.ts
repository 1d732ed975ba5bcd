// The runs table's chosen columns (issue 13 §2): GET /api/runs?columns= fills `values` for param, tag and metric
// columns, GET /api/runs/columns lists the keys to choose from, and GET /api/export?columns= writes exactly those
// columns. Params and tags go straight into RunParam / RunKeyTag as the MLflow store writes them; metric points go
// through POST /api/runs/{id}/metrics, the write path that also records each run's metric keys.
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/export/route";
import * as columnsRoute from "@/app/api/runs/columns/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import * as runsRoute from "@/app/api/runs/route";
import { MAX_COLUMNS } from "@/lib/runs/columns";
import type { RunColumnKeys } from "@/lib/schemas/run-columns";
import type { RunListItem, RunPage } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";
import { parseCsv } from "../support/csv";

const TAG = "columns-test";
let a = "";
let b = "";
let c = "";

async function createRun(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await call(runsRoute.POST, { method: "POST", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name, tags: [TAG], ...extra } });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  a = await createRun("columns-a", { peakMemoryGb: 14.5 });
  b = await createRun("columns-b", { peakMemoryGbMin: 24, peakMemoryGbMax: 32 });
  c = await createRun("columns-c");
  await prisma.runParam.createMany({
    data: [
      // Verbatim text: "2e-4" must not come back as 0.0002, nor a formula run in a spreadsheet.
      { runId: a, key: "learning_rate", value: "2e-4" },
      { runId: b, key: "learning_rate", value: "0.0001" },
      { runId: a, key: "cols_formula", value: '=HYPERLINK("http://x","y")' },
      { runId: a, key: "cols_shared", value: "1" },
      { runId: b, key: "cols_shared", value: "2" },
      { runId: c, key: "cols_shared", value: "3" },
    ],
  });
  await prisma.runKeyTag.createMany({ data: [{ runId: a, key: "team", value: "okapi" }, { runId: c, key: "team", value: "+1 quokka" }] });
  const points = [2, 1, 1.2, 1.5].map((value, i) => ({ key: "cols/loss", step: i * 10, value }));
  expect((await call(metricsRoute.POST, { method: "POST", params: { id: a }, body: { points } })).status).toBe(201);
  expect((await call(metricsRoute.POST, { method: "POST", params: { id: b }, body: { points: [{ key: "cols/loss", step: 5, value: 3 }] } })).status).toBe(201);
  // A run that is then soft-deleted: its only param key must not be offered, its metric key neither.
  const deleted = await createRun("columns-deleted");
  await prisma.runParam.create({ data: { runId: deleted, key: "cols_deleted_key", value: "gone" } });
  expect((await call(metricsRoute.POST, { method: "POST", params: { id: deleted }, body: { points: [{ key: "cols/deleted_metric", step: 1, value: 1 }] } })).status).toBe(201);
  await prisma.run.update({ where: { id: deleted }, data: { deletedAt: new Date() } });
});

async function listWith(columns: string): Promise<Map<string, RunListItem>> {
  const { status, body } = await call<RunPage>(runsRoute.GET, { path: `/api/runs?ids=${[a, b, c].join(",")}&columns=${encodeURIComponent(columns)}` });
  expect(status).toBe(200);
  return new Map(body.items.map((item) => [item.id, item]));
}

describe("GET /api/runs?columns=", () => {
  it("gives each run its param and tag values verbatim, and null where a run has none", async () => {
    const items = await listWith("name,param:learning_rate,tag:team");
    expect(items.get(a)!.values).toEqual({ "param:learning_rate": { value: "2e-4", step: null }, "tag:team": { value: "okapi", step: null } });
    expect(items.get(b)!.values).toEqual({ "param:learning_rate": { value: "0.0001", step: null }, "tag:team": { value: null, step: null } });
    expect(items.get(c)!.values).toEqual({ "param:learning_rate": { value: null, step: null }, "tag:team": { value: "+1 quokka", step: null } });
  });

  it("gives metric columns their statistic with the step it came from: last, min, max, best and the value at or before a step", async () => {
    const items = await listWith("metric:cols/loss,metric:cols/loss:min,metric:cols/loss:max,metric:cols/loss:best,metric:cols/loss@25");
    expect(items.get(a)!.values).toEqual({
      "metric:cols/loss": { value: 1.5, step: 30 },
      "metric:cols/loss:min": { value: 1, step: 10 },
      "metric:cols/loss:max": { value: 2, step: 0 },
      "metric:cols/loss:best": { value: 1, step: 10 },
      "metric:cols/loss@25": { value: 1.2, step: 20 },
    });
    // b logged one point at step 5; c none.
    expect(items.get(b)!.values!["metric:cols/loss@25"]).toEqual({ value: 3, step: 5 });
    expect(items.get(c)!.values!["metric:cols/loss"]).toEqual({ value: null, step: null });
  });

  it("leaves values out when only typed fields are asked for", async () => {
    const items = await listWith("name,rank,peakMemoryGb");
    expect(items.get(a)!.values).toBeUndefined();
  });

  it("rejects an unknown column with a 400 that names it", async () => {
    const { status, body } = await call(runsRoute.GET, { path: "/api/runs?columns=name,colour,metric:loss:median" });
    expect(status).toBe(400);
    const messages = JSON.stringify(body.error);
    expect(messages).toContain('unknown column \\"colour\\"');
    expect(messages).toContain('unknown column \\"metric:loss:median\\"');
  });

  it(`rejects more than ${MAX_COLUMNS} columns`, async () => {
    const ids = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `param:k${i}`).join(",");
    const { status, body } = await call(runsRoute.GET, { path: `/api/runs?columns=${encodeURIComponent(ids)}` });
    expect(status).toBe(400);
    expect(JSON.stringify(body.error)).toContain(`at most ${MAX_COLUMNS} columns`);
  });
});

describe("GET /api/runs/columns", () => {
  it("lists param, tag and metric keys with how many runs have each, most common first", async () => {
    const { status, body } = await call<RunColumnKeys>(columnsRoute.GET, { path: "/api/runs/columns" });
    expect(status).toBe(200);
    const params = new Map(body.params.map((entry) => [entry.key, entry.runs]));
    expect(params.get("cols_shared")).toBe(3);
    expect(params.get("learning_rate")).toBe(2);
    expect(params.get("cols_formula")).toBe(1);
    expect(body.params.findIndex((entry) => entry.key === "cols_shared")).toBeLessThan(body.params.findIndex((entry) => entry.key === "learning_rate"));
    expect(body.tags).toContainEqual({ key: "team", runs: 2 });
    // Recorded by the metrics write path, not read back from the points.
    expect(body.metrics).toContainEqual({ key: "cols/loss", runs: 2 });
    expect(body.countCap).toBe(1000);
  });

  it("leaves out keys that only soft-deleted runs have", async () => {
    const { body } = await call<RunColumnKeys>(columnsRoute.GET, { path: "/api/runs/columns" });
    expect(body.params.map((entry) => entry.key)).not.toContain("cols_deleted_key");
    expect(body.metrics.map((entry) => entry.key)).not.toContain("cols/deleted_metric");
  });
});

describe("GET /api/export?columns=", () => {
  const columns = ["name", "peakMemoryGb", "param:learning_rate", "param:cols_formula", "tag:team", "metric:cols/loss:best", "rank"];

  it("writes the run id and then exactly the chosen columns, in their order, headed by their ids", async () => {
    const { status, text } = await call(exportRoute.GET, { path: `/api/export?format=csv&tag=${TAG}&columns=${encodeURIComponent(columns.join(","))}` });
    expect(status).toBe(200);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(["id", ...columns]);
    const byId = new Map(rows.map((row) => [row[0], row]));
    expect(rows).toHaveLength(3);
    // A measured point is a number; a range stays a range instead of an empty cell.
    expect(byId.get(a)).toEqual([a, "columns-a", "14.5", "2e-4", `'=HYPERLINK("http://x","y")`, "okapi", "1", "8"]);
    expect(byId.get(b)).toEqual([b, "columns-b", "24-32", "0.0001", "", "", "3", "8"]);
    // A tag beginning with + is text a spreadsheet would evaluate: neutralised like any other cell.
    expect(byId.get(c)![5]).toBe("'+1 quokka");
  });

  it("adds values for the param, tag and metric columns to the JSON export", async () => {
    const { status, body } = await call(exportRoute.GET, { path: `/api/export?tag=${TAG}&columns=${encodeURIComponent(columns.join(","))}` });
    expect(status).toBe(200);
    const run = (body.items as (RunListItem & { params: unknown })[]).find((item) => item.id === a)!;
    expect(run.values).toEqual({
      "param:learning_rate": { value: "2e-4", step: null },
      "param:cols_formula": { value: '=HYPERLINK("http://x","y")', step: null },
      "tag:team": { value: "okapi", step: null },
      "metric:cols/loss:best": { value: 1, step: 10 },
    });
    expect(run.params).toBeDefined();
  });

  it("rejects an unknown export column with a 400 naming it", async () => {
    const { status, body } = await call(exportRoute.GET, { path: "/api/export?format=csv&columns=name,shoe_size" });
    expect(status).toBe(400);
    expect(JSON.stringify(body.error)).toContain('unknown column \\"shoe_size\\"');
  });
});
