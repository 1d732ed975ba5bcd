// Data that cannot poison the answers: implausible values are refused at the door with a 422 that says what to
// send, and rows that got in anyway (legacy data, a rejected review, a slipped decimal) leave the quality fit,
// its leave-one-out error and the recommender exactly as they were, and are listed on the calibration page.
import { describe, expect, it } from "vitest";
import * as calibrationRoute from "@/app/api/calibration/route";
import * as predictRoute from "@/app/api/predict/route";
import * as recommendRoute from "@/app/api/recommend/route";
import * as runsRoute from "@/app/api/runs/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import { calibrationResponseSchema } from "@/lib/schemas/predict";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";

// The issue's run: a 7B LoRA whose MMLU was logged as lm-eval prints it, a fraction.
const fractionRun = { method: "lora", model: "llama-7b", rank: 16, targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"], mmlu: 0.65, name: "lm-eval fraction" };
const FRACTION_MESSAGE = "0.65 looks like a fraction: send 65 for 65 %";

const countRuns = () => prisma.run.count();
const predictQuality = async () => {
  const { status, body } = await call(predictRoute.POST, { method: "POST", path: "/api/predict", body: { model: "llama-7b", method: "lora", rank: 16 } });
  expect(status).toBe(200);
  return body.quality;
};
const recommendation = async () => {
  const { status, body } = await call(recommendRoute.POST, { method: "POST", path: "/api/recommend", body: { hardware: "a100-80gb", model: "llama-7b", datasetSize: 5_000 } });
  expect(status).toBe(200);
  return body;
};
const calibration = async () => {
  const { status, body } = await call(calibrationRoute.GET, { path: "/api/calibration" });
  expect(status).toBe(200);
  return calibrationResponseSchema.parse(body);
};

/** A row written straight into the database, past every API check, as rows stored before the checks were. */
async function insertLegacyRun(fields: { name: string; mmlu: number; reviewStatus?: string; rank?: number; targetModules?: string[] }) {
  return prisma.run.create({
    data: {
      name: fields.name,
      status: "completed",
      method: "lora",
      modelId: "llama-7b",
      modelName: "LLaMA 7B",
      rank: fields.rank ?? 16,
      targetModules: JSON.stringify(fields.targetModules ?? ["q_proj", "k_proj", "v_proj", "o_proj"]),
      mmlu: fields.mmlu,
      reviewStatus: fields.reviewStatus ?? "draft",
    },
  });
}

describe("MMLU logged as a fraction", () => {
  it("is a 422 that says to send percent, and stores nothing (POST /api/runs)", async () => {
    const before = await countRuns();
    const { status, body } = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: fractionRun });
    expect(status).toBe(422);
    expect(body.error.issues).toEqual([{ path: "mmlu", message: expect.stringContaining(FRACTION_MESSAGE) }]);
    expect(await countRuns()).toBe(before);
  });

  it("is a 422 naming the item in a batch, and the batch stores nothing", async () => {
    const before = await countRuns();
    const { status, body } = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items: [{ ...fractionRun, mmlu: 46 }, fractionRun] } });
    expect(status).toBe(422);
    expect(body.error.issues).toEqual([{ path: "items.1.mmlu", message: expect.stringContaining(FRACTION_MESSAGE) }]);
    expect(await countRuns()).toBe(before);
  });

  it("is a 422 on an edit, which leaves the stored score as it was", async () => {
    const created = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...fractionRun, mmlu: 46.1, name: "edited later" } });
    expect(created.status).toBe(201);
    const { status, body } = await call(runRoute.PATCH, { method: "PATCH", params: { id: created.body.id }, body: { mmlu: 0.461 } });
    expect(status).toBe(422);
    expect(body.error.issues).toEqual([{ path: "mmlu", message: expect.stringContaining("0.461 looks like a fraction: send 46.1 for 46.1 %") }]);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: created.body.id } })).mmlu).toBe(46.1);
    await prisma.run.delete({ where: { id: created.body.id } });
  });

  it("refuses 0 and 1 as well (no model scores 1 % or less where chance is 25 %), and accepts 1.5", async () => {
    for (const mmlu of [0, 1]) {
      const { status, body } = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...fractionRun, mmlu } });
      expect(status).toBe(422);
      expect(body.error.issues[0].message).toMatch(/looks like a fraction/);
    }
    const accepted = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...fractionRun, mmlu: 1.5, status: "planned" } });
    expect(accepted.status).toBe(201);
    await prisma.run.delete({ where: { id: accepted.body.id } });
  });
});

