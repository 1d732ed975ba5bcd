// The runs list sorted by a score (sort=mtBench / sort=mmlu), on both engines: NULLs last in either direction, ties
// broken by the id bytewise, page after page; on PostgreSQL, served by the indexes of the migration
// list_score_sort_indexes instead of a sort of every run.
import { beforeAll, describe, expect, it } from "vitest";
import * as runsRoute from "@/app/api/runs/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import type { Run } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";
import { onPostgres } from "../support/postgres";

const TAG = "score-sort";
type Score = "mtBench" | "mmlu";

async function createScoredRuns(): Promise<Run[]> {
  // Three values each, many ties, and NULLs, shuffled against the order of logging.
  const items = Array.from({ length: 60 }, (_, i) => ({
    method: "lora", model: "llama-2-7b", rank: 16, tags: [TAG],
    mtBench: (i * 7) % 4 === 3 ? undefined : [6.5, 7.25, 5][(i * 7) % 4],
    mmlu: (i * 11) % 5 === 4 ? undefined : [45.5, 62, 50, 62][(i * 11) % 5],
  }));
  const { status, body } = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items } });
  expect(status, JSON.stringify(body).slice(0, 500)).toBe(201);
  return body.items as Run[];
}

/** NULLs last whichever the direction; equal values by id, bytewise, in the same direction. */
function expectedOrder(runs: Run[], score: Score, order: "asc" | "desc"): string[] {
  const sign = order === "asc" ? 1 : -1;
  const byId = (a: Run, b: Run) => sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...runs]
    .sort((a, b) => {
      const [x, y] = [a[score], b[score]];
      if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
      return x === y ? byId(a, b) : sign * (x - y);
    })
    .map((run) => run.id);
}

async function listAll(score: Score, order: "asc" | "desc"): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: Run[]; nextCursor: string | null } } = await call(runsRoute.GET, {
      path: `/api/runs?tag=${TAG}&sort=${score}&order=${order}&limit=9${cursor ? `&cursor=${cursor}` : ""}`,
    });
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((run) => run.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

describe("GET /api/runs sorted by a score", () => {
  let created: Run[] = [];
  beforeAll(async () => {
    created = await createScoredRuns();
  });

  it.each([
    ["mtBench", "desc"],
    ["mtBench", "asc"],
    ["mmlu", "desc"],
    ["mmlu", "asc"],
  ] as const)("sort=%s&order=%s lists NULLs last and ties by id, page after page", async (score, order) => {
    expect(created).toHaveLength(60);
    expect(created.some((run) => run[score] === null)).toBe(true);
    expect(await listAll(score, order)).toEqual(expectedOrder(created, score, order));
  });

  // The ORDER BY listRuns sends (lib/server/runs/read-runs.ts) for the score sorts. With sorts and the other ways to
  // read the table priced out, a plan that still sorts means no index gives this order (a small test database would
  // otherwise be sorted whatever the indexes).
  it.runIf(onPostgres).each([
    ["mtBench", "DESC", "Run_list_mtBench_desc_idx"],
    ["mtBench", "ASC", "Run_list_mtBench_asc_idx"],
    ["mmlu", "DESC", "Run_list_mmlu_desc_idx"],
    ["mmlu", "ASC", "Run_list_mmlu_asc_idx"],
  ] as const)("on PostgreSQL, %s %s NULLS LAST then the id bytewise is read from %s, without a sort", async (score, direction, index) => {
    const plan = await prisma.$transaction(async (tx) => {
      for (const setting of ["enable_sort", "enable_incremental_sort", "enable_seqscan", "enable_bitmapscan"]) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT r.id FROM "Run" r WHERE r."deletedAt" IS NULL ORDER BY r."${score}" ${direction} NULLS LAST, r.id COLLATE "C" ${direction} LIMIT 51`,
      );
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text, text).toContain(`"${index}"`);
    expect(text).not.toMatch(/\bSort\b/);
  });
});
