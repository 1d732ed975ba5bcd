// Raw MLflow params and key-value tags kept verbatim (issue 10, section 3): in GET /api/runs/{id}, in the runs
// list's free-text search and in the export. Rows are written straight into RunParam / RunKeyTag, as the MLflow
// store does, so this file does not depend on the MLflow routes.
import { beforeAll, describe, expect, it } from "vitest";
import * as diffRoute from "@/app/api/compare/diff/route";
import * as exportRoute from "@/app/api/export/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as runsRoute from "@/app/api/runs/route";
import type { RunDetail } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { CSV_COLUMNS } from "@/lib/server/runs/export-runs";
import { call } from "../support/api";

const params = {
  learning_rate: "0.0002",
  per_device_train_batch_size: "4",
  "memory/max_active (GiB)": "21.5",
  output_dir: "/scratch/zebra-quokka-output",
  // A value a spreadsheet would evaluate if it led a cell, with the CSV delimiters in it.
  eval_formula: '=HYPERLINK("x"), "quoted"',
};
/** A key JavaScript treats specially: an object literal cannot hold it as a plain key, so it is added by entry. */
const PROTO_VALUE = "a key JavaScript treats specially";
const keyTags = { "mlflow.runName": "raw-params-run", "mlflow.user": "okapi-trainer", "mlflow.source.name": "train.py" };

let runId = "";
let otherId = "";

beforeAll(async () => {
  const created = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name: "raw-params-run" } });
  expect(created.status).toBe(201);
  runId = created.body.id;
  const other = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name: "other-run" } });
  otherId = other.body.id;
  const paramEntries: [string, string][] = [...Object.entries(params), ["__proto__", PROTO_VALUE]];
  await prisma.runParam.createMany({ data: paramEntries.map(([key, value]) => ({ runId, key, value })) });
  await prisma.runKeyTag.createMany({ data: Object.entries(keyTags).map(([key, value]) => ({ runId, key, value })) });
  // The other run shares a param key but not its value, so a key-only match would find it.
  await prisma.runParam.create({ data: { runId: otherId, key: "output_dir", value: "/scratch/elsewhere" } });
  // ...and one param equal to the first run's, which the diff must leave out.
  await prisma.runParam.create({ data: { runId: otherId, key: "per_device_train_batch_size", value: "4" } });
});

const expectedParams = () => Object.fromEntries([...Object.entries(params), ["__proto__", PROTO_VALUE]]);

describe("GET /api/runs/{id}", () => {
  it("returns every param and key-value tag verbatim, keyed by name, odd characters included", async () => {
    const { status, body } = await call<RunDetail>(runRoute.GET, { params: { id: runId } });
    expect(status).toBe(200);
    expect(body.params).toEqual(expectedParams());
    expect(Object.keys(body.params)).toContain("__proto__");
    expect(body.keyTags).toEqual(keyTags);
  });

  it("returns empty objects for a run nothing was logged to through MLflow", async () => {
    const { body } = await call<RunDetail>(runRoute.GET, { params: { id: otherId } });
    expect(body.keyTags).toEqual({});
    expect(body.params).toEqual({ output_dir: "/scratch/elsewhere", per_device_train_batch_size: "4" });
  });
});

describe("free-text search of the runs list", () => {
  const ids = async (q: string) => (await call(runsRoute.GET, { path: `/api/runs?limit=50&q=${encodeURIComponent(q)}` })).body.items.map((run: { id: string }) => run.id);

  it("finds a run by a param value it has nowhere else", async () => {
    expect(await ids("zebra-quokka")).toEqual([runId]);
  });

  it("finds a run by a key-value tag value", async () => {
    expect(await ids("okapi-trainer")).toEqual([runId]);
  });

  it("does not match on a param key alone", async () => {
    expect(await ids("per_device_train_batch_size")).toEqual([]);
  });
});

describe("GET /api/export", () => {
  it("writes params and key-value tags as one JSON object per CSV cell that parses back to the same values", async () => {
    const { status, text } = await call(exportRoute.GET, { path: "/api/export?format=csv&q=zebra-quokka" });
    expect(status).toBe(200);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    const header = lines[0]!.split(",");
    expect(header).toEqual(CSV_COLUMNS);
    expect(header.slice(-2)).toEqual(["params", "keyTags"]);
    // The two JSON cells close the record; each is one quoted field with its quotes doubled.
    const match = /,"(\{(?:[^"]|"")*\})","(\{(?:[^"]|"")*\})"$/.exec(lines[1]!);
    expect(match).not.toBeNull();
    expect(JSON.parse(match![1]!.replaceAll('""', '"'))).toEqual(expectedParams());
    expect(JSON.parse(match![2]!.replaceAll('""', '"'))).toEqual(keyTags);
  });

  it("writes params and key-value tags as objects in the JSON export", async () => {
    const { text } = await call(exportRoute.GET, { path: "/api/export?format=json&q=okapi-trainer" });
    const { items } = JSON.parse(text) as { items: RunDetail[] };
    expect(items.map((run) => run.id)).toEqual([runId]);
    expect(items[0]!.params).toEqual(expectedParams());
    expect(items[0]!.keyTags).toEqual(keyTags);
  });
});

describe("GET /api/compare/diff", () => {
  it("lists the raw params and tags that differ between the runs, and none that are equal", async () => {
    const { status, body } = await call(diffRoute.GET, { path: `/api/compare/diff?ids=${runId},${otherId}` });
    expect(status).toBe(200);
    const rows = (body.fields as { field: string; group: string; values: unknown[] }[]).filter((f) => f.group === "params" || f.group === "tags");
    const byField = Object.fromEntries(rows.map((f) => [f.field, f.values]));
    expect(byField["param:output_dir"]).toEqual(["/scratch/zebra-quokka-output", "/scratch/elsewhere"]);
    expect(byField["param:learning_rate"]).toEqual(["0.0002", null]);
    expect(byField["tag:mlflow.user"]).toEqual(["okapi-trainer", null]);
    expect(byField).not.toHaveProperty("param:per_device_train_batch_size");
    expect(rows.every((f) => new Set(f.values).size > 1)).toBe(true);
  });
});
