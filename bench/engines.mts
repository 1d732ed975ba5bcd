// SQLite against PostgreSQL (issue 12), side by side in one run: the runs list, the chart endpoints and metric ingest
// on the same 100,000 runs in both engines.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts          # once: builds bench/.data/bench.db
//   npm run bench:engines -- [path/to/bench.db] [--postgres=<server url>] [--twin=tuneboard_bench] [--refresh]
//                            [--iterations=20] [--batches=20]
//
// How it measures: in-process route handler calls, as bench/runs-list.mts and bench/compare-endpoints.mts time
// them (a time covers the handler and reading its response body: query, aggregation, JSON; no HTTP), one child
// process per engine (bench/support/engine-worker.mts; the Prisma client reads DATABASE_URL when first imported).
// The parent asks one engine, waits for its answer, then the other, and swaps which goes first on every iteration, so
// only one engine works at a time and a busy machine slows both alike. p50/p95 per case and engine, the ratio of the
// p50s (PostgreSQL / SQLite), and whether both gave the same answer (runs list: the page's ids and the total;
// charts: the whole body).
//
// The PostgreSQL twin: a database `--twin` (tuneboard_bench) on the server `--postgres` names (default
// TEST_POSTGRES_URL), filled from the SQLite file by `npm run db:copy` and then VACUUM ANALYZEd (what a restore is
// followed by), made once and reused while its run count matches the file's; --refresh makes it again. Neither bench
// database is changed: both workers run on scratch copies made for the run (a SQLite backup of the file, a
// PostgreSQL CREATE DATABASE ... TEMPLATE of the twin), dropped at the end; the SQLite copy is migrated to the
// current schema first (the twin is copied from it). Reads are timed first, then ingest:
// POST /api/runs/{id}/metrics with 5,000 new points a batch, into one new run per engine, batches interleaved as above.
// Exits with 1 when a request fails (any answer other than 200/201) or the engines' answers differ.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { postgresUrlFor, withPostgres } from "../lib/server/db/postgres-admin";
import { benchDatabaseArgs } from "./support/bench-args";

const { args, file, iterations: ITERATIONS } = benchDatabaseArgs(20);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SERVER_URL = option("postgres") ?? process.env.TEST_POSTGRES_URL;
const TWIN = option("twin") ?? "tuneboard_bench";
const BATCHES = Number(option("batches") ?? 20);
const REFRESH = args.includes("--refresh");
const WARM_UP = 3;
const POINTS_PER_BATCH = 5_000;
if (!SERVER_URL) {
  console.error("name a PostgreSQL server: --postgres=postgresql://user:pass@127.0.0.1:5432/postgres or TEST_POSTGRES_URL (its role must be allowed to create databases)");
  process.exit(2);
}
if (!/^[a-z0-9_]+$/.test(TWIN)) throw new Error(`--twin must be [a-z0-9_]+, got ${TWIN}`);
const SCRATCH = `${TWIN}_scratch`;

/** The server URL with another database. */
const databaseUrl = (database: string) => postgresUrlFor(SERVER_URL, database);
const onDatabase = withPostgres;
const onServer = <T,>(work: (client: pg.Client) => Promise<T>) => onDatabase(SERVER_URL, work);
const runCountOf = (url: string) => onDatabase(url, async (client) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Run"`)).rows[0]!.n));
const twinExists = () => onServer(async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [TWIN])).rowCount === 1);

// ------------------------------------------------------------------------------------------ the twin
const sqliteRuns = (() => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "Run"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
})();
// ------------------------------------------------------------------------------------------ scratch copies
const scratchFile = path.resolve(path.dirname(file), "engines-scratch.db");
const removeScratchFile = () => {
  for (const suffix of ["", "-wal", "-shm", "-leases"]) rmSync(scratchFile + suffix, { force: true, recursive: true }); // -leases is a folder
};
removeScratchFile();
{
  const from = new Database(file, { readonly: true });
  await from.backup(scratchFile);
  from.close();
}
// The bench file may predate the newest migrations (the app needs them, and db:copy refuses two different schemas):
// the scratch copy is brought up to date, and both engines run, and the twin is copied from, the same schema.
execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/db-migrate.mts"], { env: { ...process.env, DATABASE_URL: `file:${scratchFile}` }, stdio: "pipe" });
const twinUrl = databaseUrl(TWIN);
let twinRuns = !REFRESH && (await twinExists()) ? await runCountOf(twinUrl).catch(() => -1) : -1;
if (twinRuns === sqliteRuns) {
  console.log(`PostgreSQL twin ${TWIN}: ${twinRuns.toLocaleString("en-US")} runs, as the file has: reused (--refresh makes it again)`);
  // Migrations that landed since it was made are applied to it, as a deploy applies them to a team's server.
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/db-migrate.mts"], { env: { ...process.env, DATABASE_URL: twinUrl }, stdio: "pipe" });
} else {
  console.log(`PostgreSQL twin ${TWIN}: ${twinRuns < 0 ? "missing" : `${twinRuns.toLocaleString("en-US")} runs, the file has ${sqliteRuns.toLocaleString("en-US")}`}; copying the file with npm run db:copy ...`);
  await onServer(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${SCRATCH}" WITH (FORCE)`); // made from the twin: it would keep the old copy's rows
    await client.query(`DROP DATABASE IF EXISTS "${TWIN}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TWIN}"`);
  });
  const started = performance.now();
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/db-copy.mts", `file:${scratchFile}`, twinUrl], { stdio: ["ignore", "inherit", "inherit"] });
  // A copied database has no planner statistics until autovacuum gets to it; a restore is followed by ANALYZE.
  await onDatabase(twinUrl, (client) => client.query("VACUUM ANALYZE"));
  twinRuns = await runCountOf(twinUrl);
  console.log(`copied in ${((performance.now() - started) / 1000).toFixed(0)} s (with VACUUM ANALYZE): ${twinRuns.toLocaleString("en-US")} runs`);
  if (twinRuns !== sqliteRuns) throw new Error(`the twin has ${twinRuns} runs, the file ${sqliteRuns}`);
}

