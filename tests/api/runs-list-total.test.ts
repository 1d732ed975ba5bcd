// GET /api/runs with no filter counts the live runs as the table's count less the soft-deleted runs, which it reads
// one experiment at a time (lib/server/runs/read-runs.ts, softDeletedCountSql); the page's JSON is written run by
// run (lib/server/runs/list-response.ts). Both must answer exactly what a plain count and JSON.stringify would.
import { describe, expect, it } from "vitest";
import * as experimentsRoute from "@/app/api/experiments/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as runsRoute from "@/app/api/runs/route";
import type { RunPage } from "@/lib/schemas/run";
import { call } from "../support/api";

const run = (name: string, experiment?: string) => ({ name, method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, hardware: "a100-80gb", ...(experiment ? { experimentId: experiment } : {}) });

async function unfilteredTotal(): Promise<number> {
  const { status, body } = await call<RunPage>(runsRoute.GET, { path: "/api/runs?limit=1" });
  expect(status).toBe(200);
  return body.total;
}

/** The live runs, counted by walking every page of the unfiltered list. */
async function liveRunsByPaging(): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const { body }: { body: RunPage } = await call<RunPage>(runsRoute.GET, { path: `/api/runs?limit=200${cursor ? `&cursor=${cursor}` : ""}` });
    count += body.items.length;
    cursor = body.nextCursor;
  } while (cursor);
  return count;
}

describe("GET /api/runs total without filters", () => {
  it("leaves out soft-deleted runs of every experiment, including ones after the first and last experiment id", async () => {
    const experiments: string[] = [];
    for (const name of ["total-a", "total-b"]) {
      const { status, body } = await call<{ id: string }>(experimentsRoute.POST, { method: "POST", path: "/api/experiments", body: { name } });
      expect(status).toBe(201);
      experiments.push(body.id);
    }
    const before = await unfilteredTotal();
    const ids: string[] = [];
    for (const [index, experiment] of [undefined, experiments[0], experiments[0], experiments[1], experiments[1], experiments[1]].entries()) {
      const { status, body } = await call<{ id: string }>(runsRoute.POST, { method: "POST", path: "/api/runs", body: run(`total-${index}`, experiment) });
      expect(status, JSON.stringify(body)).toBe(201);
      ids.push(body.id);
    }
    expect(await unfilteredTotal()).toBe(before + 6);
    // One deleted run in Default, one in the first new experiment, two in the second.
    for (const id of [ids[0]!, ids[1]!, ids[3]!, ids[5]!]) {
      expect((await call(runRoute.DELETE, { method: "DELETE", path: `/api/runs/${id}`, params: { id }, as: "admin" })).status).toBe(204);
    }
    expect(await unfilteredTotal()).toBe(before + 2);
    expect(await unfilteredTotal()).toBe(await liveRunsByPaging());
  });

  it("answers the page as JSON.stringify writes it, non-ASCII text and all", async () => {
    const name = "Größe · 日本語 ❌ 😀 \"quoted\" \\ \u2028 end";
    expect((await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: run(name) })).status).toBe(201);
    const response = await runsRoute.GET(new Request("http://localhost/api/runs?limit=3"), { params: Promise.resolve({}) });
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await response.text();
    const page = JSON.parse(text) as RunPage;
    expect(page.items[0]!.name).toBe(name);
    expect(text).toBe(JSON.stringify(page));
    expect(Object.keys(page)).toEqual(["items", "nextCursor", "total"]);
  });

  it("answers an empty page as an empty list", async () => {
    const { status, body } = await call<RunPage>(runsRoute.GET, { path: "/api/runs?q=no-such-run-anywhere-at-all" });
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});
