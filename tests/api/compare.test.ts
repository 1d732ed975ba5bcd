// The comparison endpoints (GET /api/compare/*) against this file's own copy of the seeded database: the
// seeded articles' numbers first, then runs logged here to reach the paths the seed does not (medians, logged
// claims, thinning, long curves). Tests that add runs scope their queries with a tag of their own.
import { describe, expect, it } from "vitest";
import * as diffRoute from "@/app/api/compare/diff/route";
import * as lossCurvesRoute from "@/app/api/compare/loss-curves/route";
import * as memoryBySizeRoute from "@/app/api/compare/memory-by-size/route";
import * as qualityMemoryRoute from "@/app/api/compare/quality-memory/route";
import * as rankQualityRoute from "@/app/api/compare/rank-quality/route";
import * as targetModulesRoute from "@/app/api/compare/target-modules/route";
import * as throughputRoute from "@/app/api/compare/throughput-by-hardware/route";
import * as openapiRoute from "@/app/api/openapi.json/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import { downsampleLttb } from "@/lib/compare/downsample";
import { paretoFrontier } from "@/lib/compare/pareto";
import { median } from "@/lib/compare/stats";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  type CompareFilters,
  GPU_CAPACITY_LINES,
  type DiffResponse,
  type LossCurvesResponse,
  type MemoryBySizeResponse,
  type QualityMemoryResponse,
  type RankQualityResponse,
  type TargetModulesResponse,
  type ThroughputResponse,
} from "@/lib/schemas/compare";
import { type Run, runFields } from "@/lib/schemas/run";
import { MAX_QUALITY_MEMORY_POINTS } from "@/lib/server/compare/quality-memory";
import { compareWhereSql } from "@/lib/server/compare/sql";
import { prisma } from "@/lib/server/db/client";
import { runWhere } from "@/lib/server/runs/read-runs";
import { call } from "../support/api";

const S000 = "lora-vs-qlora-vs-full";
const S001 = "qlora-vs-full-vram-tradeoff";
const S002 = "exploring-lora-qlora-full";
const TITLE = { [S000]: "LoRA vs QLoRA vs Full Fine-Tuning: Which Approach Should You Use?", [S001]: "QLoRA vs Full Fine-Tuning The Local VRAM Trade-Off", [S002]: "Fine-Tuning LLMs: Exploring LoRA, QLoRA, and Full Fine-Tuning" };

const get = <T,>(route: { GET: Parameters<typeof call>[0] }, path: string) => call<T>(route.GET, { path });
const qualityMemory = (query = "") => get<QualityMemoryResponse>(qualityMemoryRoute, `/api/compare/quality-memory${query}`);
const throughput = (query = "") => get<ThroughputResponse>(throughputRoute, `/api/compare/throughput-by-hardware${query}`);
const rankQuality = (query = "") => get<RankQualityResponse>(rankQualityRoute, `/api/compare/rank-quality${query}`);
const memoryBySize = (query = "") => get<MemoryBySizeResponse>(memoryBySizeRoute, `/api/compare/memory-by-size${query}`);
const targetModules = (query = "") => get<TargetModulesResponse>(targetModulesRoute, `/api/compare/target-modules${query}`);
const lossCurves = (query: string) => get<LossCurvesResponse>(lossCurvesRoute, `/api/compare/loss-curves${query}`);
const diff = (query: string) => get<DiffResponse>(diffRoute, `/api/compare/diff${query}`);

async function createRuns(items: Record<string, unknown>[]): Promise<Run[]> {
  const created: Run[] = [];
  for (let i = 0; i < items.length; i += 1000) {
    const { status, body } = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items: items.slice(i, i + 1000) } });
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(201);
    created.push(...(body.items as Run[]));
  }
  return created;
}

async function seededRunId(externalId: string): Promise<string> {
  const run = await prisma.run.findUniqueOrThrow({ where: { externalId }, select: { id: true } });
  return run.id;
}

