import { describe, expect, it } from "vitest";
import * as runsRoute from "@/app/api/runs/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import { runFields } from "@/lib/schemas/run";
import { call } from "../support/api";

const validRun = {
  method: "lora",
  model: "meta-llama/Llama-2-7b-hf",
  rank: 16,
  loraAlpha: 32,
  targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"],
  hardware: "a100-80gb",
  gpuCount: 1,
  batchSize: 8,
  seqLen: 2048,
  gradientCheckpointing: true,
  optimizer: "adamw",
  peakMemoryGb: 21.4,
  throughputSamplesPerSec: 9.5,
  mtBench: 6.3,
  tags: ["alpaca", "baseline"],
};

async function totalRuns(query = ""): Promise<number> {
  const { body } = await call(runsRoute.GET, { path: `/api/runs?limit=1${query}` });
  return body.total;
}

async function create(run: Record<string, unknown>) {
  return call(runsRoute.POST, { method: "POST", path: "/api/runs", body: run });
}

describe("POST /api/runs", () => {
  it("creates a run, resolves catalog references and derives a name", async () => {
    const { status, body } = await create(validRun);
    expect(status).toBe(201);
    expect(body).toMatchObject({ method: "lora", rank: 16, modelId: "llama-2-7b", modelName: "Llama 2 7B", hardware: "a100-80gb", status: "completed", source: null });
    expect(body.modelParams).toBe(6_738_415_616);
    expect(body.name).toBe("LoRA r=16 · Llama 2 7B");
    expect(body.tags).toEqual(["alpaca", "baseline"]);
    const fetched = await call(runRoute.GET, { params: { id: body.id } });
    expect(fetched.body.targetModules).toEqual(["q_proj", "k_proj", "v_proj", "o_proj"]);
  });

  it("repeating an externalId returns the existing run instead of a duplicate", async () => {
    const before = await totalRuns();
    const first = await create({ ...validRun, externalId: "wandb:abc123" });
    const second = await create({ ...validRun, externalId: "wandb:abc123", mtBench: 1 });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.mtBench).toBe(6.3);
    expect(await totalRuns()).toBe(before + 1);
  });

  it("accepts an uncatalogued model with its parameter count and refuses one without", async () => {
    const ok = await create({ method: "full", model: "acme/my-model-3b", modelParams: 3e9 });
    expect(ok.status).toBe(201);
    expect(ok.body.modelId).toBeNull();
    const bad = await create({ method: "full", model: "acme/my-model-3b" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual([expect.objectContaining({ path: "modelParams" })]);
  });

  it("keeps ranges and OOM as such", async () => {
    const range = await create({ method: "qlora", model: "llama-7b", peakMemoryGbMin: 8, peakMemoryGbMax: 12 });
    expect(range.body).toMatchObject({ peakMemoryGb: null, peakMemoryGbMin: 8, peakMemoryGbMax: 12, quantization: "nf4" });
    const oom = await create({ method: "full", model: "llama-7b", hardware: "rtx-4090", oom: true });
    expect(oom.body).toMatchObject({ oom: true, throughputSamplesPerSec: null });
  });

  const badInputs: [string, unknown, string[]][] = [
    ["a negative rank", { ...validRun, rank: -4 }, ["rank"]],
    ["an unknown method", { ...validRun, method: "prefix-tuning" }, ["method"]],
    ["a rank on a full fine-tune", { method: "full", model: "llama-7b", rank: 8, targetModules: ["q_proj"] }, ["rank", "targetModules"]],
    ["quantization on LoRA", { ...validRun, quantization: "nf4" }, ["quantization"]],
    ["wrong types", { ...validRun, batchSize: "eight", gradientCheckpointing: "yes" }, ["batchSize", "gradientCheckpointing"]],
    ["an oversized batch size", { ...validRun, batchSize: 100_000 }, ["batchSize"]],
    ["an MT-Bench score above 10", { ...validRun, mtBench: 11 }, ["mtBench"]],
    ["a point and a range of memory", { ...validRun, peakMemoryGbMin: 10 }, ["peakMemoryGb"]],
    ["an inverted range", { method: "lora", model: "llama-7b", peakMemoryGbMin: 30, peakMemoryGbMax: 20 }, ["peakMemoryGbMax"]],
    ["throughput on an OOM run", { method: "full", model: "llama-7b", oom: true, throughputSamplesPerSec: 3 }, ["throughputSamplesPerSec"]],
    ["all-linear combined with a module", { ...validRun, targetModules: ["all-linear", "q_proj"] }, ["targetModules"]],
    ["an unknown hardware id", { ...validRun, hardware: "tpu-v9" }, ["hardware"]],
    ["a missing model", { method: "lora" }, ["model"]],
  ];
  for (const [label, input, fields] of badInputs) {
    it(`rejects ${label} naming each bad field and writes nothing`, async () => {
      const before = await totalRuns();
      const { status, body } = await create(input as Record<string, unknown>);
      expect(status).toBe(422);
      expect(body.error.code).toBe("unprocessable_entity");
      expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([...fields].sort());
      expect(await totalRuns()).toBe(before);
    });
  }

  it("never answers 500 to any wrong type in any field", async () => {
    const garbage: unknown[] = [5, -1, "x", true, {}, [], [1, "q_proj"], null, 1e308];
    for (const field of Object.keys(runFields.shape)) {
      for (const value of garbage) {
        const { status } = await create({ ...validRun, [field]: value });
        expect([200, 201, 422], `${field}=${JSON.stringify(value)} gave ${status}`).toContain(status);
      }
    }
    for (const body of ["[]", "null", "42", '"run"', "[{}]"]) {
      const { status } = await call(runsRoute.POST, { method: "POST", rawBody: body });
      expect(status, body).toBe(422);
    }
  });

  it("answers malformed JSON with 400 and writes nothing", async () => {
    const before = await totalRuns();
    const { status, body } = await call(runsRoute.POST, { method: "POST", rawBody: '{"method": "lora",' });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/valid JSON/);
    expect(await totalRuns()).toBe(before);
  });
});

