// Admins extend the catalogs: GPUs by their specs, models from a pasted config.json. What they add must work
// everywhere the seeded entries do: predictions, run creation by the device name torch reports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as hardwareRoute from "@/app/api/hardware/route";
import * as hardwareItemRoute from "@/app/api/hardware/[id]/route";
import * as modelsRoute from "@/app/api/models/route";
import * as predictRoute from "@/app/api/predict/route";
import * as runsRoute from "@/app/api/runs/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";

const config = (file: string) => JSON.parse(readFileSync(join(__dirname, "../fixtures/hf-configs", file), "utf8")) as Record<string, unknown>;

const gpu = (overrides: Record<string, unknown> = {}) => ({
  id: "rtx-pro-6000",
  name: "NVIDIA RTX PRO 6000 Blackwell",
  memoryGb: 96,
  bf16DenseTflops: 250,
  fp16DenseTflops: 250,
  memoryBandwidthGbs: 1792,
  hourlyPriceUsd: 1.5,
  priceSource: "test: a price for the test",
  specSource: "test: a spec for the test",
  aliases: ["RTX PRO 6000"],
  ...overrides,
});
const addGpu = (body: unknown, as: "admin" | "member" | "viewer" | "none" = "admin") => call(hardwareRoute.POST, { method: "POST", path: "/api/hardware", body, as });
const addModel = (body: unknown, as: "admin" | "member" | "viewer" | "none" = "admin") => call(modelsRoute.POST, { method: "POST", path: "/api/models", body, as });
const predict = (body: unknown) => call(predictRoute.POST, { method: "POST", path: "/api/predict", body });
const createRun = (hardware: string) =>
  call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, hardware }, as: "member" });

describe("POST /api/hardware", () => {
  it("is for admins only: a member or viewer gets 403, no token 401, and nothing is written", async () => {
    expect((await addGpu(gpu({ id: "refused-1" }), "member")).status).toBe(403);
    expect((await addGpu(gpu({ id: "refused-2" }), "viewer")).status).toBe(403);
    expect((await addGpu(gpu({ id: "refused-3" }), "none")).status).toBe(401);
    expect(await prisma.hardware.count({ where: { id: { startsWith: "refused-" } } })).toBe(0);
  });

  it("adds a GPU that the catalog lists and that runs find by the name torch reports", async () => {
    const created = await addGpu(gpu());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "rtx-pro-6000", vendor: "NVIDIA", memoryGb: 96, aliases: ["RTX PRO 6000"] });
    const listed = await call(hardwareRoute.GET, { path: "/api/hardware" });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain("rtx-pro-6000");

    const run = await createRun("NVIDIA RTX PRO 6000 Blackwell Server Edition");
    expect(run.status).toBe(201);
    expect(run.body.hardware).toBe("rtx-pro-6000");
  });

  it("answers 409 on a taken id, and on a name or alias that already means another GPU", async () => {
    const taken = await addGpu(gpu({ id: "a100-80gb", name: "Another A100", aliases: [] }));
    expect(taken.status).toBe(409);
    const alias = await addGpu(gpu({ id: "my-a100", name: "My A100", aliases: ["A100 80GB"] }));
    expect(alias.status).toBe(409);
    expect(alias.body.error.message).toContain("a100-80gb");
    expect(await prisma.hardware.findUnique({ where: { id: "my-a100" } })).toBeNull();
  });

  it("refuses a spec without its source per field", async () => {
    const missing = await addGpu(gpu({ id: "no-source", specSource: "" }));
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(["specSource"]);
  });
});

describe("PATCH /api/hardware/{id}", () => {
  it("updates a price (admin only) and the next prediction's cost follows it", async () => {
    // A configuration that fits the card (one that does not is not priced at all).
    const query = { model: "llama-2-7b", method: "qlora", gradientCheckpointing: true, seqLen: 1024, hardware: "rtx-4090", datasetSize: 10_000 };
    const before = await predict(query);
    expect(before.body.cost.hourlyPriceUsd).toBe(0.34);

    const body = { hourlyPriceUsd: 0.68, priceSource: "test: doubled" };
    expect((await call(hardwareItemRoute.PATCH, { method: "PATCH", params: { id: "rtx-4090" }, body, as: "member" })).status).toBe(403);
    const patched = await call(hardwareItemRoute.PATCH, { method: "PATCH", params: { id: "rtx-4090" }, body, as: "admin" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: "rtx-4090", hourlyPriceUsd: 0.68, priceSource: "test: doubled" });

    const after = await predict(query);
    expect(after.body.cost.hourlyPriceUsd).toBe(0.68);
    expect(after.body.cost.usd).toBeCloseTo(before.body.cost.usd * 2, 9);
    expect((await call(hardwareItemRoute.PATCH, { method: "PATCH", params: { id: "no-such-gpu" }, body, as: "admin" })).status).toBe(404);
  });
});