describe("GET /api/compare/quality-memory", () => {
  it("pairs each Flash Attention Team memory cell with the MT-Bench score of the same configuration", async () => {
    const { status, body } = await qualityMemory();
    expect(status).toBe(200);
    expect(body.metric).toBe("mtBench");
    const summary = body.points.map((p) => [p.label, p.memoryGb.value ?? p.memoryGb.min, p.quality]);
    expect(summary).toEqual([
      ["QLoRA r=64 · 7B LLaMA", 6, 6.5],
      ["QLoRA r=64 · 13B LLaMA", 10, 6.9],
      ["LoRA r=16 · 7B LLaMA", 16, 6.4],
      ["LoRA r=16 · 13B LLaMA", 28, 6.8],
      ["QLoRA r=64 · 70B LLaMA", 42, 7.6],
      ["Full fine-tuning · 7B LLaMA", 84, 6.8],
      ["LoRA r=16 · 70B LLaMA", 150, 7.5],
      ["Full fine-tuning · 13B LLaMA", 156, 7.2],
      ["Full fine-tuning · 70B LLaMA", 840, 7.9],
    ]);
    expect(body.totalMatching).toBe(9);
    expect(body.gpuLines).toEqual(GPU_CAPACITY_LINES);
    expect(body.points.every((p) => p.origin === "article" && p.provenance.every((run) => run.sourceId === S000))).toBe(true);
  });

  it("names a paired point by its run ids and lists each run with its verbatim cells", async () => {
    const { body } = await qualityMemory();
    const lora = body.points.find((p) => p.label === "LoRA r=16 · 7B LLaMA")!;
    const memoryRun = await seededRunId(`seed:${S000}:memory-by-size:7b:lora`);
    const mtBenchRun = await seededRunId(`seed:${S000}:mt-bench-by-size:lora-r16:llama-7b`);
    const sweepRun = await seededRunId(`seed:${S000}:rank-impact:r16:lora`);
    // The MT-Bench table and the rank sweep both give 6.4 for 7B LoRA r=16: one point, three runs.
    expect(lora.id.split("+").sort()).toEqual([memoryRun, mtBenchRun, sweepRun].sort());
    expect(lora.id.split("+")[0]).toBe(memoryRun);
    expect(lora).toMatchObject({ method: "lora", rank: 16, modelName: "7B LLaMA", memoryGb: { value: 16, min: 16, max: 16 }, quality: 6.4 });
    const memory = lora.provenance.find((run) => run.runId === memoryRun)!;
    expect(memory.sourceTitle).toBe(TITLE[S000]);
    expect(memory.cells).toEqual([{ field: "peakMemoryGb", text: "16GB", tableTitle: "Training Memory by Model Size" }]);
    expect(lora.provenance.find((run) => run.runId === mtBenchRun)!.cells).toContainEqual({ field: "mtBench", text: "6.4", tableTitle: "Model Quality After Fine-Tuning" });

    // QLoRA's memory cell states no rank; it pairs with the "QLoRA r=64" score.
    const qlora = body.points.find((p) => p.label === "QLoRA r=64 · 7B LLaMA")!;
    expect(qlora.id).toBe(`${await seededRunId(`seed:${S000}:memory-by-size:7b:qlora`)}+${await seededRunId(`seed:${S000}:mt-bench-by-size:qlora-r64:llama-7b`)}`);
    expect(qlora.memoryGb).toEqual({ value: 6, min: 6, max: 6 });
    // "84GB+" stays a lower bound.
    expect(body.points.find((p) => p.label === "Full fine-tuning · 7B LLaMA")!.memoryGb).toEqual({ value: null, min: 84, max: null });
  });

  it("puts 7B QLoRA (6 GB, 6.5) on the frontier and 13B full fine-tuning (156 GB+, 7.2) off it", async () => {
    const { body } = await qualityMemory();
    const byLabel = new Map(body.points.map((p) => [p.label, p]));
    // Staircase by memory: 6/6.5, 10/6.9, 42/7.6, 840/7.9; 156/7.2 is beaten by 42/7.6, 16/6.4 by 6/6.5.
    const expected = ["QLoRA r=64 · 7B LLaMA", "QLoRA r=64 · 13B LLaMA", "QLoRA r=64 · 70B LLaMA", "Full fine-tuning · 70B LLaMA"];
    expect(body.frontier).toEqual(expected.map((label) => byLabel.get(label)!.id));
    expect(byLabel.get("QLoRA r=64 · 7B LLaMA")!.isParetoOptimal).toBe(true);
    expect(byLabel.get("Full fine-tuning · 13B LLaMA")!.isParetoOptimal).toBe(false);
    expect(byLabel.get("LoRA r=16 · 7B LLaMA")!.isParetoOptimal).toBe(false);
    expect(body.points.filter((p) => p.isParetoOptimal).map((p) => p.id).sort()).toEqual([...body.frontier].sort());
  });

  it("pairs MMLU only where a source gives it: the rank sweep's LoRA r=16 and Full rows", async () => {
    const { body } = await qualityMemory("?metric=mmlu");
    expect(body.metric).toBe("mmlu");
    expect(body.points.map((p) => [p.label, p.memoryGb.min, p.quality, p.isParetoOptimal])).toEqual([
      ["LoRA r=16 · 7B LLaMA", 16, 46.9, true],
      ["Full fine-tuning · 7B LLaMA", 84, 48.3, true],
    ]);
  });

  it("filters like the runs table: method=lora keeps only LoRA points, a tag on one side breaks the pairs", async () => {
    const lora = await qualityMemory("?method=lora");
    expect(lora.body.points.map((p) => p.method)).toEqual(["lora", "lora", "lora"]);
    expect(lora.body.frontier).toHaveLength(3); // 16/6.4, 28/6.8 and 150/7.5: each adds quality for its memory
    const quality = await qualityMemory("?tag=quality");
    expect(quality.body).toMatchObject({ points: [], frontier: [], totalMatching: 0 });
  });
});

