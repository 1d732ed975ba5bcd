// Metric summaries: a run's every metric as first, last, min, max and best with their steps, and the value at a
// step (GET /api/runs/{id}/metrics/summary); and the runs table's metric columns for a page of runs.
import { describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as summaryRoute from "@/app/api/runs/[id]/metrics/summary/route";
import * as diffRoute from "@/app/api/compare/diff/route";
import { diffResponseSchema } from "@/lib/schemas/compare";
import { metricSummaryResponseSchema } from "@/lib/schemas/run-table";
import { appendMetricPoints } from "@/lib/server/runs/metrics";
import { metricColumnValues } from "@/lib/server/runs/metric-summary";
import { call } from "../support/api";

async function newRuns(...externalIds: string[]): Promise<string[]> {
  const items = externalIds.map((externalId) => ({ externalId, method: "lora", model: "mistral-7b", rank: 8 }));
  const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items } });
  expect(status).toBe(201);
  return body.items.map((item: { id: string }) => item.id);
}

const getSummary = (id: string, query = "") => call(summaryRoute.GET, { path: `/api/runs/${id}/metrics/summary${query}`, params: { id } });

const points = (key: string, series: [number, number][]) => series.map(([step, value]) => ({ key, step, value }));

describe("GET /api/runs/{id}/metrics/summary", () => {
  it("summarises each key over its finite values: NaN and ±Infinity are left out of min, max and best but first and last say what was logged", async () => {
    const [id] = await newRuns("summary-non-finite");
    await appendMetricPoints(id!, [
      ...points("train/loss", [[0, Number.NaN], [10, 2.5], [20, Number.NEGATIVE_INFINITY], [30, 0.75], [40, Number.POSITIVE_INFINITY], [50, 1.5], [60, Number.NaN]]),
      ...points("eval/accuracy", [[100, 0.5], [200, Number.POSITIVE_INFINITY], [300, 0.8], [400, 0.7]]),
    ]);
    const { status, body } = await getSummary(id!);
    expect(status).toBe(200);
    metricSummaryResponseSchema.parse(body);
    expect(body.runId).toBe(id);
    expect(body.items.map((item: { key: string }) => item.key)).toEqual(["eval/accuracy", "train/loss"]);
    const [accuracy, loss] = body.items;
    expect(loss).toEqual({
      key: "train/loss",
      count: 7,
      direction: "min",
      first: { step: 0, value: "NaN" },
      last: { step: 60, value: "NaN" },
      min: { step: 30, value: 0.75 },
      max: { step: 10, value: 2.5 },
      best: { step: 30, value: 0.75 },
    });
    // Accuracy is better high: best is the max, and the logged +Infinity is not it.
    expect(accuracy).toMatchObject({ count: 4, direction: "max", min: { step: 100, value: 0.5 }, max: { step: 300, value: 0.8 }, best: { step: 300, value: 0.8 }, last: { step: 400, value: 0.7 } });
    expect(accuracy).not.toHaveProperty("at");
  });

  it("gives null min, max and best for a key with no finite value, and the earliest step when the best value repeats", async () => {
    const [id] = await newRuns("summary-ties");
    await appendMetricPoints(id!, [
      ...points("grad_norm", [[1, Number.NaN], [2, Number.POSITIVE_INFINITY]]),
      ...points("eval/loss", [[5, 0.9], [6, 0.4], [7, 0.4], [8, 0.6], [9, 0.4]]),
      // Infinities at both ends of a flat series: min and max are read again over the finite values, ties still earliest.
      ...points("aux/loss", [[1, Number.NEGATIVE_INFINITY], [2, 0.5], [3, 0.5], [4, Number.POSITIVE_INFINITY]]),
    ]);
    const { body } = await getSummary(id!);
    const byKey = Object.fromEntries(body.items.map((item: { key: string }) => [item.key, item]));
    expect(byKey["grad_norm"]).toMatchObject({ count: 2, first: { step: 1, value: "NaN" }, last: { step: 2, value: "Infinity" }, min: null, max: null, best: null });
    expect(byKey["eval/loss"]).toMatchObject({ min: { step: 6, value: 0.4 }, best: { step: 6, value: 0.4 }, max: { step: 5, value: 0.9 } });
    expect(byKey["aux/loss"]).toMatchObject({ first: { step: 1, value: "-Infinity" }, min: { step: 2, value: 0.5 }, max: { step: 2, value: 0.5 }, last: { step: 4, value: "Infinity" } });
  });

  it("reads the value at a step: the exact step, the nearest step before one between points, null before the first, and NaN as logged", async () => {
    const [id] = await newRuns("summary-at");
    await appendMetricPoints(id!, [...points("train/loss", [[10, 3], [20, 2], [30, Number.NaN], [40, 1]]), ...points("eval/loss", [[25, 2.2], [50, 1.1]])]);
    const at = async (step: number) => {
      const { status, body } = await getSummary(id!, `?step=${step}`);
      expect(status).toBe(200);
      metricSummaryResponseSchema.parse(body);
      return Object.fromEntries(body.items.map((item: { key: string; at: unknown }) => [item.key, item.at]));
    };
    expect(await at(20)).toEqual({ "train/loss": { step: 20, value: 2 }, "eval/loss": null });
    expect(await at(24)).toEqual({ "train/loss": { step: 20, value: 2 }, "eval/loss": null });
    expect(await at(5)).toEqual({ "train/loss": null, "eval/loss": null });
    expect(await at(0)).toEqual({ "train/loss": null, "eval/loss": null });
    expect(await at(35)).toEqual({ "train/loss": { step: 30, value: "NaN" }, "eval/loss": { step: 25, value: 2.2 } });
    expect(await at(1_000_000)).toEqual({ "train/loss": { step: 40, value: 1 }, "eval/loss": { step: 50, value: 1.1 } });
  });

  it("answers an empty list for a run without metrics, 404 for an unknown or deleted run, and 400 for a step that is not a whole number of 0 or more", async () => {
    const [empty, deleted] = await newRuns("summary-empty", "summary-deleted");
    const none = await getSummary(empty!);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ runId: empty, items: [] });

    expect((await getSummary("no-such-run")).status).toBe(404);
    await appendMetricPoints(deleted!, points("train/loss", [[1, 1]]));
    expect((await getSummary(deleted!)).status).toBe(200);
    expect((await call(runRoute.DELETE, { method: "DELETE", path: `/api/runs/${deleted}`, params: { id: deleted! } })).status).toBe(204);
    expect((await getSummary(deleted!)).status).toBe(404);

    for (const step of ["-1", "1.5", "ten", "2000000000"]) {
      const { status, body } = await getSummary(empty!, `?step=${step}`);
      expect(status, step).toBe(400);
      expect(body.error.issues[0].path, step).toBe("step");
    }
  });

  it("summarises a 100,000-point key exactly", async () => {
    const [id] = await newRuns("summary-long");
    // A noisy descent whose minimum sits at step 77,777 and maximum at step 3.
    const series = Array.from({ length: 100_000 }, (_, step) => ({ key: "train/loss", step, value: step === 77_777 ? 0.01 : step === 3 ? 9 : 2 - step / 100_000 }));
    for (let start = 0; start < series.length; start += 10_000) await appendMetricPoints(id!, series.slice(start, start + 10_000));
    const { body } = await getSummary(id!, "?step=50000");
    expect(body.items[0]).toMatchObject({ count: 100_000, first: { step: 0, value: 2 }, min: { step: 77_777, value: 0.01 }, max: { step: 3, value: 9 }, at: { step: 50_000, value: 1.5 } });
    expect(body.items[0].last).toEqual({ step: 99_999, value: 2 - 99_999 / 100_000 });
  });
});

