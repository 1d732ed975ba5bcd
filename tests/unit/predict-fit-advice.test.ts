import { describe, expect, it } from "vitest";
import { hardware } from "../../seed/catalog/hardware";
import { models } from "../../seed/catalog/models";
import { predictConfigSchema, type PredictConfigInput } from "@/lib/schemas/predict";
import { adviseFit, describeFit, predict, sweep, type MeasuredCalibration, type PredictContext } from "@/lib/predict";

const context: PredictContext = { models, gpus: hardware };
const gpu = (id: string) => hardware.find((h) => h.id === id)!;
const config = (input: Partial<PredictConfigInput> = {}) => predictConfigSchema.parse({ model: "llama-3.1-8b", method: "full", hardware: "rtx-4090", datasetSize: 10_000, ...input });
/** The estimator predict() itself uses, as predict() passes it to adviseFit. */
const estimatePeak = (candidate: ReturnType<typeof config>) => predict({ ...candidate, hardware: undefined }, context).memory;
const peakGb = (candidate: ReturnType<typeof config>) => estimatePeak(candidate).totalGb;

describe("describeFit", () => {
  it("states the margin from the interval's upper end when the interval fits", () => {
    expect(describeFit(20.3, { low: 19.2, high: 21.4 }, 24)).toEqual({ kind: "fits", marginGb: expect.closeTo(2.6, 9), text: "fits: 19.2–21.4 GB of 24 GB (2.6 GB to spare)" });
  });

  it("states the point and the interval of a configuration that does not fit", () => {
    const verdict = describeFit(31.5, { low: 29, high: 34 }, 24);
    expect(verdict.kind).toBe("does-not-fit");
    expect(verdict.text).toBe("does not fit: 31.5 GB (29.0–34.0) on a 24 GB card");
  });

  it("says may not fit when the card lies inside the interval, even with the point below it", () => {
    const verdict = describeFit(22.5, { low: 20.1, high: 25.2 }, 24);
    expect(verdict.kind).toBe("may-not-fit");
    expect(verdict.text).toBe("may not fit: 22.5 GB (20.1–25.2) on a 24 GB card; the upper end of the 80 % interval is 1.2 GB over");
  });

  it("says there is no calibrated interval when there is none", () => {
    expect(describeFit(19.9, null, 24).text).toBe("fits: 19.9 GB of 24 GB (4.1 GB to spare; no calibrated interval)");
    expect(describeFit(30, null, 24)).toMatchObject({ kind: "does-not-fit", text: "does not fit: 30.0 GB on a 24 GB card (6.0 GB over; no calibrated interval)" });
  });
});

