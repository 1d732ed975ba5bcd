// Every read that loads related rows or builds IN (...) lists, at 100,000 runs: SQLite takes at most 999 bind values
// per statement as Prisma drives it (P2029) and 32,766 in a raw query, and at most 500 terms in a compound SELECT.
// One database of 100,000 synthetic logged runs (tests/support/bulk-runs.ts) is built once for the whole file.
// The expected figures are read with SQL both engines run (issue 12: the file passes on SQLite and PostgreSQL).
import { beforeAll, describe, expect, it } from "vitest";
import * as diffRoute from "@/app/api/compare/diff/route";
import * as lossCurvesRoute from "@/app/api/compare/loss-curves/route";
import * as memoryBySizeRoute from "@/app/api/compare/memory-by-size/route";
import * as qualityMemoryRoute from "@/app/api/compare/quality-memory/route";
import * as rankQualityRoute from "@/app/api/compare/rank-quality/route";
import * as targetModulesRoute from "@/app/api/compare/target-modules/route";
import * as throughputRoute from "@/app/api/compare/throughput-by-hardware/route";
import * as exportRoute from "@/app/api/export/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import * as runsRoute from "@/app/api/runs/route";
import { modelSizeClass } from "@/lib/compare/size-class";
import { median } from "@/lib/compare/stats";
import type { DiffResponse, LossCurvesResponse, MemoryBySizeResponse, QualityMemoryResponse, RankQualityResponse, TargetModulesResponse, ThroughputResponse } from "@/lib/schemas/compare";
import type { RunDetail } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { TARGET_MODULES_TAG } from "@/lib/server/compare/target-modules";
import { call } from "../support/api";
import { insertBulkRuns } from "../support/bulk-runs";

const RUNS = 100_000;
let live = 0;
/** Rows of a test's own query, numbers as numbers (PostgreSQL answers COUNT as bigint). */
async function select<T>(sql: string): Promise<T[]> {
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value])) as T);
}
const count = async (sql: string) => (await select<{ n: number }>(sql))[0]!.n;
const execute = (sql: string) => prisma.$executeRawUnsafe(sql);
/** The logged runs of one method that the memory charts read. */
const loggedMemory = (method: string) =>
  select<{ modelParams: number; peakMemoryGb: number }>(
    `SELECT "modelParams", "peakMemoryGb" FROM "Run" WHERE "deletedAt" IS NULL AND "sourceId" IS NULL AND "method" = '${method}' AND "oom" = FALSE AND "peakMemoryGb" IS NOT NULL AND "modelParams" IS NOT NULL`,
  );

beforeAll(async () => {
  await insertBulkRuns({ count: RUNS });
  live = await count(`SELECT COUNT(*) AS n FROM "Run" WHERE "deletedAt" IS NULL`);
  // Every logged run with target modules takes part in the target-module comparison.
  await execute(`INSERT INTO "RunTag" ("runId", "tag") SELECT "id", '${TARGET_MODULES_TAG}' FROM "Run" WHERE "id" LIKE 'bulk%' AND "targetModules" IS NOT NULL`);
}, 300_000);

