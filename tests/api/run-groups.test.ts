// GET /api/runs/groups and the grouped /compare charts (issue 13 §2) against this file's own copy of the seeded
// database. Runs logged here carry a tag of their own, so every query scopes to them with tag=; the expected
// statistics are computed by hand from the values below.
import { beforeAll, describe, expect, it } from "vitest";
import * as qualityMemoryRoute from "@/app/api/compare/quality-memory/route";
import * as rankQualityRoute from "@/app/api/compare/rank-quality/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as groupsRoute from "@/app/api/runs/groups/route";
import * as runsRoute from "@/app/api/runs/route";
import type { QualityMemoryResponse, RankQualityResponse } from "@/lib/schemas/compare";
import type { Run } from "@/lib/schemas/run";
import { MAX_GROUP_IDS, type RunGroup, type RunGroupsResponse } from "@/lib/schemas/run-table";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";

const TAG = "groups-test";
const MODEL = "meta-llama/Llama-2-7b-hf";
const groups = (query: string) => call<RunGroupsResponse>(groupsRoute.GET, { path: `/api/runs/groups?tag=${TAG}&${query}` });
type ErrorBody = { error: { code: string; message: string; issues: { path: string; message: string }[] } };
const groupsError = (query: string) => call<ErrorBody>(groupsRoute.GET, { path: `/api/runs/groups?tag=${TAG}&${query}` });
const byLabel = (body: RunGroupsResponse, label: string): RunGroup => {
  const group = body.groups.find((item) => item.label === label);
  if (!group) throw new Error(`no group ${label} in ${body.groups.map((item) => item.label).join(", ")}`);
  return group;
};

const base = { model: MODEL, tags: [TAG], status: "completed", hardware: "a100-80gb" } as const;
// LoRA r=8: three seeds. Memory 10, 12, 14 (mean 12, sample std 2); MMLU 40, 44 and none (mean 42, std √8).
// LoRA r=16: two runs, one a memory range (counted apart) and one an OOM.
// QLoRA r=8: one run, so no std. A deleted LoRA r=8 run must count nowhere.
const items = [
  { ...base, name: "g-lora8-a", method: "lora", rank: 8, peakMemoryGb: 10, mmlu: 40, mtBench: 6, throughputSamplesPerSec: 3 },
  { ...base, name: "g-lora8-b", method: "lora", rank: 8, peakMemoryGb: 12, mmlu: 44, mtBench: 7, throughputSamplesPerSec: 5 },
  { ...base, name: "g-lora8-c", method: "lora", rank: 8, peakMemoryGb: 14, throughputSamplesPerSec: 4 },
  { ...base, name: "g-lora16-range", method: "lora", rank: 16, peakMemoryGbMin: 20, peakMemoryGbMax: 24, mmlu: 46, mtBench: 7.5 },
  { ...base, name: "g-lora16-oom", method: "lora", rank: 16, oom: true },
  { ...base, name: "g-qlora8", method: "qlora", rank: 8, quantization: "nf4", peakMemoryGb: 6, mmlu: 41, mtBench: 6.5 },
  { ...base, name: "g-deleted", method: "lora", rank: 8, peakMemoryGb: 70, mmlu: 10, mtBench: 1 },
];
let runs: Record<string, Run> = {};

beforeAll(async () => {
  const { status, body } = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items } });
  expect(status, JSON.stringify(body)).toBe(201);
  runs = Object.fromEntries((body.items as Run[]).map((run) => [run.name, run]));
  const deleted = await call(runRoute.DELETE, { method: "DELETE", path: `/api/runs/${runs["g-deleted"]!.id}`, params: { id: runs["g-deleted"]!.id }, as: "admin" });
  expect(deleted.status).toBe(204);
  // Raw params as an MLflow client logs them: two seeds share a dropout; one run has none.
  await prisma.runParam.createMany({
    data: [
      { runId: runs["g-lora8-a"]!.id, key: "lora_dropout", value: "0.05" },
      { runId: runs["g-lora8-b"]!.id, key: "lora_dropout", value: "0.05" },
      { runId: runs["g-lora8-c"]!.id, key: "lora_dropout", value: "0.1" },
    ],
  });
});

