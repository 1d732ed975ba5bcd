import "server-only";
import { notFound } from "@/lib/api/errors";
import { lttbIndices } from "@/lib/compare/downsample";
import type { LossCurvesResponse, lossCurvesQuerySchema } from "@/lib/schemas/compare";
import type { Method } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import type { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

type LossCurvesQuery = z.output<typeof lossCurvesQuerySchema>;

/**
 * One metric's history per run, downsampled on the server with Largest-Triangle-Three-Buckets to at most
 * maxPoints (first and last points kept), so a 100,000-step curve ships as the 800 points a chart can show.
 */
export async function getLossCurves(query: LossCurvesQuery): Promise<LossCurvesResponse> {
  const runs = await prisma.run.findMany({ where: { id: { in: query.runIds }, deletedAt: null }, select: { id: true, name: true, method: true } });
  const byId = new Map(runs.map((run) => [run.id, run]));
  const missing = query.runIds.find((id) => !byId.has(id));
  if (missing) throw notFound("Run", missing);
  const series = await Promise.all(
    query.runIds.map(async (runId) => {
      const run = byId.get(runId)!;
      const { steps, values } = await loadSeries(runId, query.key);
      const points = lttbIndices(steps, values, query.maxPoints).map((i) => ({ step: steps[i]!, value: values[i]! }));
      return { runId, runName: run.name, method: run.method as Method, totalPoints: steps.length, points };
    }),
  );
  return { key: query.key, series };
}

/**
 * One series' (step, value) pairs by step, read from the covering MetricPoint_series_idx alone. SQLite packs them
 * into two JSON arrays: one string crosses to JavaScript instead of 100,000 row objects, about 5x faster here.
 */
async function loadSeries(runId: string, key: string): Promise<{ steps: number[]; values: number[] }> {
  const [row] = await prisma.$queryRaw<{ steps: string; values: string }[]>(Prisma.sql`
    SELECT json_group_array(step) AS steps, json_group_array(value) AS "values"
    FROM (SELECT step, value FROM "MetricPoint" INDEXED BY "MetricPoint_series_idx" WHERE runId = ${runId} AND key = ${key} ORDER BY step)`);
  return { steps: JSON.parse(row?.steps ?? "[]") as number[], values: JSON.parse(row?.values ?? "[]") as number[] };
}