describe("metricColumnValues", () => {
  it("gives each run its last, min, max, best and value-at-step with the step it came from, and nulls for runs without the metric", async () => {
    const [a, b, c] = await newRuns("columns-a", "columns-b", "columns-c");
    await appendMetricPoints(a!, [
      ...points("eval/loss", [[100, 2], [200, 1.2], [300, Number.NEGATIVE_INFINITY], [400, 1.4]]),
      ...points("eval/accuracy", [[100, 0.4], [200, 0.6], [300, Number.NaN]]),
    ]);
    await appendMetricPoints(b!, points("eval/loss", [[50, 3], [150, Number.NaN]]));
    // c logged only another key.
    await appendMetricPoints(c!, points("train/loss", [[1, 1]]));
    const refs = [
      { id: "metric:eval/loss", key: "eval/loss", stat: "last" as const },
      { id: "metric:eval/loss:min", key: "eval/loss", stat: "min" as const },
      { id: "metric:eval/loss:best", key: "eval/loss", stat: "best" as const },
      { id: "metric:eval/loss:max", key: "eval/loss", stat: "max" as const },
      { id: "metric:eval/accuracy:best", key: "eval/accuracy", stat: "best" as const },
      { id: "metric:eval/accuracy", key: "eval/accuracy", stat: "last" as const },
      { id: "metric:eval/loss@250", key: "eval/loss", stat: "at" as const, step: 250 },
    ];
    const values = await metricColumnValues([a!, b!, c!], refs);
    expect([...values.keys()]).toEqual([a, b, c]);
    expect(values.get(a!)).toEqual({
      "metric:eval/loss": { value: 1.4, step: 400 },
      "metric:eval/loss:min": { value: 1.2, step: 200 },
      "metric:eval/loss:best": { value: 1.2, step: 200 },
      "metric:eval/loss:max": { value: 2, step: 100 },
      "metric:eval/accuracy:best": { value: 0.6, step: 200 },
      "metric:eval/accuracy": { value: "NaN", step: 300 },
      "metric:eval/loss@250": { value: 1.2, step: 200 },
    });
    expect(values.get(b!)).toEqual({
      "metric:eval/loss": { value: "NaN", step: 150 },
      "metric:eval/loss:min": { value: 3, step: 50 },
      "metric:eval/loss:best": { value: 3, step: 50 },
      "metric:eval/loss:max": { value: 3, step: 50 },
      "metric:eval/accuracy:best": { value: null, step: null },
      "metric:eval/accuracy": { value: null, step: null },
      "metric:eval/loss@250": { value: "NaN", step: 150 },
    });
    const nothing = { value: null, step: null };
    expect(values.get(c!)).toEqual(Object.fromEntries(refs.map((ref) => [ref.id, nothing])));
  });

  it("leaves a run null at a step before its first point, and answers an unknown run id with nulls", async () => {
    const [a] = await newRuns("columns-at");
    await appendMetricPoints(a!, points("train/loss", [[10, 5], [20, 4]]));
    const refs = [
      { id: "metric:train/loss@9", key: "train/loss", stat: "at" as const, step: 9 },
      { id: "metric:train/loss@10", key: "train/loss", stat: "at" as const, step: 10 },
    ];
    const values = await metricColumnValues([a!, "no-such-run"], refs);
    expect(values.get(a!)).toEqual({ "metric:train/loss@9": { value: null, step: null }, "metric:train/loss@10": { value: 5, step: 10 } });
    expect(values.get("no-such-run")).toEqual({ "metric:train/loss@9": { value: null, step: null }, "metric:train/loss@10": { value: null, step: null } });
    expect(await metricColumnValues([], refs)).toEqual(new Map());
  });
});

