// The MLflow tracking API against the real route handlers and this file's own database: each endpoint, MLflow's
// error codes and statuses, its limits, write-once params, non-finite values, search and paging, and the two ways
// MLflow's client authenticates (Bearer from MLFLOW_TRACKING_TOKEN, Basic from MLFLOW_TRACKING_USERNAME/PASSWORD).
import { describe, expect, it } from "vitest";
import * as runByIdRoute from "@/app/api/runs/[id]/route";
import * as createExperimentRoute from "@/app/api/2.0/mlflow/experiments/create/route";
import * as deleteExperimentRoute from "@/app/api/2.0/mlflow/experiments/delete/route";
import * as getExperimentRoute from "@/app/api/2.0/mlflow/experiments/get/route";
import * as getByNameRoute from "@/app/api/2.0/mlflow/experiments/get-by-name/route";
import * as restoreExperimentRoute from "@/app/api/2.0/mlflow/experiments/restore/route";
import * as searchExperimentsRoute from "@/app/api/2.0/mlflow/experiments/search/route";
import * as setExperimentTagRoute from "@/app/api/2.0/mlflow/experiments/set-experiment-tag/route";
import * as updateExperimentRoute from "@/app/api/2.0/mlflow/experiments/update/route";
import * as historyRoute from "@/app/api/2.0/mlflow/metrics/get-history/route";
import * as bulkIntervalRoute from "@/app/api/2.0/mlflow/metrics/get-history-bulk-interval/route";
import * as createRunRoute from "@/app/api/2.0/mlflow/runs/create/route";
import * as deleteRunRoute from "@/app/api/2.0/mlflow/runs/delete/route";
import * as deleteTagRoute from "@/app/api/2.0/mlflow/runs/delete-tag/route";
import * as getRunRoute from "@/app/api/2.0/mlflow/runs/get/route";
import * as logBatchRoute from "@/app/api/2.0/mlflow/runs/log-batch/route";
import * as logMetricRoute from "@/app/api/2.0/mlflow/runs/log-metric/route";
import * as logParamRoute from "@/app/api/2.0/mlflow/runs/log-parameter/route";
import * as restoreRunRoute from "@/app/api/2.0/mlflow/runs/restore/route";
import * as searchRunsRoute from "@/app/api/2.0/mlflow/runs/search/route";
import * as setTagRoute from "@/app/api/2.0/mlflow/runs/set-tag/route";
import * as updateRunRoute from "@/app/api/2.0/mlflow/runs/update/route";
import { prisma } from "@/lib/server/db/client";
import { type CallOptions, call, tokenFor } from "../support/api";

const post = (route: { POST: (request: Request) => Promise<Response> }, body: unknown, options: CallOptions = {}) =>
  call(route.POST, { method: "POST", body, ...options });
const get = (route: { GET: (request: Request) => Promise<Response> }, path: string, options: CallOptions = {}) => call(route.GET, { path, ...options });

let experimentCount = 0;
async function newExperiment(): Promise<string> {
  experimentCount += 1;
  const created = await post(createExperimentRoute, { name: `mlflow-test-${experimentCount}-${Date.now()}` });
  expect(created.status, created.text).toBe(200);
  return created.body.experiment_id;
}

async function newRun(body: Record<string, unknown> = {}): Promise<string> {
  const created = await post(createRunRoute, { start_time: 1_700_000_000_000, ...body });
  expect(created.status, created.text).toBe(200);
  return created.body.run.info.run_id;
}

const getRun = async (runId: string) => (await get(getRunRoute, `/api/2.0/mlflow/runs/get?run_id=${runId}`)).body.run;

