// POST /api/import against the real handler and a per-file SQLite copy: preview writes nothing, an import creates the
// run with its params and metric history, bad files are a 422 naming the file with nothing written.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/import/route";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";
import { generateTrainerState } from "../support/trainer-state";

const fixture = (name: string) => ({ filename: name, content: readFileSync(path.join(import.meta.dirname, "../fixtures/imports", name), "utf8") });
const adapter = fixture("adapter_config.json");
const state = fixture("trainer_state.json");

const counts = async () => ({ runs: await prisma.run.count(), params: await prisma.runParam.count(), points: await prisma.metricPoint.count(), models: await prisma.model.count() });
const post = (body: unknown, headers?: Record<string, string>) => call(importRoute.POST, { method: "POST", path: "/api/import", body, headers });

describe("POST /api/import", () => {
  it("previews adapter_config.json + trainer_state.json without writing anything", async () => {
    const before = await counts();
    const { status, body } = await post({ files: [adapter, state], dryRun: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, runId: null, created: true, tags: ["dora"] });
    expect(body.fields).toMatchObject({ method: "lora", rank: 16, loraAlpha: 32, model: "meta-llama/Llama-2-7b-hf", trainLoss: 1.4763, framework: "transformers" });
    expect(body.from.rank).toBe("adapter_config.json: r");
    expect(body.metrics.points).toBe(26);
    expect(body.metrics.keys.find((k: { key: string }) => k.key === "loss")).toEqual({ key: "loss", points: 4, firstStep: 10, lastStep: 40 });
    expect(await counts()).toEqual(before);
  });

  it("creates the run with its fields, verbatim params and the whole log history", async () => {
    const { status, body } = await post({ files: [adapter, state], name: "imported r16" });
    expect(status).toBe(201);
    const run = await prisma.run.findUniqueOrThrow({ where: { id: body.runId }, include: { params: true, tags: true } });
    expect(run).toMatchObject({ name: "imported r16", method: "lora", rank: 16, loraAlpha: 32, batchSize: 4, wallTimeSec: 842.7, framework: "transformers" });
    expect(run.tags.map((t) => t.tag)).toEqual(["dora"]);
    expect(Object.fromEntries(run.params.map((p) => [p.key, p.value]))).toMatchObject({ "peft.r": "16", "peft.use_dora": "true", global_step: "40", train_runtime: "842.7" });
    const loss = await prisma.metricPoint.findMany({ where: { runId: body.runId, key: "loss" }, orderBy: { step: "asc" } });
    expect(loss.map((p) => [p.step, p.value])).toEqual([[10, 1.9821], [20, 1.4407], [30, 1.2716], [40, 1.2109]]);
    expect(await prisma.metricPoint.count({ where: { runId: body.runId } })).toBe(26 - 2); // epoch is logged by the training and the eval entry at steps 20 and 40: one point per (key, step)
  });

  it("refuses a prefix-tuning adapter with a 422 naming the file, and writes nothing", async () => {
    const before = await counts();
    const { status, body } = await post({ files: [state, fixture("prefix_tuning_adapter_config.json")] });
    expect(status).toBe(422);
    expect(body.error.issues).toEqual([{ path: "files.1.content", message: "prefix_tuning_adapter_config.json: this is an adapter_config.json of a prefix-tuning adapter: only LoRA adapters are understood" }]);
    expect(await counts()).toEqual(before);
  });

  it("refuses trainer_state.json alone for a new run (no method, no model), and writes nothing", async () => {
    const before = await counts();
    const { status, body } = await post({ files: [state] });
    expect(status).toBe(422);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(["fields.method", "fields.model"]);
    expect(await counts()).toEqual(before);
  });

  it("imports trainer_state.json into an existing run, and refuses a param that would change", async () => {
    const created = await post({ files: [adapter] });
    expect(created.status).toBe(201);
    const runId = created.body.runId as string;
    const added = await post({ files: [state], runId });
    expect(added.status).toBe(200);
    expect(await prisma.metricPoint.count({ where: { runId } })).toBe(24);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: runId } })).trainLoss).toBe(1.4763);
    const changed = await post({ files: [{ ...adapter, content: adapter.content.replace('"r": 16', '"r": 32') }], runId });
    expect(changed.status).toBe(422);
    expect(changed.body.error.issues).toContainEqual({ path: "params.peft.r", message: "the run already has peft.r = 16; parameters are write-once (this file says 32)" });
    expect((await prisma.run.findUniqueOrThrow({ where: { id: runId } })).rank).toBe(16);
  });

  it("adds a model config.json to the catalog, so an adapter on that model imports without modelParams", async () => {
    const adapterOnSmol = { filename: "adapter_config.json", content: JSON.stringify({ peft_type: "LORA", r: 8, lora_alpha: 16, base_model_name_or_path: "HuggingFaceTB/SmolLM2-360M", target_modules: ["q_proj", "v_proj"] }) };
    const without = await post({ files: [adapterOnSmol], dryRun: true });
    expect(without.status).toBe(422);
    expect(without.body.error.issues[0].path).toBe("fields.modelParams");
    const { status, body } = await post({ files: [fixture("config.json"), adapterOnSmol] });
    expect(status).toBe(201);
    expect(body.model).toMatchObject({ id: "smollm2-360m", hfId: "HuggingFaceTB/SmolLM2-360M", status: "added" });
    const run = await prisma.run.findUniqueOrThrow({ where: { id: body.runId } });
    expect(run.modelId).toBe("smollm2-360m");
  });

  it("streams progress while writing 100,000 log entries in slices, ending with the result", async () => {
    const { status, text, headers } = await post({ files: [adapter, { filename: "trainer_state.json", content: generateTrainerState(100_000) }] }, { accept: "application/x-ndjson" });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toContain("application/x-ndjson");
    const lines = text.trim().split("\n").map((line) => JSON.parse(line) as { type: string; written?: number; total?: number; result?: { runId: string } });
    const progress = lines.filter((line) => line.type === "progress");
    expect(progress.length).toBe(1 + 400_000 / 10_000);
    expect(progress.at(-1)).toEqual({ type: "progress", written: 400_000, total: 400_000 });
    const done = lines.at(-1)!;
    expect(done.type).toBe("done");
    expect(await prisma.metricPoint.count({ where: { runId: done.result!.runId, key: "loss" } })).toBe(100_000);
  }, 120_000);
});
