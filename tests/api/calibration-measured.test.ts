import { describe, expect, it } from "vitest";
import * as calibrationRoute from "@/app/api/calibration/route";
import * as predictRoute from "@/app/api/predict/route";
import { calibrationResponseSchema, predictionSchema } from "@/lib/schemas/predict";
import { prisma } from "@/lib/server/db/client";
import { loadPredictContext } from "@/lib/server/predict/context";
import { measuredRuns, measurementSources } from "@/seed/measurements";
import { call } from "../support/api";

const getCalibration = async (path = "/api/calibration") => {
  const { status, body } = await call(calibrationRoute.GET, { path });
  expect(status).toBe(200);
  return calibrationResponseSchema.parse(body);
};

describe("GET /api/calibration: measured benchmarks", () => {
  it("returns each source's held-out accuracy for memory and throughput, and an overall row that counts them all", async () => {
    const { measured } = await getCalibration();
    expect(measured).not.toBeNull();
    const sourceIds = new Set(measurementSources.map((source) => source.id));
    for (const quantity of [measured!.memory, measured!.throughput]) {
      expect(quantity.bySource.length).toBeGreaterThan(0);
      for (const row of quantity.bySource) {
        expect(sourceIds).toContain(row.sourceId);
        expect(row.title).toBe(measurementSources.find((source) => source.id === row.sourceId)!.title);
      }
      expect(quantity.overall.n).toBe(quantity.bySource.reduce((sum, row) => sum + row.n, 0));
      expect(quantity.interval.lowFactor).toBeLessThan(quantity.interval.highFactor);
    }
    const memoryPoints = measured!.rows.filter((row) => row.quantity === "memory" && row.kind === "point");
    expect(memoryPoints).toHaveLength(measured!.memory.overall.n);
  });

  it("never predicts an estimate as a measurement, and lists it with the reason", async () => {
    const { measured } = await getCalibration();
    const estimates = measuredRuns.filter((row) => row.isEstimate).map((row) => row.externalId);
    const predicted = new Set(measured!.rows.map((row) => row.id));
    for (const id of estimates) expect(predicted.has(id)).toBe(false);
    const listed = measured!.unpredicted.filter((row) => estimates.includes(row.id));
    expect(listed.length).toBeGreaterThanOrEqual(estimates.length > 0 ? 1 : 0);
    for (const row of listed) expect(row.reason).toContain("estimate");
  });

  it("leaves the measured section out of a single run's calibration", async () => {
    const { measured } = await getCalibration("/api/calibration?runId=nonexistent");
    expect(measured).toBeNull();
  });
});

describe("the per-GPU efficiency fit over database runs", () => {
  it("leaves out runs of measurement sources and estimates, which the measured calibration fits once", async () => {
    await prisma.source.create({ data: { id: "test-measurement-source", kind: "measurement", title: "A framework's benchmark table" } });
    // 12 samples/s of 512 tokens: the efficiency of the seeded article runs on an A100, so no outlier rule applies.
    const base = { status: "completed", method: "lora", modelId: "llama-2-7b", modelName: "Llama 2 7B", hardwareId: "a100-80gb", seqLen: 512, batchSize: 1 };
    const measurement = await prisma.run.create({ data: { ...base, name: "measured row", sourceId: "test-measurement-source", throughputSamplesPerSec: 12 } });
    const estimate = await prisma.run.create({ data: { ...base, name: "an estimate", isEstimate: true, throughputSamplesPerSec: 12 } });
    const logged = await prisma.run.create({ data: { ...base, name: "a logged run", throughputSamplesPerSec: 12 } });
    const { context } = await loadPredictContext();
    const fitted = new Set(context.efficiency.points.map((point) => point.runId));
    expect(fitted.has(logged.id)).toBe(true);
    expect(fitted.has(measurement.id)).toBe(false);
    expect(fitted.has(estimate.id)).toBe(false);
    expect(context.calibration.memory.n).toBeGreaterThan(0);
  });
});

describe("POST /api/predict with the measured calibration", () => {
  it("gives memory and throughput an 80 % interval from the out-of-source residuals, the same one /api/calibration reports", async () => {
    const { measured } = await getCalibration();
    const { status, body } = await call(predictRoute.POST, {
      method: "POST", path: "/api/predict", body: { model: "meta-llama/Llama-2-7b-hf", method: "lora", hardware: "a100-80gb", batchSize: 4, seqLen: 1024 },
    });
    expect(status).toBe(200);
    const prediction = predictionSchema.parse(body);
    const memory = prediction.memory.interval!;
    expect(memory.basis).toContain("out-of-source residuals");
    expect(memory.low / prediction.memory.totalGb).toBeCloseTo(measured!.memory.interval.lowFactor, 9);
    expect(memory.high / prediction.memory.totalGb).toBeCloseTo(measured!.memory.interval.highFactor, 9);
    const throughput = prediction.throughput!;
    expect(throughput.interval!.high / throughput.tokensPerSec).toBeCloseTo(measured!.throughput.interval.highFactor, 9);
    expect(throughput.efficiencySource).toContain("calibrated on");
  });
});