describe("a configuration that does not fit the chosen GPU", () => {
  it("is not priced: an 8B full fine-tune on a 24 GB card has no time or cost, and says what would make it fit", () => {
    const prediction = predict(config(), context);
    expect(prediction.memory.totalGb).toBeGreaterThan(24);
    expect(prediction.time).toBeNull();
    expect(prediction.cost).toBeNull();
    expect(prediction.fitAdvice.length).toBeGreaterThan(0);
    expect(prediction.reasoning.join("\n")).toMatch(/On one GeForce RTX 4090: does not fit: .* so no time or cost/);
  });

  it("gets advice of which every change fits when predicted again, and is priced then", () => {
    const base = config();
    const changes = adviseFit({ config: base, gpu: gpu("rtx-4090"), gpus: hardware, estimatePeak });
    expect(changes.map((change) => change.advice)).toEqual(predict(base, context).fitAdvice);
    for (const change of changes) {
      const again = predict({ ...change.config, hardware: change.hardware }, context);
      expect(again.memory.totalGb, change.advice).toBeLessThanOrEqual(gpu(change.hardware).memoryGb);
      expect(again.cost, change.advice).not.toBeNull();
      expect(again.fitAdvice).toEqual([]);
    }
    const advice = changes.map((change) => change.advice).join("\n");
    expect(advice).toMatch(/^LoRA r=16 on q_proj, v_proj instead of full fine-tuning/m);
    expect(advice).toMatch(/^QLoRA \(4-bit NF4 base\)/m);
    expect(advice).toMatch(/with ZeRO-3 \/ FSDP full sharding/);
    expect(advice).toMatch(/^The smallest catalogued GPU it fits as it is: /m);
  });

  it("keeps the effective batch when it advises a smaller batch with gradient accumulation", () => {
    const lora = config({ method: "lora", batchSize: 8, gradientCheckpointing: true });
    const changes = adviseFit({ config: lora, gpu: gpu("rtx-4090"), gpus: hardware, estimatePeak });
    const smaller = changes.find((change) => change.advice.startsWith("Batch "));
    expect(smaller).toBeDefined();
    expect(8 % smaller!.config.batchSize).toBe(0);
    expect(smaller!.advice).toContain(`gradient accumulation ${8 / smaller!.config.batchSize} keeps the effective batch of 8`);
    expect(peakGb(smaller!.config)).toBeLessThanOrEqual(24);
    // The next larger divisor of 8 would not fit: the advice is the largest batch that does.
    if (smaller!.config.batchSize < 8) expect(peakGb({ ...lora, batchSize: smaller!.config.batchSize * 2 })).toBeGreaterThan(24);
  });

  it("offers the smallest catalogued GPU that holds it", () => {
    const base = config();
    const changes = adviseFit({ config: base, gpu: gpu("rtx-4090"), gpus: hardware, estimatePeak });
    const bigger = changes.find((change) => change.hardware !== "rtx-4090")!;
    const need = peakGb(base);
    const smallest = [...hardware].filter((h) => h.memoryGb >= need).sort((a, b) => a.memoryGb - b.memoryGb)[0]!;
    expect(gpu(bigger.hardware).memoryGb).toBe(smallest.memoryGb);
  });

  it("gets no advice and a price when it fits", () => {
    const prediction = predict(config({ method: "qlora", gradientCheckpointing: true }), context);
    expect(prediction.fitAdvice).toEqual([]);
    expect(prediction.cost!.usd).toBeGreaterThan(0);
  });

  it("may not fit when its interval straddles the card: priced, but with advice that fits by the interval's upper end", () => {
    const residual = { p10: -0.2, p90: 0.2, n: 40, sources: ["a", "b"] };
    const calibration = { memory: { overheadFixedBytes: 0.5e9, overheadFraction: 0.05, reservedOverAllocated: 1.1, logResidual: residual }, throughput: { logResidual: residual } } as MeasuredCalibration;
    const calibrated: PredictContext = { ...context, calibration };
    const lora = config({ method: "lora", gradientCheckpointing: true });
    const prediction = predict(lora, calibrated);
    // 21.2 GB by the point; its 80 % interval reaches 21.2 × e^0.2 ≈ 25.9 GB, over the 24 GB card.
    expect(prediction.memory.totalGb).toBeLessThan(24);
    expect(prediction.memory.totalGb * Math.exp(0.2)).toBeGreaterThan(24);
    expect(prediction.cost).not.toBeNull();
    expect(prediction.reasoning.join("\n")).toMatch(/On one GeForce RTX 4090: may not fit: /);
    expect(prediction.fitAdvice.length).toBeGreaterThan(0);
    const changes = adviseFit({ config: lora, gpu: gpu("rtx-4090"), gpus: hardware, estimatePeak: (candidate) => {
      const { totalGb } = predict({ ...candidate, hardware: undefined }, calibrated).memory;
      return { totalGb, interval: { low: totalGb * Math.exp(-0.2), high: totalGb * Math.exp(0.2) } };
    } });
    for (const change of changes) expect(change.peak.interval!.high, change.advice).toBeLessThanOrEqual(gpu(change.hardware).memoryGb);
  });

  it("is not priced in a sweep either", () => {
    const points = sweep(config({ method: "lora", gradientCheckpointing: true }), [{ field: "batchSize", values: [1, 2, 4, 8, 16, 32] }], context);
    expect(points.some((point) => point.fits === false)).toBe(true);
    expect(points.some((point) => point.fits === true)).toBe(true);
    for (const point of points) {
      if (point.fits) expect(point.costUsd).toBeGreaterThan(0);
      else expect([point.costUsd, point.seconds]).toEqual([null, null]);
    }
  });
});