await onServer(async (client) => {
  await client.query(`DROP DATABASE IF EXISTS "${SCRATCH}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${SCRATCH}" TEMPLATE "${TWIN}"`);
});
const postgresVersion = await onDatabase(databaseUrl(SCRATCH), async (client) => (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version);

// ------------------------------------------------------------------------------------------ the workers
type Answer = { id: number; ms: number; status: number; bytes: number; answer: string; shown?: string; error?: string; runId?: string };
type Engine = { name: "SQLite" | "PostgreSQL"; child: ChildProcess; call: (message: Record<string, unknown>) => Promise<Answer> };

function startWorker(name: Engine["name"], url: string): Promise<Engine> {
  const child = fork(path.resolve("bench/support/engine-worker.mts"), [], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (answer: Answer) => void>();
  let next = 0;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      reject(new Error(`the ${name} worker exited with ${code}`));
      // A worker that dies mid-run answers what it was asked with a failure instead of leaving the bench waiting.
      for (const [id, done] of pending) done({ id, ms: 0, status: 0, bytes: 0, answer: "", error: `the ${name} worker exited with ${code}` });
      pending.clear();
    });
    child.on("message", (message: Answer & { ready?: boolean; runs?: number }) => {
      if (message.ready) {
        if (message.runs !== sqliteRuns) reject(new Error(`the ${name} worker sees ${message.runs} runs, the file has ${sqliteRuns}`));
        resolve({
          name,
          child,
          call: (request) =>
            new Promise((done) => {
              const id = (next += 1);
              pending.set(id, done);
              child.send({ ...request, id });
            }),
        });
        return;
      }
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  });
}

