// The MLflow tracking API under load, against a real `next start` on a fresh migrated and seeded database.
//
//   npm run build                                         # or TUNEBOARD_DIST_DIR=<folder> with a build in it
//   npx tsx bench/mlflow.mts [--batches=40] [--seconds=60] [--port=3390]
//
// Prints:
// - POST /api/2.0/mlflow/runs/log-batch with 1,000 metrics (10 keys x 100 steps, as a Trainer flushing a window),
//   `batches` requests one after another on one run after 5 warm-up requests: p50 / p95 / max in ms;
// - 8 runs logging at once, each sending a log-batch of 5 metrics every 100 ms (a training loop's cadence) for
//   `seconds` seconds, then update-run FINISHED: requests sent, errors (any non-200 or connection failure) and the
//   latency p50 / p99 / max.
// Targets (issue 10): log-batch of 1,000 metrics p50 < 50 ms; 8 runs every 100 ms for a minute with 0 errors.
// Exits with 1 when one is missed.
import { type ChildProcess, execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { startNextServer } from "./support/next-server";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const BATCHES = option("batches", 40);
const SECONDS = option("seconds", 60);
const PORT = option("port", 3390);
const WRITERS = 8;
const INTERVAL_MS = 100;
const distDir = process.env.TUNEBOARD_DIST_DIR ?? ".next";
const BASE = `http://127.0.0.1:${PORT}`;
const file = path.resolve("bench/.data/mlflow.db");

if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  console.error(`no build in ${distDir}: run npm run build (or set TUNEBOARD_DIST_DIR to a folder holding one)`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------ a fresh database
mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-leases"]) rmSync(file + suffix, { force: true, recursive: true }); // -leases is a folder
const dbEnv = { ...process.env, DATABASE_URL: `file:${file}` };
const tsx = path.resolve("node_modules/.bin/tsx");
execFileSync(tsx, ["--conditions=react-server", "scripts/db-migrate.mts"], { env: dbEnv, stdio: "pipe" });
execFileSync(tsx, ["--conditions=react-server", "scripts/db-seed.mts"], { env: dbEnv, stdio: "pipe" });
const iso = (date = new Date()) => date.toISOString().replace("Z", "+00:00"); // how Prisma stores DateTime in SQLite
const token = `tb_${randomBytes(32).toString("base64url")}`;
{
  // A member with an API token, written straight into the file: what MLFLOW_TRACKING_TOKEN would carry.
  const db = new Database(file);
  db.prepare(`INSERT INTO "User" ("id", "username", "name", "role", "passwordHash", "createdAt") VALUES (?, ?, ?, 'member', 'none', ?)`).run("bench-mlflow-user", "bench-mlflow", "Bench MLflow", iso());
  db.prepare(`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix", "createdAt") VALUES (?, ?, 'bench', ?, ?, ?)`).run(
    "bench-mlflow-token", "bench-mlflow-user", createHash("sha256").update(token).digest("hex"), token.slice(0, 8), iso(),
  );
  db.close();
}

// ------------------------------------------------------------------------------------------ the server
let server: ChildProcess | undefined;

const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
const errors: string[] = [];

/** POSTs a body already serialised, so the client's own JSON work is not timed; returns the parsed answer and ms. */
async function post(route: string, body: string): Promise<{ ms: number; json: Record<string, unknown> | null }> {
  const started = performance.now();
  try {
    const response = await fetch(`${BASE}/api/2.0/mlflow/${route}`, { method: "POST", headers, body });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) {
      errors.push(`${route} answered ${response.status}: ${text.slice(0, 200)}`);
      return { ms, json: null };
    }
    return { ms, json: JSON.parse(text) as Record<string, unknown> };
  } catch (error) {
    errors.push(`${route}: ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`);
    return { ms: performance.now() - started, json: null };
  }
}

async function createRun(name: string): Promise<string> {
  const { json } = await post("runs/create", JSON.stringify({ experiment_id: "0", run_name: name, start_time: Date.now() }));
  const runId = (json?.run as { info?: { run_id?: string } } | undefined)?.info?.run_id;
  if (!runId) throw new Error(`runs/create failed: ${errors.at(-1)}`);
  return runId;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

let missed = false;
try {
  server = await startNextServer({ port: PORT, databaseFile: file, distDir });
  console.log(`server up on ${BASE} (build ${distDir}), ${os.cpus().length} CPUs`);

  // ---------------------------------------------------------------------------------------- log-batch of 1,000
  const runId = await createRun("bench log-batch");
  const KEYS = Array.from({ length: 10 }, (_, i) => `train/metric_${i}`);
  const batchBody = (batch: number) =>
    JSON.stringify({
      run_id: runId,
      metrics: Array.from({ length: 1000 }, (_, i) => {
        const step = batch * 100 + Math.floor(i / KEYS.length);
        return { key: KEYS[i % KEYS.length], value: 2 / (1 + step / 100), timestamp: Date.now(), step };
      }),
    });
  const WARM_UP = 5;
  const bodies = Array.from({ length: WARM_UP + BATCHES }, (_, batch) => batchBody(batch));
  for (const body of bodies.slice(0, WARM_UP)) await post("runs/log-batch", body);
  const latencies: number[] = [];
  for (const body of bodies.slice(WARM_UP)) latencies.push((await post("runs/log-batch", body)).ms);
  const p50 = quantile(latencies, 0.5);
  console.log(`log-batch, 1,000 metrics x ${BATCHES}: p50 ${ms(p50)}, p95 ${ms(quantile(latencies, 0.95))}, max ${ms(Math.max(...latencies))} (target p50 < 50 ms)`);
  if (!(p50 < 50)) missed = true;

  // ---------------------------------------------------------------------------------------- 8 live runs
  const errorsBefore = errors.length;
  const runIds = await Promise.all(Array.from({ length: WRITERS }, (_, i) => createRun(`bench live ${i}`)));
  const liveLatencies: number[] = [];
  const endAt = Date.now() + SECONDS * 1000;
  await Promise.all(
    runIds.map(async (id) => {
      for (let step = 0; Date.now() < endAt; step += 1) {
        const tickStarted = Date.now();
        const body = JSON.stringify({
          run_id: id,
          metrics: ["loss", "learning_rate", "grad_norm", "epoch", "memory/max_active (GiB)"].map((key) => ({ key, value: key === "loss" ? 2 / (1 + step / 50) : step / 100, timestamp: Date.now(), step })),
        });
        liveLatencies.push((await post("runs/log-batch", body)).ms);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, INTERVAL_MS - (Date.now() - tickStarted))));
      }
      await post("runs/update", JSON.stringify({ run_id: id, status: "FINISHED", end_time: Date.now() }));
    }),
  );
  const liveErrors = errors.length - errorsBefore;
  console.log(
    `${WRITERS} runs logging every ${INTERVAL_MS} ms for ${SECONDS} s: ${liveLatencies.length} log-batch requests, ${liveErrors} errors; ` +
      `latency p50 ${ms(quantile(liveLatencies, 0.5))}, p99 ${ms(quantile(liveLatencies, 0.99))}, max ${ms(Math.max(...liveLatencies))} (target 0 errors)`,
  );
  if (liveErrors > 0) missed = true;
  for (const error of errors.slice(0, 10)) console.log(`  error: ${error}`);
} finally {
  server?.kill("SIGTERM");
}
process.exit(missed ? 1 : 0);
