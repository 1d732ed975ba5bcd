// One valid request per operation of the OpenAPI document, against real records made for it: what the role an
// operation allows must be able to do. The walks (permissions, private reads, robustness) use these so that "the
// allowed side gets through" means a 2xx, not merely "not a 401/403" (a 500 would pass that). An operation added to
// the document without an entry here fails `validCallFor`, so the walks cannot silently skip it.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { saveArtifact } from "@/lib/server/artifacts";
import { createApiToken } from "@/lib/server/auth/tokens";
import { prisma } from "@/lib/server/db/client";
import type { roleSchema } from "@/lib/schemas/auth";
import { tokenForUser } from "./api";

type Role = z.infer<typeof roleSchema>;

export type ValidCall = {
  /** Request path with its query string; ids already filled in. */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** Explicit headers (e.g. another user's token) instead of the role's token. */
  headers?: Record<string, string>;
};

const unique = () => randomUUID().slice(0, 8);

/** A minimal valid run body: catalogued model, so no modelParams is needed. */
export const validRunBody = () => ({ method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name: `walk ${unique()}` });

async function liveRunId(): Promise<string> {
  const run = await prisma.run.create({ data: { name: `walk ${unique()}`, status: "completed", method: "lora", modelName: "walk model", modelParams: 7e9, rank: 8 } });
  await prisma.metricPoint.create({ data: { runId: run.id, key: "train/loss", step: 1, value: 1.5 } });
  return run.id;
}

const firstId = async (find: () => Promise<{ id: string } | null>) => (await find())!.id;

/** A user of the role with a fresh username, for calls that change the caller's own account. */
async function freshUser(role: Role) {
  const username = `walk-${role}-${unique()}`;
  return { username, ...(await tokenForUser(username, role)) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

type Factory = (as: Role) => Promise<ValidCall>;

const withRun = (suffix: string, extra: (id: string) => Omit<ValidCall, "path" | "params"> = () => ({})): Factory => async () => {
  const id = await liveRunId();
  return { path: `/api/runs/${id}${suffix}`, params: { id }, ...extra(id) };
};

export const VALID_CALLS: Record<string, Factory> = {
  "POST /api/runs": async () => ({ path: "/api/runs", body: validRunBody() }),
  "GET /api/runs": async () => ({ path: "/api/runs?limit=5" }),
  "GET /api/runs/columns": async () => ({ path: "/api/runs/columns" }),
  "GET /api/runs/groups": async () => ({ path: "/api/runs/groups?by=method,rank" }),
  "POST /api/runs/batch": async () => ({ path: "/api/runs/batch", body: { items: [validRunBody(), validRunBody()] } }),
  "POST /api/import": async () => ({
    path: "/api/import",
    body: { files: [{ filename: "adapter_config.json", content: JSON.stringify({ peft_type: "LORA", r: 8, lora_alpha: 16, base_model_name_or_path: "meta-llama/Llama-2-7b-hf" }) }] },
  }),
  "GET /api/runs/{id}": withRun(""),
  "PATCH /api/runs/{id}": withRun("", () => ({ body: { notes: "edited by the walk" } })),
  "DELETE /api/runs/{id}": withRun(""),
  "GET /api/runs/{id}/metrics": withRun("/metrics"),
  "POST /api/runs/{id}/metrics": withRun("/metrics", () => ({ body: { points: [{ key: "train/loss", step: 2, value: 1.25 }] } })),
  "GET /api/runs/{id}/metrics/summary": withRun("/metrics/summary?step=1"),
  "GET /api/runs/{id}/comments": withRun("/comments"),
  "POST /api/runs/{id}/comments": withRun("/comments", () => ({ body: { body: "a comment from the walk" } })),
  "GET /api/runs/{id}/review": withRun("/review"),
  "PUT /api/runs/{id}/review": withRun("/review", () => ({ body: { status: "in_review" } })),
  "GET /api/runs/{id}/history": withRun("/history"),
  "GET /api/runs/{id}/artifacts": withRun("/artifacts"),
  "PUT /api/2.0/mlflow-artifacts/artifacts/{path}": async () => ({ path: `/api/2.0/mlflow-artifacts/artifacts/0/${await liveRunId()}/artifacts/walk.txt`, body: { any: "bytes" } }),
  "GET /api/2.0/mlflow-artifacts/artifacts/{path}": async () => {
    const runId = await liveRunId();
    await saveArtifact({ runId, segments: ["walk.txt"], body: new Blob(["walk"]).stream() });
    return { path: `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/walk.txt` };
  },
  "GET /api/2.0/mlflow/artifacts/list": async () => ({ path: `/api/2.0/mlflow/artifacts/list?run_id=${await liveRunId()}` }),
  "POST /api/runs/{id}/restore": async () => {
    const id = await liveRunId();
    await prisma.run.update({ where: { id }, data: { deletedAt: new Date() } });
    return { path: `/api/runs/${id}/restore`, params: { id } };
  },
  "GET /api/sources": async () => ({ path: "/api/sources" }),
  "GET /api/sources/{id}": async () => {
    const id = await firstId(() => prisma.source.findFirst({ select: { id: true } }));
    return { path: `/api/sources/${id}`, params: { id } };
  },
  "GET /api/claims": async () => ({ path: "/api/claims" }),
  "GET /api/claims/{id}": async () => {
    const id = await firstId(() => prisma.claim.findFirst({ select: { id: true } }));
    return { path: `/api/claims/${id}`, params: { id } };
  },
  "GET /api/models": async () => ({ path: "/api/models" }),
  "GET /api/hardware": async () => ({ path: "/api/hardware" }),
  "POST /api/hardware": async () => ({
    path: "/api/hardware",
    body: { id: `walk-gpu-${unique()}`, name: `Walk GPU ${unique()}`, memoryGb: 24, bf16DenseTflops: 100, fp16DenseTflops: 100, memoryBandwidthGbs: 900, hourlyPriceUsd: 0.5, priceSource: "walk: made-up price", specSource: "walk: made-up spec" },
  }),
  "PATCH /api/hardware/{id}": async () => ({ path: "/api/hardware/t4", params: { id: "t4" }, body: { hourlyPriceUsd: 0.526, priceSource: "AWS EC2 on-demand price list, g4dn.xlarge (1x T4), us-east-1 Linux, $0.526/hr" } }),
  "POST /api/models": async () => {
    const id = `walk-model-${unique()}`;
    return { path: "/api/models", body: { id, name: id, hiddenSize: 256, intermediateSize: 688, numLayers: 2, numAttentionHeads: 4, vocabSize: 1000 } };
  },
  "GET /api/export": async () => ({ path: "/api/export?format=json" }),
  "GET /api/compare/quality-memory": async () => ({ path: "/api/compare/quality-memory" }),
  "GET /api/compare/throughput-by-hardware": async () => ({ path: "/api/compare/throughput-by-hardware" }),
  "GET /api/compare/rank-quality": async () => ({ path: "/api/compare/rank-quality" }),
  "GET /api/compare/memory-by-size": async () => ({ path: "/api/compare/memory-by-size" }),
  "GET /api/compare/target-modules": async () => ({ path: "/api/compare/target-modules" }),
  "GET /api/compare/loss-curves": async () => ({ path: `/api/compare/loss-curves?runIds=${await liveRunId()}` }),
  "GET /api/compare/diff": async () => ({ path: `/api/compare/diff?ids=${await liveRunId()},${await liveRunId()}` }),
  "POST /api/predict": async () => ({ path: "/api/predict", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16 } }),
  "POST /api/predict/sweep": async () => ({
    path: "/api/predict/sweep",
    body: { base: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16 }, vary: [{ field: "rank", values: [8, 16] }] },
  }),
  "POST /api/recommend": async () => ({ path: "/api/recommend", body: { hardware: "rtx-4090", model: "meta-llama/Llama-2-7b-hf", datasetSize: 10_000 } }),
  "GET /api/calibration": async () => ({ path: "/api/calibration" }),
  "GET /api/openapi.json": async () => ({ path: "/api/openapi.json" }),
  "PATCH /api/comments/{id}": async (as) => {
    const { userId, token } = await freshUser(as);
    const comment = await prisma.comment.create({ data: { runId: await liveRunId(), authorId: userId, body: "the walk's comment" } });
    return { path: `/api/comments/${comment.id}`, params: { id: comment.id }, body: { body: "edited by its author" }, headers: bearer(token) };
  },
  "DELETE /api/comments/{id}": async (as) => {
    const { userId, token } = await freshUser(as);
    const comment = await prisma.comment.create({ data: { runId: await liveRunId(), authorId: userId, body: "the walk's comment" } });
    return { path: `/api/comments/${comment.id}`, params: { id: comment.id }, headers: bearer(token) };
  },
  "GET /api/people": async () => ({ path: "/api/people" }),
  "GET /api/activity": async () => ({ path: "/api/activity" }),
  "GET /api/views": async () => ({ path: "/api/views" }),
  "POST /api/views": async () => ({ path: "/api/views", body: { name: `walk view ${unique()}`, path: "/runs", query: "method=lora" } }),
  "GET /api/views/{id}": async (as) => {
    const { userId } = await freshUser(as === "viewer" ? "member" : as);
    const view = await prisma.savedView.create({ data: { name: `walk view ${unique()}`, path: "/runs", query: "method=lora", ownerId: userId } });
    return { path: `/api/views/${view.id}`, params: { id: view.id } };
  },
  "DELETE /api/views/{id}": async (as) => {
    const { userId, token } = await freshUser(as);
    const view = await prisma.savedView.create({ data: { name: `walk view ${unique()}`, path: "/runs", query: "method=lora", ownerId: userId } });
    return { path: `/api/views/${view.id}`, params: { id: view.id }, headers: bearer(token) };
  },
  "GET /api/experiments": async () => ({ path: "/api/experiments?includeArchived=true" }),
  "POST /api/experiments": async () => ({ path: "/api/experiments", body: { name: `walk experiment ${unique()}`, tags: { team: "walk" } } }),
  "GET /api/experiments/{id}": async () => ({ path: "/api/experiments/0", params: { id: "0" } }),
  "PATCH /api/experiments/{id}": async () => {
    const experiment = await prisma.experiment.create({ data: { name: `walk experiment ${unique()}` } });
    return { path: `/api/experiments/${experiment.id}`, params: { id: experiment.id }, body: { description: "walked", archived: true } };
  },
  // The MLflow-compatible tracking API: its ids travel in the query string or the body, never in the path.
  "GET /api/2.0/mlflow/experiments/get-by-name": async () => ({ path: "/api/2.0/mlflow/experiments/get-by-name?experiment_name=Default" }),
  "POST /api/2.0/mlflow/experiments/create": async () => ({ path: "/api/2.0/mlflow/experiments/create", body: { name: `walk mlflow ${unique()}` } }),
  "GET /api/2.0/mlflow/experiments/get": async () => ({ path: "/api/2.0/mlflow/experiments/get?experiment_id=0" }),
  "GET /api/2.0/mlflow/experiments/search": async () => ({ path: "/api/2.0/mlflow/experiments/search?max_results=5" }),
  "POST /api/2.0/mlflow/experiments/search": async () => ({ path: "/api/2.0/mlflow/experiments/search", body: { max_results: 5 } }),
  "POST /api/2.0/mlflow/experiments/update": async () => {
    const experiment = await prisma.experiment.create({ data: { name: `walk mlflow ${unique()}` } });
    return { path: "/api/2.0/mlflow/experiments/update", body: { experiment_id: experiment.id, new_name: `walk renamed ${unique()}` } };
  },
  "POST /api/2.0/mlflow/experiments/delete": async () => {
    const experiment = await prisma.experiment.create({ data: { name: `walk mlflow ${unique()}` } });
    return { path: "/api/2.0/mlflow/experiments/delete", body: { experiment_id: experiment.id } };
  },
  "POST /api/2.0/mlflow/experiments/restore": async () => {
    const experiment = await prisma.experiment.create({ data: { name: `walk mlflow ${unique()}`, archivedAt: new Date() } });
    return { path: "/api/2.0/mlflow/experiments/restore", body: { experiment_id: experiment.id } };
  },
  "POST /api/2.0/mlflow/experiments/set-experiment-tag": async () => ({ path: "/api/2.0/mlflow/experiments/set-experiment-tag", body: { experiment_id: "0", key: "walk", value: unique() } }),
  "POST /api/2.0/mlflow/runs/create": async () => ({ path: "/api/2.0/mlflow/runs/create", body: { experiment_id: "0", run_name: `walk ${unique()}`, start_time: Date.now() } }),
  "POST /api/2.0/mlflow/runs/update": async () => ({ path: "/api/2.0/mlflow/runs/update", body: { run_id: await liveRunId(), status: "FINISHED", end_time: Date.now() } }),
  "GET /api/2.0/mlflow/runs/get": async () => ({ path: `/api/2.0/mlflow/runs/get?run_id=${await liveRunId()}` }),
  "POST /api/2.0/mlflow/runs/delete": async () => ({ path: "/api/2.0/mlflow/runs/delete", body: { run_id: await liveRunId() } }),
  "POST /api/2.0/mlflow/runs/restore": async () => {
    const id = await liveRunId();
    await prisma.run.update({ where: { id }, data: { deletedAt: new Date() } });
    return { path: "/api/2.0/mlflow/runs/restore", body: { run_id: id } };
  },
  "POST /api/2.0/mlflow/runs/log-batch": async () => ({
    path: "/api/2.0/mlflow/runs/log-batch",
    body: { run_id: await liveRunId(), metrics: [{ key: "train/loss", value: 1.25, timestamp: Date.now(), step: 2 }], params: [{ key: "lr", value: "2e-4" }], tags: [{ key: "walk", value: "yes" }] },
  }),
  "POST /api/2.0/mlflow/runs/log-metric": async () => ({ path: "/api/2.0/mlflow/runs/log-metric", body: { run_id: await liveRunId(), key: "train/loss", value: 1.1, timestamp: Date.now(), step: 3 } }),
  "POST /api/2.0/mlflow/runs/log-parameter": async () => ({ path: "/api/2.0/mlflow/runs/log-parameter", body: { run_id: await liveRunId(), key: "lr", value: "2e-4" } }),
  "POST /api/2.0/mlflow/runs/set-tag": async () => ({ path: "/api/2.0/mlflow/runs/set-tag", body: { run_id: await liveRunId(), key: "walk", value: "yes" } }),
  "POST /api/2.0/mlflow/runs/delete-tag": async () => {
    const runId = await liveRunId();
    await prisma.runKeyTag.create({ data: { runId, key: "walk", value: "yes" } });
    return { path: "/api/2.0/mlflow/runs/delete-tag", body: { run_id: runId, key: "walk" } };
  },
  "POST /api/2.0/mlflow/runs/search": async () => ({ path: "/api/2.0/mlflow/runs/search", body: { experiment_ids: ["0"], filter: "metrics.`train/loss` < 2", max_results: 5 } }),
  "GET /api/2.0/mlflow/metrics/get-history": async () => ({ path: `/api/2.0/mlflow/metrics/get-history?run_id=${await liveRunId()}&metric_key=train%2Floss` }),
  "GET /api/2.0/mlflow/metrics/get-history-bulk-interval": async () => ({ path: `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${await liveRunId()}&metric_key=train%2Floss` }),
  "POST /api/auth/sign-in": async (as) => {
    const { username } = await freshUser(as);
    return { path: "/api/auth/sign-in", body: { username, password: "test-password" }, headers: {} };
  },
  "POST /api/auth/sign-out": async () => ({ path: "/api/auth/sign-out" }),
  "POST /api/auth/password": async (as) => {
    const { token } = await freshUser(as);
    return { path: "/api/auth/password", body: { currentPassword: "test-password", newPassword: "a-new-walk-password" }, headers: bearer(token) };
  },
  "GET /api/auth/me": async () => ({ path: "/api/auth/me" }),
  "GET /api/users": async () => ({ path: "/api/users" }),
  "POST /api/users": async () => ({ path: "/api/users", body: { username: `walk-new-${unique()}`, name: "New Person", role: "member", password: "a-long-password" } }),
  "PATCH /api/users/{id}": async () => {
    const { userId } = await freshUser("member");
    return { path: `/api/users/${userId}`, params: { id: userId }, body: { name: "Renamed by the walk" } };
  },
  "GET /api/tokens": async () => ({ path: "/api/tokens" }),
  "POST /api/tokens": async () => ({ path: "/api/tokens", body: { name: `walk token ${unique()}` } }),
  "DELETE /api/tokens/{id}": async (as) => {
    const { userId, token } = await freshUser(as);
    const { info } = await createApiToken({ userId, name: "the walk's second token" });
    return { path: `/api/tokens/${info.id}`, params: { id: info.id }, headers: bearer(token) };
  },
};

/** The valid call for an operation, made for the given role; throws for an operation the walks do not know yet. */
export function validCallFor(op: { method: string; apiPath: string }, as: Role): Promise<ValidCall> {
  const factory = VALID_CALLS[`${op.method} ${op.apiPath}`];
  if (!factory) throw new Error(`${op.method} ${op.apiPath} has no entry in tests/support/valid-calls.ts: add a valid request for it`);
  return factory(as);
}