describe("at 100,000 runs", () => {
  it("exports every run as CSV and as JSON", async () => {
    const csv = await call(exportRoute.GET, { path: "/api/export?format=csv" });
    expect(csv.status).toBe(200);
    const lines = csv.text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    // Synthetic runs have no line breaks in their fields, so each is one line; their ids are unique and all present.
    const bulkIds = lines.filter((line) => line.startsWith("bulk")).map((line) => line.slice(0, line.indexOf(",")));
    expect(bulkIds).toHaveLength(RUNS);
    expect(new Set(bulkIds).size).toBe(RUNS);

    const json = await call(exportRoute.GET, { path: "/api/export?format=json" });
    expect(json.status).toBe(200);
    const items = (json.body as { items: RunDetail[] }).items;
    expect(items).toHaveLength(live);
    expect(new Set(items.map((run) => run.id)).size).toBe(live);
  }, 180_000);

  it("lists runs: the total counts them all, and a filtered page is right", async () => {
    const all = await call(runsRoute.GET, { path: "/api/runs?limit=200" });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(live);
    expect(all.body.items).toHaveLength(200);
    const filtered = await call(runsRoute.GET, { path: "/api/runs?method=qlora&tag=sweep&limit=200&sort=mmlu" });
    expect(filtered.body.total).toBe(await count(`SELECT COUNT(*) AS n FROM "Run" r JOIN "RunTag" t ON t."runId" = r."id" AND t."tag" = 'sweep' WHERE r."method" = 'qlora' AND r."deletedAt" IS NULL`));
    const next = await call(runsRoute.GET, { path: `/api/runs?method=qlora&tag=sweep&limit=200&sort=mmlu&cursor=${filtered.body.nextCursor}` });
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(filtered.body.items[0].id);
  });

  it("counts throughput per GPU × method over every run that reports it", async () => {
    const { status, body } = await call<ThroughputResponse>(throughputRoute.GET, { path: "/api/compare/throughput-by-hardware" });
    expect(status).toBe(200);
    const expected = await count(
      `SELECT COUNT(*) AS n FROM "Run" WHERE "deletedAt" IS NULL AND "hardwareId" IS NOT NULL AND ("oom" = TRUE OR "throughputSamplesPerSec" IS NOT NULL OR "throughputTokensPerSec" IS NOT NULL)`,
    );
    expect(body.groups.reduce((sum, group) => sum + group.runCount, 0)).toBe(expected);
  });

  it("gives the median memory of every logged 7B LoRA run", async () => {
    const { status, body } = await call<MemoryBySizeResponse>(memoryBySizeRoute.GET, { path: "/api/compare/memory-by-size?source=logged" });
    expect(status).toBe(200);
    const rows = await loggedMemory("lora");
    const sevenB = rows.filter((row) => modelSizeClass(row.modelParams).label === "7B").map((row) => row.peakMemoryGb);
    const group = body.groups.find((g) => g.sizeLabel === "7B" && g.method === "lora");
    expect(group?.claims.find((claim) => claim.sourceId === null)?.memoryGb.value).toBeCloseTo(median(sevenB)!, 9);
  });

  it("draws quality against memory with the run of least memory at the top quality on the frontier", async () => {
    const { status, body } = await call<QualityMemoryResponse>(qualityMemoryRoute.GET, { path: "/api/compare/quality-memory?metric=mtBench&source=logged" });
    expect(status).toBe(200);
    const where = `"deletedAt" IS NULL AND "sourceId" IS NULL AND "oom" = FALSE AND "mtBench" IS NOT NULL AND COALESCE("peakMemoryGb", "peakMemoryGbMin") IS NOT NULL`;
    expect(body.totalMatching).toBe(await count(`SELECT COUNT(*) AS n FROM "Run" WHERE ${where}`));
    expect(body.points.length).toBeLessThanOrEqual(2000 + body.frontier.length);
    const [best] = await select<{ mtBench: number; memory: number }>(
      `SELECT "mtBench" AS "mtBench", MIN(COALESCE("peakMemoryGb", "peakMemoryGbMin")) AS memory FROM "Run" WHERE ${where} GROUP BY "mtBench" ORDER BY "mtBench" DESC LIMIT 1`,
    );
    const top = body.points.filter((point) => body.frontier.includes(point.id)).sort((a, b) => b.quality - a.quality)[0];
    expect(top).toMatchObject({ quality: best!.mtBench });
    expect(top!.memoryGb.value ?? top!.memoryGb.min).toBe(best!.memory);
  });

  it("plots rank against quality from an even sample of LoRA and QLoRA runs", async () => {
    const { status, body } = await call<RankQualityResponse>(rankQualityRoute.GET, { path: "/api/compare/rank-quality" });
    expect(status).toBe(200);
    expect(body.points.length).toBeGreaterThan(1000);
    expect(body.points.length).toBeLessThanOrEqual(2000);
    expect(body.points.every((point) => point.rank > 0 && (point.mmlu !== null || point.mtBench !== null))).toBe(true);
  });

  it("groups every tagged run by its target modules", async () => {
    const { status, body } = await call<TargetModulesResponse>(targetModulesRoute.GET, { path: "/api/compare/target-modules?source=logged" });
    expect(status).toBe(200);
    const grouped = body.groups.reduce((sum, group) => sum + group.runIds.length, 0);
    expect(grouped).toBe(await count(`SELECT COUNT(*) AS n FROM "Run" WHERE "id" LIKE 'bulk%' AND "targetModules" IS NOT NULL`));
  });

  it("diffs runs and draws their loss curves", async () => {
    const diff = await call<DiffResponse>(diffRoute.GET, { path: "/api/compare/diff?ids=bulk099999,bulk000000,bulk050000" });
    expect(diff.status).toBe(200);
    expect(diff.body.runs.map((run) => run.id)).toEqual(["bulk099999", "bulk000000", "bulk050000"]);
    const points = Array.from({ length: 10_000 }, (_, step) => ({ key: "train/loss", step, value: 2 - step / 10_000 }));
    expect((await call(metricsRoute.POST, { method: "POST", params: { id: "bulk000001" }, body: { points } })).status).toBe(201);
    const curves = await call<LossCurvesResponse>(lossCurvesRoute.GET, { path: "/api/compare/loss-curves?runIds=bulk000001,bulk000002&maxPoints=500" });
    expect(curves.status).toBe(200);
    expect(curves.body.series.map((series) => [series.runId, series.totalPoints, series.points.length])).toEqual([["bulk000001", 10_000, 500], ["bulk000002", 0, 0]]);
  });

  // The last tests reshape the runs (they run in order), so that no list of one bind value per item fits a statement.
  it("gives memory by size for thousands of logged model sizes in hundreds of size classes", async () => {
    // Rewrites ~45,000 runs: on PostgreSQL every row fires the data-version trigger, which takes seconds on a busy machine.
    // rowid: SQLite's own, or the "rowid" column PostgreSQL's Run has for it.
    await execute(`UPDATE "Run" SET "modelParams" = 1e6 * (1 + rowid % 3000) WHERE "id" LIKE 'bulk%' AND "method" = 'lora'`); // ~470 classes
    await execute(`UPDATE "Run" SET "modelParams" = 7e9 + rowid WHERE "id" LIKE 'bulk%' AND "method" = 'qlora'`); // ~35,000 sizes, one class
    const { status, body } = await call<MemoryBySizeResponse>(memoryBySizeRoute.GET, { path: "/api/compare/memory-by-size?source=logged" });
    expect(status).toBe(200);
    const loraClasses = new Set((await loggedMemory("lora")).map((row) => modelSizeClass(row.modelParams).label));
    expect(loraClasses.size).toBeGreaterThan(400);
    expect(body.groups.filter((group) => group.method === "lora").map((group) => group.sizeLabel).sort()).toEqual([...loraClasses].sort());
    const qlora = body.groups.find((group) => group.method === "qlora" && group.sizeLabel === "7B");
    expect(qlora?.claims[0]?.memoryGb.value).toBeCloseTo(median((await loggedMemory("qlora")).map((row) => row.peakMemoryGb))!, 9);
  }, 120_000);

  it("draws a Pareto frontier of 20,000 quality levels", async () => {
    // Runs bulk000000…bulk019999 get quality and memory that rise together, so each is a quality level of its own on
    // the frontier: 20,000 (quality, memory) pairs, 40,000 bind values as one list.
    await execute(`UPDATE "Run" SET "mmlu" = NULL WHERE "id" LIKE 'bulk%'`);
    await execute(
      `UPDATE "Run" SET "mmlu" = CAST(substr("id", 5) AS INTEGER) / 200.0, "peakMemoryGb" = 1 + CAST(substr("id", 5) AS INTEGER) / 100.0,
        "peakMemoryGbMin" = NULL, "peakMemoryGbMax" = NULL, "oom" = FALSE WHERE "id" >= 'bulk000000' AND "id" < 'bulk020000'`,
    );
    const { status, body } = await call<QualityMemoryResponse>(qualityMemoryRoute.GET, { path: "/api/compare/quality-memory?metric=mmlu&source=logged" });
    expect(status).toBe(200);
    expect(body.frontier).toHaveLength(20_000);
    const onFrontier = new Set(body.frontier);
    expect(body.points.filter((point) => onFrontier.has(point.id))).toHaveLength(20_000);
  }, 60_000);
});
