// The run page's curves right after a long import (issue 12): the first downsampled read of four 100,000-point
// series (what app/runs/[id] renders and GET /api/runs/{id}/metrics?maxPoints=800 answers: each series read once,
// summarised with LTTB and stored), the reads after it (from the stored summaries), and the metric summary table's
// GET /api/runs/{id}/metrics/summary, each beside its raw-SQL reference: the same points read by the engine's own
// driver without Prisma (SQLite: better-sqlite3's .all(); PostgreSQL: pg's query), in step order.
//
//   npm run bench:run-page-curves -- [path/to/bench.db | postgresql://user:pass@host:5432/db] [--iterations=5] [--points=100000]
//
// Writes 4 × `points` points to the first live run that has logged no metric, under keys bench-curves/…, and removes
// them (points, summaries, key rows) at the end, so the database is left as it was. Each iteration drops the
// summaries first, so every "first read" is a cold one, as after an import. In-process, as the API tests call it.
import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const args = process.argv.slice(2);
const target = args.find((arg) => !arg.startsWith("--")) ?? "bench/.data/bench.db";
const option = (name: string, fallback: number) => Number(args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const ITERATIONS = option("iterations", 5);
const POINTS = option("points", 100_000);
const onPostgres = /^postgres(ql)?:\/\//.test(target);
const file = onPostgres ? "" : path.resolve(target);
if (!onPostgres && !existsSync(file)) {
  console.error(`${file} does not exist: build it with npm run bench:generate, or name a postgresql:// database`);
  process.exit(2);
}
// lib/env.ts reads DATABASE_URL when first imported, so it is set before anything that reads it is loaded.
process.env.DATABASE_URL = onPostgres ? target : `file:${file}`;

const { prisma } = await import("../lib/server/db/client");
const { appendMetricPoints, listMetricSeries } = await import("../lib/server/runs/metrics");
const { summarizeRunMetrics } = await import("../lib/server/runs/metric-summary");
const { RUN_CHART_MAX_POINTS } = await import("../lib/schemas/run");

const KEYS = ["bench-curves/epoch", "bench-curves/grad_norm", "bench-curves/learning_rate", "bench-curves/loss"];
const run = await prisma.run.findFirst({ where: { deletedAt: null, metricKeys: { none: {} } }, orderBy: { id: "asc" }, select: { id: true } });
if (!run) throw new Error("no live run without metrics to write the bench's points to");
const runId = run.id;

/**
 * The same 4 series read raw, in step order, by the engine's own driver on a connection opened once: the floor under
 * any way of reading them.
 */
async function openRawReader(): Promise<{ read: () => Promise<number>; close: () => Promise<void> }> {
  const sql = `SELECT "step", "value" FROM "MetricPoint" WHERE "runId" = $1 AND "key" = $2 ORDER BY "step"`;
  if (onPostgres) {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    return {
      read: async () => {
        let rows = 0;
        for (const key of KEYS) rows += (await client.query(sql, [runId, key])).rowCount ?? 0;
        return rows;
      },
      close: () => client.end(),
    };
  }
  const db = new Database(file, { readonly: true });
  const statement = db.prepare(sql.replace("$1", "?").replace("$2", "?"));
  return {
    read: async () => {
      let rows = 0;
      for (const key of KEYS) rows += statement.all(runId, key).length;
      return rows;
    },
    close: async () => void db.close(),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

const removePoints = async () => {
  await prisma.metricPoint.deleteMany({ where: { runId, key: { in: KEYS } } });
  await prisma.metricSummary.deleteMany({ where: { runId, key: { in: KEYS } } });
  await prisma.runMetricKey.deleteMany({ where: { runId, key: { in: KEYS } } });
};

try {
  const write = await timed(async () => {
    for (let start = 1; start <= POINTS; start += 5_000) {
      const points = [];
      for (let step = start; step < Math.min(POINTS + 1, start + 5_000); step += 1) {
        for (const key of KEYS) points.push({ key, step, value: key.endsWith("loss") ? 2.2 * Math.exp(-step / POINTS) + ((step * 104729) % 997) / 9970 : ((step * 7919) % 1000) / 1000 });
      }
      await appendMetricPoints(runId, points);
    }
  });
  console.log(`${onPostgres ? "PostgreSQL" : "SQLite"}: ${KEYS.length} × ${POINTS.toLocaleString("en")} points written to run ${runId} in ${(write.ms / 1000).toFixed(1)} s; ${ITERATIONS} iterations`);
  const raw = await openRawReader();
  const cases = { cold: [] as number[], warm: [] as number[], summary: [] as number[], raw: [] as number[] };
  for (let i = 0; i < ITERATIONS; i += 1) {
    await prisma.metricSummary.deleteMany({ where: { runId, key: { in: KEYS } } });
    const cold = await timed(() => listMetricSeries(runId, { maxPoints: RUN_CHART_MAX_POINTS }));
    const totals = cold.result.series.map((series) => series.totalPoints);
    if (totals.length !== KEYS.length || totals.some((total) => total !== POINTS)) throw new Error(`unexpected series: ${JSON.stringify(totals)}`);
    cases.cold.push(cold.ms);
    cases.warm.push((await timed(() => listMetricSeries(runId, { maxPoints: RUN_CHART_MAX_POINTS }))).ms);
    cases.summary.push((await timed(() => summarizeRunMetrics(runId))).ms);
    const reference = await timed(raw.read);
    if (reference.result !== KEYS.length * POINTS) throw new Error(`raw read found ${reference.result} points`);
    cases.raw.push(reference.ms);
  }
  await raw.close();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rawMs = median(cases.raw);
  const row = (name: string, values: number[]) => `| ${name} | ${median(values).toFixed(0)} ms | ${rawMs.toFixed(0)} ms | ${(median(values) / rawMs).toFixed(2)}x |`;
  console.log(`| case (median) | time | raw SQL read of the ${(KEYS.length * POINTS).toLocaleString("en")} points | ratio |`);
  console.log("|---|---|---|---|");
  console.log(row("first downsampled read (builds the 4 summaries)", cases.cold));
  console.log(row("later downsampled read (from the summaries)", cases.warm));
  console.log(row("metric summary table (count, first, last, min, max)", cases.summary));
} finally {
  await removePoints();
  await prisma.$disconnect();
}