describe("peak memory above the GPU's capacity", () => {
  const base = { method: "lora", model: "llama-2-7b", rank: 16, hardware: "rtx-4090", gpuCount: 2 };

  it("is a 422 for a completed run, naming the GPU and its capacity, and stores nothing", async () => {
    const before = await countRuns();
    const { status, body } = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...base, peakMemoryGb: 40 } });
    expect(status).toBe(422);
    expect(body.error.issues).toEqual([{ path: "peakMemoryGb", message: expect.stringMatching(/^40 GB is more than one GeForce RTX 4090 \(rtx-4090\) holds: 24 GB as marketed, 25\.8 GB/) }]);
    const range = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items: [{ ...base, peakMemoryGbMin: 30, peakMemoryGbMax: 36 }] } });
    expect(range.status).toBe(422);
    expect(range.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(["items.0.peakMemoryGbMin"]);
    expect(await countRuns()).toBe(before);
  });

  it("accepts up to the marketed figure read as GiB, and a source's reported claim or a plan above it", async () => {
    const ids: string[] = [];
    for (const body of [{ ...base, peakMemoryGb: 25.7 }, { ...base, peakMemoryGb: 40, status: "reported" }, { ...base, peakMemoryGb: 40, status: "planned" }]) {
      const created = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const edit = await call(runRoute.PATCH, { method: "PATCH", params: { id: ids[2]! }, body: { status: "completed" } });
    expect(edit.status).toBe(422);
    expect(edit.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(["peakMemoryGb"]);
    await prisma.run.deleteMany({ where: { id: { in: ids } } });
  });
});

describe("rows that got past the checks", () => {
  it("leave the MMLU fit, its leave-one-out error and the recommender unchanged, and are listed with their reason", async () => {
    const cleanQuality = await predictQuality();
    const cleanRecommendation = await recommendation();
    expect(cleanQuality.mmlu).not.toBeNull();
    expect(cleanQuality.leaveOneOutError.mmlu).toBeCloseTo(1.2504, 4);
    expect(cleanRecommendation.items[0].quality.mmlu).not.toBeNull();

    const fraction = await insertLegacyRun({ name: "legacy fraction", mmlu: 0.65 });
    const rejected = await insertLegacyRun({ name: "rejected in review", mmlu: 20, reviewStatus: "rejected", rank: 8 });
    const slipped = await insertLegacyRun({ name: "slipped decimal", mmlu: 4.69 });

    expect(await predictQuality()).toEqual(cleanQuality);
    expect(await recommendation()).toEqual(cleanRecommendation);
    const { ignored, quality } = await calibration();
    expect(quality.mmlu).toMatchObject({ runs: 7, leaveOneOutRmse: expect.closeTo(1.2504, 4) });
    expect([...ignored].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { runId: fraction.id, name: "legacy fraction", fit: "MMLU", reason: "MMLU 0.65 ≤ 1: looks like a fraction (MMLU is stored in percent: 65 for 65 %)" },
      { runId: rejected.id, name: "rejected in review", fit: "MMLU", reason: "review status rejected" },
      { runId: slipped.id, name: "slipped decimal", fit: "MMLU", reason: expect.stringMatching(/^MMLU 4\.7 is [\d.]+ robust SDs from what the other runs predict \(46\.\d\): outlier beyond 3\.5/) },
    ]);
    await prisma.run.deleteMany({ where: { id: { in: [fraction.id, rejected.id, slipped.id] } } });
  });

  it("lists only the asked run's entries with ?runId", async () => {
    const fraction = await insertLegacyRun({ name: "legacy fraction 2", mmlu: 0.5 });
    await insertLegacyRun({ name: "another", mmlu: 0.4 });
    const { status, body } = await call(calibrationRoute.GET, { path: `/api/calibration?runId=${fraction.id}` });
    expect(status).toBe(200);
    expect(body.ignored).toEqual([expect.objectContaining({ runId: fraction.id, fit: "MMLU" })]);
  });
});