describe("GET /api/compare/throughput-by-hardware", () => {
  it("reports the seeded LLaMA-7B speeds per GPU and method, and counts OOM without a rate", async () => {
    // The articles' claims: the published measurements (issue 11) add GPUs and move the medians.
    const { status, body } = await throughput("?evidence=claim");
    expect(status).toBe(200);
    const table = Object.fromEntries(body.groups.map((g) => [`${g.hardwareId} ${g.method}`, [g.runCount, g.oomCount, g.samplesPerSec, g.tokensPerSec]]));
    expect(table).toEqual({
      "a100-80gb full": [1, 0, 12.4, null],
      "a100-80gb lora": [1, 0, 18.2, null],
      "a100-80gb qlora": [1, 0, 14.1, null],
      "rtx-4090 full": [1, 1, null, null],
      "rtx-4090 lora": [1, 0, 8.6, null],
      "rtx-4090 qlora": [1, 0, 7.2, null],
      "a6000 full": [1, 1, null, null],
      "a6000 lora": [1, 0, 10.4, null],
      "a6000 qlora": [1, 0, 9.8, null],
    });
    const oom = body.groups.find((g) => g.hardwareId === "rtx-4090" && g.method === "full")!;
    expect(oom.hardwareName).toBe("GeForce RTX 4090");
    expect(oom.runIds).toEqual([await seededRunId(`seed:${S000}:speed-by-hardware:rtx-4090:full`)]);
  });

  it("filters by hardware", async () => {
    const { body } = await throughput("?hardware=rtx-4090");
    expect(body.groups.map((g) => g.method)).toEqual(["full", "lora", "qlora"]);
  });
});

describe("GET /api/compare/rank-quality", () => {
  it("returns the rank sweep's ranks 4–128 and its Full row as the full fine-tuning level", async () => {
    const { status, body } = await rankQuality("?tag=rank");
    expect(status).toBe(200);
    expect(body.points.map((p) => [p.rank, p.mmlu, p.mtBench])).toEqual([
      [4, 44.2, 6.1],
      [8, 45.8, 6.3],
      [16, 46.9, 6.4],
      [32, 47.4, 6.5],
      [64, 47.8, 6.6],
      [128, 48, 6.7],
    ]);
    expect(body.points[0]).toMatchObject({ method: "lora", trainableParams: 3_300_000, sourceTitle: TITLE[S000] });
    expect(body.fullFineTuning).toEqual([
      { runId: await seededRunId(`seed:${S000}:rank-impact:full:full`), label: "7B Full FT · rank sweep baseline (Flash Attention Team)", mmlu: 48.3, mtBench: 6.8, trainableParams: 6_738_000_000 },
    ]);
  });

  it("adds the MT-Bench table's adapters, and keeps full fine-tuning levels when filtering by method", async () => {
    const all = await rankQuality();
    expect(all.body.points).toHaveLength(15); // 6 sweep ranks + LoRA r=64, r=16 and QLoRA r=64 for 3 sizes
    const qlora = await rankQuality("?method=qlora");
    expect(qlora.body.points.map((p) => [p.rank, p.mtBench])).toEqual([[64, 6.5], [64, 6.9], [64, 7.6]]);
    // Each point names its model, so the chart draws one sweep per model.
    expect(new Set(qlora.body.points.map((p) => p.modelName)).size).toBe(3);
    expect(new Set((await rankQuality("?tag=rank")).body.points.map((p) => p.modelName))).toEqual(new Set(["7B LLaMA"]));
    expect(qlora.body.fullFineTuning.map((f) => f.mtBench).sort()).toEqual([6.8, 6.8, 7.2, 7.9]);
  });
});

describe("GET /api/compare/memory-by-size", () => {
  it("keeps each source's 7B LoRA claim apart, ranges as ranges, and flags the disagreement", async () => {
    const { status, body } = await memoryBySize("?evidence=claim");
    expect(status).toBe(200);
    const lora7b = body.groups.find((g) => g.sizeLabel === "7B" && g.method === "lora")!;
    expect(lora7b.params).toBe(7e9);
    expect(lora7b.claims.map((c) => [c.sourceId, c.memoryGb, c.runIds.length])).toEqual([
      [S002, { value: null, min: 10, max: 12 }, 2], // two Sesame Disk tables, same 10–12 GB: one claim
      [S000, { value: 16, min: 16, max: 16 }, 1],
      [S001, { value: null, min: 24, max: 32 }, 1],
    ]);
    expect(lora7b.claims.map((c) => c.cellText)).toEqual(["~10-12GB (for 7B models, FP16) | 10-12GB", "16GB", "24 - 32 GB"]);
    expect(lora7b.disagree).toBe(true);
    expect(body.gpuLines).toEqual(GPU_CAPACITY_LINES);
  });

  it("flags open lower bounds far apart, by the claims pages' rule (7B full fine-tuning: 28+ vs 84+)", async () => {
    const { body } = await memoryBySize("?evidence=claim");
    const full7b = body.groups.find((g) => g.sizeLabel === "7B" && g.method === "full")!;
    expect(full7b.claims.map((c) => c.memoryGb)).toEqual([
      { value: null, min: 28, max: null },
      { value: null, min: 84, max: null },
      { value: null, min: 100, max: 120 },
    ]);
    expect(full7b.disagree).toBe(true);
    expect(body.groups.find((g) => g.sizeLabel === "13B" && g.method === "full")!.disagree).toBe(false);
    expect(body.groups.map((g) => `${g.sizeLabel} ${g.method}`)).toEqual(
      ["7B", "13B", "34B", "70B"].flatMap((size) => ["full", "lora", "qlora"].map((method) => `${size} ${method}`)),
    );
  });

  it("shows one source alone when filtered by it", async () => {
    const { body } = await memoryBySize(`?source=${S001}`);
    expect(body.groups.map((g) => [g.sizeLabel, g.method, g.claims.map((c) => c.memoryGb), g.disagree])).toEqual([
      ["7B", "full", [{ value: null, min: 100, max: 120 }], false],
      ["7B", "lora", [{ value: null, min: 24, max: 32 }], false],
      ["7B", "qlora", [{ value: null, min: 8, max: 12 }], false],
    ]);
  });
});

