// The prediction, calibration and recommender reads at 100,000 runs: each loads a bounded number of rows with
// plain (or LIMITed) SQL, never an IN (...) list or an include that grows with the runs, so none can pass SQLite's
// bind limit (P2029 was Prisma's answer on export past 998 runs). Each must answer 200 with its documented shape.
import { beforeAll, describe, expect, it } from "vitest";
import * as calibrationRoute from "@/app/api/calibration/route";
import * as predictRoute from "@/app/api/predict/route";
import * as sweepRoute from "@/app/api/predict/sweep/route";
import * as recommendRoute from "@/app/api/recommend/route";
import { calibrationResponseSchema, predictionSchema, recommendResponseSchema, sweepResponseSchema } from "@/lib/schemas/predict";
import { MAX_CALIBRATION_LOGGED_RUNS } from "@/lib/server/predict/calibration";
import { MAX_LOGGED_RUNS } from "@/lib/server/predict/context";
import { prisma } from "@/lib/server/db/client";
import { insertBulkRuns } from "../support/bulk-runs";
import { call } from "../support/api";

const RUNS = 100_000;

describe(`prediction reads at ${RUNS.toLocaleString("en")} runs`, () => {
  beforeAll(async () => {
    await insertBulkRuns({ count: RUNS });
    expect(await prisma.run.count({ where: { sourceId: null } })).toBeGreaterThanOrEqual(RUNS);
    // PostgreSQL writes the 100,000 runs (and their search documents) in about a minute on a busy machine.
  }, 300_000);

  it("GET /api/calibration reads every reference run and the newest logged ones, and lists what the fits ignored", async () => {
    const { status, body } = await call(calibrationRoute.GET, { path: "/api/calibration" });
    expect(status).toBe(200);
    const calibration = calibrationResponseSchema.parse(body);
    expect(calibration.notes[0]).toMatch(`the newest ${MAX_CALIBRATION_LOGGED_RUNS} logged runs (there are more)`);
    expect(calibration.quality.mtBench!.runs).toBeGreaterThan(MAX_LOGGED_RUNS.quality / 2);
    expect(calibration.quality.mtBench!.runs).toBeLessThanOrEqual(MAX_LOGGED_RUNS.quality + 30);
    // about 5% of the synthetic runs are rejected in review: the fits read them and say so
    expect(calibration.ignored.some((run) => run.reason === "review status rejected")).toBe(true);
    const one = await call(calibrationRoute.GET, { path: `/api/calibration?runId=${calibration.rows[0]!.runId}` });
    expect(one.status).toBe(200);
    expect(one.body.rows.length).toBeGreaterThan(0);
  }, 60_000);

  it("keeps rejected runs out of the newest-runs window: 300 rejected runs logged last crowd no good run out", async () => {
    const fits = async () => calibrationResponseSchema.parse((await call(calibrationRoute.GET, { path: "/api/calibration" })).body);
    const before = await fits();
    const later = new Date(Date.UTC(2030, 0, 1));
    await prisma.run.createMany({
      data: Array.from({ length: MAX_LOGGED_RUNS.quality }, (_, i) => ({
        id: `rejected-late-${i}`, name: `rejected late ${i}`, status: "completed", method: "lora", modelId: "llama-2-7b", modelName: "Llama 2 7B",
        rank: 16, mtBench: 1, mmlu: 10, reviewStatus: "rejected", createdAt: new Date(later.getTime() + i * 1000),
      })),
    });
    const after = await fits();
    expect(after.quality).toEqual(before.quality);
    const lateRejected = after.ignored.filter((run) => run.runId.startsWith("rejected-late-"));
    expect(lateRejected).toHaveLength(2 * MAX_LOGGED_RUNS.quality); // each is listed by the MT-Bench and the MMLU fit
    expect(lateRejected.every((run) => run.reason === "review status rejected")).toBe(true);
    await prisma.run.deleteMany({ where: { id: { startsWith: "rejected-late-" } } });
  }, 60_000);

  it("POST /api/predict, /api/predict/sweep and /api/recommend answer from fits made on the newest runs", async () => {
    const config = { model: "llama-2-7b", method: "lora", rank: 16, hardware: "a100-80gb", datasetSize: 10_000 };
    const predicted = await call(predictRoute.POST, { method: "POST", path: "/api/predict", body: config });
    expect(predicted.status).toBe(200);
    expect(predictionSchema.parse(predicted.body).quality?.mtBench).not.toBeNull();
    const swept = await call(sweepRoute.POST, { method: "POST", path: "/api/predict/sweep", body: { base: config, vary: [{ field: "rank", values: [8, 16, 64] }] } });
    expect(swept.status).toBe(200);
    expect(sweepResponseSchema.parse(swept.body).points).toHaveLength(3);
    const recommended = await call(recommendRoute.POST, { method: "POST", path: "/api/recommend", body: { hardware: "a100-80gb", model: "llama-2-7b", datasetSize: 10_000 } });
    expect(recommended.status).toBe(200);
    expect(recommendResponseSchema.parse(recommended.body).items.length).toBeGreaterThan(0);
  }, 60_000);
});
