// Metric histories: non-finite values (a diverged run) stored and read back exactly, and long histories paged.
import { describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as lossCurvesRoute from "@/app/api/compare/loss-curves/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import { metricSeriesResponseSchema } from "@/lib/schemas/run";
import { lossCurvesResponseSchema } from "@/lib/schemas/compare";
import { appendMetricPoints } from "@/lib/server/runs/metrics";
import { call } from "../support/api";

async function newRun(externalId: string): Promise<string> {
  const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items: [{ externalId, method: "lora", model: "mistral-7b", rank: 8 }] } });
  expect(status).toBe(201);
  return body.items[0].id;
}

const getMetrics = (id: string, query = "") => call(metricsRoute.GET, { path: `/api/runs/${id}/metrics${query}`, params: { id } });

describe("non-finite metric values", () => {
  it("stores NaN, Infinity and -Infinity and reads them back as their spellings, in full, downsampled and as loss curves", async () => {
    const id = await newRun("diverged-short");
    await appendMetricPoints(id, [
      { key: "train/loss", step: 0, value: 2.5 },
      { key: "train/loss", step: 1, value: Number.NaN },
      { key: "train/loss", step: 2, value: Number.POSITIVE_INFINITY },
      { key: "train/loss", step: 3, value: Number.NEGATIVE_INFINITY },
      { key: "train/loss", step: 4, value: 1.25 },
    ]);
    const full = await getMetrics(id);
    expect(full.status).toBe(200);
    metricSeriesResponseSchema.parse(full.body);
    expect(full.body.series[0].points.map((p: { value: unknown }) => p.value)).toEqual([2.5, "NaN", "Infinity", "-Infinity", 1.25]);

    const downsampled = await getMetrics(id, "?maxPoints=10");
    expect(downsampled.body.series[0].points.map((p: { value: unknown }) => p.value)).toEqual([2.5, "NaN", "Infinity", "-Infinity", 1.25]);

    const curves = await call(lossCurvesRoute.GET, { path: `/api/compare/loss-curves?runIds=${id}&key=train/loss` });
    expect(curves.status).toBe(200);
    lossCurvesResponseSchema.parse(curves.body);
    expect(curves.body.series[0].points.map((p: { value: unknown }) => p.value)).toEqual([2.5, "NaN", "Infinity", "-Infinity", 1.25]);
  });

  it("keeps the gaps of a long diverged history through LTTB and its stored summary, and a re-sent NaN replaces a number", async () => {
    const id = await newRun("diverged-long");
    // 30,000 steps (over the 20,000-point summary threshold); the run diverges at step 25,000.
    const points = Array.from({ length: 30_000 }, (_, step) => ({ key: "train/loss", step, value: step >= 25_000 ? Number.NaN : 3 / (1 + step / 1000) }));
    for (let start = 0; start < points.length; start += 10_000) await appendMetricPoints(id, points.slice(start, start + 10_000));
    for (const attempt of ["builds the summary", "reads the summary"]) {
      const { body } = await getMetrics(id, "?key=train/loss&maxPoints=800");
      const series = body.series[0];
      expect(series.totalPoints, attempt).toBe(30_000);
      expect(series.points.length, attempt).toBeLessThanOrEqual(800);
      const firstGap = series.points.findIndex((p: { value: unknown }) => p.value === "NaN");
      expect(series.points[firstGap].step, attempt).toBeGreaterThanOrEqual(25_000);
      expect(series.points.slice(0, firstGap).every((p: { value: unknown }) => typeof p.value === "number"), attempt).toBe(true);
      expect(series.points.at(-1), attempt).toEqual({ step: 29_999, value: "NaN" });
    }
    await appendMetricPoints(id, [{ key: "train/loss", step: 10, value: Number.NaN }]);
    const { body } = await getMetrics(id, "?key=train/loss&limit=20");
    expect(body.series[0].points[10].value).toBe("NaN");
  });
});

