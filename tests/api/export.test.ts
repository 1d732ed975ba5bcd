// GET /api/export against this file's own database: past the 998 runs at which Prisma's one-statement include
// broke (P2029), with the runs table's filters, with OWASP's CSV-injection rule, and without holding the event loop.
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/export/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import * as runsRoute from "@/app/api/runs/route";
import type { RunDetail } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { CSV_COLUMNS } from "@/lib/server/runs/export-runs";
import { call } from "../support/api";
import { insertBulkRuns } from "../support/bulk-runs";
import { parseCsv } from "../support/csv";

const BULK = 1_200;
let live = 0;

beforeAll(async () => {
  await insertBulkRuns({ count: BULK });
  live = await prisma.run.count({ where: { deletedAt: null } });
});

describe("GET /api/export", () => {
  it("exports more than 998 runs as CSV: every live run once, oldest first", async () => {
    const { status, text } = await call(exportRoute.GET, { path: "/api/export?format=csv" });
    expect(status).toBe(200);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(live);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
    const ids = rows.map((row) => row[0]!);
    expect(new Set(ids).size).toBe(live);
    const created = rows.map((row) => row[CSV_COLUMNS.indexOf("createdAt")]!);
    expect([...created].sort()).toEqual(created);
  });

  it("exports more than 998 runs as one valid JSON document with every run", async () => {
    const { status, text, headers } = await call(exportRoute.GET, { path: "/api/export?format=json" });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    const { items } = JSON.parse(text) as { items: RunDetail[] };
    expect(items).toHaveLength(live);
    expect(new Set(items.map((run) => run.id)).size).toBe(live);
    expect(items.find((run) => run.id === "bulk000007")).toMatchObject({ id: "bulk000007", source: null, cells: [] });
  });

  it("takes the runs table's filters and exports exactly the runs that list shows", async () => {
    const query = "method=lora,qlora&tag=sweep&rankMin=16&reviewStatus=accepted,draft";
    const list = await call(runsRoute.GET, { path: `/api/runs?${query}&limit=1` });
    expect(list.body.total).toBeGreaterThan(10);
    expect(list.body.total).toBeLessThan(live / 4);
    const { body } = await call(exportRoute.GET, { path: `/api/export?format=json&${query}` });
    expect(body.items).toHaveLength(list.body.total);
    for (const run of body.items as RunDetail[]) {
      expect(["lora", "qlora"]).toContain(run.method);
      expect(run.tags).toContain("sweep");
      expect(run.rank).toBeGreaterThanOrEqual(16);
      expect(["accepted", "draft"]).toContain(run.reviewStatus);
    }
    const csv = await call(exportRoute.GET, { path: `/api/export?format=csv&${query}` });
    expect(parseCsv(csv.text)).toHaveLength(list.body.total + 1);
  });

  it("refuses filters the runs list refuses, before anything is streamed", async () => {
    const upsideDown = await call(exportRoute.GET, { path: "/api/export?format=csv&rankMin=64&rankMax=8" });
    expect(upsideDown.status).toBe(400);
    expect(upsideDown.body.error.issues[0].path).toBe("rankMin");
    const badMethod = await call(exportRoute.GET, { path: "/api/export?method=sgd" });
    expect(badMethod.status).toBe(400);
    expect(badMethod.body.error.issues[0].path).toMatch(/^method/);
  });

  it("neutralises CSV cells that a spreadsheet would run as a formula, and keeps numbers as numbers", async () => {
    const created = await call(runsRoute.POST, {
      method: "POST",
      path: "/api/runs",
      body: { name: "=HYPERLINK(\"http://evil\",\"x\")", method: "lora", model: "-2+3", modelParams: 7e9, rank: 8, notes: "@SUM(1+1)", datasetName: "+cmd", trainLoss: 0.5, tags: ["injection-probe"] },
    });
    expect(created.status, created.text).toBe(201);
    const { text } = await call(exportRoute.GET, { path: "/api/export?format=csv&tag=injection-probe" });
    const [header, row] = parseCsv(text);
    const field = (name: string) => row![header!.indexOf(name)];
    expect(field("name")).toBe("'=HYPERLINK(\"http://evil\",\"x\")");
    expect(field("model")).toBe("'-2+3");
    expect(field("notes")).toBe("'@SUM(1+1)");
    expect(field("datasetName")).toBe("'+cmd");
    expect(field("trainLoss")).toBe("0.5");
    expect(field("rank")).toBe("8");
  });

  it("lists each run's metric keys", async () => {
    const points = [{ key: "train/loss", step: 1, value: 1.5 }, { key: "eval/loss", step: 1, value: 1.7 }];
    expect((await call(metricsRoute.POST, { method: "POST", params: { id: "bulk000003" }, body: { points } })).status).toBe(201);
    const { body } = await call(exportRoute.GET, { path: "/api/export?format=json&q=%23" });
    const run = (body.items as RunDetail[]).find((item) => item.id === "bulk000003");
    expect(run?.metricKeys).toEqual(["eval/loss", "train/loss"]);
  });

  it("exports a searched run exactly as the unsearched export does, though a search reads raw rows", async () => {
    const created = await call(runsRoute.POST, {
      method: "POST",
      path: "/api/runs",
      body: { name: "raw-row export probe", method: "qlora", model: "meta-llama/Llama-2-7b-hf", modelParams: 7e9, rank: 16, oom: false, gradientCheckpointing: true, trainLoss: 0.25, tags: ["raw-row-probe"] },
    });
    expect(created.status, created.text).toBe(201);
    const points = [{ key: "train/loss", step: 1, value: 0.5 }];
    expect((await call(metricsRoute.POST, { method: "POST", params: { id: created.body.id }, body: { points } })).status).toBe(201);
    const plain = await call(exportRoute.GET, { path: "/api/export?format=json&tag=raw-row-probe" });
    const searched = await call(exportRoute.GET, { path: "/api/export?format=json&tag=raw-row-probe&q=export%20probe" });
    expect(plain.body.items).toHaveLength(1);
    // Same keys (nothing such as PostgreSQL's "rowid" column added), same dates, booleans and numbers.
    expect(searched.body.items).toEqual(plain.body.items);
  });

  it("lets other work run between pages instead of holding the event loop for the whole export", async () => {
    const response = await exportRoute.GET(new Request("http://localhost/api/export?format=csv"), { params: Promise.resolve({}) });
    const reader = response.body!.getReader();
    let chunks = 0;
    let chunksWhenTimerRan: number | null = null;
    setTimeout(() => (chunksWhenTimerRan = chunks), 0);
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks += 1;
    expect(chunks).toBeGreaterThan(2);
    expect(chunksWhenTimerRan).not.toBeNull();
    expect(chunksWhenTimerRan!).toBeLessThan(chunks);
  });
});
