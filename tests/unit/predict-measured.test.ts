import { describe, expect, it } from "vitest";
import { hardware } from "../../seed/catalog/hardware";
import { models } from "../../seed/catalog/models";
import type { MeasurementSeed } from "../../seed/types";
import {
  BYTES_PER_GB, calibratedEfficiency, calibrateOnMeasurements, fitMeasuredCalibration, leaveOneSourceOut, memoryInterval, parseIterationRate,
  predictPointMemoryGb, predictPointTokensPerSec, quantile, refuseImpossibleThroughput, summarizeHeldOut, throughputInterval, tokensPerSample, toMeasuredPoint, type MeasuredPoint,
} from "@/lib/predict";

const catalog = { models, gpus: hardware };

/** A measured row of a benchmark table; every test states what it varies. */
function measuredRow(overrides: Partial<MeasurementSeed> & { id: string }, measurement: Partial<MeasurementSeed["measurement"]> = {}): MeasurementSeed {
  const { id, ...rest } = overrides;
  return {
    externalId: id,
    name: id,
    sourceId: "source-a",
    method: "lora",
    modelId: "llama-2-7b",
    rank: 8,
    targetModules: ["q_proj", "v_proj"],
    precision: "bf16",
    hardwareId: "a100-80gb",
    gpuCount: 1,
    batchSize: 1,
    seqLen: 1024,
    gradientCheckpointing: true,
    framework: "transformers",
    cells: [],
    ...rest,
    measurement: { quote: "| row |", frameworkLabel: "HF Trainer", seqLenKind: "fixed", paramsB: 7, paramsNominal: true, ...measurement },
  };
}

/** Deterministic uniform numbers in [0, 1) (mulberry32), so that the synthetic data are the same every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Standard normal by Box-Muller. */
const normal = (uniform: () => number) => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

const pointOf = (row: MeasurementSeed): MeasuredPoint => {
  const result = toMeasuredPoint(row, catalog);
  if (!result.point) throw new Error(`${row.externalId}: ${result.unpredicted.map((u) => u.reason).join("; ")}`);
  return result.point;
};

const GRID = { batchSize: [1, 2, 4, 8], seqLen: [512, 1024, 2048], method: ["lora", "full", "qlora"] as const, modelId: ["llama-2-7b", "tinyllama-1.1b", "llama-3.2-3b"] };

/** Rows over the grid whose measured memory follows a known law of the physics' raw peak. */
function synthesizeMemory(sourceId: string, law: (rawBytes: number, index: number) => number, measure: "allocated" | "reserved" = "allocated", limit = 36): MeasuredPoint[] {
  const points: MeasuredPoint[] = [];
  for (const modelId of GRID.modelId)
    for (const method of GRID.method)
      for (const batchSize of GRID.batchSize)
        for (const seqLen of GRID.seqLen) {
          if (points.length >= limit) return points;
          const point = pointOf(measuredRow({ id: `${sourceId}-${points.length}`, sourceId, modelId, method, batchSize, seqLen, peakMemoryGb: 1, peakMemoryMeasure: measure }));
          const gb = law(point.physics.rawMemoryBytes, points.length) / BYTES_PER_GB;
          points.push({ ...point, memory: { kind: "point", gb, measure, scope: "per-gpu" } });
        }
  return points;
}