describe("GET /api/runs/{id}/metrics without maxPoints", () => {
  it("pages at most 10,000 points with a nextCursor, across keys in (key, step) order, until every point is read once", async () => {
    const id = await newRun("paged");
    const a = Array.from({ length: 15_000 }, (_, step) => ({ key: "a/loss", step, value: step / 7 }));
    const b = Array.from({ length: 10_000 }, (_, step) => ({ key: "b/loss", step: step * 2, value: -step - 0.5 }));
    for (let start = 0; start < 25_000; start += 10_000) await appendMetricPoints(id, [...a, ...b].slice(start, start + 10_000));

    const pages: { series: { key: string; totalPoints: number; points: { step: number; value: number }[] }[]; nextCursor: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const response = await getMetrics(id, cursor ? `?cursor=${cursor}` : "");
      expect(response.status).toBe(200);
      pages.push(metricSeriesResponseSchema.parse(response.body) as (typeof pages)[number]);
      cursor = response.body.nextCursor;
    } while (cursor);

    expect(pages.map((page) => page.series.reduce((sum, s) => sum + s.points.length, 0))).toEqual([10_000, 10_000, 5_000]);
    expect(pages.map((page) => page.series.map((s) => s.key))).toEqual([["a/loss"], ["a/loss", "b/loss"], ["b/loss"]]);
    // totalPoints counts the key's stored points, not the page's.
    expect(pages.flatMap((page) => page.series.map((s) => s.totalPoints))).toEqual([15_000, 15_000, 10_000, 10_000]);
    const read = pages.flatMap((page) => page.series.flatMap((s) => s.points.map((p) => ({ key: s.key, step: p.step, value: p.value }))));
    expect(read).toEqual([...a, ...b]);

    const small = await getMetrics(id, "?key=b/loss&limit=3");
    expect(small.body.series[0].points.map((p: { step: number }) => p.step)).toEqual([0, 2, 4]);
    const next = await getMetrics(id, `?key=b/loss&limit=3&cursor=${small.body.nextCursor}`);
    expect(next.body.series[0].points.map((p: { step: number }) => p.step)).toEqual([6, 8, 10]);
  });

  it("answers 400 to a cursor it did not make and to a limit over 10,000", async () => {
    const id = await newRun("paged-bad");
    await appendMetricPoints(id, [{ key: "a", step: 1, value: 1 }]);
    for (const query of ["?cursor=not-a-cursor", "?cursor=%7B%7D", "?limit=10001", "?limit=0"]) {
      const { status, body } = await getMetrics(id, query);
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe("bad_request");
    }
  });
});

// A body over two pieces of 64 KB is parsed piece by piece (lib/api/json-pieces.ts): what the route stores must be
// what one JSON.parse of the whole body gives, and a body malformed past its first piece must still write nothing.
describe("a large metrics body, parsed in pieces", () => {
  const postRaw = (id: string, rawBody: string) => call(metricsRoute.POST, { method: "POST", path: `/api/runs/${id}/metrics`, params: { id }, rawBody });
  const bareValue = (step: number) => (step % 997 === 0 ? "NaN" : step % 1_999 === 0 ? "Infinity" : String(1 / (1 + step)));
  const pointText = (step: number) => `{"key": "train/loss", "step": ${step}, "value": ${bareValue(step)}}`;
  const body = (count: number) => `{"points": [${Array.from({ length: count }, (_, step) => pointText(step)).join(", ")}]}`;

  it("stores 5,000 points with bare non-finite tokens exactly as sent", async () => {
    const id = await newRun("large-body-pieces");
    const text = body(5_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 65_536);
    const { status, body: answer } = await postRaw(id, text);
    expect(status).toBe(201);
    expect(answer).toEqual({ written: 5_000 });
    const { body: read } = await getMetrics(id, "?key=train/loss&limit=10000");
    const values = read.series[0].points.map((p: { value: unknown }) => p.value);
    expect(values).toHaveLength(5_000);
    expect(values).toEqual(Array.from({ length: 5_000 }, (_, step) => {
      const bare = bareValue(step);
      return bare === "NaN" || bare === "Infinity" ? bare : Number(bare);
    }));
  });

  it("answers 400 and writes nothing when the body breaks after its first pieces", async () => {
    const id = await newRun("large-body-broken");
    const text = body(5_000);
    for (const broken of [text.replace(pointText(4_000), `${pointText(4_000)},`), text.replace(`"step": 4500`, `"step": 4500,`), `${text.slice(0, -1)},}`]) {
      const { status, body: answer } = await postRaw(id, broken);
      expect(status).toBe(400);
      expect(answer.error.message).toBe("Request body must be valid JSON");
    }
    const { body: read } = await getMetrics(id);
    expect(read.series).toEqual([]);
    // Well-formed but with a field the schema does not know: the 422 names it, as for a small body.
    const unknown = await postRaw(id, `${text.slice(0, -1)}, "x": 1}`);
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.error)).toContain("x");
  });
});