const engines: Engine[] = [];
let failures = 0;
let differences = 0;
try {
  engines.push(await startWorker("SQLite", `file:${scratchFile}`), await startWorker("PostgreSQL", databaseUrl(SCRATCH)));
  const [sqlite, postgres] = engines as [Engine, Engine];
  /** Both engines once, the order swapped on odd turns. */
  const both = async (turn: number, request: (engine: Engine) => Record<string, unknown>): Promise<[Answer, Answer]> => {
    if (turn % 2 === 0) {
      const a = await sqlite.call(request(sqlite));
      return [a, await postgres.call(request(postgres))];
    }
    const b = await postgres.call(request(postgres));
    return [await sqlite.call(request(sqlite)), b];
  };
  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  };
  const errorsSeen: string[] = [];
  const differing: string[] = [];
  const okStatus = (engine: Engine, answer: Answer) => {
    if (answer.status === 200 || answer.status === 201) return true;
    errorsSeen.push(`${engine.name}, HTTP ${answer.status}: ${(answer.error ?? "").split("\n")[0]}`);
    return false;
  };

  console.log(
    `\n${file}: ${sqliteRuns.toLocaleString("en-US")} runs, SQLite (better-sqlite3) against PostgreSQL ${postgresVersion} (${TWIN}, same host)\n` +
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; in-process handlers, one worker process per engine, ` +
      `${WARM_UP} warm-up + ${ITERATIONS} timed calls per case and engine, interleaved\n`,
  );
  const header = ["case", "query", "SQLite p50", "SQLite p95", "PG p50", "PG p95", "PG/SQLite", "same answer"];
  const rows: string[][] = [];
  const cases: { group: string; url: string }[] = [
    { group: "runs list", url: "/api/runs" },
    { group: "runs list", url: "/api/runs?method=lora" },
    { group: "runs list", url: "/api/runs?sort=mtBench" },
    { group: "runs list", url: "/api/runs?q=llama" },
    ...["quality-memory", "throughput-by-hardware", "rank-quality", "memory-by-size"].flatMap((name) => [
      { group: "chart", url: `/api/compare/${name}` },
      { group: "chart", url: `/api/compare/${name}?method=lora` },
    ]),
  ];
  for (const { group, url } of cases) {
    for (let i = 0; i < WARM_UP; i += 1) await both(i, () => ({ method: "GET", url }));
    const times: [number[], number[]] = [[], []];
    let ok = true;
    let same = true;
    for (let i = 0; i < ITERATIONS; i += 1) {
      const [a, b] = await both(i, () => ({ method: "GET", url }));
      ok = [okStatus(sqlite, a), okStatus(postgres, b)].every(Boolean) && ok;
      if (same && a.answer !== b.answer && a.status === 200 && b.status === 200) differing.push(`${url}\n    SQLite:     ${a.shown}\n    PostgreSQL: ${b.shown}`);
      same = same && a.answer === b.answer;
      times[0].push(a.ms);
      times[1].push(b.ms);
    }
    if (!ok) failures += 1;
    if (ok && !same) differences += 1;
    const [s50, p50] = [percentile(times[0], 50), percentile(times[1], 50)];
    rows.push([
      group,
      url.replace(/^\/api\//, ""),
      s50.toFixed(1),
      percentile(times[0], 95).toFixed(1),
      p50.toFixed(1),
      percentile(times[1], 95).toFixed(1),
      `${(p50 / s50).toFixed(2)}×`,
      ok ? (same ? "yes" : "DIFFERS") : "FAILED",
    ]);
    console.log(rows.at(-1)!.join("  "));
  }

  // Metric ingest: one new run per engine, 5,000 new points a batch (steps never repeat), batches interleaved.
  const [setupA, setupB] = [await sqlite.call({ setup: "writer" }), await postgres.call({ setup: "writer" })];
  for (const [engine, setup] of [[sqlite, setupA], [postgres, setupB]] as const) {
    if (!setup.runId) errorsSeen.push(`${engine.name}: creating the ingest run failed: ${(setup.error ?? "").split("\n")[0]}`);
  }
  const runIds = new Map([[sqlite, setupA.runId ?? "missing"], [postgres, setupB.runId ?? "missing"]]);
  const body = (key: string, batch: number) =>
    JSON.stringify({ points: Array.from({ length: POINTS_PER_BATCH }, (_, i) => ({ key, step: batch * POINTS_PER_BATCH + i, value: 2 / (1 + (batch * POINTS_PER_BATCH + i) / 1000) })) });
  const ingest = (engine: Engine, key: string, batch: number) => ({ method: "POST", url: `/api/runs/${runIds.get(engine)}/metrics`, body: body(key, batch) });
  for (let i = 0; i < WARM_UP; i += 1) await both(i, (engine) => ingest(engine, "bench/warm", i));
  const batchTimes: [number[], number[]] = [[], []];
  let ingestOk = true;
  for (let i = 0; i < BATCHES; i += 1) {
    const [a, b] = await both(i, (engine) => ingest(engine, "bench/loss", i));
    ingestOk = [okStatus(sqlite, a), okStatus(postgres, b)].every(Boolean) && ingestOk;
    batchTimes[0].push(a.ms);
    batchTimes[1].push(b.ms);
  }
  if (!ingestOk) failures += 1;
  const rate = (times: number[]) => (times.length * POINTS_PER_BATCH) / (times.reduce((sum, t) => sum + t, 0) / 1000);
  const [rateA, rateB] = [rate(batchTimes[0]), rate(batchTimes[1])];
  const thousands = (value: number) => Math.round(value).toLocaleString("en-US");
  rows.push(
    ["ingest", `runs/{id}/metrics, 5,000 points/batch, ms`, ...[batchTimes[0], batchTimes[1]].flatMap((t) => [percentile(t, 50).toFixed(1), percentile(t, 95).toFixed(1)]), `${(percentile(batchTimes[1], 50) / percentile(batchTimes[0], 50)).toFixed(2)}×`, ingestOk ? "" : "FAILED"],
    ["ingest", `points/s over ${BATCHES} batches`, thousands(rateA), "", thousands(rateB), "", `${(rateB / rateA).toFixed(2)}×`, ""],
  );
  console.log(rows.at(-2)!.join("  "));
  console.log(rows.at(-1)!.join("  "));

  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i >= 2 && i <= 6 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}\n${rows.map(line).join("\n")}`);
  console.log("\nTimes in ms. PG/SQLite: the ratio of the p50s (points/s for ingest: PostgreSQL's rate over SQLite's; above 1 is faster).");
  if (errorsSeen.length) console.log(`\nfailed requests (${errorsSeen.length}), each distinct one once:\n- ${[...new Set(errorsSeen)].slice(0, 12).join("\n- ")}`);
  if (differing.length) console.log(`\nanswers that differ:\n- ${differing.join("\n- ")}`);
  console.log(
    failures === 0 && differences === 0
      ? "\nEvery request answered, and both engines gave the same answers."
      : `\n${failures} case(s) with failed requests, ${differences} case(s) where the engines' answers differ`,
  );
} finally {
  for (const engine of engines) engine.child.kill("SIGTERM");
  await Promise.all(engines.map((engine) => new Promise((resolve) => (engine.child.exitCode === null ? engine.child.once("exit", resolve) : resolve(null)))));
  removeScratchFile();
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${SCRATCH}" WITH (FORCE)`));
}
process.exit(failures === 0 && differences === 0 ? 0 : 1);