describe("toMeasuredPoint", () => {
  it("refuses an estimate for both quantities, with the reason", () => {
    const result = toMeasuredPoint(measuredRow({ id: "e", isEstimate: true, peakMemoryGb: 20, throughputSamplesPerSec: 2 }), catalog);
    expect(result.point).toBeNull();
    expect(result.unpredicted.map((row) => [row.quantity, row.reason.startsWith("an estimate")])).toEqual([["memory", true], ["throughput", true]]);
  });

  it("turns a total over GPUs into a per-GPU figure and an OOM into the card's capacity", () => {
    const total = pointOf(measuredRow({ id: "t", gpuCount: 4, sharding: "zero2", peakMemoryGb: 100, peakMemoryScope: "total", peakMemoryMeasure: "reserved" }));
    expect(total.memory).toEqual({ kind: "point", gb: 25, measure: "reserved", scope: "total" });
    const oom = pointOf(measuredRow({ id: "o", oom: true, hardwareId: "t4" }));
    expect(oom.memory).toEqual({ kind: "oom", cardGb: 16 });
  });

  it("reads a fits-in figure as an upper bound, not a peak", () => {
    const bound = pointOf(measuredRow({ id: "f", peakMemoryGbMax: 24, peakMemoryMeasure: "fits-in" }));
    expect(bound.memory).toEqual({ kind: "upper-bound", gb: 24, measure: "unknown" });
  });

  it("converts samples/s with the dataset's mean length when sequences are truncated, and it/s with the iteration's samples", () => {
    expect(tokensPerSample("truncated", 2048, 4, 700)).toBe(700);
    expect(tokensPerSample("truncated", 512, 4, 700)).toBe(512);
    expect(tokensPerSample("padded-longest", 2048, 4, 700)).toBe(1050);
    expect(tokensPerSample("padded-longest", 2048, 1, 700)).toBe(700);
    expect(tokensPerSample("packed", 2048, 4, 700)).toBe(2048);
    const samples = pointOf(measuredRow({ id: "s", seqLen: 2048, batchSize: 4, throughputSamplesPerSec: 2 }, { seqLenKind: "truncated", meanTokensPerSample: 700 }));
    expect(samples.throughput?.tokensPerSec).toBe(1400);
    expect(parseIterationRate("1.25 s/it")).toBeCloseTo(0.8, 12);
    expect(parseIterationRate("3 it/s")).toBe(3);
    const iterations = pointOf(measuredRow({ id: "i", seqLen: 256 }, { throughputOriginal: "2.0 s/it", samplesPerIteration: 8 }));
    expect(iterations.throughput?.tokensPerSec).toBe(0.5 * 8 * 256);
  });

  it("says why throughput cannot be predicted: a wall time, an unstated iteration, no catalogued GPU", () => {
    const wall = toMeasuredPoint(measuredRow({ id: "w", peakMemoryGb: 10, wallTimeSec: 1040 }, { throughputOriginal: "1,040 s" }), catalog);
    expect(wall.point?.memory?.kind).toBe("point");
    expect(wall.unpredicted).toEqual([expect.objectContaining({ quantity: "throughput", reason: expect.stringContaining("wall time") })]);
    const noGpu = toMeasuredPoint(measuredRow({ id: "g", hardwareId: undefined, throughputSamplesPerSec: 1 }), catalog);
    expect(noGpu.point).toBeNull();
    expect(noGpu.unpredicted[0]!.reason).toContain("no catalogued GPU");
  });

  it("does not turn samples/s into tokens/s when samples vary in length and their mean is not stated, keeping the memory", () => {
    const dropped = toMeasuredPoint(measuredRow({ id: "swift", peakMemoryGb: 20, throughputSamplesPerSec: 4 }, { seqLenKind: "padded-longest" }), catalog);
    expect(dropped.point?.memory?.kind).toBe("point");
    expect(dropped.point?.throughput).toBeNull();
    expect(dropped.unpredicted).toEqual([expect.objectContaining({ quantity: "throughput", reason: expect.stringContaining("states no mean") })]);
    const stated = pointOf(measuredRow({ id: "stated", seqLen: 2048, throughputSamplesPerSec: 4 }, { seqLenKind: "padded-longest", meanTokensPerSample: 500 }));
    expect(stated.throughput?.tokensPerSec).toBe(2000);
  });

  it("does not judge a fits-in bound or an OOM whose gradient checkpointing is unstated, and says why", () => {
    const unstated = toMeasuredPoint(measuredRow({ id: "hf", gradientCheckpointing: undefined, peakMemoryGbMax: 80, peakMemoryMeasure: "fits-in", seqLen: 28454 }, { seqLenKind: "max-fits" }), catalog);
    expect(unstated.point).toBeNull();
    expect(unstated.unpredicted).toEqual([expect.objectContaining({ quantity: "memory", reason: expect.stringContaining("gradient checkpointing the source does not state") })]);
    const oom = toMeasuredPoint(measuredRow({ id: "hf-oom", gradientCheckpointing: undefined, oom: true }), catalog);
    expect(oom.unpredicted[0]!.reason).toContain("gradient checkpointing");
    const stated = pointOf(measuredRow({ id: "stated", gradientCheckpointing: false, peakMemoryGbMax: 80, peakMemoryMeasure: "fits-in" }));
    expect(stated.memory?.kind).toBe("upper-bound");
    // A point figure is a measurement whatever its settings: the framework's default stands in, as for a logged run.
    expect(pointOf(measuredRow({ id: "point", gradientCheckpointing: undefined, peakMemoryGb: 20 })).memory?.kind).toBe("point");
  });

  it("refuses model-parallel rows and models outside the catalog", () => {
    const parallel = toMeasuredPoint(measuredRow({ id: "p", gpuCount: 2, peakMemoryGb: 70, notes: "device_map auto across 2 GPUs" }), catalog);
    expect(parallel.unpredicted[0]!.reason).toContain("model parallel");
    const unknown = toMeasuredPoint(measuredRow({ id: "u", modelId: "qwen-1-7b", peakMemoryGb: 20 }), catalog);
    expect(unknown.unpredicted[0]!.reason).toContain("not in the catalog");
  });
});

