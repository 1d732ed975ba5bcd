// The downsampled read of a run's curves (GET /api/runs/{id}/metrics?maxPoints=, what the run page draws) packs a
// series into two number lists in SQL on both engines; these pin that every double and step comes back exactly as
// the full read gives it, steps and values still paired, and that min and max ties go to the earliest step for a
// page of runs too.
import { describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import { metricSeriesResponseSchema, type MetricSeries } from "@/lib/schemas/run";
import { appendMetricPoints, SUMMARY_THRESHOLD_POINTS } from "@/lib/server/runs/metrics";
import { metricColumnValues } from "@/lib/server/runs/metric-summary";
import { call } from "../support/api";

async function newRuns(...externalIds: string[]): Promise<string[]> {
  const items = externalIds.map((externalId) => ({ externalId, method: "lora", model: "mistral-7b", rank: 8 }));
  const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items } });
  expect(status).toBe(201);
  return body.items.map((item: { id: string }) => item.id);
}

async function getSeries(id: string, query: string): Promise<{ series: MetricSeries[]; nextCursor: string | null }> {
  const { status, body } = await call(metricsRoute.GET, { path: `/api/runs/${id}/metrics${query}`, params: { id } });
  expect(status).toBe(200);
  return metricSeriesResponseSchema.parse(body) as { series: MetricSeries[]; nextCursor: string | null };
}

/** Every point of one key, through the paged full read, as step → value. */
async function readAll(id: string, key: string): Promise<Map<number, unknown>> {
  const all = new Map<number, unknown>();
  let cursor: string | null = null;
  do {
    const page: { series: MetricSeries[]; nextCursor: string | null } = await getSeries(id, `?key=${key}${cursor ? `&cursor=${cursor}` : ""}`);
    for (const point of page.series[0]?.points ?? []) all.set(point.step, point.value);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe("GET /api/runs/{id}/metrics?maxPoints= reads exactly what was logged", () => {
  it("gives back every double, however long its digits, and 64-bit steps exactly, as the full read does", async () => {
    const [id] = await newRuns("exact-doubles");
    // Doubles whose shortest spelling is long or uses an exponent, the extremes of the range, and steps an int32
    // cannot hold (MLflow logs int64 steps, some a millisecond timestamp).
    const logged: [number, number][] = [
      [0, 0.1 + 0.2],
      [1, 1 / 3],
      [2, -2 / 3],
      [3, 1e-300],
      [4, Number.MIN_VALUE],
      [5, Number.MAX_VALUE],
      [6, -Number.MAX_VALUE],
      [7, 123456789.12345679],
      [8, 2 ** 53 + 2],
      [9, 1e21],
      [2 ** 31, 2.5e-8],
      [1_733_000_000_123, Math.PI],
      [Number.MAX_SAFE_INTEGER, Math.E],
    ];
    await appendMetricPoints(id!, logged.map(([step, value]) => ({ key: "train/loss", step, value })));
    const { series } = await getSeries(id!, "?maxPoints=100");
    expect(series).toHaveLength(1);
    expect(series[0]!.totalPoints).toBe(logged.length);
    expect(series[0]!.points.map((point) => [point.step, point.value])).toEqual(logged);
    expect([...(await readAll(id!, "train/loss"))]).toEqual(logged);
  });

  it(`pairs each step with its own value in a series over ${SUMMARY_THRESHOLD_POINTS.toLocaleString("en")} points, on the read that stores its summary and on the reads after`, async () => {
    const [id] = await newRuns("exact-long");
    const total = SUMMARY_THRESHOLD_POINTS + 5_000;
    // Steps logged every 3 and out of order, values no two alike and with long spellings: a step paired with another
    // step's value, or a value rounded on the way, differs from the full read below.
    const points = Array.from({ length: total }, (_, i) => {
      const n = total - 1 - i;
      return { key: "eval/loss", step: 3 * n + 1, value: 2 / (n + 3) + Math.sin(n) / 7 };
    });
    await appendMetricPoints(id!, points);
    const all = await readAll(id!, "eval/loss");
    expect(all.size).toBe(total);
    for (const attempt of ["stores the summary", "reads the summary"]) {
      const { series } = await getSeries(id!, "?key=eval/loss&maxPoints=2000");
      const read = series[0]!;
      expect(read.totalPoints, attempt).toBe(total);
      expect(read.points).toHaveLength(2000);
      expect(read.points[0], attempt).toEqual({ step: 1, value: all.get(1) });
      expect(read.points.at(-1), attempt).toEqual({ step: 3 * (total - 1) + 1, value: all.get(3 * (total - 1) + 1) });
      const steps = read.points.map((point) => point.step);
      expect(steps, "in step order").toEqual([...steps].sort((a, b) => a - b));
      const mismatched = read.points.filter((point) => !all.has(point.step) || all.get(point.step) !== point.value);
      expect(mismatched, attempt).toEqual([]);
    }
  });
});

describe("metric columns' min and max for a page of runs", () => {
  it("take the earliest step of a repeated extreme in each run, over the finite values", async () => {
    const [a, b] = await newRuns("ties-a", "ties-b");
    await appendMetricPoints(a!, [
      { key: "eval/loss", step: 40, value: 0.7 },
      { key: "eval/loss", step: 10, value: 0.9 },
      { key: "eval/loss", step: 30, value: 0.2 },
      { key: "eval/loss", step: 20, value: 0.9 },
      { key: "eval/loss", step: 50, value: 0.2 },
      { key: "eval/loss", step: 60, value: Number.NEGATIVE_INFINITY },
    ]);
    await appendMetricPoints(b!, [
      { key: "eval/loss", step: 5, value: Number.POSITIVE_INFINITY },
      { key: "eval/loss", step: 7, value: 1.5 },
      { key: "eval/loss", step: 6, value: 1.5 },
      { key: "eval/loss", step: 8, value: Number.NaN },
    ]);
    const values = await metricColumnValues([a!, b!], [
      { id: "min", key: "eval/loss", stat: "min" },
      { id: "max", key: "eval/loss", stat: "max" },
      { id: "best", key: "eval/loss", stat: "best" },
    ]);
    expect(values.get(a!)).toEqual({ min: { value: 0.2, step: 30 }, max: { value: 0.9, step: 10 }, best: { value: 0.2, step: 30 } });
    expect(values.get(b!)).toEqual({ min: { value: 1.5, step: 6 }, max: { value: 1.5, step: 6 }, best: { value: 1.5, step: 6 } });
  });
});
