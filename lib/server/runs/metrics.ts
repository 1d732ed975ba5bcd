import "server-only";
import { notFound } from "@/lib/api/errors";
import { prisma } from "@/lib/server/db/client";
import type { MetricPointsInput } from "@/lib/schemas/run";

export type MetricSeries = { key: string; points: { step: number; value: number; time: string }[] };

async function assertRunExists(runId: string) {
  if (!(await prisma.run.count({ where: { id: runId, deletedAt: null } }))) throw notFound("Run", runId);
}

/**
 * Adds points to a run's history. A point for a (key, step) that already exists replaces it, so re-sending a
 * log after a crash does not duplicate the curve. Runs in one transaction: all points or none.
 */
export async function appendMetricPoints(runId: string, points: MetricPointsInput["points"]): Promise<{ written: number }> {
  await assertRunExists(runId);
  // The last point wins when a request repeats a (key, step) pair.
  const unique = new Map(points.map((p) => [`${p.key}\u0000${p.step}`, p]));
  const rows = [...unique.values()];
  await prisma.$transaction(async (tx) => {
    for (const key of new Set(rows.map((p) => p.key))) {
      await tx.metricPoint.deleteMany({ where: { runId, key, step: { in: rows.filter((p) => p.key === key).map((p) => p.step) } } });
    }
    await tx.metricPoint.createMany({
      data: rows.map((p) => ({ runId, key: p.key, step: p.step, value: p.value, ...(p.time ? { time: new Date(p.time) } : {}) })),
    });
  });
  return { written: rows.length };
}

/** A run's metric history grouped by key, ordered by step. */
export async function listMetricSeries(runId: string, key?: string): Promise<MetricSeries[]> {
  await assertRunExists(runId);
  const points = await prisma.metricPoint.findMany({
    where: { runId, ...(key ? { key } : {}) },
    orderBy: [{ key: "asc" }, { step: "asc" }],
    select: { key: true, step: true, value: true, time: true },
  });
  const series = new Map<string, MetricSeries>();
  for (const p of points) {
    const entry = series.get(p.key) ?? { key: p.key, points: [] };
    entry.points.push({ step: p.step, value: p.value, time: p.time.toISOString() });
    series.set(p.key, entry);
  }
  return [...series.values()];
}