describe("GET /api/compare/diff metric rows", () => {
  it("compares the best and last of the keys the runs share, loss-like first, with each run's step, and leaves out a key only one run logged", async () => {
    const [a, b, c] = await newRuns("diff-metrics-a", "diff-metrics-b", "diff-metrics-c");
    await appendMetricPoints(a!, [
      ...points("eval/loss", [[100, 2], [200, 1.1], [300, 1.3]]),
      ...points("eval/accuracy", [[100, 0.5], [300, 0.7]]),
      ...points("only-a/loss", [[1, 1]]),
    ]);
    await appendMetricPoints(b!, [...points("eval/loss", [[100, 1.9], [200, 1.4], [300, Number.NaN]]), ...points("eval/accuracy", [[100, 0.7], [300, 0.7]])]);
    const { status, body } = await call(diffRoute.GET, { path: `/api/compare/diff?ids=${a},${b},${c}` });
    expect(status).toBe(200);
    diffResponseSchema.parse(body);
    const rows = (body.fields as { field: string; label: string; group: string; values: unknown[]; differs: boolean; direction?: string }[]).filter((f) => f.group === "metrics");
    expect(rows).toEqual([
      { field: "metric:eval/loss:best", label: "eval/loss: best (lower is better)", group: "metrics", values: [{ step: 200, value: 1.1 }, { step: 200, value: 1.4 }, null], differs: true, direction: "min" },
      { field: "metric:eval/loss", label: "eval/loss: last", group: "metrics", values: [{ step: 300, value: 1.3 }, { step: 300, value: "NaN" }, null], differs: true, direction: "min" },
      { field: "metric:eval/accuracy:best", label: "eval/accuracy: best (higher is better)", group: "metrics", values: [{ step: 300, value: 0.7 }, { step: 100, value: 0.7 }, null], differs: true, direction: "max" },
      { field: "metric:eval/accuracy", label: "eval/accuracy: last", group: "metrics", values: [{ step: 300, value: 0.7 }, { step: 300, value: 0.7 }, null], differs: true, direction: "max" },
    ]);
    // The typed fields come before the metrics, and the metrics before the raw params.
    const groups = body.fields.map((f: { group: string }) => f.group);
    expect(groups.lastIndexOf("outcome")).toBeLessThan(groups.indexOf("metrics"));

    const pair = await call(diffRoute.GET, { path: `/api/compare/diff?ids=${a},${b}` });
    const accuracyBest = pair.body.fields.find((f: { field: string }) => f.field === "metric:eval/accuracy:best");
    expect(accuracyBest).toMatchObject({ values: [{ step: 300, value: 0.7 }, { step: 100, value: 0.7 }], differs: false });
  });
});