describe("POST /api/runs/batch", () => {
  it("creates every run of a valid batch", async () => {
    const before = await totalRuns();
    const items = Array.from({ length: 25 }, (_, i) => ({ ...validRun, rank: 2 ** (i % 7), name: `sweep ${i}` }));
    const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items } });
    expect(status).toBe(201);
    expect(body.items).toHaveLength(25);
    expect(await totalRuns()).toBe(before + 25);
  });

  it("is all or nothing: one bad run rejects the batch and names its index", async () => {
    const before = await totalRuns();
    const items = [validRun, { ...validRun, rank: 0 }, validRun, { ...validRun, hardware: "nope" }];
    const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items } });
    expect(status).toBe(422);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(["items.1.rank"]);
    const second = await call(batchRoute.POST, { method: "POST", body: { items: [validRun, { ...validRun, hardware: "nope" }] } });
    expect(second.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["items.1.hardware"]);
    expect(await totalRuns()).toBe(before);
  });

  it("refuses more than 1,000 runs", async () => {
    const items = Array.from({ length: 1001 }, () => validRun);
    const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items } });
    expect(status).toBe(422);
    expect(body.error.issues[0].path).toBe("items");
  });

  it("creates a repeated externalId once, within a batch and across batches", async () => {
    const before = await totalRuns();
    const items = [{ ...validRun, externalId: "batch-a" }, { ...validRun, externalId: "batch-a" }, { ...validRun, externalId: "batch-b" }];
    const first = await call(batchRoute.POST, { method: "POST", body: { items } });
    expect(first.body.items[0].id).toBe(first.body.items[1].id);
    const again = await call(batchRoute.POST, { method: "POST", body: { items } });
    expect(again.body.items.map((r: { id: string }) => r.id)).toEqual(first.body.items.map((r: { id: string }) => r.id));
    expect(await totalRuns()).toBe(before + 2);
  });

  it("answers 409 to an externalId of a soft-deleted run, alone or in a batch, and writes nothing", async () => {
    const { body: run } = await call(runsRoute.POST, { method: "POST", body: { ...validRun, externalId: "wandb:deleted-1" } });
    expect((await call(runRoute.DELETE, { method: "DELETE", params: { id: run.id } })).status).toBe(204);
    const before = await totalRuns();
    const alone = await call(runsRoute.POST, { method: "POST", body: { ...validRun, externalId: "wandb:deleted-1" } });
    expect(alone.status).toBe(409);
    expect(alone.body.error.issues).toEqual([{ path: "externalId", message: expect.stringContaining(`run ${run.id}, which was deleted`) }]);
    const batch = await call(batchRoute.POST, { method: "POST", body: { items: [{ ...validRun, externalId: "fresh-1" }, { ...validRun, externalId: "wandb:deleted-1" }] } });
    expect(batch.status).toBe(409);
    expect(batch.body.error.issues[0].path).toBe("items.1.externalId");
    expect(await totalRuns()).toBe(before);
  });
});

