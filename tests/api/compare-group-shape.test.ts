// The two charts that answer in a different SQL shape on each engine (issue 12): SQLite reads each group's median by
// position and its first ids in index order; PostgreSQL sorts within one GROUP BY. Run on both (vitest.postgres.config),
// these pin that both give what the test computes: groups of more than 200 runs with an even count, tied values
// broken by the index's later columns, NULL rates, and middle values whose halved sum is not what interpolating
// between them gives (0.1 and 0.7: (a + b) / 2 is 0.39999999999999997, a + (b - a) * 0.5 is 0.4).
import { describe, expect, it } from "vitest";
import * as memoryBySizeRoute from "@/app/api/compare/memory-by-size/route";
import * as throughputRoute from "@/app/api/compare/throughput-by-hardware/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import { modelSizeClass } from "@/lib/compare/size-class";
import { median } from "@/lib/compare/stats";
import type { MemoryBySizeResponse, ThroughputResponse } from "@/lib/schemas/compare";
import type { Run } from "@/lib/schemas/run";
import { MAX_GROUP_RUN_IDS } from "@/lib/server/compare/sql";
import { call } from "../support/api";

async function createRuns(items: Record<string, unknown>[]): Promise<Run[]> {
  const { status, body } = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items } });
  expect(status, JSON.stringify(body).slice(0, 500)).toBe(201);
  return body.items as Run[];
}

type Key = string | number | boolean | null;
/** Ascending key by key, NULLs first, text bytewise, false before true: the order of SQLite's indexes. */
const inIndexOrder = (keys: (run: Run) => Key[]) => (a: Run, b: Run) => {
  const [x, y] = [keys(a), keys(b)];
  for (let i = 0; i < x.length; i += 1) {
    const [p, q] = [x[i], y[i]];
    if (p === q) continue;
    if (p === null || p === undefined) return -1;
    if (q === null || q === undefined) return 1;
    return p < q ? -1 : 1;
  }
  return 0;
};
const firstIds = (runs: Run[], keys: (run: Run) => Key[]) => [...runs].sort(inIndexOrder(keys)).slice(0, MAX_GROUP_RUN_IDS).map((run) => run.id);

describe("group medians and first ids, the same on every engine", () => {
  it("throughput-by-hardware: a 262-run group's medians (even and odd counts) and its first 200 ids in index order", async () => {
    const tag = "shape-throughput";
    const models = ["mistral-7b", "llama-2-7b"];
    const created = await createRuns(
      Array.from({ length: 262 }, (_, i) => {
        const run: Record<string, unknown> = { method: "lora", model: models[i % 2], rank: i % 3 === 0 ? undefined : (i % 3) * 8, hardware: "l4", tags: [tag] };
        if (i % 10 === 9) return { ...run, oom: true }; // an OOM: counted, no rate
        // Few distinct values, so ties are broken by the tokens, the model, the rank and at last the id; the lower
        // half of the samples is at most 0.1 and the upper half at least 0.7, so the even median sits between them.
        if (i % 10 !== 8) run.throughputSamplesPerSec = i % 2 === 0 ? [0.05, 0.1][i % 4 === 0 ? 0 : 1] : [0.7, 0.9][i % 4 === 1 ? 0 : 1];
        if (i % 4 !== 3 || i === 7) run.throughputTokensPerSec = [120, 80, 100][i % 3]; // run 7 makes the count odd
        return run;
      }),
    );
    const samples = created.flatMap((run) => (run.throughputSamplesPerSec === null ? [] : [run.throughputSamplesPerSec]));
    const tokens = created.flatMap((run) => (run.throughputTokensPerSec === null ? [] : [run.throughputTokensPerSec]));
    expect([samples.length % 2, tokens.length % 2]).toEqual([0, 1]);
    expect(median(samples)).toBe(0.39999999999999997);

    const { status, body } = await call<ThroughputResponse>(throughputRoute.GET, { path: `/api/compare/throughput-by-hardware?tag=${tag}` });
    expect(status).toBe(200);
    expect(body.groups.map((g) => [g.hardwareId, g.method, g.runCount, g.oomCount, g.samplesPerSec, g.tokensPerSec])).toEqual([
      ["l4", "lora", 262, created.filter((run) => run.oom).length, median(samples), median(tokens)],
    ]);
    // Run_compare_throughput_idx past (hardwareId, method); every run here is logged (sourceId NULL).
    const expected = firstIds(created, (run) => [run.throughputSamplesPerSec, run.throughputTokensPerSec, run.oom, run.modelId, run.modelName, null, run.status, run.rank, run.id]);
    expect(body.groups[0]!.runIds).toEqual(expected);
    // The ties decide: the samples order alone (ids as created within equal values) would list others.
    expect(expected).not.toEqual(firstIds(created, (run) => [run.throughputSamplesPerSec]));
  });

  it("memory-by-size: a 240-run size class over two models' sizes gives its median and first 200 ids in index order", async () => {
    const tag = "shape-memory";
    const created = await createRuns([
      ...Array.from({ length: 240 }, (_, i) => ({
        method: "qlora", model: i % 3 === 0 ? "llama-2-7b" : "mistral-7b", rank: i % 4 === 0 ? undefined : 16, hardware: i % 5 === 0 ? undefined : ["h100-80gb", "a100-80gb"][i % 2], tags: [tag],
        // Lower half at most 10.1, upper half at least 26.3: the even median halves their sum (18.2).
        peakMemoryGb: i % 2 === 0 ? [9.5, 10.1][i % 4 === 0 ? 0 : 1] : [26.3, 30][i % 4 === 1 ? 0 : 1],
      })),
      { method: "qlora", model: "mistral-7b", rank: 16, peakMemoryGbMin: 5, tags: [tag] }, // a bound: no single value, left out
      { method: "qlora", model: "mistral-7b", rank: 16, oom: true, tags: [tag] },
    ]);
    const logged = created.filter((run) => run.peakMemoryGb !== null && !run.oom);
    expect(logged).toHaveLength(240);
    expect(new Set(logged.map((run) => run.modelParams)).size).toBe(2);
    expect(new Set(logged.map((run) => modelSizeClass(run.modelParams!).label))).toEqual(new Set(["7B"]));
    const values = logged.map((run) => run.peakMemoryGb!);
    expect(median(values)).toBe(18.2);

    const { status, body } = await call<MemoryBySizeResponse>(memoryBySizeRoute.GET, { path: `/api/compare/memory-by-size?tag=${tag}` });
    expect(status).toBe(200);
    expect(body.groups.map((g) => [g.sizeLabel, g.method, g.claims.map((c) => [c.sourceId, c.memoryGb])])).toEqual([["7B", "qlora", [[null, { value: 18.2, min: 18.2, max: 18.2 }]]]]);
    // Run_compare_memory_idx past (sourceId, method): the two models' sizes in order, then the value and the rest.
    const expected = firstIds(logged, (run) => [run.modelParams, run.peakMemoryGb, run.oom, run.hardware, run.modelId, run.modelName, run.status, run.rank, run.id]);
    expect(body.groups[0]!.claims[0]!.runIds).toEqual(expected);
    expect(expected).not.toEqual(firstIds(logged, (run) => [run.peakMemoryGb]));
  });
});
