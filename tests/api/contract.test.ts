// The request contract through the route handlers: unknown fields are a 422 naming each (and the field meant),
// bodies over their byte cap are a 413 before parsing, long passwords never reach the hash, and metric values may
// be NaN / ±Infinity, bare (as Python writes them) or as strings. Every refusal stores nothing.
import type * as NodeCrypto from "node:crypto";
import { scrypt } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as predictRoute from "@/app/api/predict/route";
import * as sweepRoute from "@/app/api/predict/sweep/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as runsRoute from "@/app/api/runs/route";
import * as usersRoute from "@/app/api/users/route";
import { quoteNonFiniteNumbers } from "@/lib/api/body";
import { buildOpenApiDocument } from "@/lib/openapi";
import { MAX_BATCH_BODY_BYTES, MAX_BATCH_RUNS, MAX_METRIC_BODY_BYTES, MAX_METRIC_POINTS, TARGET_MODULES, metricPointsSchema, runBatchSchema } from "@/lib/schemas/run";
import { hashPassword } from "@/lib/server/auth/passwords";
import { prisma } from "@/lib/server/db/client";
import { call, tokenFor } from "../support/api";

// Counts every scrypt call (the password hash) while still hashing for real: the database is not mocked.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const hashCalls = () => vi.mocked(scrypt).mock.calls.length;

type Issue = { path: string; message: string };
const issuesOf = (body: { error: { issues?: Issue[] } }) => body.error.issues ?? [];

const validRun = { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16, targetModules: ["q_proj", "v_proj"], hardware: "a100-80gb", batchSize: 4 };
const runCount = () => prisma.run.count();
const pointCount = () => prisma.metricPoint.count();
const createRun = async () => (await call(runsRoute.POST, { method: "POST", body: validRun })).body as { id: string };