describe("GET /api/runs", () => {
  it("lists the seeded reference runs with their source", async () => {
    const { body } = await call(runsRoute.GET, { path: "/api/runs?source=lora-vs-qlora-vs-full&limit=200" });
    expect(body.total).toBeGreaterThan(40);
    expect(body.items.every((r: { source: { id: string } }) => r.source.id === "lora-vs-qlora-vs-full")).toBe(true);
  });

  it("filters by method, hardware, tag, rank range and free text", async () => {
    await create({ ...validRun, name: "zebra-finch search target", rank: 256, tags: ["zebra"] });
    const byMethod = await call(runsRoute.GET, { path: "/api/runs?method=qlora&limit=200" });
    expect(byMethod.body.items.length).toBeGreaterThan(0);
    expect(byMethod.body.items.every((r: { method: string }) => r.method === "qlora")).toBe(true);
    const byHardware = await call(runsRoute.GET, { path: "/api/runs?hardware=rtx-4090&limit=200" });
    expect(byHardware.body.items.every((r: { hardware: string }) => r.hardware === "rtx-4090")).toBe(true);
    expect(byHardware.body.total).toBeGreaterThan(0);
    const byRank = await call(runsRoute.GET, { path: "/api/runs?rankMin=32&rankMax=64&limit=200" });
    expect(byRank.body.items.every((r: { rank: number }) => r.rank >= 32 && r.rank <= 64)).toBe(true);
    expect(byRank.body.total).toBeGreaterThan(0);
    const byText = await call(runsRoute.GET, { path: "/api/runs?q=ZEBRA-FINCH" });
    expect(byText.body.items.map((r: { name: string }) => r.name)).toEqual(["zebra-finch search target"]);
    const byTag = await call(runsRoute.GET, { path: "/api/runs?tag=zebra" });
    expect(byTag.body.total).toBe(1);
    const logged = await call(runsRoute.GET, { path: "/api/runs?source=logged&limit=200" });
    expect(logged.body.items.every((r: { source: unknown }) => r.source === null)).toBe(true);
  });

  it("pages with a cursor through every run exactly once, sorted by a nullable field", async () => {
    // The articles' claims and logged runs: with the published measurements there are more runs than one page of 200.
    const all = await call(runsRoute.GET, { path: "/api/runs?limit=200&sort=mtBench&order=desc&evidence=claim,logged" });
    expect(all.body.total).toBeLessThanOrEqual(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await call(runsRoute.GET, {
        path: `/api/runs?limit=7&sort=mtBench&order=desc&evidence=claim,logged${cursor ? `&cursor=${cursor}` : ""}`,
      });
      seen.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((r: { id: string }) => r.id));
    const scores = all.body.items.map((r: { mtBench: number | null }) => r.mtBench).filter((v: number | null) => v !== null);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  });

  it("rejects bad query parameters with 400 naming them", async () => {
    const { status, body } = await call(runsRoute.GET, { path: "/api/runs?method=foo&limit=0&sort=nope" });
    expect(status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path.split(".")[0]).sort()).toEqual(["limit", "method", "sort"]);
    const cursor = await call(runsRoute.GET, { path: "/api/runs?cursor=does-not-exist" });
    expect(cursor.status).toBe(400);
  });
});