describe("GET /api/runs/groups", () => {
  it("groups by method × rank with count, mean, sample std, min and max computed by hand", async () => {
    const { status, body } = await groups("by=method,rank");
    expect(status).toBe(200);
    expect(body.by).toEqual(["method", "rank"]);
    expect(body.totalRuns).toBe(6);
    expect(body.totalGroups).toBe(3);
    // Largest first.
    expect(body.groups.map((group) => group.label)).toEqual(["LoRA · r=8", "LoRA · r=16", "QLoRA · r=8"]);
    const lora8 = byLabel(body, "LoRA · r=8");
    expect(lora8.key).toEqual({ method: "lora", rank: 8 });
    expect(lora8.count).toBe(3);
    expect(lora8.outcomes.peakMemoryGb).toEqual({ n: 3, mean: 12, std: 2, min: 10, max: 14 });
    expect(lora8.outcomes.mmlu!.n).toBe(2);
    expect(lora8.outcomes.mmlu!.mean).toBe(42);
    expect(lora8.outcomes.mmlu!.std).toBeCloseTo(Math.sqrt(8), 12);
    expect(lora8.outcomes.throughputSamplesPerSec).toEqual({ n: 3, mean: 4, std: 1, min: 3, max: 5 });
    expect(lora8.outcomes.costUsd).toEqual({ n: 0, mean: null, std: null, min: null, max: null });
    const qlora = byLabel(body, "QLoRA · r=8");
    expect(qlora.outcomes.peakMemoryGb).toEqual({ n: 1, mean: 6, std: null, min: 6, max: 6 });
  });

  it("leaves memory ranges out of the memory statistics but counts them, and counts OOM runs", async () => {
    const { body } = await groups("by=method,rank");
    const lora16 = byLabel(body, "LoRA · r=16");
    expect(lora16.count).toBe(2);
    expect(lora16.memoryRangeCount).toBe(1);
    expect(lora16.oomCount).toBe(1);
    expect(lora16.outcomes.peakMemoryGb!.n).toBe(0);
    expect(lora16.outcomes.mmlu).toEqual({ n: 1, mean: 46, std: null, min: 46, max: 46 });
    expect(byLabel(body, "LoRA · r=8").memoryRangeCount).toBe(0);
  });

  it("never counts a soft-deleted run", async () => {
    const { body } = await groups("by=method");
    const lora = byLabel(body, "LoRA");
    expect(lora.count).toBe(5);
    expect(lora.runIds).not.toContain(runs["g-deleted"]!.id);
    expect(lora.outcomes.peakMemoryGb!.max).toBe(14);
  });

  it("respects the runs-table filters", async () => {
    const { body } = await groups("by=rank&method=qlora");
    expect(body.totalRuns).toBe(1);
    expect(body.groups.map((group) => group.label)).toEqual(["r=8"]);
    const searched = await groups("by=method&q=g-lora8");
    expect(searched.body.groups.map((group) => [group.label, group.count])).toEqual([["LoRA", 3]]);
  });

  it("lists a group's runs newest first, and GET /api/runs?ids= lists exactly those", async () => {
    // Creation order is the batch order within one millisecond at most; pin distinct times.
    const names = ["g-lora8-a", "g-lora8-b", "g-lora8-c"];
    for (const [index, name] of names.entries()) await prisma.run.update({ where: { id: runs[name]!.id }, data: { createdAt: new Date(Date.UTC(2025, 0, 1 + index)) } });
    const { body } = await groups("by=method,rank");
    const lora8 = byLabel(body, "LoRA · r=8");
    expect(lora8.runIds).toEqual([...names].reverse().map((name) => runs[name]!.id));
    expect(lora8.runIds.length).toBeLessThanOrEqual(MAX_GROUP_IDS);
    const listed = await call(runsRoute.GET, { path: `/api/runs?ids=${lora8.runIds.join(",")}` });
    expect(listed.body.items.map((run: Run) => run.id).sort()).toEqual([...lora8.runIds].sort());
  });

  it("labels hardware by its catalog name and groups by a raw param's verbatim value", async () => {
    const hardware = await groups("by=hardware");
    expect(hardware.body.groups[0]!.key).toEqual({ hardware: "a100-80gb" });
    expect(hardware.body.groups[0]!.label).toMatch(/A100/);
    const dropout = await groups("by=param:lora_dropout&method=lora");
    expect(dropout.body.groups.map((group) => [group.label, group.count])).toEqual([
      ["no lora_dropout", 2],
      ["lora_dropout=0.05", 2],
      ["lora_dropout=0.1", 1],
    ]);
    expect(dropout.body.groups.find((group) => group.label === "lora_dropout=0.05")!.outcomes.peakMemoryGb).toEqual({ n: 2, mean: 11, std: Math.SQRT2, min: 10, max: 12 });
  });

  it("groups booleans as booleans and nulls as null", async () => {
    const { body } = await groups("by=gradientCheckpointing,quantization");
    expect(body.groups.map((group) => group.key)).toContainEqual({ gradientCheckpointing: null, quantization: "nf4" });
  });

  it("answers 400 naming `by` for an unknown field, too many fields or a repeated one", async () => {
    for (const by of ["colour", "method,rank,modelName,hardware,seqLen", "method,method", ""]) {
      const { status, body } = await groupsError(`by=${by}`);
      expect(status, by).toBe(400);
      expect(body.error.issues.map((issue) => issue.path.split(".")[0]), by).toContain("by");
    }
    const unknown = await groupsError("by=colour");
    expect(unknown.body.error.issues[0]!.message).toContain('cannot group by "colour"');
  });
});