describe("experiments", () => {
  it("answers get-by-name for an unknown name with a 404 RESOURCE_DOES_NOT_EXIST, which is how clients decide to create", async () => {
    const missing = await get(getByNameRoute, "/api/2.0/mlflow/experiments/get-by-name?experiment_name=nobody-made-this");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST", message: expect.stringContaining("nobody-made-this") });
    const created = await post(createExperimentRoute, { name: "nobody-made-this", tags: [{ key: "team", value: "nlp" }] });
    expect(created.status).toBe(200);
    const found = await get(getByNameRoute, "/api/2.0/mlflow/experiments/get-by-name?experiment_name=nobody-made-this");
    expect(found.status).toBe(200);
    expect(found.body.experiment).toMatchObject({
      experiment_id: created.body.experiment_id,
      name: "nobody-made-this",
      lifecycle_stage: "active",
      artifact_location: `mlflow-artifacts:/${created.body.experiment_id}`,
      tags: [{ key: "team", value: "nlp" }],
    });
    expect(found.body.experiment.creation_time).toEqual(expect.any(Number));
  });

  it("refuses a taken name with RESOURCE_ALREADY_EXISTS as a 400, as MLflow does", async () => {
    await post(createExperimentRoute, { name: "twice" });
    const again = await post(createExperimentRoute, { name: "twice" });
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe("RESOURCE_ALREADY_EXISTS");
  });

  it("gets, renames, tags, deletes (archives) and restores an experiment", async () => {
    const id = await newExperiment();
    expect((await post(updateExperimentRoute, { experiment_id: id, new_name: `renamed-${id}` })).body).toEqual({});
    expect((await post(setExperimentTagRoute, { experiment_id: id, key: "goal", value: "sft" })).status).toBe(200);
    const read = await get(getExperimentRoute, `/api/2.0/mlflow/experiments/get?experiment_id=${id}`);
    expect(read.body.experiment).toMatchObject({ name: `renamed-${id}`, tags: [{ key: "goal", value: "sft" }] });
    expect((await post(deleteExperimentRoute, { experiment_id: id })).status).toBe(200);
    expect((await get(getExperimentRoute, `/api/2.0/mlflow/experiments/get?experiment_id=${id}`)).body.experiment.lifecycle_stage).toBe("deleted");
    // A run cannot start in a deleted experiment.
    const refused = await post(createRunRoute, { experiment_id: id });
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect((await post(restoreExperimentRoute, { experiment_id: id })).status).toBe(200);
    expect((await get(getExperimentRoute, `/api/2.0/mlflow/experiments/get?experiment_id=${id}`)).body.experiment.lifecycle_stage).toBe("active");
  });

  it("refuses to delete the Default experiment with a 4xx", async () => {
    const response = await post(deleteExperimentRoute, { experiment_id: "0" });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("answers get on a missing id with RESOURCE_DOES_NOT_EXIST", async () => {
    const response = await get(getExperimentRoute, "/api/2.0/mlflow/experiments/get?experiment_id=987654");
    expect(response.status).toBe(404);
    expect(response.body.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it("searches experiments by name and tag, by GET and POST, with view types and pages", async () => {
    const a = await newExperiment();
    await newExperiment();
    await post(setExperimentTagRoute, { experiment_id: a, key: "search-me", value: "yes" });
    const byTag = await post(searchExperimentsRoute, { filter: "tags.`search-me` = 'yes'" });
    expect(byTag.status, byTag.text).toBe(200);
    expect(byTag.body.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toEqual([a]);
    const byGet = await get(searchExperimentsRoute, `/api/2.0/mlflow/experiments/search?filter=${encodeURIComponent("name LIKE 'mlflow-test-%'")}&max_results=1`);
    expect(byGet.status, byGet.text).toBe(200);
    expect(byGet.body.experiments).toHaveLength(1);
    expect(byGet.body.next_page_token).toEqual(expect.any(String));
    const next = await get(searchExperimentsRoute, `/api/2.0/mlflow/experiments/search?filter=${encodeURIComponent("name LIKE 'mlflow-test-%'")}&max_results=1&page_token=${encodeURIComponent(byGet.body.next_page_token)}`);
    expect(next.body.experiments[0].experiment_id).not.toBe(byGet.body.experiments[0].experiment_id);
    await post(deleteExperimentRoute, { experiment_id: a });
    const deletedOnly = await post(searchExperimentsRoute, { view_type: "DELETED_ONLY" });
    expect(deletedOnly.body.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toContain(a);
    const active = await post(searchExperimentsRoute, {});
    expect(active.body.experiments.map((e: { experiment_id: string }) => e.experiment_id)).not.toContain(a);
  });
});

describe("runs", () => {
  it("creates a run in Default, named from run_name, and it is the same run at GET /api/runs/{run_id}", async () => {
    const created = await post(createRunRoute, { run_name: "sft-llama", start_time: "1700000000000", tags: [{ key: "mlflow.user", value: "alice" }] });
    expect(created.status, created.text).toBe(200);
    const { info, data } = created.body.run;
    expect(info).toMatchObject({
      run_name: "sft-llama",
      experiment_id: "0",
      status: "RUNNING",
      user_id: "alice",
      start_time: 1_700_000_000_000,
      lifecycle_stage: "active",
      artifact_uri: `mlflow-artifacts:/0/${info.run_id}/artifacts`,
    });
    expect(info.run_uuid).toBe(info.run_id);
    expect(data.tags).toContainEqual({ key: "mlflow.runName", value: "sft-llama" });
    const tuneboard = await call(runByIdRoute.GET, { path: `/api/runs/${info.run_id}`, params: { id: info.run_id } });
    expect(tuneboard.status).toBe(200);
    expect(tuneboard.body).toMatchObject({ id: info.run_id, name: "sft-llama", status: "running", method: "full", experimentId: "0" });
    expect(tuneboard.body.lastSeenAt).toEqual(expect.any(String));
  });

  it("takes the name from the mlflow.runName tag when run_name is absent, as Lightning sends it", async () => {
    const runId = await newRun({ tags: [{ key: "mlflow.runName", value: "lightning-run" }] });
    expect((await getRun(runId)).info.run_name).toBe("lightning-run");
  });

  it("records that method full was assumed in tuneboard.mapping until something says otherwise", async () => {
    const runId = await newRun();
    const mapping = (await getRun(runId)).data.tags.find((tag: { key: string }) => tag.key === "tuneboard.mapping");
    expect(JSON.parse(mapping.value).assumed).toEqual({ method: "full" });
  });

  it("maps update-run statuses: FINISHED → completed, KILLED → failed, with end_time and a new name", async () => {
    const runId = await newRun();
    const finished = await post(updateRunRoute, { run_id: runId, status: "FINISHED", end_time: 1_700_000_360_000, run_name: "done" });
    expect(finished.status, finished.text).toBe(200);
    expect(finished.body.run_info).toMatchObject({ status: "FINISHED", end_time: 1_700_000_360_000, run_name: "done" });
    expect((await prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("completed");
    const other = await newRun();
    await post(updateRunRoute, { run_uuid: other, status: "KILLED" });
    expect((await prisma.run.findUniqueOrThrow({ where: { id: other } })).status).toBe("failed");
    const scheduled = await newRun();
    await post(updateRunRoute, { run_id: scheduled, status: "SCHEDULED" });
    expect((await prisma.run.findUniqueOrThrow({ where: { id: scheduled } })).status).toBe("planned");
  });

  it("refuses an unknown status with INVALID_PARAMETER_VALUE and changes nothing", async () => {
    const runId = await newRun();
    const response = await post(updateRunRoute, { run_id: runId, status: "DONE" });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect((await prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("running");
  });

  it("soft-deletes a run (get shows it deleted, writes are refused) and an admin restores it", async () => {
    const runId = await newRun();
    expect((await post(deleteRunRoute, { run_id: runId })).status).toBe(200);
    expect((await getRun(runId)).info.lifecycle_stage).toBe("deleted");
    const write = await post(logParamRoute, { run_id: runId, key: "lr", value: "1e-4" });
    expect(write.status).toBe(400);
    expect(write.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    const member = await post(restoreRunRoute, { run_id: runId });
    expect(member.status).toBe(403);
    expect(member.body.error_code).toBe("PERMISSION_DENIED");
    expect((await post(restoreRunRoute, { run_id: runId }, { as: "admin" })).status).toBe(200);
    expect((await getRun(runId)).info.lifecycle_stage).toBe("active");
  });

  it("answers a missing run with RESOURCE_DOES_NOT_EXIST", async () => {
    const response = await get(getRunRoute, "/api/2.0/mlflow/runs/get?run_id=no-such-run");
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST", message: expect.any(String) });
    const write = await post(logMetricRoute, { run_id: "no-such-run", key: "loss", value: 1, timestamp: 1 });
    expect(write.status).toBe(404);
  });

  it("ignores unknown request fields, as MLflow does", async () => {
    const runId = await newRun({ some_future_field: { nested: true } });
    const response = await post(setTagRoute, { run_id: runId, key: "k", value: "v", also_unknown: 1 });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({});
  });
});

describe("logging", () => {
  it("keeps params write-once: the same value again is fine, another value is INVALID_PARAMETER_VALUE and writes nothing", async () => {
    const runId = await newRun();
    expect((await post(logParamRoute, { run_id: runId, key: "learning_rate", value: "0.0002" })).status).toBe(200);
    expect((await post(logParamRoute, { run_id: runId, key: "learning_rate", value: "0.0002" })).status).toBe(200);
    const changed = await post(logBatchRoute, {
      run_id: runId,
      params: [{ key: "learning_rate", value: "0.001" }],
      metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }],
      tags: [{ key: "note", value: "should not land" }],
    });
    expect(changed.status).toBe(400);
    expect(changed.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(changed.body.message).toContain("learning_rate");
    const run = await getRun(runId);
    expect(run.data.params).toEqual([{ key: "learning_rate", value: "0.0002" }]);
    expect(run.data.metrics).toEqual([]);
    expect(run.data.tags.map((tag: { key: string }) => tag.key)).not.toContain("note");
  });

  it("overwrites tags and deletes them; deleting a missing tag is RESOURCE_DOES_NOT_EXIST", async () => {
    const runId = await newRun();
    await post(setTagRoute, { run_id: runId, key: "stage", value: "warmup" });
    await post(setTagRoute, { run_id: runId, key: "stage", value: "main" });
    expect((await getRun(runId)).data.tags).toContainEqual({ key: "stage", value: "main" });
    expect((await post(deleteTagRoute, { run_id: runId, key: "stage" })).status).toBe(200);
    const again = await post(deleteTagRoute, { run_id: runId, key: "stage" });
    expect(again.status).toBe(404);
    expect(again.body.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it("appends metrics with their own step and timestamp; get-run shows the latest value per key", async () => {
    const runId = await newRun();
    const metrics = [0, 1, 2].map((step) => ({ key: "train/loss", value: 2 - step * 0.5, timestamp: 1_700_000_000_000 + step * 1000, step }));
    expect((await post(logBatchRoute, { run_id: runId, metrics })).status).toBe(200);
    expect((await post(logMetricRoute, { run_id: runId, key: "memory/max_active (GiB)", value: 21.5, timestamp: "1700000005000", step: "2" })).status).toBe(200);
    expect((await post(logMetricRoute, { run_id: runId, key: "profiling/Time taken: forward", value: 0.25, timestamp: 1_700_000_006_000 })).status).toBe(200);
    const run = await getRun(runId);
    expect(run.data.metrics).toEqual(
      expect.arrayContaining([
        { key: "train/loss", value: 1, timestamp: 1_700_000_002_000, step: 2 },
        { key: "memory/max_active (GiB)", value: 21.5, timestamp: 1_700_000_005_000, step: 2 },
        { key: "profiling/Time taken: forward", value: 0.25, timestamp: 1_700_000_006_000, step: 0 },
      ]),
    );
    expect(run.data.metrics).toHaveLength(3);
  });

  it("keeps a step past 32 bits (MLflow's steps are 64-bit; some clients log a timestamp as the step)", async () => {
    const runId = await newRun();
    const step = 3_000_000_000;
    expect((await post(logMetricRoute, { run_id: runId, key: "loss", value: 0.5, timestamp: 1, step })).status).toBe(200);
    expect((await post(logBatchRoute, { run_id: runId, metrics: [{ key: "loss", value: 0.25, timestamp: 2, step: step + 1 }] })).status).toBe(200);
    const history = await get(historyRoute, `/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss`);
    expect(history.body.metrics.map((m: { step: number; value: number }) => [m.step, m.value])).toEqual([
      [step, 0.5],
      [step + 1, 0.25],
    ]);
    expect((await getRun(runId)).data.metrics).toEqual([{ key: "loss", value: 0.25, timestamp: 2, step: step + 1 }]);
  });

  it("stores NaN and ±Infinity sent as Python's bare tokens and reads them back", async () => {
    const runId = await newRun();
    const rawBody = `{"run_id": "${runId}", "metrics": [{"key": "loss", "value": NaN, "timestamp": 1, "step": 0}, {"key": "loss", "value": Infinity, "timestamp": 2, "step": 1}, {"key": "grad", "value": -Infinity, "timestamp": 3, "step": 0}]}`;
    const response = await call(logBatchRoute.POST, { method: "POST", rawBody });
    expect(response.status, response.text).toBe(200);
    const history = await get(historyRoute, `/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss`);
    expect(history.body.metrics.map((m: { value: unknown }) => m.value)).toEqual(["NaN", "Infinity"]);
    expect((await getRun(runId)).data.metrics).toContainEqual({ key: "grad", value: "-Infinity", timestamp: 3, step: 0 });
  });

  it("enforces MLflow's limits: 1,000 metrics, 100 params, 100 tags, key 250, param value 6,000, tag value 5,000, 1 MB", async () => {
    const runId = await newRun();
    const metric = (i: number) => ({ key: `m${i % 10}`, value: i, timestamp: 1, step: i });
    const cases: [string, Record<string, unknown>][] = [
      ["1,001 metrics", { metrics: Array.from({ length: 1001 }, (_, i) => metric(i)) }],
      ["101 params", { params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: "v" })) }],
      ["101 tags", { tags: Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: "v" })) }],
      ["a 251-character key", { params: [{ key: "k".repeat(251), value: "v" }] }],
      ["a 6,001-character param value", { params: [{ key: "long", value: "v".repeat(6001) }] }],
      ["a 5,001-character tag value", { tags: [{ key: "long", value: "v".repeat(5001) }] }],
    ];
    for (const [label, body] of cases) {
      const response = await post(logBatchRoute, { run_id: runId, ...body });
      expect(response.status, label).toBe(400);
      expect(response.body.error_code, label).toBe("INVALID_PARAMETER_VALUE");
    }
    const atLimits = await post(logBatchRoute, {
      run_id: runId,
      metrics: Array.from({ length: 800 }, (_, i) => metric(i)),
      params: [{ key: "k".repeat(250), value: "v".repeat(6000) }],
      tags: [{ key: "long", value: "v".repeat(5000) }],
    });
    expect(atLimits.status, atLimits.text).toBe(200);
    const tooBig = await call(logBatchRoute.POST, { method: "POST", rawBody: JSON.stringify({ run_id: runId, tags: [{ key: "x", value: "v".repeat(1_000_001) }] }) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(await prisma.runParam.count({ where: { runId } })).toBe(1);
  });

  it("answers malformed input with a 4xx in MLflow's shape, never a 5xx", async () => {
    const runId = await newRun();
    for (const rawBody of ["{", "[]", "null", "42", ""]) {
      const response = await call(logBatchRoute.POST, { method: "POST", rawBody });
      expect(response.status, rawBody).toBe(400);
      expect(response.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    }
    for (const body of [{ run_id: runId, metrics: [{ key: "loss", value: "high", timestamp: 1 }] }, { run_id: runId, metrics: [{ key: "loss", value: 1 }] }, { metrics: [] }]) {
      const response = await post(logBatchRoute, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.message).toEqual(expect.any(String));
    }
  });

  it("turns what the client logged into typed fields and keeps the mapping", async () => {
    const runId = await newRun();
    const params = [
      { key: "adapter", value: "lora" }, { key: "base_model", value: "meta-llama/Llama-2-7b-hf" }, { key: "lora_r", value: "16" },
      { key: "lora_alpha", value: "32" }, { key: "sequence_len", value: "2048" }, { key: "micro_batch_size", value: "2" },
    ];
    expect((await post(logBatchRoute, { run_id: runId, params })).status).toBe(200);
    const run = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ method: "lora", rank: 16, loraAlpha: 32, seqLen: 2048, batchSize: 2 });
    const mapping = JSON.parse((await prisma.runKeyTag.findUniqueOrThrow({ where: { runId_key: { runId, key: "tuneboard.mapping" } } })).value);
    expect(mapping.from.rank).toBe("lora_r");
    expect(mapping.assumed).not.toHaveProperty("method");
  });
});

describe("search and history", () => {
  it("filters runs by metric, param, tag and attribute, orders them and pages them", async () => {
    const experimentId = await newExperiment();
    const ids: string[] = [];
    for (const [i, loss] of [0.9, 0.4, 0.6].entries()) {
      const runId = await newRun({ experiment_id: experimentId, run_name: `search-${i}`, start_time: 1_700_000_000_000 + i });
      await post(logBatchRoute, { run_id: runId, metrics: [{ key: "eval loss", value: loss, timestamp: 1, step: 0 }], params: [{ key: "lr", value: i === 2 ? "1e-4" : "2e-4" }], tags: [{ key: "team", value: "nlp" }] });
      ids.push(runId);
    }
    await post(updateRunRoute, { run_id: ids[1], status: "FINISHED" });
    const search = (body: Record<string, unknown>) => post(searchRunsRoute, { experiment_ids: [experimentId], ...body });
    const names = (response: { body: { runs?: { info: { run_name: string } }[] } }) => (response.body.runs ?? []).map((run) => run.info.run_name);

    expect(names(await search({ filter: "metrics.`eval loss` < 0.7" }))).toEqual(["search-2", "search-1"]);
    expect(names(await search({ filter: "params.lr = '2e-4' and tags.team = 'nlp'" }))).toEqual(["search-1", "search-0"]);
    expect(names(await search({ filter: "attributes.status = 'FINISHED'" }))).toEqual(["search-1"]);
    expect(names(await search({ filter: "attributes.run_name LIKE 'search-%' and params.lr != '1e-4'" }))).toEqual(["search-1", "search-0"]);
    expect(names(await search({ order_by: ["metrics.`eval loss` ASC"] }))).toEqual(["search-1", "search-2", "search-0"]);

    const first = await search({ max_results: 2, order_by: ["attributes.start_time ASC"] });
    expect(names(first)).toEqual(["search-0", "search-1"]);
    const second = await search({ max_results: 2, order_by: ["attributes.start_time ASC"], page_token: first.body.next_page_token });
    expect(names(second)).toEqual(["search-2"]);
    expect(second.body.next_page_token).toBeUndefined();

    const bad = await search({ filter: "metrics.loss < 'low'" });
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect((await search({ page_token: "not-a-token" })).status).toBe(400);
  });

  it("pages get-history with max_results and page_token", async () => {
    const runId = await newRun();
    const metrics = Array.from({ length: 25 }, (_, step) => ({ key: "loss", value: 3 - step / 10, timestamp: 1000 + step, step }));
    await post(logBatchRoute, { run_id: runId, metrics });
    const all = await get(historyRoute, `/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss`);
    expect(all.body.metrics).toHaveLength(25);
    expect(all.body.next_page_token).toBeUndefined();
    const steps: number[] = [];
    let token: string | undefined;
    do {
      const page = await get(historyRoute, `/api/2.0/mlflow/metrics/get-history?run_uuid=${runId}&metric_key=loss&max_results=10${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
      expect(page.status, page.text).toBe(200);
      steps.push(...page.body.metrics.map((m: { step: number }) => m.step));
      token = page.body.next_page_token;
    } while (token);
    expect(steps).toEqual(Array.from({ length: 25 }, (_, step) => step));
  });

  it("samples get-history-bulk-interval across runs, keeping each run's first and last step", async () => {
    const a = await newRun();
    const b = await newRun();
    await post(logBatchRoute, { run_id: a, metrics: Array.from({ length: 100 }, (_, step) => ({ key: "loss", value: step, timestamp: step, step })) });
    await post(logBatchRoute, { run_id: b, metrics: [{ key: "loss", value: 1, timestamp: 1, step: 7 }, { key: "loss", value: 2, timestamp: 2, step: 55 }] });
    const response = await get(bulkIntervalRoute, `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${a}&run_ids=${b}&metric_key=loss&max_results=10`);
    expect(response.status, response.text).toBe(200);
    const stepsOf = (runId: string) => response.body.metrics.filter((m: { run_id: string }) => m.run_id === runId).map((m: { step: number }) => m.step);
    expect(stepsOf(a)).toEqual([0, 7, 10, 20, 30, 40, 50, 55, 60, 70, 80, 90, 99]);
    expect(stepsOf(b)).toEqual([7, 55]);
    const ranged = await get(bulkIntervalRoute, `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${a}&metric_key=loss&start_step=10&end_step=12`);
    expect(ranged.body.metrics.map((m: { step: number }) => m.step)).toEqual([10, 11, 12]);
    const oneSided = await get(bulkIntervalRoute, `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${a}&metric_key=loss&start_step=10`);
    expect(oneSided.status).toBe(400);
    const tooMany = await get(bulkIntervalRoute, `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${a}&metric_key=loss&max_results=2501`);
    expect(tooMany.status).toBe(400);
  });
});

describe("auth", () => {
  const basic = (username: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` });

  it("accepts Basic username + API token and username + password, and refuses a wrong secret with UNAUTHENTICATED", async () => {
    const { token } = await tokenFor("member");
    const withToken = await post(createRunRoute, { run_name: "basic-token" }, { as: "none", headers: basic("test-member", token) });
    expect(withToken.status, withToken.text).toBe(200);
    const withPassword = await post(createRunRoute, { run_name: "basic-password" }, { as: "none", headers: basic("test-member", "test-password") });
    expect(withPassword.status, withPassword.text).toBe(200);
    const before = await prisma.run.count();
    const wrong = await post(createRunRoute, { run_name: "nope" }, { as: "none", headers: basic("test-member", "wrong-password") });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error_code).toBe("UNAUTHENTICATED");
    const otherUsersToken = await post(createRunRoute, { run_name: "nope" }, { as: "none", headers: basic("someone-else", token) });
    expect(otherUsersToken.status).toBe(401);
    expect(await prisma.run.count()).toBe(before);
  });

  it("needs a member to write (401 signed out, 403 for a viewer) while reads stay public", async () => {
    const before = await prisma.run.count();
    const anonymous = await post(createRunRoute, {}, { as: "none" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error_code).toBe("UNAUTHENTICATED");
    const viewer = await post(createRunRoute, {}, { as: "viewer" });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error_code).toBe("PERMISSION_DENIED");
    expect(await prisma.run.count()).toBe(before);
    expect((await post(searchExperimentsRoute, {}, { as: "none" })).status).toBe(200);
  });
});