describe("GET/PATCH/DELETE /api/runs/{id}", () => {
  it("shows a reference run with the verbatim cells it came from", async () => {
    const { body } = await call(runsRoute.GET, { path: "/api/runs?source=lora-vs-qlora-vs-full&tag=throughput&hardware=rtx-4090&method=full" });
    expect(body.items).toHaveLength(1);
    const detail = await call(runRoute.GET, { params: { id: body.items[0].id } });
    expect(detail.body.oom).toBe(true);
    expect(detail.body.cells.map((c: { text: string }) => c.text)).toContain("OOM");
  });

  it("edits fields, validates the merged run and leaves it unchanged on error", async () => {
    const { body: run } = await create(validRun);
    const ok = await call(runRoute.PATCH, { method: "PATCH", params: { id: run.id }, body: { mmlu: 47.1, notes: "rerun", tags: ["x"] } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ mmlu: 47.1, notes: "rerun", tags: ["x"], rank: 16, name: run.name });
    const bad = await call(runRoute.PATCH, { method: "PATCH", params: { id: run.id }, body: { method: "full" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["loraAlpha", "rank", "targetModules"]);
    const switched = await call(runRoute.PATCH, { method: "PATCH", params: { id: run.id }, body: { method: "full", rank: null, loraAlpha: null, targetModules: null } });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ method: "full", rank: null, targetModules: null, mmlu: 47.1 });
    const empty = await call(runRoute.PATCH, { method: "PATCH", params: { id: run.id }, body: {} });
    expect(empty.status).toBe(422);
    const after = await call(runRoute.GET, { params: { id: run.id } });
    expect(after.body.method).toBe("full");
  });

  it("answers an unknown id with 404 on every verb", async () => {
    for (const [handler, method] of [[runRoute.GET, "GET"], [runRoute.PATCH, "PATCH"], [runRoute.DELETE, "DELETE"]] as const) {
      const { status, body } = await call(handler, { method, params: { id: "missing" }, body: method === "PATCH" ? { notes: "x" } : undefined });
      expect(status).toBe(404);
      expect(body.error.code).toBe("not_found");
    }
  });

  it("deletes a run", async () => {
    const { body: run } = await create(validRun);
    expect((await call(runRoute.DELETE, { method: "DELETE", params: { id: run.id } })).status).toBe(204);
    expect((await call(runRoute.GET, { params: { id: run.id } })).status).toBe(404);
  });
});

