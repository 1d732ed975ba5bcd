// What one metrics POST costs beyond its write (issue 9: one writer's ingest rate). Two costs were cut, and each
// keeps the behaviour the API had: the count of distinct (key, step) pairs a request writes no longer builds sets of
// steps when the steps only go up, and a token's lastUsedAt is written at most once a minute instead of once a request.
import { describe, expect, it } from "vitest";
import * as runsRoute from "@/app/api/runs/route";
import * as metricsRoute from "@/app/api/runs/[id]/metrics/route";
import { verifyApiToken } from "@/lib/server/auth/tokens";
import { prisma } from "@/lib/server/db/client";
import { countDistinctPairs } from "@/lib/server/runs/metrics";
import { call, tokenForUser } from "../support/api";

/** The count as the API always defined it: distinct (key, step) pairs. */
const distinctPairs = (points: { key: string; step: number }[]) => new Set(points.map((p) => JSON.stringify([p.key, p.step]))).size;

describe("countDistinctPairs", () => {
  const shapes: Record<string, { key: string; step: number }[]> = {
    "one key, steps going up": Array.from({ length: 300 }, (_, i) => ({ key: "loss", step: i * 2 })),
    "three keys interleaved, each going up": Array.from({ length: 300 }, (_, i) => ({ key: ["loss", "lr", "grad_norm"][i % 3]!, step: Math.floor(i / 3) })),
    "keys one after another": [...Array.from({ length: 50 }, (_, i) => ({ key: "a", step: i })), ...Array.from({ length: 50 }, (_, i) => ({ key: "b", step: i }))],
    "a step repeated at once": [{ key: "a", step: 1 }, { key: "a", step: 1 }, { key: "a", step: 2 }],
    "a key that goes back after another key": [{ key: "a", step: 5 }, { key: "b", step: 1 }, { key: "a", step: 3 }],
    "a key that comes back at a step it had": [{ key: "a", step: 1 }, { key: "a", step: 2 }, { key: "b", step: 2 }, { key: "a", step: 2 }],
    "a key that comes back going up": [{ key: "a", step: 1 }, { key: "b", step: 1 }, { key: "a", step: 2 }, { key: "b", step: 2 }],
    "steps going down": Array.from({ length: 20 }, (_, i) => ({ key: "a", step: 20 - (i % 10) })),
    "negative steps": [{ key: "a", step: -3 }, { key: "a", step: -1 }, { key: "a", step: -3 }],
    "no points": [],
  };
  for (const [name, points] of Object.entries(shapes)) {
    it(`counts each (key, step) pair once: ${name}`, () => {
      expect(countDistinctPairs(points)).toBe(distinctPairs(points));
    });
  }

  it("agrees with the set count on random requests", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let request = 0; request < 200; request += 1) {
      const points = Array.from({ length: 1 + Math.floor(random() * 40) }, () => ({ key: ["a", "b", "c"][Math.floor(random() * 3)]!, step: Math.floor(random() * 30) }));
      expect(countDistinctPairs(points)).toBe(distinctPairs(points));
    }
  });
});

describe("POST /api/runs/{id}/metrics", () => {
  it("answers the number of distinct pairs and keeps the last value of each, keys interleaved and going back", async () => {
    const { body: run } = await call(runsRoute.POST, { method: "POST", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8 } });
    const points = [
      { key: "loss", step: 1, value: 1 },
      { key: "lr", step: 1, value: 0.1 },
      { key: "loss", step: 2, value: 2 },
      { key: "lr", step: 2, value: 0.2 },
      { key: "loss", step: 1, value: 10 }, // back to a step "loss" had: replaces it
      { key: "lr", step: 3, value: 0.3 },
    ];
    const { status, body } = await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, body: { points } });
    expect(status).toBe(201);
    expect(body.written).toBe(5);
    const stored = await prisma.metricPoint.findMany({ where: { runId: run.id }, orderBy: [{ key: "asc" }, { step: "asc" }], select: { key: true, step: true, value: true } });
    expect(stored.map((p) => [p.key, Number(p.step), p.value])).toEqual([["loss", 1, 10], ["loss", 2, 2], ["lr", 1, 0.1], ["lr", 2, 0.2], ["lr", 3, 0.3]]);
  });

  it("asks not to be transformed, so that the server does not gzip its 20-byte answer", async () => {
    const { body: run } = await call(runsRoute.POST, { method: "POST", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8 } });
    const { status, headers } = await call(metricsRoute.POST, { method: "POST", params: { id: run.id }, body: { points: [{ key: "loss", step: 1, value: 1 }] } });
    expect(status).toBe(201);
    // Next's compression middleware leaves alone an answer whose Cache-Control says no-transform.
    expect(headers.get("cache-control")).toMatch(/(^|,)\s*no-transform\s*(,|$)/);
  });
});

describe("an API token's lastUsedAt", () => {
  it("is written on first use and then at most once a minute, not once a request", async () => {
    const { token, userId } = await tokenForUser("test-last-used", "member");
    const row = () => prisma.apiToken.findFirstOrThrow({ where: { userId }, select: { id: true, lastUsedAt: true } });
    await prisma.apiToken.updateMany({ where: { userId }, data: { lastUsedAt: null } });
    expect((await verifyApiToken(token))?.id).toBe(userId);
    const { id, lastUsedAt: first } = await row();
    expect(first).not.toBeNull();
    // Used again 30 s later: left as it was (a write per request would set it to now).
    const halfAMinuteAgo = new Date(Date.now() - 30_000);
    await prisma.apiToken.update({ where: { id }, data: { lastUsedAt: halfAMinuteAgo } });
    expect((await verifyApiToken(token))?.id).toBe(userId);
    expect((await row()).lastUsedAt).toEqual(halfAMinuteAgo);
    // A minute later it moves again.
    const aMinuteAgo = new Date(Date.now() - 61_000);
    await prisma.apiToken.update({ where: { id }, data: { lastUsedAt: aMinuteAgo } });
    await verifyApiToken(token);
    expect((await row()).lastUsedAt!.getTime()).toBeGreaterThan(aMinuteAgo.getTime() + 60_000);
  });
});
