import { describe, expect, it } from "vitest";
import * as calibrationRoute from "@/app/api/calibration/route";
import * as predictRoute from "@/app/api/predict/route";
import * as sweepRoute from "@/app/api/predict/sweep/route";
import * as recommendRoute from "@/app/api/recommend/route";
import * as runsRoute from "@/app/api/runs/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as hardwareRoute from "@/app/api/hardware/route";
import { buildOpenApiDocument } from "@/lib/openapi";
import { calibrationResponseSchema, predictionSchema, recommendResponseSchema, sweepResponseSchema } from "@/lib/schemas/predict";
import { DATA_VERSION_RUN_COLUMNS, readDataVersion } from "@/lib/server/predict/context";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";
import { inOtherInstance } from "../support/other-instance";
import { onPostgres } from "../support/postgres";

const llama2Lora = { model: "meta-llama/Llama-2-7b-hf", method: "lora", rank: 16, targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"] };

const predictCall = (body: unknown) => call(predictRoute.POST, { method: "POST", path: "/api/predict", body });
const sweepCall = (body: unknown) => call(sweepRoute.POST, { method: "POST", path: "/api/predict/sweep", body });
const recommendCall = (body: unknown) => call(recommendRoute.POST, { method: "POST", path: "/api/recommend", body });
const issuePaths = (body: { error: { issues?: { path: string }[] } }) => body.error.issues?.map((issue) => issue.path) ?? [];

describe("POST /api/predict", () => {
  it("predicts a Llama-2-7B LoRA r=16 on q,k,v,o with a breakdown that sums to the total", async () => {
    // An A100: without checkpointing the peak is over a 24 GB card's, and a run that does not fit is not priced.
    const { status, body } = await predictCall({ ...llama2Lora, hardware: "a100-80gb", datasetSize: 10_000 });
    expect(status).toBe(200);
    expect(() => predictionSchema.parse(body)).not.toThrow();
    expect(body.memory.trainableParams).toBe(16_777_216);
    expect(body.memory.totalParams).toBe(6_738_415_616);
    const parts = Object.values(body.memory.breakdown as Record<string, number>).reduce((sum, gb) => sum + gb, 0);
    expect(parts).toBeCloseTo(body.memory.totalGb, 9);
    expect(body.throughput.tokensPerSec).toBeGreaterThan(0);
    expect(body.time.tokens).toBe(10_000 * 2048);
    expect(body.cost.usd).toBeGreaterThan(0);
    expect(body.quality.mtBench).toMatchObject({ point: expect.any(Number), low: expect.any(Number), high: expect.any(Number) });
    expect(body.quality.leaveOneOutError.mtBench).toBeGreaterThan(0);
  });

  it("lists every catalogued GPU in fits", async () => {
    const [{ body }, hardware] = await Promise.all([predictCall(llama2Lora), call(hardwareRoute.GET, { path: "/api/hardware" })]);
    expect(hardware.body.items.length).toBeGreaterThan(10);
    expect(body.fits.map((row: { hardwareId: string }) => row.hardwareId).sort()).toEqual(hardware.body.items.map((gpu: { id: string }) => gpu.id).sort());
    const h100 = body.fits.find((row: { hardwareId: string }) => row.hardwareId === "h100-80gb");
    expect(h100).toMatchObject({ fits: true, memoryGb: 80 });
    expect(h100.headroomGb).toBeCloseTo(80 - body.memory.totalGb, 9);
  });

  it("orders QLoRA < LoRA < full fine-tuning for the same model", async () => {
    const total = async (method: string) => (await predictCall({ model: "llama-2-7b", method })).body.memory.totalGb as number;
    const [qlora, lora, full] = await Promise.all([total("qlora"), total("lora"), total("full")]);
    expect(qlora).toBeLessThan(lora);
    expect(lora).toBeLessThan(full);
  });

  it("counts LoRA dropout and the fp32 master copy when the request sets them", async () => {
    const [plain, dropout] = await Promise.all([predictCall(llama2Lora), predictCall({ ...llama2Lora, loraDropout: 0.05 })]);
    expect(dropout.body.memory.breakdown.activationsGb).toBeGreaterThan(plain.body.memory.breakdown.activationsGb);
    const [mixed, pure] = await Promise.all([predictCall({ model: "llama-2-7b", method: "full" }), predictCall({ model: "llama-2-7b", method: "full", masterWeights: false })]);
    expect(mixed.body.memory.breakdown.masterWeightsGb).toBeCloseTo((4 * 6_738_415_616) / 1e9, 9);
    expect(pure.body.memory.breakdown.masterWeightsGb).toBe(0);
  });

  it("takes an explicit architecture for a model outside the catalog", async () => {
    const architecture = { hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numAttentionHeads: 32, numKeyValueHeads: 32, vocabSize: 32000 };
    const { status, body } = await predictCall({ model: "acme/my-llama", architecture, method: "lora", rank: 16, targetModules: llama2Lora.targetModules });
    expect(status).toBe(200);
    expect(body.memory.totalParams).toBe(6_738_415_616);
    expect(body.memory.trainableParams).toBe(16_777_216);
  });

  it("reads Qwen2's q/k/v biases from the catalog's exact parameter count", async () => {
    const { body } = await predictCall({ model: "Qwen/Qwen2.5-7B", method: "full" });
    expect(body.memory.totalParams).toBe(7_615_616_512);
  });

  const invalid: [string, unknown, number, string[]][] = [
    ["an unknown method", { ...llama2Lora, method: "prefix-tuning" }, 422, ["method"]],
    ["quantization on LoRA", { ...llama2Lora, quantization: "nf4" }, 422, ["quantization"]],
    ["neither a model nor an architecture", { method: "lora" }, 422, ["model"]],
    ["a model outside the catalog without an architecture", { ...llama2Lora, model: "acme/unknown-13b" }, 422, ["model"]],
    ["unknown hardware", { ...llama2Lora, hardware: "tpu-v5e" }, 422, ["hardware"]],
    ["sharding on one GPU", { model: "llama-2-7b", method: "full", sharding: "zero3" }, 422, ["sharding"]],
  ];
  it.each(invalid)("refuses %s", async (_label, body, expectedStatus, paths) => {
    const result = await predictCall(body);
    expect(result.status).toBe(expectedStatus);
    expect(result.body.error.code).toBe("unprocessable_entity");
    expect(issuePaths(result.body)).toEqual(paths);
  });

  it("answers malformed JSON with 400", async () => {
    const { status, body } = await call(predictRoute.POST, { method: "POST", path: "/api/predict", rawBody: "{ not json" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
  });
});

describe("POST /api/predict/sweep", () => {
  it("sweeps rank over 7 values with memory that never decreases", async () => {
    const ranks = [4, 8, 16, 32, 64, 128, 256];
    const { status, body } = await sweepCall({ base: { ...llama2Lora, hardware: "a100-80gb" }, vary: [{ field: "rank", values: ranks }] });
    expect(status).toBe(200);
    expect(() => sweepResponseSchema.parse(body)).not.toThrow();
    expect(body.points).toHaveLength(7);
    expect(body.points.map((point: { values: { rank: number } }) => point.values.rank)).toEqual(ranks);
    const totals: number[] = body.points.map((point: { totalGb: number }) => point.totalGb);
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeGreaterThanOrEqual(totals[i - 1]!);
    expect(totals[6]).toBeGreaterThan(totals[0]!);
    expect(body.points[0].fits).toBe(true);
    expect(body.points[0].headroomGb).toBeCloseTo(80 - totals[0]!, 9);
  });

  it("sweeps two fields as every combination", async () => {
    const { body } = await sweepCall({ base: llama2Lora, vary: [{ field: "batchSize", values: [1, 2, 4] }, { field: "seqLen", values: [512, 1024] }] });
    expect(body.points.map((point: { values: object }) => point.values)).toEqual([
      { batchSize: 1, seqLen: 512 }, { batchSize: 1, seqLen: 1024 }, { batchSize: 2, seqLen: 512 },
      { batchSize: 2, seqLen: 1024 }, { batchSize: 4, seqLen: 512 }, { batchSize: 4, seqLen: 1024 },
    ]);
  });

  it("refuses 40 x 30 = 1,200 configurations on vary", async () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    const { status, body } = await sweepCall({ base: llama2Lora, vary: [{ field: "batchSize", values: values(40) }, { field: "seqLen", values: values(30) }] });
    expect(status).toBe(422);
    expect(issuePaths(body)).toEqual(["vary"]);
  });

  it("refuses a field that cannot be swept, and a base model outside the catalog", async () => {
    const field = await sweepCall({ base: llama2Lora, vary: [{ field: "optimizer", values: [1] }] });
    expect(field.status).toBe(422);
    expect(issuePaths(field.body)).toEqual(["vary.0.field"]);
    const model = await sweepCall({ base: { ...llama2Lora, model: "acme/unknown" }, vary: [{ field: "rank", values: [8] }] });
    expect(model.status).toBe(422);
    expect(issuePaths(model.body)).toEqual(["base.model"]);
  });
});

describe("POST /api/recommend", () => {
  it("recommends for an RTX 4090 and Llama-2-7B only what fits 24 GB, citing the decision guide", async () => {
    const { status, body } = await recommendCall({ hardware: "rtx-4090", model: "meta-llama/Llama-2-7b-hf", datasetSize: 5_000 });
    expect(status).toBe(200);
    expect(() => recommendResponseSchema.parse(body)).not.toThrow();
    expect(body.items.length).toBeGreaterThan(0);
    body.items.forEach((item: { position: number; memoryGb: number; reasoning: string[]; config: { model: string; hardware: string } }, index: number) => {
      expect(item.position).toBe(index + 1);
      expect(item.memoryGb).toBeLessThanOrEqual(24);
      expect(item.config).toMatchObject({ hardware: "rtx-4090", model: "meta-llama/Llama-2-7b-hf" });
      expect(item.reasoning.join("\n")).toContain("Decision guide: Consumer GPU (16-24GB) → QLoRA");
    });
  });

  it("refuses unknown hardware and an unknown model with 422 on the field", async () => {
    const hardware = await recommendCall({ hardware: "tpu-v5e", model: "llama-2-7b", datasetSize: 5_000 });
    expect(hardware.status).toBe(422);
    expect(issuePaths(hardware.body)).toEqual(["hardware"]);
    const model = await recommendCall({ hardware: "rtx-4090", model: "acme/unknown", datasetSize: 5_000 });
    expect(model.status).toBe(422);
    expect(issuePaths(model.body)).toEqual(["model"]);
  });
});

describe("quality refit", () => {
  it("refits the quality model when a run with MT-Bench is logged or edited", async () => {
    const query = { model: "llama-2-13b", method: "qlora", rank: 256, targetModules: ["all-linear"] };
    const before = (await predictCall(query)).body.quality;
    const created = await call(runsRoute.POST, {
      method: "POST",
      path: "/api/runs",
      body: { method: "qlora", model: "llama-2-13b", rank: 256, targetModules: ["all-linear"], mtBench: 7.1, name: "refit probe" },
    });
    expect(created.status).toBe(201);
    const after = (await predictCall(query)).body.quality;
    // A plausible score (0.2 above the 13B QLoRA r=64 run): far-off scores are outliers the fit sets aside (poison.test.ts).
    expect(after.evidence[0]).toMatchObject({ runId: created.body.id, name: "refit probe", mtBench: 7.1 });
    expect(before.evidence.map((run: { runId: string }) => run.runId)).not.toContain(created.body.id);
    expect(after.mtBench.point).not.toBeCloseTo(before.mtBench.point, 6);
    expect(after.leaveOneOutError.mtBench).not.toBeCloseTo(before.leaveOneOutError.mtBench, 6);

    // An edit refits too: the same run with another score moves the prediction again.
    await call(runRoute.PATCH, { method: "PATCH", params: { id: created.body.id }, body: { mtBench: 6.95 } });
    const edited = (await predictCall(query)).body.quality;
    expect(edited.evidence[0]).toMatchObject({ runId: created.body.id, mtBench: 6.95 });
    expect(edited.mtBench.point).toBeLessThan(after.mtBench.point);
  });

  it("refits when another app instance edits a run, even one whose clock runs an hour behind this one's", async () => {
    const query = { model: "llama-2-13b", method: "qlora", rank: 128, targetModules: ["all-linear"] };
    const logRun = (body: Record<string, unknown>) => call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "qlora", model: "llama-2-13b", ...body } });
    const probe = (await logRun({ rank: 128, targetModules: ["all-linear"], mtBench: 7.05, name: "other-instance probe" })).body;
    // A later run holds the newest updatedAt, so the edit below moves neither the run count nor the newest updatedAt.
    expect((await logRun({ rank: 8, name: "newest run" })).status).toBe(201);
    const evidenceOf = async () => ((await predictCall(query)).body.quality.evidence as { runId: string; mtBench: number }[]).find((run) => run.runId === probe.id);
    expect(await evidenceOf()).toMatchObject({ mtBench: 7.05 });
    await inOtherInstance("edit-run", { id: probe.id, data: { mtBench: 6.9 }, updatedAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(await evidenceOf()).toMatchObject({ mtBench: 6.9 });
  }, 90_000);

  it("moves the data version for a change to a column the fits read, not for a heartbeat", async () => {
    const [run] = await prisma.run.findMany({ where: { sourceId: null, deletedAt: null }, take: 1, select: { id: true } });
    const before = await readDataVersion();
    await prisma.run.update({ where: { id: run!.id }, data: { lastSeenAt: new Date() } });
    expect(await readDataVersion()).toBe(before);
    await prisma.run.update({ where: { id: run!.id }, data: { reviewStatus: "rejected" } });
    const afterReview = await readDataVersion();
    expect(afterReview).not.toBe(before);
    await prisma.hardware.update({ where: { id: "a100-80gb" }, data: { hourlyPriceUsd: 1.23 } });
    expect(await readDataVersion()).not.toBe(afterReview);
  });

  it("watches exactly the Run columns the fits read with the data-version trigger", async () => {
    const watched = onPostgres
      ? (await prisma.$queryRaw<{ column: string }[]>`SELECT event_object_column AS "column" FROM information_schema.triggered_update_columns WHERE trigger_name = 'Run_data_version_update'`).map((row) => row.column)
      : [...(await prisma.$queryRaw<{ sql: string }[]>`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'Run_data_version_update'`)[0]!.sql.match(/UPDATE OF (.*?) ON "Run"/)![1]!.matchAll(/"(\w+)"/g)].map((match) => match[1]!);
    expect([...watched].sort()).toEqual([...DATA_VERSION_RUN_COLUMNS].sort());
  });
});

describe("GET /api/calibration", () => {
  it("returns predicted against measured per run, with error statistics", async () => {
    const { status, body } = await call(calibrationRoute.GET, { path: "/api/calibration" });
    expect(status).toBe(200);
    expect(() => calibrationResponseSchema.parse(body)).not.toThrow();
    type Row = { quantity: string; measured: number | null; measuredMin: number | null; predicted: number; errorPct: number; isInsideRange: boolean | null; assumed: string[] };
    const rows: Row[] = body.rows;
    const memoryPoints = rows.filter((row) => row.quantity === "memory" && row.measured !== null);
    expect(body.stats.memory.count).toBe(memoryPoints.length);
    expect(memoryPoints.length).toBeGreaterThan(0);
    const mape = memoryPoints.reduce((sum, row) => sum + Math.abs(row.errorPct), 0) / memoryPoints.length;
    expect(body.stats.memory.mapePct).toBeCloseTo(mape, 9);
    for (const row of memoryPoints) expect(row.errorPct).toBeCloseTo(((row.predicted - row.measured!) / row.measured!) * 100, 9);
    // The seeded articles state many figures as ranges ("24-32 GB"): inside/outside, never a point error.
    const ranges = rows.filter((row) => row.quantity === "memory" && row.measured === null);
    expect(ranges.length).toBe(body.stats.memoryRanges.count);
    expect(ranges.every((row) => row.isInsideRange === (row.errorPct === 0))).toBe(true);
    expect(body.stats.memoryRanges.inside + body.stats.memoryRanges.outside).toBe(ranges.length);
    expect(body.stats.throughput.count).toBeGreaterThan(0);
    expect(rows.find((row) => row.quantity === "memory")!.assumed).toContain("batch size 1");
  });

  it("adds a logged run with a measured peak to the memory statistics", async () => {
    const before = (await call(calibrationRoute.GET, { path: "/api/calibration" })).body;
    const created = await call(runsRoute.POST, {
      method: "POST",
      path: "/api/runs",
      body: { ...llama2Lora, loraDropout: 0.05, gpuCount: 1, batchSize: 4, seqLen: 1024, gradientCheckpointing: true, optimizer: "adamw", precision: "bf16", peakMemoryGb: 19.5 },
    });
    const after = (await call(calibrationRoute.GET, { path: "/api/calibration" })).body;
    expect(after.stats.memory.count).toBe(before.stats.memory.count + 1);
    const row = after.rows.find((r: { quantity: string; measured: number | null }) => r.quantity === "memory" && r.measured === 19.5);
    // What the framework's defaults supplied is said, as the attention is (transformers when none is recorded).
    expect(row.assumed).toEqual([
      "SDPA attention",
      "framework transformers (not recorded)",
      "fp32 LoRA adapters and optimizer states (AMP) (transformers' default)",
      "loss over the full logits (transformers' default)",
      "no activation offloading (transformers' default)",
    ]);

    // One run's rows, as its page shows them: the same numbers as the full view.
    const one = await call(calibrationRoute.GET, { path: `/api/calibration?runId=${created.body.id}` });
    expect(one.status).toBe(200);
    expect(one.body.rows).toEqual([row]);
    expect(one.body.stats.memory).toMatchObject({ count: 1, mapePct: Math.abs(row.errorPct) });

    // The same run recording its attention and how it trained assumes nothing; eager attention stores the s² scores, so more memory.
    const eager = await call(runsRoute.POST, {
      method: "POST",
      path: "/api/runs",
      body: {
        ...llama2Lora, loraDropout: 0.05, gpuCount: 1, batchSize: 4, seqLen: 1024, gradientCheckpointing: true, optimizer: "adamw", precision: "bf16", attention: "eager", peakMemoryGb: 19.5,
        framework: "transformers", masterWeights: true, chunkedLoss: false, activationOffloading: false,
      },
    });
    const [eagerRow] = (await call(calibrationRoute.GET, { path: `/api/calibration?runId=${eager.body.id}` })).body.rows;
    expect(eagerRow.assumed).toEqual([]);
    expect(eagerRow.predicted).toBeGreaterThan(row.predicted);
  });

  it("predicts throughput leave-one-out: a run alone on its GPU and method takes the others' efficiency", async () => {
    const { body } = await call(calibrationRoute.GET, { path: "/api/calibration" });
    const rows = body.rows.filter((row: { quantity: string }) => row.quantity === "throughput");
    // Were its own measurement in the fit, a run alone in its group would be predicted exactly.
    expect(rows.some((row: { errorPct: number }) => Math.abs(row.errorPct) > 1)).toBe(true);
    expect(rows.every((row: { assumed: string[] }) => row.assumed.some((item) => item.endsWith("this run left out")))).toBe(true);
  });
});

describe("OpenAPI", () => {
  it("documents the prediction endpoints", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(paths["/api/predict"]).toHaveProperty("post");
    expect(paths["/api/predict/sweep"]).toHaveProperty("post");
    expect(paths["/api/recommend"]).toHaveProperty("post");
    expect(paths["/api/calibration"]).toHaveProperty("get");
  });
});