describe("attention and sharding", () => {
  it("stores them, clears them with null, and refuses sharding on one GPU per field, writing nothing", async () => {
    const { status, body } = await create({ ...validRun, gpuCount: 4, attention: "flash", sharding: "zero3" });
    expect(status).toBe(201);
    expect(body).toMatchObject({ attention: "flash", sharding: "zero3" });
    const cleared = await call(runRoute.PATCH, { method: "PATCH", params: { id: body.id }, body: { attention: null, sharding: null } });
    expect(cleared.body).toMatchObject({ attention: null, sharding: null });

    const before = await totalRuns();
    const bad = await create({ ...validRun, gpuCount: 1, attention: "paged", sharding: "zero2" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["attention", "sharding"]);
    expect(bad.body.error.issues.find((i: { path: string }) => i.path === "sharding").message).toBe("sharding spreads state across GPUs: it needs gpuCount of 2 or more");
    expect(await totalRuns()).toBe(before);
    expect((await create({ ...validRun, sharding: "none" })).status).toBe(201);
  });
});

describe("metrics", () => {
  it("stores a loss curve, replaces repeated steps and filters by key", async () => {
    const { body: run } = await create(validRun);
    const points = Array.from({ length: 50 }, (_, step) => ({ key: "train/loss", step, value: 2 / (step + 1) }));
    const posted = await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, body: { points: [...points, { key: "eval/loss", step: 10, value: 1.5 }] } });
    expect(posted.status).toBe(201);
    await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, body: { points: [{ key: "train/loss", step: 0, value: 9 }] } });
    const { body } = await call(metricsRoute.GET, { path: "/x?key=train/loss", params: { id: run.id } });
    expect(body.series).toHaveLength(1);
    expect(body.series[0].points).toHaveLength(50);
    expect(body.series[0].points[0].value).toBe(9);
    const detail = await call(runRoute.GET, { params: { id: run.id } });
    expect(detail.body.metricKeys).toEqual(["eval/loss", "train/loss"]);
  });

  it("keeps the last of a (key, step) repeated within one request, inside one statement, across statements and in the tail", async () => {
    // The points are written 200 to a statement, then one by one (lib/server/db/bulk-write.ts): a repeat must win
    // wherever it falls. 450 points: steps 0..449, then step 5 again at index 150 (same statement as the first),
    // step 10 at 350 (a later statement) and step 20 at 449 (the one-by-one tail).
    const { body: run } = await create(validRun);
    const points = Array.from({ length: 450 }, (_, step) => ({ key: "train/loss", step, value: step }));
    points[150] = { key: "train/loss", step: 5, value: -5 };
    points[350] = { key: "train/loss", step: 10, value: -10 };
    points[449] = { key: "train/loss", step: 20, value: -20 };
    const posted = await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, body: { points } });
    expect(posted.status).toBe(201);
    expect(posted.body.written).toBe(447);
    const { body } = await call(metricsRoute.GET, { path: "/x?key=train/loss", params: { id: run.id } });
    const byStep = new Map((body.series[0].points as { step: number; value: number }[]).map((p) => [p.step, p.value]));
    expect(byStep.size).toBe(447);
    expect([byStep.get(5), byStep.get(10), byStep.get(20), byStep.get(150), byStep.get(448)]).toEqual([-5, -10, -20, undefined, 448]);
  });

  it("rejects bad points and unknown runs, writing nothing", async () => {
    const { body: run } = await create(validRun);
    const bad = await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, body: { points: [{ key: "a", step: 1, value: 1 }, { key: "a", step: -1, value: "x" }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["points.1.step", "points.1.value"]);
    const { body } = await call(metricsRoute.GET, { path: "/x", params: { id: run.id } });
    expect(body.series).toEqual([]);
    const missing = await call(metricsRoute.POST, { method: "POST", params: { id: "missing" }, body: { points: [{ key: "a", step: 1, value: 1 }] } });
    expect(missing.status).toBe(404);
  });

  it("downsamples each series to maxPoints on request, keeping the ends and the spike, and says how many were stored", async () => {
    const { body: run } = await create(validRun);
    const train = Array.from({ length: 5000 }, (_, step) => ({ key: "train/loss", step, value: step === 2500 ? 50 : 3 / (1 + step / 100) }));
    const evals = Array.from({ length: 20 }, (_, i) => ({ key: "eval/loss", step: i * 250, value: 2 - i / 20 }));
    expect((await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, body: { points: [...train, ...evals] } })).status).toBe(201);

    const { body } = await call(metricsRoute.GET, { path: "/x?maxPoints=100", params: { id: run.id } });
    expect(body.series.map((s: { key: string; totalPoints: number; points: unknown[] }) => [s.key, s.totalPoints, s.points.length])).toEqual([
      ["eval/loss", 20, 20],
      ["train/loss", 5000, 100],
    ]);
    const trained = body.series[1].points as { step: number; value: number; time?: string }[];
    expect(trained[0]).toEqual({ step: 0, value: 3 });
    expect(trained.at(-1)!.step).toBe(4999);
    expect(trained).toContainEqual({ step: 2500, value: 50 });
    const full = await call(metricsRoute.GET, { path: "/x?key=eval/loss", params: { id: run.id } });
    expect(full.body.series[0]).toMatchObject({ totalPoints: 20, points: expect.arrayContaining([expect.objectContaining({ time: expect.any(String) })]) });
    expect((await call(metricsRoute.GET, { path: "/x?maxPoints=5", params: { id: run.id } })).status).toBe(400);
  });
});