describe("GET /api/compare/target-modules", () => {
  it("reads the target-module table's cells into shares and gains, and keeps them verbatim", async () => {
    const { status, body } = await targetModules();
    expect(status).toBe(200);
    expect(body.groups.map((g) => [g.set, g.trainableSharePct, g.qualityGainPct, g.memoryText])).toEqual([
      ["q,v", { value: 0.04, min: 0.04, max: 0.04 }, { value: 0, min: 0, max: 0 }, "Low"],
      ["attention", { value: 0.12, min: 0.12, max: 0.12 }, { value: null, min: 3, max: 5 }, "Low"],
      ["attention+mlp", { value: 0.24, min: 0.24, max: 0.24 }, { value: null, min: 5, max: 8 }, "Medium"],
      ["all-linear", { value: 0.48, min: 0.48, max: 0.48 }, { value: null, min: 8, max: 10 }, "Higher"],
    ]);
    expect(body.groups[1]!.cells).toEqual([
      { field: "config", text: "All attention" },
      { field: "trainableParamsPct", text: "0.12%" },
      { field: "memoryText", text: "Low" },
      { field: "qualityText", text: "+3-5%" },
    ]);
    expect(body.groups[0]!.runIds).toEqual([await seededRunId(`seed:${S000}:target-modules:q-v-only:lora`)]);
  });

  it("filters like the runs table", async () => {
    expect((await targetModules("?method=qlora")).body.groups).toEqual([]);
    expect((await targetModules(`?source=${S000}`)).body.groups).toHaveLength(4);
  });
});

describe("GET /api/compare/diff", () => {
  it("returns the runs in the order asked for, as GET /api/runs/{id} has them, and flags differing fields", async () => {
    const a = await seededRunId(`seed:${S001}:comparison:7b:lora`);
    const b = await seededRunId(`seed:${S000}:memory-by-size:7b:lora`);
    const { status, body } = await diff(`?ids=${a},${b}`);
    expect(status).toBe(200);
    expect(body.runs.map((run) => run.id)).toEqual([a, b]);
    const { body: detail } = await call(runRoute.GET, { params: { id: a } });
    const { cells: _cells, metricKeys: _keys, params: _params, keyTags: _keyTags, quotedRows: _quoted, ...asListed } = detail;
    expect(body.runs[0]).toEqual(asListed);

    const field = (name: string) => body.fields.find((f) => f.field === name)!;
    expect(field("peakMemoryGb")).toMatchObject({ group: "outcome", values: [{ value: null, min: 24, max: 32 }, { value: 16, min: 16, max: 16 }], differs: true });
    expect(field("rank")).toMatchObject({ group: "configuration", values: [null, 16], differs: true });
    expect(field("method")).toMatchObject({ values: ["lora", "lora"], differs: false });
    expect(field("model")).toMatchObject({ differs: false });
    expect(field("hardwareLabel")).toMatchObject({ values: ["1x RTX 4090 / 3090", null], differs: true });
    const metadata = ["name", "externalId", "status", "notes", "tags", "peakMemoryGbMin", "peakMemoryGbMax"];
    expect(body.fields.map((f) => f.field)).toEqual(expect.arrayContaining(Object.keys(runFields.shape).filter((f) => !metadata.includes(f))));
  });

  it("answers 404 for an unknown id and 400 for fewer than two or more than six", async () => {
    const a = await seededRunId(`seed:${S001}:comparison:7b:lora`);
    const missing = await call(diffRoute.GET, { path: `/api/compare/diff?ids=${a},no-such-run` });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("no-such-run");
    for (const ids of [a, `${a},${a}`, "a,b,c,d,e,f,g"]) {
      const bad = await call(diffRoute.GET, { path: `/api/compare/diff?ids=${ids}` });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe("ids");
    }
    expect((await diff("")).status).toBe(400);
  });
});

