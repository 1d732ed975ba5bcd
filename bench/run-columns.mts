// Times the runs table's column endpoints in-process against a benchmark database: GET /api/runs/columns (the keys
// the column chooser offers) beside the naive SQL it replaces (GROUP BY over every param row, DISTINCT over every
// metric point), and GET /api/runs's default page with and without five param, tag and metric columns.
//
//   npx tsx --conditions=react-server bench/run-columns.mts [path/to/bench.db] [--iterations=20] [--populate]
//
// --populate first gives every synthetic run (ids bench0…) 40 params (80 shared keys and 20 per framework, as
// Hugging Face's Trainer logs them), 5 key-value tags and 3-6 metric keys of 10 points each, in one transaction:
// run it on a copy, it writes into the file. Budgets (p50): keys 50 ms, a page with five extra columns 60 ms.
import os from "node:os";
import Database from "better-sqlite3";
import { benchDatabaseArgs } from "./support/bench-args";

const { args, file, iterations: ITERATIONS } = benchDatabaseArgs(20);
const WARM_UP = 3;
const METRIC_KEYS = ["train/loss", "eval/loss", "train/learning_rate", "train/grad_norm", "eval/accuracy", "train/epoch"];

if (args.includes("--populate")) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const ids = db.prepare(`SELECT id FROM "Run" WHERE id LIKE 'bench0%'`).pluck().all() as string[];
  const param = db.prepare(`INSERT OR IGNORE INTO "RunParam" (runId, key, value) VALUES (?, ?, ?)`);
  const tag = db.prepare(`INSERT OR IGNORE INTO "RunKeyTag" (runId, key, value) VALUES (?, ?, ?)`);
  const point = db.prepare(`INSERT OR IGNORE INTO "MetricPoint" (runId, key, step, value, time) VALUES (?, ?, ?, ?, '2024-01-01T00:00:00.000+00:00')`);
  const metricKey = db.prepare(`INSERT OR IGNORE INTO "RunMetricKey" (runId, key) VALUES (?, ?)`);
  const started = performance.now();
  db.transaction(() => {
    ids.forEach((id, n) => {
      for (let i = 0; i < 30; i += 1) param.run(id, `hf_param_${(n * 7 + i) % 80}`, String(((n * 31 + i) % 1000) / 1000));
      for (let i = 0; i < 10; i += 1) param.run(id, `fw${n % 4}_param_${i + (n % 10)}`, `v${n % 17}`);
      for (const key of ["mlflow.user", "mlflow.source.name", "git.commit", "mlflow.runName", "team"]) tag.run(id, key, `x${n % 50}`);
      for (const key of METRIC_KEYS.slice(0, 3 + (n % 4))) {
        metricKey.run(id, key);
        for (let step = 0; step < 10; step += 1) point.run(id, key, step * 10, 1 + ((n + step) % 13) / 10);
      }
    });
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  console.log(`populated ${ids.length.toLocaleString("en")} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// lib/env.ts reads DATABASE_URL when first imported, so it is set before any handler is loaded.
process.env.DATABASE_URL = `file:${file}`;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const columnsRoute = ((await import("../app/api/runs/columns/route")) as { GET: Handler }).GET;
const runsRoute = ((await import("../app/api/runs/route")) as { GET: Handler }).GET;
const raw = new Database(file, { readonly: true });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
async function time(run: () => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARM_UP; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}
async function get(handler: Handler, url: string): Promise<string> {
  const response = await handler(new Request(`http://localhost${url}`), { params: Promise.resolve({}) });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return body;
}

const counts = raw.prepare(`SELECT (SELECT count(*) FROM "Run") AS runs, (SELECT count(*) FROM "RunParam") AS params, (SELECT count(*) FROM "MetricPoint") AS points, (SELECT count(*) FROM "RunMetricKey") AS metricKeys`).get() as Record<string, number>;
console.log(`${file}\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; ${WARM_UP} warm-up + ${ITERATIONS} timed calls per case`);
console.log(`${counts.runs!.toLocaleString("en")} runs, ${counts.params!.toLocaleString("en")} params, ${counts.points!.toLocaleString("en")} metric points, ${counts.metricKeys!.toLocaleString("en")} (run, metric key) rows\n`);

const keys = JSON.parse(await get(columnsRoute, "/api/runs/columns")) as { params: { key: string }[]; tags: { key: string }[]; metrics: { key: string }[] };
const extra = [
  ...keys.params.slice(0, 2).map((entry) => `param:${entry.key}`),
  ...keys.tags.slice(0, 1).map((entry) => `tag:${entry.key}`),
  ...keys.metrics.slice(0, 1).flatMap((entry) => [`metric:${entry.key}:best`, `metric:${entry.key}`]),
];
const cases: { name: string; budget?: number; run: () => unknown }[] = [
  { name: `GET /api/runs/columns (${keys.params.length} param, ${keys.tags.length} tag, ${keys.metrics.length} metric keys)`, budget: 50, run: () => get(columnsRoute, "/api/runs/columns") },
  { name: "  naive SQL: SELECT key, count(*) FROM RunParam GROUP BY key", run: () => raw.prepare(`SELECT key, count(*) FROM "RunParam" GROUP BY key`).all() },
  { name: "  naive SQL: metric keys by DISTINCT (runId, key) over MetricPoint", run: () => raw.prepare(`SELECT key, count(*) FROM (SELECT DISTINCT runId, key FROM "MetricPoint") GROUP BY key`).all() },
  { name: "GET /api/runs (default page of 50)", run: () => get(runsRoute, "/api/runs") },
  { name: `GET /api/runs?columns=<${extra.length} extra: ${extra.join(", ")}>`, budget: 60, run: () => get(runsRoute, `/api/runs?columns=${encodeURIComponent(extra.join(","))}`) },
];

let failures = 0;
for (const entry of cases) {
  const { p50, p95 } = await time(entry.run);
  const miss = entry.budget !== undefined && p50 > entry.budget;
  if (miss) failures += 1;
  console.log(`${entry.name.padEnd(120)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms${entry.budget ? `  budget ${entry.budget} ms ${miss ? "MISSED" : "ok"}` : ""}`);
}
raw.close();
process.exit(failures ? 1 : 0);