describe("unknown fields", () => {
  it("refuses the Hugging Face names r, lora_alpha and per_device_train_batch_size with a 422 naming each and the field meant, storing nothing", async () => {
    const before = await runCount();
    const body = { method: "lora", model: "meta-llama/Llama-2-7b-hf", r: 8, lora_alpha: 16, per_device_train_batch_size: 4 };
    const response = await call(runsRoute.POST, { method: "POST", rawBody: JSON.stringify(body) });
    expect(response.status, response.text).toBe(422);
    expect(response.body.error.code).toBe("unprocessable_entity");
    expect(issuesOf(response.body)).toEqual(
      expect.arrayContaining([
        { path: "r", message: "unknown field 'r': did you mean 'rank'?" },
        { path: "lora_alpha", message: "unknown field 'lora_alpha': did you mean 'loraAlpha'?" },
        { path: "per_device_train_batch_size", message: "unknown field 'per_device_train_batch_size': did you mean 'batchSize'?" },
      ]),
    );
    expect(await runCount()).toBe(before);
  });

  it("names an unknown field of one run in a batch at its index, and stores none of the batch", async () => {
    const before = await runCount();
    const response = await call(batchRoute.POST, { method: "POST", body: { items: [validRun, { ...validRun, lora_r: 8, colour: "red" }] } });
    expect(response.status, response.text).toBe(422);
    expect(issuesOf(response.body)).toEqual([
      { path: "items.1.lora_r", message: "unknown field 'lora_r': did you mean 'rank'?" },
      { path: "items.1.colour", message: "unknown field 'colour'" },
    ]);
    expect(await runCount()).toBe(before);
  });

  it("names unknown fields nested in a prediction's architecture and a sweep's vary list", async () => {
    const architecture = { hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numAttentionHeads: 32, numKeyValueHeads: 32, vocabSize: 32000 };
    const predicted = await call(predictRoute.POST, { method: "POST", as: "none", body: { method: "lora", architecture: { ...architecture, num_hidden_layers: 32 } } });
    expect(predicted.status, predicted.text).toBe(422);
    expect(issuesOf(predicted.body)).toEqual([{ path: "architecture.num_hidden_layers", message: "unknown field 'num_hidden_layers'" }]);
    expect((await call(predictRoute.POST, { method: "POST", as: "none", body: { method: "lora", architecture } })).status).toBe(200);

    const swept = await call(sweepRoute.POST, { method: "POST", as: "none", body: { base: { model: "llama-2-7b", method: "lora", lora_alpha: 32 }, vary: [{ field: "rank", value: [8] }] } });
    expect(swept.status, swept.text).toBe(422);
    expect(issuesOf(swept.body)).toEqual(
      expect.arrayContaining([
        { path: "base.lora_alpha", message: "unknown field 'lora_alpha': did you mean 'loraAlpha'?" },
        { path: "vary.0.value", message: "unknown field 'value': did you mean 'values'?" },
      ]),
    );
  });

  it("refuses an unknown field in one metric point and stores no point of the batch", async () => {
    const run = await createRun();
    const before = await pointCount();
    const response = await call(metricsRoute.POST, {
      method: "POST",
      params: { id: run.id },
      body: { points: [{ key: "train/loss", step: 1, value: 2 }, { key: "train/loss", step: 2, value: 1.9, epoch: 0.1 }] },
    });
    expect(response.status, response.text).toBe(422);
    expect(issuesOf(response.body)).toEqual([{ path: "points.1.epoch", message: "unknown field 'epoch'" }]);
    expect(await pointCount()).toBe(before);
  });

  it("refuses an edit with lora_alpha and leaves the run as it was", async () => {
    const run = await createRun();
    const response = await call(runRoute.PATCH, { method: "PATCH", params: { id: run.id }, body: { lora_alpha: 32, notes: "edited" } });
    expect(response.status, response.text).toBe(422);
    expect(issuesOf(response.body)).toEqual([{ path: "lora_alpha", message: "unknown field 'lora_alpha': did you mean 'loraAlpha'?" }]);
    expect(await prisma.run.findUniqueOrThrow({ where: { id: run.id }, select: { loraAlpha: true, notes: true } })).toEqual({ loraAlpha: null, notes: null });
  });

  it("says additionalProperties false for every object of every request body in the OpenAPI document", () => {
    const loose: string[] = [];
    const visit = (schema: unknown, where: string) => {
      if (Array.isArray(schema)) schema.forEach((item, i) => visit(item, `${where}[${i}]`));
      else if (schema && typeof schema === "object") {
        const node = schema as Record<string, unknown>;
        if (node.type === "object" && node.properties && node.additionalProperties !== false) loose.push(where);
        for (const [key, value] of Object.entries(node)) visit(value, `${where}.${key}`);
      }
    };
    let bodies = 0;
    for (const [path, item] of Object.entries(buildOpenApiDocument().paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>)) {
        if (!operation.requestBody) continue;
        // MLflow's messages ignore unknown fields, as MLflow does (lib/mlflow/requests.ts); they say so instead.
        if (path.startsWith("/api/2.0/mlflow/")) continue;
        bodies += 1;
        visit(operation.requestBody.content["application/json"]!.schema, `${method.toUpperCase()} ${path}`);
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(16);
    expect(loose).toEqual([]);
  });
});

/** A request with the given raw body: honest, lying or missing Content-Length (a stream has none). */
function requestWith(text: string, contentLength: "honest" | "lying" | "missing", token: string): Request {
  const bytes = new TextEncoder().encode(text);
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${token}` };
  if (contentLength === "honest") headers["content-length"] = String(bytes.byteLength);
  if (contentLength === "lying") headers["content-length"] = "100";
  const body =
    contentLength === "missing"
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            for (let offset = 0; offset < bytes.byteLength; offset += 65_536) controller.enqueue(bytes.subarray(offset, offset + 65_536));
            controller.close();
          },
        })
      : bytes;
  return new Request("http://localhost/api", { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

/** Valid JSON padded with whitespace to one byte over the cap: without a cap it would be accepted and stored. */
const paddedPast = (body: unknown, cap: number) => {
  const text = JSON.stringify(body);
  return text + " ".repeat(cap + 1 - text.length);
};

describe("body size caps", () => {
  it.each(["honest", "lying", "missing"] as const)("refuses a run body over 1 MB with a 413 naming the limit, storing nothing (%s Content-Length)", async (contentLength) => {
    const { token } = await tokenFor("member");
    const before = await runCount();
    const response = await runsRoute.POST(requestWith(paddedPast(validRun, 1_000_000), contentLength, token), { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("1 MB") } });
    expect(await runCount()).toBe(before);
  });

  it("refuses a metrics body over its cap with a 413 and stores no point", async () => {
    const { token } = await tokenFor("member");
    const run = await createRun();
    const before = await pointCount();
    const text = paddedPast({ points: [{ key: "train/loss", step: 1, value: 2 }] }, MAX_METRIC_BODY_BYTES);
    const response = await metricsRoute.POST(requestWith(text, "missing", token), { params: Promise.resolve({ id: run.id }) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toContain("4 MB");
    expect(await pointCount()).toBe(before);
  });

  it("refuses a batch body over its cap with a 413 and stores no run", async () => {
    const { token } = await tokenFor("member");
    const before = await runCount();
    const response = await batchRoute.POST(requestWith(paddedPast({ items: [validRun] }, MAX_BATCH_BODY_BYTES), "lying", token), { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toContain("16 MB");
    expect(await runCount()).toBe(before);
  });

  it("fits the largest metrics body the schema allows: 10,000 points at every maximum, indented, slashes escaped", async () => {
    const run = await createRun();
    const points = Array.from({ length: MAX_METRIC_POINTS }, (_, i) => ({
      key: "/".repeat(99) + String(i % 10),
      step: 999_999_000 + (i % 1000),
      value: -2.2250738585072014e-308, // 24 characters, as long as a number gets

      time: "2026-11-29T23:41:02.123456+00:00",
    }));
    const text = JSON.stringify({ points }, null, 2).replaceAll("/", "\\/");
    expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(MAX_METRIC_BODY_BYTES);
    expect(metricPointsSchema.safeParse(JSON.parse(text)).success).toBe(true);
    const response = await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, rawBody: text });
    expect(response.status, response.text.slice(0, 300)).toBe(201);
  });

  it("fits the largest batch the schema allows: 1,000 runs with every field at its maximum, indented", () => {
    const text = (n: number) => "x".repeat(n);
    const run = {
      name: text(200), externalId: text(200), status: "completed", notes: text(10_000), tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, "t")),
      method: "lora", model: text(200), modelParams: 1e13 / 3, rank: 4096, loraAlpha: 1e5 / 3, loraDropout: 1 / 3,
      targetModules: TARGET_MODULES.filter((m) => m !== "all-linear"), quantization: "none", doubleQuant: false, precision: "bf16", hardware: text(100),
      gpuCount: 4096, batchSize: 4096, gradientAccumulation: 4096, seqLen: 1_048_576, gradientCheckpointing: false, attention: "flash", sharding: "zero3",
      optimizer: "paged_adamw8bit", learningRate: 1e-4 / 3, epochs: 1000 / 3, datasetName: text(200), datasetSize: 999_999_999,
      oom: false, throughputSamplesPerSec: 1e7 / 3, throughputTokensPerSec: 1e10 / 3, peakMemoryGb: 1e5 / 3,
      trainableParams: 9_999_999_999_999, mtBench: 10 / 3, mmlu: 100 / 3, trainLoss: 1e4 / 3, evalLoss: 1e4 / 3,
      wallTimeSec: 1e9 / 3, costUsd: 1e9 / 3,
    };
    const batch = { items: Array.from({ length: MAX_BATCH_RUNS }, () => run) };
    expect(runBatchSchema.safeParse(batch).success).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(batch, null, 2)).byteLength).toBeLessThanOrEqual(MAX_BATCH_BODY_BYTES);
  });
});

describe("long passwords", () => {
  const longPassword = "p".repeat(2048);
  beforeEach(async () => {
    await tokenFor("admin");
  });

  it("answers a 2 KB password at sign-in with a 422 without hashing it, while a wrong short one is hashed", async () => {
    await prisma.user.upsert({ where: { username: "long-password" }, update: {}, create: { username: "long-password", name: "Long", role: "member", passwordHash: await hashPassword("the-right-one") } });
    const hashedBefore = hashCalls();
    const long = await call(signInRoute.POST, { method: "POST", as: "none", body: { username: "long-password", password: longPassword } });
    expect(long.status, long.text).toBe(422);
    expect(issuesOf(long.body)).toEqual([{ path: "password", message: "must be at most 1024 characters" }]);
    expect(hashCalls()).toBe(hashedBefore);

    // The control: the spy does see a hash when a password is checked.
    const wrong = await call(signInRoute.POST, { method: "POST", as: "none", body: { username: "long-password", password: "not-the-right-one" } });
    expect(wrong.status).toBe(401);
    expect(hashCalls()).toBeGreaterThan(hashedBefore);
  });

  it("answers a 2 KB password in a password change or a new user with a 422 without hashing it", async () => {
    await tokenFor("member");
    const hashedBefore = hashCalls();
    const changed = await call(passwordRoute.POST, { method: "POST", as: "member", body: { currentPassword: longPassword, newPassword: "a-new-password" } });
    expect(changed.status, changed.text).toBe(422);
    expect(issuesOf(changed.body).map((issue) => issue.path)).toEqual(["currentPassword"]);
    const created = await call(usersRoute.POST, { method: "POST", as: "admin", body: { username: "long-new", name: "Long", role: "member", password: longPassword } });
    expect(created.status, created.text).toBe(422);
    expect(hashCalls()).toBe(hashedBefore);
    expect(await prisma.user.count({ where: { username: "long-new" } })).toBe(0);
  });
});

describe("non-finite metric values", () => {
  const bare = '{"points": [{"key": "train/loss", "step": 1, "value": NaN}, {"key": "train/loss", "step": 2, "value": Infinity}, {"key": "train/loss", "step": 3, "value": -Infinity}, {"key": "train/loss", "step": 4, "value": 0.5}]}';
  const quoted = '{"points": [{"key": "eval/loss", "step": 1, "value": "NaN"}, {"key": "eval/loss", "step": 2, "value": "Infinity"}, {"key": "eval/loss", "step": 3, "value": "-Infinity"}]}';

  it("parses bare tokens and strings to NaN and ±Infinity", () => {
    const values = (text: string) => metricPointsSchema.parse(JSON.parse(quoteNonFiniteNumbers(text))).points.map((point) => point.value);
    expect(values(bare)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5]);
    expect(values(quoted)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it("refuses other strings per point", () => {
    const parsed = metricPointsSchema.safeParse({ points: [{ key: "a", step: 1, value: "nan" }, { key: "a", step: 2, value: "1.5" }, { key: "a", step: 3, value: "inf" }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["points.0.value", 'must be a number, or "NaN", "Infinity" or "-Infinity"'],
      ["points.1.value", 'must be a number, or "NaN", "Infinity" or "-Infinity"'],
      ["points.2.value", 'must be a number, or "NaN", "Infinity" or "-Infinity"'],
    ]);
  });

  it("stores a batch with bare NaN and ±Infinity, and one with them as strings, through the route", async () => {
    const run = await createRun();
    for (const rawBody of [bare, quoted]) {
      const posted = await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, rawBody });
      expect(posted.status, posted.text).toBe(201);
    }
    const { body } = await call(metricsRoute.GET, { path: "/x", params: { id: run.id } });
    const valuesOf = (key: string) => body.series.find((series: { key: string }) => series.key === key).points.map((point: { value: unknown }) => point.value);
    expect(valuesOf("train/loss")).toEqual(["NaN", "Infinity", "-Infinity", 0.5]);
    expect(valuesOf("eval/loss")).toEqual(["NaN", "Infinity", "-Infinity"]);
  });

  it("keeps a bare NaN a 400 everywhere else, storing nothing", async () => {
    const before = await runCount();
    const run = await call(runsRoute.POST, { method: "POST", rawBody: '{"method": "lora", "model": "meta-llama/Llama-2-7b-hf", "mmlu": NaN}' });
    expect(run.status).toBe(400);
    expect(run.body.error.message).toBe("Request body must be valid JSON");
    expect(await runCount()).toBe(before);
    const predicted = await call(predictRoute.POST, { method: "POST", as: "none", rawBody: '{"model": "llama-2-7b", "method": "lora", "loraDropout": NaN}' });
    expect(predicted.status).toBe(400);
  });
});