describe("bad queries", () => {
  const endpoints = { qualityMemory, throughput, rankQuality, memoryBySize, targetModules, lossCurves };
  it.each([
    ["qualityMemory", "?metric=accuracy", "metric"],
    ["qualityMemory", "?method=prefix-tuning", "method"],
    ["throughput", "?status=done", "status"],
    ["rankQuality", "?rankMin=abc", "rankMin"],
    ["memoryBySize", "?rankMax=0", "rankMax"],
    ["targetModules", `?q=${"x".repeat(201)}`, "q"],
    ["memoryBySize", "?rankMin=64&rankMax=8", "rankMin"],
    ["lossCurves", "?runIds=a&maxPoints=5", "maxPoints"],
    ["lossCurves", "", "runIds"],
  ] as const)("%s%s answers 400 naming %s", async (name, query, path) => {
    const { status, body } = await endpoints[name](query);
    expect(status).toBe(400);
    const { error } = body as unknown as { error: { code: string; issues: { path: string }[] } };
    expect(error.code).toBe("bad_request");
    expect(error.issues.map((issue) => issue.path.split(".")[0])).toContain(path);
  });
});

describe("compareWhereSql", () => {
  it("selects exactly the runs that runWhere selects, for every runs-table filter", async () => {
    await createRuns([
      { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name: "50%_off sweep", notes: "Tried on an A100", tags: ["where-a", "Alpaca"], hardware: "a100-80gb" },
      { method: "qlora", model: "acme/custom-3b", modelParams: 3e9, rank: 64, datasetName: "dolly_15k", status: "running", tags: ["where-b"] },
      { method: "full", model: "mistral-7b", hardware: "rtx-4090", oom: true, status: "failed", notes: "50% done" },
    ]);
    const [reviewed, baseline] = await prisma.run.findMany({ where: { tags: { some: { tag: { in: ["where-a", "where-b"] } } } }, orderBy: { name: "asc" } });
    await prisma.run.update({ where: { id: reviewed!.id }, data: { reviewStatus: "in_review" } });
    await prisma.run.update({ where: { id: baseline!.id }, data: { isBaseline: true, reviewStatus: "accepted" } });
    // A measured source with one measurement and one estimate, and an estimate logged by a user.
    await prisma.source.create({ data: { id: "where-bench", kind: "measurement", title: "A framework's benchmark table" } });
    const [measured, estimate, loggedEstimate] = await createRuns([
      { method: "lora", model: "llama-2-7b", rank: 16, peakMemoryGb: 9.1, peakMemoryMeasure: "reserved", tags: ["where-c"] },
      { method: "qlora", model: "llama-2-7b", rank: 16, peakMemoryGbMax: 8, peakMemoryMeasure: "fits-in", isEstimate: true, tags: ["where-c"] },
      { method: "full", model: "llama-2-7b", isEstimate: true, tags: ["where-c"] },
    ]);
    await prisma.run.updateMany({ where: { id: { in: [measured!.id, estimate!.id] } }, data: { sourceId: "where-bench" } });
    const cases: CompareFilters[] = [
      {},
      { method: ["lora"] },
      { method: ["lora", "qlora"], status: ["reported"] },
      { model: "llama-7b" },
      { model: "meta-llama/Llama-2-7b-hf" },
      { model: "llama" },
      { model: "ACME" },
      { hardware: "a100-80gb" },
      { source: "logged" },
      { source: S002 },
      { tag: "where-a" },
      { tag: "memory", method: ["qlora"] },
      { rankMin: 16 },
      { rankMin: 8, rankMax: 16 },
      { q: "a100" },
      { q: "50%" },
      { q: "_" },
      { q: "alpaca" },
      { q: "rtx 4090" },
      { q: "dolly" },
      { q: "speed", hardware: "a6000", status: ["reported", "completed"] },
      { reviewStatus: ["in_review"] },
      { reviewStatus: ["in_review", "accepted"], method: ["lora", "qlora"] },
      { baseline: true },
      { baseline: false, method: ["qlora"] },
      { evidence: ["logged"] },
      { evidence: ["claim"] },
      { evidence: ["measured"] },
      { evidence: ["estimate"] },
      { evidence: ["measured", "estimate"], tag: "where-c" },
      { evidence: ["claim", "logged"], method: ["qlora"] },
    ];
    for (const filters of cases) {
      const viaPrisma = (await prisma.run.findMany({ where: runWhere(filters), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id FROM "Run" r WHERE ${compareWhereSql(filters)}`)).map((r) => r.id).sort();
      expect({ filters, ids: viaSql }).toEqual({ filters, ids: viaPrisma });
      if (filters.baseline || filters.reviewStatus || filters.evidence) expect(viaSql.length, JSON.stringify(filters)).toBeGreaterThan(0);
    }
    const ids = async (filters: CompareFilters) => (await prisma.run.findMany({ where: runWhere({ ...filters, tag: "where-c" }), select: { id: true } })).map((r) => r.id).sort();
    expect(await ids({ evidence: ["measured"] })).toEqual([measured!.id]);
    expect(await ids({ evidence: ["estimate"] })).toEqual([estimate!.id, loggedEstimate!.id].sort());
    expect(await ids({ evidence: ["logged"] })).toEqual([]);
  });
});

describe("aggregations over logged runs", () => {
  it("puts logged points on the same frontier as the definition, with ties and ranges", async () => {
    const tag = "frontier-test";
    const rows: [number | [number, number], number][] = [
      [10, 6], [10, 6], [10, 5.5], [12, 6], [8, 5], [[7, 9], 5.8], [20, 7], [20, 7.2], [30, 7.2], [5, 4],
    ];
    const created = await createRuns([
      ...rows.map(([memory, mtBench]) => ({
        method: "lora", model: "llama-2-7b", rank: 16, mtBench, tags: [tag],
        ...(Array.isArray(memory) ? { peakMemoryGbMin: memory[0], peakMemoryGbMax: memory[1] } : { peakMemoryGb: memory }),
      })),
      { method: "full", model: "llama-2-7b", oom: true, mtBench: 9.9, tags: [tag] }, // out of memory: no point
    ]);
    const { body } = await qualityMemory(`?tag=${tag}`);
    expect(body.totalMatching).toBe(rows.length);
    const expected = paretoFrontier(created.slice(0, rows.length).map((run) => ({ id: run.id, memoryGb: run.peakMemoryGb ?? run.peakMemoryGbMin!, quality: run.mtBench! })));
    expect(body.frontier).toEqual(expected);
    // Hand check: 5/4, the range 7–9 read at 7 (5.8), both 10/6 runs, 20/7.2.
    expect(body.frontier.map((id) => body.points.find((p) => p.id === id)!.memoryGb.min)).toEqual([5, 7, 10, 10, 20]);
    expect(body.points.every((p) => p.origin === "logged" && p.provenance[0]!.cells.length === 0)).toBe(true);
  });

  it("thins thousands of points to the frontier plus an even sample, counting all of them", async () => {
    const tag = "thinning-test";
    const count = 2100;
    const items = Array.from({ length: count }, (_, i) => ({
      method: "qlora", model: "llama-2-7b", rank: 16, tags: [tag],
      peakMemoryGb: 5 + ((i * 37) % 400) / 10, mtBench: Math.round((4 + ((i * 53) % 500) / 100) * 100) / 100,
    }));
    const created = await createRuns(items);
    const { body } = await qualityMemory(`?tag=${tag}`);
    expect(body.totalMatching).toBe(count);
    expect(body.points.length).toBeLessThanOrEqual(MAX_QUALITY_MEMORY_POINTS);
    expect(body.points.length).toBeGreaterThan(MAX_QUALITY_MEMORY_POINTS * 0.9);
    expect(body.frontier).toEqual(paretoFrontier(created.map((run) => ({ id: run.id, memoryGb: run.peakMemoryGb!, quality: run.mtBench! }))));
    const returned = new Set(body.points.map((p) => p.id));
    expect(body.frontier.every((id) => returned.has(id))).toBe(true);
    // The same answer twice: the sample is deterministic.
    expect((await qualityMemory(`?tag=${tag}`)).body.points.map((p) => p.id)).toEqual(body.points.map((p) => p.id));
  });

  it("takes the median throughput of logged runs per GPU and method, and counts their OOMs", async () => {
    const tag = "throughput-test";
    const samples = [1, 3, 2, 10];
    const tokens = [100, 300, 200];
    await createRuns([
      ...samples.map((s, i) => ({ method: "lora", model: "llama-2-7b", hardware: "t4", throughputSamplesPerSec: s, throughputTokensPerSec: tokens[i] ?? null, tags: [tag] })),
      { method: "lora", model: "llama-2-7b", hardware: "t4", oom: true, tags: [tag] },
      { method: "lora", model: "llama-2-7b", hardware: "t4", tags: [tag] }, // reports nothing about speed
      { method: "qlora", model: "llama-2-7b", hardware: "t4", throughputSamplesPerSec: 0.5, tags: [tag] },
    ]);
    const { body } = await throughput(`?tag=${tag}`);
    expect(body.groups.map((g) => [g.hardwareId, g.method, g.runCount, g.oomCount, g.samplesPerSec, g.tokensPerSec])).toEqual([
      ["t4", "lora", 5, 1, median(samples), median(tokens)],
      ["t4", "qlora", 1, 0, 0.5, null],
    ]);
    expect(median(samples)).toBe(2.5);
    expect(body.groups[0]!.runIds).toHaveLength(5);
  });

  it("lists the first 200 runs of a large group in the order of their values, the same on every engine", async () => {
    const tag = "group-order-test";
    // Values shuffled against the order of logging, so neither rowid nor insertion order can pass for value order.
    const created = await createRuns(
      Array.from({ length: 250 }, (_, i) => ({
        method: "lora", model: "llama-2-7b", rank: 16, hardware: "a100-80gb", tags: [tag],
        throughputSamplesPerSec: ((i * 37) % 250) + 1, peakMemoryGb: ((i * 53) % 250) / 4 + 10,
      })),
    );
    const firstBy = (value: (run: Run) => number) => [...created].sort((a, b) => value(a) - value(b)).slice(0, 200).map((run) => run.id);

    const { body: speed } = await throughput(`?tag=${tag}`);
    expect(speed.groups.map((g) => [g.hardwareId, g.method, g.runCount])).toEqual([["a100-80gb", "lora", 250]]);
    expect(speed.groups[0]!.runIds).toEqual(firstBy((run) => run.throughputSamplesPerSec!));

    const { body: memory } = await memoryBySize(`?tag=${tag}`);
    expect(memory.groups.map((g) => [g.sizeLabel, g.method, g.claims.length])).toEqual([["7B", "lora", 1]]);
    expect(memory.groups[0]!.claims[0]!.runIds).toEqual(firstBy((run) => run.peakMemoryGb!));
  });

  it("adds logged runs as one median claim per size class, which does not make sources disagree", async () => {
    const tag = "memory-test";
    await createRuns([
      ...[30, 10, 20].map((gb) => ({ method: "full", model: "mistral-7b", peakMemoryGb: gb, tags: [tag] })),
      { method: "full", model: "llama-2-7b", peakMemoryGb: 40, tags: [tag] }, // another 7B model, same class
      { method: "full", model: "llama-2-7b", peakMemoryGbMin: 1, peakMemoryGbMax: 2, tags: [tag] }, // a range: no median
      { method: "full", model: "tinyllama-1.1b", peakMemoryGb: 9, tags: [tag] },
      { method: "lora", model: "llama-2-13b", rank: 16, peakMemoryGb: 300, tags: [tag] }, // far from the source's 28 GB
    ]);
    const scoped = await memoryBySize(`?tag=${tag}`);
    expect(scoped.body.groups.map((g) => [g.sizeLabel, g.method, g.claims.map((c) => [c.sourceTitle, c.memoryGb, c.runIds.length, c.cellText])])).toEqual([
      ["1.1B", "full", [["Logged runs", { value: 9, min: 9, max: 9 }, 1, null]]],
      ["7B", "full", [["Logged runs", { value: 25, min: 25, max: 25 }, 4, null]]],
      ["13B", "lora", [["Logged runs", { value: 300, min: 300, max: 300 }, 1, null]]],
    ]);
    const all = await memoryBySize("?evidence=claim,logged");
    const full7b = all.body.groups.find((g) => g.sizeLabel === "7B" && g.method === "full")!;
    expect(full7b.claims.at(-1)).toMatchObject({ sourceId: null, sourceTitle: "Logged runs", memoryGb: { value: 25 } });
    // 300 GB is far from the article's 28 GB for a 13B LoRA, but a median of logged runs is not a source's claim.
    const lora13b = all.body.groups.find((g) => g.sizeLabel === "13B" && g.method === "lora")!;
    expect(lora13b.claims.map((c) => c.sourceTitle)).toHaveLength(2);
    expect(lora13b.disagree).toBe(false);
  });
});

describe("published measurements on the memory chart", () => {
  it("marks them measured or estimate, leaves them out of the disagreement, and leaves totals over several GPUs out", async () => {
    // Every source, without the runs other tests of this file log.
    const [all, claims] = await Promise.all([memoryBySize("?evidence=claim,measured,estimate"), memoryBySize("?evidence=claim")]);
    const evidence = new Set(all.body.groups.flatMap((g) => g.claims.map((c) => c.evidence)));
    expect(evidence).toEqual(new Set(["claim", "measured", "estimate"]));
    for (const group of all.body.groups) {
      for (const claim of group.claims) expect(claim.evidence === "claim", claim.sourceTitle).toBe([S000, S001, S002].includes(claim.sourceId ?? ""));
      // Only the articles' claims decide: measured rows spread over batch sizes and stacks, which is not contradiction.
      const same = claims.body.groups.find((g) => g.sizeLabel === group.sizeLabel && g.method === group.method);
      expect(group.disagree, `${group.sizeLabel} ${group.method}`).toBe(same?.disagree ?? false);
    }
    const totals = await prisma.run.findMany({ where: { peakMemoryScope: "total", gpuCount: { gt: 1 } }, select: { id: true } });
    expect(totals.length).toBeGreaterThan(0);
    const drawn = new Set(all.body.groups.flatMap((g) => g.claims.flatMap((c) => c.runIds)));
    expect(totals.filter((run) => drawn.has(run.id))).toEqual([]);
  });
});

describe("GET /api/compare/loss-curves", () => {
  it("downsamples a 10,000-point history to 800 points with LTTB, keeping the first and last", async () => {
    const [run] = await createRuns([{ method: "lora", model: "llama-2-7b", rank: 16 }]);
    const points = Array.from({ length: 10_000 }, (_, step) => ({ key: "train/loss", step, value: 0.9 + 1.5 * Math.exp(-step / 2000) + 0.05 * Math.sin(step) }));
    expect((await call(metricsRoute.POST, { method: "POST", params: { id: run!.id }, body: { points } })).status).toBe(201);
    const { status, body } = await lossCurves(`?runIds=${run!.id}&key=train/loss&maxPoints=800`);
    expect(status).toBe(200);
    const [series] = body.series;
    expect(series).toMatchObject({ runId: run!.id, runName: run!.name, method: "lora", totalPoints: 10_000 });
    expect(series!.points).toHaveLength(800);
    expect(series!.points[0]).toEqual({ step: 0, value: points[0]!.value });
    expect(series!.points.at(-1)).toEqual({ step: 9999, value: points.at(-1)!.value });
    expect(series!.points).toEqual(downsampleLttb(points.map(({ step, value }) => ({ step, value })), 800));
  });

  it("draws a history over 20,000 points from a stored 5,000-point summary, rebuilt after new points arrive", async () => {
    const [run] = await createRuns([{ method: "qlora", model: "llama-2-7b", rank: 16 }]);
    const spike = 17_321;
    const points = Array.from({ length: 30_000 }, (_, step) => ({ key: "train/loss", step, value: step === spike ? 40 : 0.8 + 2 * Math.exp(-step / 5000) }));
    for (let start = 0; start < points.length; start += 10_000) {
      expect((await call(metricsRoute.POST, { method: "POST", params: { id: run!.id }, body: { points: points.slice(start, start + 10_000) } })).status).toBe(201);
    }
    const summaries = () => prisma.metricSummary.findMany({ where: { runId: run!.id } });
    expect(await summaries()).toEqual([]);

    const first = await lossCurves(`?runIds=${run!.id}&key=train/loss&maxPoints=800`);
    const [stored] = await summaries();
    expect(stored).toMatchObject({ key: "train/loss", totalPoints: 30_000 });
    const summarySteps = JSON.parse(stored!.steps) as number[];
    expect(summarySteps).toHaveLength(5000);
    expect(summarySteps.slice(0, 1).concat(summarySteps.slice(-1))).toEqual([0, 29_999]);
    expect(summarySteps).toContain(spike);
    // What the chart gets: the LTTB of the summary; the same on every read, with the ends and the spike kept.
    const summaryPoints = summarySteps.map((step, i) => ({ step, value: (JSON.parse(stored!.values) as number[])[i]! }));
    expect(first.body.series[0]!.points).toEqual(downsampleLttb(summaryPoints, 800));
    expect(first.body.series[0]).toMatchObject({ totalPoints: 30_000 });
    expect(first.body.series[0]!.points).toContainEqual({ step: spike, value: 40 });
    expect((await lossCurves(`?runIds=${run!.id}&key=train/loss&maxPoints=800`)).body).toEqual(first.body);

    // New points make the summary stale: it is dropped with the write and rebuilt with them on the next read.
    await call(metricsRoute.POST, { method: "POST", params: { id: run!.id }, body: { points: [{ key: "train/loss", step: 30_000, value: 0.5 }] } });
    expect(await summaries()).toEqual([]);
    const after = await lossCurves(`?runIds=${run!.id}&key=train/loss&maxPoints=800`);
    expect(after.body.series[0]).toMatchObject({ totalPoints: 30_001 });
    expect(after.body.series[0]!.points.at(-1)).toEqual({ step: 30_000, value: 0.5 });
    expect((await summaries())[0]).toMatchObject({ totalPoints: 30_001 });
  });

  it("keeps series in the order asked for, short ones whole, and empty ones empty", async () => {
    const [a, b] = await createRuns([{ method: "full", model: "llama-2-7b" }, { method: "qlora", model: "llama-2-7b" }]);
    await call(metricsRoute.POST, { method: "POST", params: { id: a!.id }, body: { points: [{ key: "eval/loss", step: 0, value: 2 }, { key: "eval/loss", step: 10, value: 1.5 }] } });
    const { body } = await lossCurves(`?runIds=${b!.id},${a!.id}&key=eval/loss`);
    expect(body.key).toBe("eval/loss");
    expect(body.series.map((s) => [s.runId, s.method, s.totalPoints, s.points])).toEqual([
      [b!.id, "qlora", 0, []],
      [a!.id, "full", 2, [{ step: 0, value: 2 }, { step: 10, value: 1.5 }]],
    ]);
  });

  it("answers 404 for an unknown run and 400 for more than six", async () => {
    const missing = await lossCurves("?runIds=no-such-run");
    expect(missing.status).toBe(404);
    expect((await lossCurves("?runIds=a,b,c,d,e,f,g")).status).toBe(400);
  });
});

describe("GET /api/openapi.json", () => {
  it("documents the seven comparison endpoints with their query parameters", async () => {
    const { body } = await call(openapiRoute.GET, { path: "/api/openapi.json" });
    const compare = Object.keys(body.paths).filter((path) => path.startsWith("/api/compare/"));
    expect(compare.sort()).toEqual(
      ["diff", "loss-curves", "memory-by-size", "quality-memory", "rank-quality", "target-modules", "throughput-by-hardware"].map((name) => `/api/compare/${name}`),
    );
    const names = (path: string) => (body.paths[path].get.parameters as { name: string }[]).map((p) => p.name);
    expect(names("/api/compare/quality-memory")).toEqual(expect.arrayContaining(["method", "model", "hardware", "source", "tag", "status", "rankMin", "rankMax", "q", "metric"]));
    expect(names("/api/compare/loss-curves")).toEqual(["runIds", "key", "maxPoints"]);
    expect(names("/api/compare/diff")).toEqual(["ids"]);
    expect(body.paths["/api/compare/memory-by-size"].get.responses["200"].content["application/json"].schema).toBeDefined();
  });
});