describe("fitMeasuredCalibration", () => {
  it("recovers a known fixed overhead and allocator fraction from allocated peaks", () => {
    const points = synthesizeMemory("a", (raw) => 0.8e9 + 1.12 * raw);
    const fit = fitMeasuredCalibration(points).memory;
    expect(fit.overheadFixedBytes / 1e9).toBeCloseTo(0.8, 2);
    expect(fit.overheadFraction).toBeCloseTo(0.12, 3);
  });

  it("recovers reserved over allocated when both measures are present, and shrinks a small group towards its prior", () => {
    const law = (raw: number) => 0.6e9 + 1.05 * raw;
    const allocated = synthesizeMemory("a", law, "allocated");
    const reserved = synthesizeMemory("b", (raw) => 1.25 * law(raw), "reserved");
    expect(fitMeasuredCalibration([...allocated, ...reserved], { shrinkage: 0 }).memory.reservedOverAllocated).toBeCloseTo(1.25, 3);
    // Two reserved rows move 2 / (2 + 5) of the way from the 1.1 prior (in logs).
    const few = fitMeasuredCalibration([...allocated, ...reserved.slice(0, 2)]).memory.reservedOverAllocated;
    expect(few).toBeCloseTo(Math.exp(Math.log(1.1) + (2 / 7) * (Math.log(1.25) - Math.log(1.1))), 3);
  });

  it("keeps every measure at its prior when no allocated row anchors them", () => {
    const reserved = synthesizeMemory("b", (raw) => 1.3 * (0.5e9 + raw), "reserved");
    const fit = fitMeasuredCalibration(reserved).memory;
    expect(fit.reservedOverAllocated).toBe(1.1);
    // The overhead then absorbs the reserve: predictions of the reserved rows are still right.
    for (const point of reserved) expect(predictPointMemoryGb(fitMeasuredCalibration(reserved), point) / (point.memory as { gb: number }).gb).toBeCloseTo(1, 2);
  });

  it("never fits estimates, OOM rows or upper bounds, however wild their figures", () => {
    const points = synthesizeMemory("a", (raw) => 0.8e9 + 1.1 * raw);
    const clean = fitMeasuredCalibration(points);
    const extra = [
      toMeasuredPoint(measuredRow({ id: "est", isEstimate: true, peakMemoryGb: 500 }), catalog).point,
      pointOf(measuredRow({ id: "oom", oom: true, hardwareId: "t4", batchSize: 64 })),
      pointOf(measuredRow({ id: "bound", peakMemoryGbMax: 1, peakMemoryMeasure: "fits-in" })),
    ].flatMap((point) => (point ? [point] : []));
    expect(extra).toHaveLength(2);
    expect(fitMeasuredCalibration([...points, ...extra])).toEqual(clean);
  });

  it("recovers the efficiency's dependence on tokens per step and a framework's offset", () => {
    const uniform = random(7);
    const points: MeasuredPoint[] = [];
    for (const framework of ["transformers", "unsloth"] as const)
      for (const batchSize of GRID.batchSize)
        for (const seqLen of GRID.seqLen)
          for (const modelId of GRID.modelId) {
            const point = pointOf(measuredRow({ id: `${framework}-${points.length}`, sourceId: framework, framework, modelId, batchSize, seqLen, throughputTokensPerSec: 1 }));
            const tokens = batchSize * seqLen;
            const efficiency = 0.3 * (tokens / 2048) ** 0.2 * (framework === "unsloth" ? 1.5 : 1) * Math.exp(0.01 * normal(uniform));
            const tokensPerSec = efficiency * point.physics.tokensPerSecAtPeak!;
            points.push({ ...point, throughput: { tokensPerSec, tokensPerSample: seqLen, derivation: "synthetic" } });
          }
    const calibration = fitMeasuredCalibration(points, { shrinkage: 0 });
    const input = { hardwareId: "a100-80gb", method: "lora", quantized: false, modelParams: 7e9 } as const;
    expect(calibratedEfficiency(calibration, { ...input, framework: "transformers", tokensPerStep: 2048 })!.efficiency).toBeCloseTo(0.3, 1);
    const big = calibratedEfficiency(calibration, { ...input, framework: "transformers", tokensPerStep: 8192 })!.efficiency;
    const small = calibratedEfficiency(calibration, { ...input, framework: "transformers", tokensPerStep: 2048 })!.efficiency;
    expect(Math.log(big / small) / Math.log(4)).toBeCloseTo(0.2, 1);
    const unsloth = calibratedEfficiency(calibration, { ...input, framework: "unsloth", tokensPerStep: 2048 })!.efficiency;
    expect(unsloth / small).toBeCloseTo(1.5, 1);
    expect(calibratedEfficiency(null, { ...input, framework: "unsloth", tokensPerStep: 2048 })).toBeNull();
  });
});