describe("grouped /compare charts (groupBy=)", () => {
  it("quality-memory adds groups with memory (x) and quality (y) statistics over all matching runs", async () => {
    const { status, body } = await call<QualityMemoryResponse>(qualityMemoryRoute.GET, { path: `/api/compare/quality-memory?tag=${TAG}&metric=mmlu&groupBy=method,rank` });
    expect(status).toBe(200);
    const groupsByLabel = new Map(body.groups!.map((group) => [group.label, group]));
    // LoRA r=8 with both memory and MMLU: runs a and b (c has no MMLU). The range run of r=16 is drawn from its
    // lower end as a point, but a range has no place in the memory mean: counted, left out.
    const lora8 = groupsByLabel.get("LoRA · r=8")!;
    expect(lora8.count).toBe(2);
    expect(lora8.x).toEqual({ n: 2, mean: 11, std: Math.SQRT2, min: 10, max: 12 });
    expect(lora8.y.mean).toBe(42);
    const lora16 = groupsByLabel.get("LoRA · r=16")!;
    expect(lora16.memoryRangeCount).toBe(1);
    expect(lora16.x.n).toBe(0);
    expect(lora16.y).toEqual({ n: 1, mean: 46, std: null, min: 46, max: 46 });
    // Without groupBy the answer has no groups.
    const plain = await call<QualityMemoryResponse>(qualityMemoryRoute.GET, { path: `/api/compare/quality-memory?tag=${TAG}&metric=mmlu` });
    expect(plain.body.groups).toBeUndefined();
  });

  it("rank-quality adds groups with rank, MMLU and MT-Bench statistics", async () => {
    const { status, body } = await call<RankQualityResponse>(rankQualityRoute.GET, { path: `/api/compare/rank-quality?tag=${TAG}&groupBy=method` });
    expect(status).toBe(200);
    const lora = body.groups!.find((group) => group.label === "LoRA")!;
    // LoRA runs with a rank and MMLU or MT-Bench: a, b (r=8) and the r=16 range run.
    expect(lora.count).toBe(3);
    expect(lora.x.mean).toBeCloseTo(32 / 3, 12);
    expect(lora.mtBench).toEqual({ n: 3, mean: expect.closeTo(41 / 6, 12), std: expect.closeTo(Math.sqrt(((6 - 41 / 6) ** 2 + (7 - 41 / 6) ** 2 + (7.5 - 41 / 6) ** 2) / 2), 12), min: 6, max: 7.5 });
    const bad = await call<ErrorBody>(rankQualityRoute.GET, { path: `/api/compare/rank-quality?groupBy=colour` });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]!.path).toMatch(/^groupBy\b/);
  });
});
