// The aggregate charts' answers are computed one at a time, the next starting once the previous body has been read
// (lib/api/paced-json.ts): under `next start` that is when its compressor has taken it, so each chart's body leaves
// as soon as it is computed instead of waiting, half compressed, behind the next chart's synchronous SQL.
import { describe, expect, it } from "vitest";
import * as memoryBySizeRoute from "@/app/api/compare/memory-by-size/route";
import * as qualityMemoryRoute from "@/app/api/compare/quality-memory/route";
import { pacedJsonResponse } from "@/lib/api/paced-json";
import { yieldToEventLoop } from "@/lib/server/db/bulk-write";
import { call } from "../support/api";

/** A few turns of the event loop: enough for anything not waiting on a read to have run. */
async function settle() {
  for (let i = 0; i < 5; i += 1) await yieldToEventLoop();
}

describe("pacedJsonResponse", () => {
  it("starts the next answer only once the previous body has been read to its end", async () => {
    const computed: string[] = [];
    const large = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, text: `row ${i}` })) }; // ~500 KB: several pieces
    const first = pacedJsonResponse(async () => (computed.push("first"), large));
    const second = pacedJsonResponse(async () => (computed.push("second"), { ok: true }));
    const firstResponse = await first;
    await settle();
    expect(computed).toEqual(["first"]);

    // Reading all but the end still holds the second answer back.
    const reader = firstResponse.body!.getReader();
    const pieces: Uint8Array[] = [];
    const { value } = await reader.read();
    pieces.push(value!);
    await settle();
    expect(computed).toEqual(["first"]);

    for (let piece = await reader.read(); !piece.done; piece = await reader.read()) pieces.push(piece.value);
    expect(pieces.length).toBeGreaterThan(2);
    expect(JSON.parse(Buffer.concat(pieces).toString("utf8"))).toEqual(large);
    const secondResponse = await second;
    expect(computed).toEqual(["first", "second"]);
    expect(await secondResponse.json()).toEqual({ ok: true });
  });

  it("lets the next answer start after a short hold when a client never reads its body", async () => {
    const computed: string[] = [];
    await pacedJsonResponse(async () => (computed.push("unread"), { unread: true }));
    const next = await pacedJsonResponse(async () => (computed.push("next"), { next: true }));
    expect(computed).toEqual(["unread", "next"]);
    expect(await next.json()).toEqual({ next: true });
  });

  it("passes a failed computation's error on and frees the queue for the next answer", async () => {
    await expect(pacedJsonResponse(async () => Promise.reject(new Error("no such filter")))).rejects.toThrow("no such filter");
    const after = await pacedJsonResponse(async () => ({ after: 1 }));
    expect(await after.json()).toEqual({ after: 1 });
  });
});

describe("chart routes answer through it", () => {
  it("quality-memory and memory-by-size answer the same JSON as before, with a 400 for a bad query", async () => {
    const qualityMemory = await call(qualityMemoryRoute.GET, { path: "/api/compare/quality-memory?metric=mtBench" });
    expect(qualityMemory.status).toBe(200);
    expect(qualityMemory.headers.get("content-type")).toBe("application/json");
    expect(qualityMemory.body.points.length).toBeGreaterThan(0);
    const memoryBySize = await call(memoryBySizeRoute.GET, { path: "/api/compare/memory-by-size" });
    expect(memoryBySize.status).toBe(200);
    expect(memoryBySize.body.groups.length).toBeGreaterThan(0);
    const bad = await call(qualityMemoryRoute.GET, { path: "/api/compare/quality-memory?metric=perplexity" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("metric");
  });
});