describe("leaveOneSourceOut", () => {
  const law = (raw: number) => 0.7e9 + 1.08 * raw;

  it("predicts each source from the others only: a source 40 % off does not pull its own predictions", () => {
    // The wild source outnumbers the others; each source weighs the same in a fit, so one that saw it would move
    // about a third of the way to it.
    const others = [...synthesizeMemory("a", law, "allocated", 8), ...synthesizeMemory("b", law, "allocated", 8)];
    const honest = synthesizeMemory("wild", law, "allocated", 36);
    const wild = honest.map((point) => ({ ...point, memory: { ...point.memory!, gb: (point.memory as { gb: number }).gb * 1.4 } as MeasuredPoint["memory"] }));
    const heldOut = (points: MeasuredPoint[]) => leaveOneSourceOut(points).filter((row) => row.sourceId === "wild");
    const withHonest = heldOut([...others, ...honest]);
    const withWild = heldOut([...others, ...wild]);
    expect(withWild.map((row) => row.predicted)).toEqual(withHonest.map((row) => row.predicted));
    for (const row of withWild) expect(row.logResidual).toBeCloseTo(Math.log(1.4), 2);
    // A fit that saw the wild source would have moved: the check above can fail.
    const leaky = fitMeasuredCalibration([...others, ...wild]);
    expect(predictPointMemoryGb(leaky, wild[0]!)).toBeGreaterThan(withHonest[0]!.predicted * 1.05);
  });

  it("weighs every source equally, not every row: a 36-row table does not outvote two 4-row tables", () => {
    const small = [...synthesizeMemory("a", law, "allocated", 4), ...synthesizeMemory("b", law, "allocated", 4)];
    const big = synthesizeMemory("big", (raw) => 1.3 * law(raw), "allocated", 36);
    const fit = fitMeasuredCalibration([...small, ...big]);
    // Per source, the big table is one voice of three and the fit stays with the two that agree (1.02 x their
    // law); weighted per row, it follows the big table (1.29 x, 36 of 44 rows).
    const ratio = predictPointMemoryGb(fit, big[0]!) / (law(big[0]!.physics.rawMemoryBytes) / BYTES_PER_GB);
    expect(ratio).toBeLessThan(1.1);
  });

  it("never splits a source: every source's rows are predicted by a fit without any of them", () => {
    const points = [...synthesizeMemory("a", law, "allocated", 12), ...synthesizeMemory("b", (raw) => 1.3 * law(raw), "allocated", 12)];
    const residuals = leaveOneSourceOut(points);
    // Source a is predicted from b alone (30 % higher), b from a alone (30 % lower).
    for (const row of residuals.filter((r) => r.sourceId === "a")) expect(row.logResidual).toBeCloseTo(-Math.log(1.3), 1);
    for (const row of residuals.filter((r) => r.sourceId === "b")) expect(row.logResidual).toBeCloseTo(Math.log(1.3), 1);
  });

  it("counts an upper bound as violated only when the prediction exceeds it, and an OOM when the prediction fits the card", () => {
    const points = [
      ...synthesizeMemory("a", law, "allocated", 20),
      pointOf(measuredRow({ id: "roomy", sourceId: "b", peakMemoryGbMax: 80, peakMemoryMeasure: "fits-in" })),
      pointOf(measuredRow({ id: "tight", sourceId: "b", peakMemoryGbMax: 1, peakMemoryMeasure: "fits-in" })),
      pointOf(measuredRow({ id: "real-oom", sourceId: "b", oom: true, hardwareId: "t4", method: "full", seqLen: 2048 })),
      pointOf(measuredRow({ id: "odd-oom", sourceId: "b", oom: true, hardwareId: "a100-80gb", modelId: "tinyllama-1.1b", seqLen: 256 })),
    ];
    const summary = summarizeHeldOut(leaveOneSourceOut(points), "memory");
    expect(summary.upperBounds).toEqual({ n: 2, consistent: 1 });
    expect(summary.outOfMemory).toEqual({ n: 2, consistent: 1 });
  });
});