describe("POST /api/models", () => {
  it("is for admins only", async () => {
    const body = { config: config("qwen2.5-7b.config.json"), id: "refused-model" };
    expect((await addModel(body, "member")).status).toBe(403);
    expect((await addModel(body, "none")).status).toBe(401);
    expect(await prisma.model.findUnique({ where: { id: "refused-model" } })).toBeNull();
  });

  it("adds a model from a config.json that predicts exactly like the seeded model of the same architecture", async () => {
    const created = await addModel({ config: config("qwen2.5-7b.config.json"), id: "qwen2.5-7b-instruct", hfId: "Qwen/Qwen2.5-7B-Instruct" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "qwen2.5-7b-instruct", hfId: "Qwen/Qwen2.5-7B-Instruct", family: "qwen2", totalParams: 7_615_616_512 });

    const query = { method: "qlora", rank: 16, targetModules: ["all-linear"], hardware: "rtx-4090", datasetSize: 1_000 };
    const [added, seeded] = await Promise.all([predict({ ...query, model: "Qwen/Qwen2.5-7B-Instruct" }), predict({ ...query, model: "qwen2.5-7b" })]);
    expect(added.status).toBe(200);
    expect(added.body.memory.totalParams).toBe(7_615_616_512);
    // Same architecture, q/k/v biases included: trainable parameters and every memory term agree with the seeded entry.
    expect(added.body.memory.trainableParams).toBe(seeded.body.memory.trainableParams);
    expect(added.body.memory.totalGb).toBeCloseTo(seeded.body.memory.totalGb, 9);
  });

  it("adds a model from architecture fields with the exact parameter count", async () => {
    const created = await addModel({ id: "tiny-llama-like", name: "Tiny", hiddenSize: 2048, intermediateSize: 5632, numLayers: 22, numAttentionHeads: 32, numKeyValueHeads: 4, vocabSize: 32000 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ headDim: 64, tiedEmbeddings: false, totalParams: 1_100_048_384 });
  });

  it("answers 409 on a taken id or Hugging Face id", async () => {
    const id = await addModel({ config: config("mistral-7b-v0.1.config.json"), id: "mistral-7b" });
    expect(id.status).toBe(409);
    const hfId = await addModel({ config: config("mistral-7b-v0.1.config.json"), id: "another-mistral", hfId: "mistralai/Mistral-7B-v0.1" });
    expect(hfId.status).toBe(409);
    expect(hfId.body.error.message).toContain("mistral-7b");
  });

  it("refuses a mixture-of-experts config and a config with missing fields, naming each problem on config", async () => {
    const moe = await addModel({ config: config("mixtral-8x7b-v0.1.config.json"), id: "mixtral-8x7b" });
    expect(moe.status).toBe(422);
    expect(moe.body.error.issues[0]).toMatchObject({ path: "config", message: expect.stringContaining("num_local_experts") });

    const { hidden_size: _h, vocab_size: _v, ...partial } = config("llama-3.1-8b.config.json");
    const missing = await addModel({ config: partial, id: "partial-llama" });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues).toEqual([
      { path: "config", message: "missing hidden_size" },
      { path: "config", message: "missing vocab_size" },
    ]);
    expect(await prisma.model.count({ where: { id: { in: ["mixtral-8x7b", "partial-llama"] } } })).toBe(0);
  });

  it("asks for the architecture fields when no config is given", async () => {
    const response = await addModel({ id: "fieldless" });
    expect(response.status).toBe(422);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(["name", "hiddenSize", "intermediateSize", "numLayers", "numAttentionHeads", "vocabSize"]);
  });
});

describe("run creation by device name", () => {
  it.each([
    ["NVIDIA A100-SXM4-80GB", "a100-80gb"],
    ["NVIDIA A100-SXM4-40GB", "a100-40gb"],
    ["NVIDIA GeForce RTX 4090", "rtx-4090"],
    ["NVIDIA H100 80GB HBM3", "h100-80gb"],
    ["a100-80gb", "a100-80gb"],
  ])("stores %s as the catalog id %s", async (name, id) => {
    const run = await createRun(name);
    expect(run.status).toBe(201);
    expect(run.body.hardware).toBe(id);
    expect((await prisma.run.findUnique({ where: { id: run.body.id }, select: { hardwareId: true } }))?.hardwareId).toBe(id);
  });

  it("resolves a device name on a run edit too", async () => {
    const run = await createRun("a100-80gb");
    const patched = await call(runRoute.PATCH, { method: "PATCH", params: { id: run.body.id }, body: { hardware: "Tesla V100-SXM2-32GB" }, as: "member" });
    expect(patched.status).toBe(200);
    expect(patched.body.hardware).toBe("v100-32gb");
  });

  it("still refuses a card the catalog does not hold, on the hardware field", async () => {
    const run = await createRun("NVIDIA GeForce RTX 4090 Laptop GPU");
    expect(run.status).toBe(422);
    expect(run.body.error.issues).toEqual([expect.objectContaining({ path: "hardware" })]);
  });
});
