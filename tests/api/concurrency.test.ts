// Writers at the same time, through the route handlers: nothing lost, nothing doubled, no errors, and the event
// loop (which also serves every other request) is never held for long by a write.
import { describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";

const run = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  method: "lora",
  model: "meta-llama/Llama-2-7b-hf",
  rank: 16,
  loraAlpha: 32,
  hardware: "a100-80gb",
  peakMemoryGb: 21.4,
  tags: ["concurrency", "sweep"],
  ...extra,
});

const points = (count: number, key = "train/loss") => Array.from({ length: count }, (_, step) => ({ key, step, value: 2 / (1 + step / 100) }));

/**
 * The longest hold of the event loop while `work` runs: the most CPU time this process spent between two ticks of a
 * 5 ms timer. CPU time, not wall time, so that other processes on a busy machine do not count: on an idle machine
 * the two agree, and it is how long any other request would have waited.
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let last = cpuMs();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = cpuMs();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    return { result, stallMs: Math.max(stallMs, cpuMs() - last) };
  } finally {
    clearInterval(timer);
  }
}

async function createTargetRuns(count: number): Promise<string[]> {
  const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items: Array.from({ length: count }, (_, i) => run(`metrics-target-${i}`)) } });
  expect(status).toBe(201);
  return body.items.map((item: { id: string }) => item.id);
}

describe("concurrent writers", () => {
  it("8 writers at once (batches, a retried batch, metrics) lose nothing, double nothing and all succeed", async () => {
    const targets = await createTargetRuns(4);
    const batch = (writer: number) => Array.from({ length: 250 }, (_, i) => run(`writer-${writer}-${i}`));
    const writers = [
      ...[0, 1, 2].map((writer) => call(batchRoute.POST, { method: "POST", body: { items: batch(writer) } })),
      // A client retrying writer 0's batch while it is being written: idempotent, so nothing is created twice.
      call(batchRoute.POST, { method: "POST", body: { items: batch(0) } }),
      ...targets.map((id) => call(metricsRoute.POST, { method: "POST", params: { id }, body: { points: points(5_000) } })),
    ];
    const results = await Promise.all(writers);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 201]);
    // Writer 0 and its retry: one of them created the 250 runs, the other found them all.
    expect([results[0]!.body.created, results[3]!.body.created].sort()).toEqual([0, 250]);
    expect(results[3]!.body.items.map((r: { id: string }) => r.id)).toEqual(results[0]!.body.items.map((r: { id: string }) => r.id));

    const created = await prisma.run.findMany({ where: { externalId: { startsWith: "writer-" } }, select: { id: true } });
    expect(created).toHaveLength(750);
    const ids = created.map((r) => r.id);
    expect(await prisma.runEvent.count({ where: { runId: { in: ids }, kind: "created" } })).toBe(750);
    expect(await prisma.runTag.count({ where: { runId: { in: ids } } })).toBe(1500);
    for (const id of targets) {
      expect(await prisma.metricPoint.count({ where: { runId: id } })).toBe(5_000);
    }
  });

  it("a 1,000-run batch and a 10,000-point metrics write run beside reads without holding the event loop for 500 ms", async () => {
    const [target] = await createTargetRuns(1);
    // Warm each path once: Prisma compiles a query shape (synchronously) the first time it sees it.
    expect((await call(metricsRoute.POST, { method: "POST", params: { id: target! }, body: { points: points(10, "stall/loss") } })).status).toBe(201);
    expect((await call(runRoute.GET, { params: { id: target! } })).status).toBe(200);
    // Each request starts in its own turn of the event loop, as a server receives them from separate sockets.
    const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
    const { result, stallMs } = await longestStall(() =>
      Promise.all([
        call(batchRoute.POST, { method: "POST", body: { items: Array.from({ length: 1_000 }, (_, i) => run(`stall-${i}`, { tags: ["stall"] })) } }),
        nextTurn().then(() => call(metricsRoute.POST, { method: "POST", params: { id: target! }, body: { points: points(10_000, "stall/loss") } })),
        nextTurn().then(nextTurn).then(() => call(runRoute.GET, { params: { id: target! } })),
      ]),
    );
    expect(result.map((r) => r.status)).toEqual([201, 201, 200]);
    expect(result[0]!.body.created).toBe(1_000);
    // The longest holds are the parse of the 1,000-run body and each write's one burst (tens of ms on an idle
    // 2-core machine); a Prisma transaction of the same batch held the loop for seconds. 500 ms leaves room for a busy CI.
    expect(stallMs).toBeLessThan(500);
  });

  it("answers a batch with exactly the runs a later read returns", async () => {
    const items = [
      run("shape-1", { notes: "full row", loraDropout: 0.05, targetModules: ["q_proj", "v_proj"], precision: "bf16", gpuCount: 2, sharding: "zero2", batchSize: 4, gradientAccumulation: 8, seqLen: 4096, gradientCheckpointing: true, attention: "flash", optimizer: "paged_adamw8bit", learningRate: 2e-4, epochs: 3, datasetName: "alpaca-52k", datasetSize: 52_000, throughputSamplesPerSec: 7.5, throughputTokensPerSec: 30_000, trainableParams: 4_194_304, mtBench: 6.1, mmlu: 45.2, trainLoss: 0.9, evalLoss: 1.1, wallTimeSec: 3600, costUsd: 4.2, tags: ["b", "a", "b"] }),
      { method: "qlora", model: "acme/support-bot-3b", modelParams: 3.09e9, quantization: "nf4", doubleQuant: true, oom: true, status: "failed" },
      { method: "full", model: "mistral-7b", peakMemoryGbMin: 84, status: "reported" },
    ];
    const { status, body } = await call(batchRoute.POST, { method: "POST", body: { items } });
    expect(status).toBe(201);
    for (const item of body.items) {
      const fetched = await call(runRoute.GET, { params: { id: item.id } });
      const { cells: _cells, metricKeys: _keys, params: _params, keyTags: _keyTags, quotedRows: _quoted, ...asRead } = fetched.body;
      expect(item).toEqual(asRead);
    }
    expect(body.items[0].tags).toEqual(["a", "b"]);
    expect(body.items[0].createdBy).toMatchObject({ name: "Test member" });
  });
});