describe("80 % intervals", () => {
  it("cover about 80 % of held-out rows when every source scatters alike, judged with intervals built without each row's source", () => {
    const uniform = random(42);
    const points = ["a", "b", "c", "d", "e"].flatMap((source) => synthesizeMemory(source, (raw) => (0.5e9 + 1.1 * raw) * Math.exp(0.1 * normal(uniform))));
    const summary = summarizeHeldOut(leaveOneSourceOut(points), "memory");
    expect(summary.overall.n).toBe(180);
    expect(summary.overall.intervalCoverage!).toBeGreaterThan(0.72);
    expect(summary.overall.intervalCoverage!).toBeLessThan(0.88);
    // ln-normal with σ = 0.1: the 10th and 90th percentiles are ∓1.2816 σ.
    expect(summary.interval.p10).toBeCloseTo(-0.128, 1);
    expect(summary.interval.p90).toBeCloseTo(0.128, 1);
  });

  it("cover less when one source is off: its own rows are judged by the others' interval, not its own", () => {
    const uniform = random(3);
    const points = [
      ...["a", "b", "c"].flatMap((source) => synthesizeMemory(source, (raw) => (0.5e9 + 1.1 * raw) * Math.exp(0.05 * normal(uniform)))),
      ...synthesizeMemory("off", (raw) => 1.4 * (0.5e9 + 1.1 * raw) * Math.exp(0.05 * normal(uniform))),
    ];
    const summary = summarizeHeldOut(leaveOneSourceOut(points), "memory");
    expect(summary.bySource.find((row) => row.sourceId === "off")!.intervalCoverage).toBe(0);
  });

  it("carry the out-of-source quantiles into predictions, in GB and tokens/s", () => {
    const calibration = fitMeasuredCalibration(synthesizeMemory("a", (raw) => raw));
    calibration.memory.logResidual = { p10: Math.log(0.9), p90: Math.log(1.2), n: 40, sources: ["a", "b"] };
    calibration.throughput.logResidual = { p10: Math.log(0.5), p90: Math.log(1.5), n: 10, sources: ["c"] };
    const memory = memoryInterval(calibration, 20)!;
    expect([memory.low, memory.high]).toEqual([expect.closeTo(18, 9), expect.closeTo(24, 9)]);
    expect(memory.basis).toContain("40 out-of-source residuals");
    const throughput = throughputInterval(calibration, 1000)!;
    expect([throughput.low, throughput.high]).toEqual([expect.closeTo(500, 9), expect.closeTo(1500, 9)]);
    expect(memoryInterval(null, 20)).toBeNull();
  });

  it("quantile interpolates linearly between order statistics", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
  });
});

