import "server-only";
import { notFound } from "@/lib/api/errors";
import type { LossCurvesResponse, lossCurvesQuerySchema } from "@/lib/schemas/compare";
import type { Method } from "@/lib/schemas/run";
import { prisma } from "@/lib/server/db/client";
import { loadDownsampledSeries } from "@/lib/server/runs/metrics";
import type { z } from "zod";

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
      const { totalPoints, points } = await loadDownsampledSeries(runId, query.key, query.maxPoints);
      return { runId, runName: run.name, method: run.method as Method, totalPoints, points };
    }),
  );
  return { key: query.key, series };
}