describe("refuseImpossibleThroughput", () => {
  it("refuses every row of a source's sequence-length kind when one implies more than the GPU's dense peak, keeping their memory", () => {
    const rows = [
      measuredRow({ id: "fine", sourceId: "s", peakMemoryGb: 20, throughputSamplesPerSec: 0.5 }, { seqLenKind: "truncated", meanTokensPerSample: 3000 }),
      measuredRow({ id: "impossible", sourceId: "s", throughputSamplesPerSec: 500 }, { seqLenKind: "truncated", meanTokensPerSample: 3000 }),
      measuredRow({ id: "other-kind", sourceId: "s", throughputSamplesPerSec: 0.5 }, { seqLenKind: "packed" }),
      measuredRow({ id: "other-source", sourceId: "t", throughputSamplesPerSec: 0.5 }, { seqLenKind: "truncated", meanTokensPerSample: 3000 }),
    ];
    const kinds = new Map(rows.map((row) => [row.externalId, row.measurement.seqLenKind]));
    const { points, unpredicted } = refuseImpossibleThroughput(rows.map(pointOf), kinds);
    expect(unpredicted.map((row) => row.id)).toEqual(["fine", "impossible"]);
    expect(unpredicted[0]!.reason).toMatch(/dense peak, which is impossible/);
    expect(points.map((point) => [point.id, point.throughput !== null, point.memory !== null])).toEqual([
      ["fine", false, true],
      ["other-kind", true, false],
      ["other-source", true, false],
    ]);
  });
});

describe("calibrateOnMeasurements", () => {
  it("fits every source, reports per-source errors and lists the rows it could not predict", () => {
    const rows: MeasurementSeed[] = [];
    for (const source of ["a", "b", "c"])
      for (const batchSize of GRID.batchSize)
        for (const seqLen of GRID.seqLen) rows.push(measuredRow({ id: `${source}-${batchSize}-${seqLen}`, sourceId: source, batchSize, seqLen, peakMemoryGb: 10 + batchSize * seqLen / 1000, throughputSamplesPerSec: 0.5 }));
    rows.push(measuredRow({ id: "estimate", sourceId: "c", isEstimate: true, peakMemoryGb: 12 }));
    const evaluation = calibrateOnMeasurements(rows, catalog);
    expect(evaluation.memory.bySource.map((row) => [row.sourceId, row.n])).toEqual([["a", 12], ["b", 12], ["c", 12]]);
    expect(evaluation.throughput.overall.n).toBe(36);
    expect(evaluation.unpredicted).toEqual([expect.objectContaining({ id: "estimate", quantity: "memory" })]);
    expect(evaluation.calibration.memory.logResidual.n).toBe(36);
    const point = pointOf(rows[0]!);
    expect(predictPointTokensPerSec(evaluation.calibration, point)).toBeGreaterThan(0);
  });
});
