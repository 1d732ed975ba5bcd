// A team server under concurrent writes (issue 12): two app instances on one PostgreSQL database, 8 writers at once,
// then a count in the database of everything a writer was told was written.
//
//   TUNEBOARD_DIST_DIR=.next-G npx next build                        # a production build (or npm run build: .next)
//   npm run bench:team-writers -- [--postgres=<server url>] [--engines=postgresql,sqlite] [--rounds=25] [--port=3530]
//
// For each engine: a fresh database, migrated and seeded as `npm start` does it (PostgreSQL: the database
// tuneboard_team_writers on the server --postgres or TEST_POSTGRES_URL names, dropped at the end; SQLite:
// bench/.data/team-writers.db), a member with an API token, and `next start` on it: two instances on PostgreSQL
// (ports --port and --port+1), one on SQLite (--port+2; a SQLite file is one machine's, so one instance is its
// deployment; it is the reference). Then 8 writers at once, each sending its requests to the instances in turn
// (writer w's k-th request goes to instance (w + k) mod 2), each round:
//   POST /api/runs (one run), POST /api/runs/batch (10 runs), POST /api/runs/{id}/metrics (200 points into the
//   round's run), POST /api/runs/{shared}/metrics (100 points into one run all 8 writers log into, a key each),
//   POST /api/2.0/mlflow/runs/log-batch (50 metrics into the writer's MLflow run);
// and once per writer MLflow runs/create before and runs/update after. With the servers stopped, it counts in the
// database: every run a writer got a 2xx for is there exactly once (by its externalId, with the id it was given),
// and every metric point it got a 2xx for is there (count and sum of steps per run and key). An error is any answer
// other than 2xx, any connection failure, and any "Unhandled API error" an instance logged.
// Prints "0 lost, 0 errors" per engine, or the counts, and exits with 1 on any loss or error.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { postgresUrlFor, withPostgres } from "../lib/server/db/postgres-admin";
import { type AppInstance, startAppInstance } from "./support/app-instance";

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SERVER_URL = option("postgres") ?? process.env.TEST_POSTGRES_URL;
const ENGINES = (option("engines") ?? "postgresql,sqlite").split(",");
const ROUNDS = Number(option("rounds") ?? 25);
const PORT = Number(option("port") ?? 3530);
const WRITERS = 8;
const BATCH_RUNS = 10;
const RUN_POINTS = 200;
const SHARED_POINTS = 100;
const MLFLOW_METRICS = 50;
const DATABASE = "tuneboard_team_writers";
const distDir = process.env.TUNEBOARD_DIST_DIR ?? ".next";

if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  console.error(`no build in ${distDir}: run npm run build (or set TUNEBOARD_DIST_DIR to a folder holding one)`);
  process.exit(2);
}
if (ENGINES.includes("postgresql") && !SERVER_URL) {
  console.error("name a PostgreSQL server: --postgres=postgresql://user:pass@127.0.0.1:5432/postgres or TEST_POSTGRES_URL (its role must be allowed to create databases)");
  process.exit(2);
}

// ------------------------------------------------------------------------------------------ databases
/** A query on the engine's database, read the same way on both: rows of plain values, counts as numbers. */
type Reader = (sql: string) => Promise<Record<string, unknown>[]>;
type Target = { engine: "PostgreSQL" | "SQLite"; url: string; instances: number; read: Reader; insertToken: (token: string) => Promise<void>; drop: () => Promise<void>; version: string };

const onPostgres = withPostgres;

function migrateAndSeed(url: string): void {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const env = { ...process.env, DATABASE_URL: url };
  for (const script of ["scripts/db-migrate.mts", "scripts/db-seed.mts"]) {
    try {
      execFileSync(tsx, ["--conditions=react-server", script], { env, stdio: "pipe" });
    } catch (error) {
      throw new Error(`${script} failed: ${String((error as { stderr?: Buffer }).stderr ?? error).slice(0, 2000)}`, { cause: error });
    }
  }
}

async function postgresTarget(): Promise<Target> {
  const databaseUrl = postgresUrlFor(SERVER_URL!, DATABASE);
  await onPostgres(SERVER_URL!, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${DATABASE}"`);
  });
  migrateAndSeed(databaseUrl);
  const version = await onPostgres(databaseUrl, async (client) => (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version);
  return {
    engine: "PostgreSQL",
    url: databaseUrl,
    instances: 2,
    version: `PostgreSQL ${version}`,
    read: (sql) => onPostgres(databaseUrl, async (client) => (await client.query(sql)).rows as Record<string, unknown>[]),
    insertToken: (token) =>
      onPostgres(databaseUrl, async (client) => {
        await client.query(`INSERT INTO "User" ("id", "username", "name", "role", "passwordHash", "createdAt") VALUES ('bench-team-user', 'bench-team', 'Bench team', 'member', 'none', now())`);
        await client.query(`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix", "createdAt") VALUES ('bench-team-token', 'bench-team-user', 'bench', $1, $2, now())`, [
          createHash("sha256").update(token).digest("hex"),
          token.slice(0, 8),
        ]);
      }),
    drop: () => onPostgres(SERVER_URL!, async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`))),
  };
}

async function sqliteTarget(): Promise<Target> {
  const file = path.resolve("bench/.data/team-writers.db");
  mkdirSync(path.dirname(file), { recursive: true });
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm", "-leases"]) rmSync(file + suffix, { force: true, recursive: true }); // -leases is a folder
  };
  remove();
  migrateAndSeed(`file:${file}`);
  const iso = () => new Date().toISOString().replace("Z", "+00:00"); // how Prisma stores DateTime in SQLite
  return {
    engine: "SQLite",
    url: `file:${file}`,
    instances: 1,
    version: `SQLite ${new Database(":memory:").prepare("SELECT sqlite_version() AS v").pluck().get() as string}`,
    read: async (sql) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    insertToken: async (token) => {
      const db = new Database(file);
      try {
        db.prepare(`INSERT INTO "User" ("id", "username", "name", "role", "passwordHash", "createdAt") VALUES ('bench-team-user', 'bench-team', 'Bench team', 'member', 'none', ?)`).run(iso());
        db.prepare(`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix", "createdAt") VALUES ('bench-team-token', 'bench-team-user', 'bench', ?, ?, ?)`).run(
          createHash("sha256").update(token).digest("hex"),
          token.slice(0, 8),
          iso(),
        );
      } finally {
        db.close();
      }
    },
    drop: async () => remove(),
  };
}

// ------------------------------------------------------------------------------------------ the writers
type Kind = "run" | "batch" | "metrics" | "shared metrics" | "mlflow create" | "mlflow log-batch" | "mlflow update";
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function runEngine(target: Target, portBase: number): Promise<boolean> {
  const token = `tb_${randomBytes(32).toString("base64url")}`;
  await target.insertToken(token);
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const instances: AppInstance[] = [];
  const errors: string[] = [];
  const latencies = new Map<Kind, number[]>();
  /** Acknowledged writes: runs by externalId, metric points by "runId\tkey" → steps. */
  const ackedRuns = new Map<string, string>();
  const ackedPoints = new Map<string, Set<number>>();
  const ackPoints = (runId: string, key: string, steps: number[]) => {
    const set = ackedPoints.get(`${runId}\t${key}`) ?? new Set<number>();
    for (const step of steps) set.add(step);
    ackedPoints.set(`${runId}\t${key}`, set);
  };
  let requests = 0;

  async function post(instance: AppInstance, kind: Kind, route: string, body: unknown): Promise<Record<string, unknown> | null> {
    requests += 1;
    const started = performance.now();
    try {
      const response = await fetch(`http://127.0.0.1:${instance.port}${route}`, { method: "POST", headers, body: JSON.stringify(body) });
      const text = await response.text();
      latencies.set(kind, latencies.get(kind) ?? []).get(kind)!.push(performance.now() - started);
      if (response.status < 200 || response.status >= 300) {
        errors.push(`${kind} on :${instance.port} answered ${response.status}: ${text.slice(0, 160)}`);
        return null;
      }
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      errors.push(`${kind} on :${instance.port}: ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`);
      return null;
    }
  }

  let seconds: number;
  try {
    for (let i = 0; i < target.instances; i += 1) instances.push(await startAppInstance({ port: portBase + i, databaseUrl: target.url, distDir }));
    const run = (externalId: string) => ({ method: "qlora", model: "mistral-7b", rank: 16, hardware: "a100-80gb", peakMemoryGb: 14.2, tags: ["team-writers"], name: externalId, externalId });
    const shared = await post(instances[0]!, "run", "/api/runs", run("team-shared"));
    if (!shared) throw new Error(`creating the shared run failed: ${errors.join("; ")}`);
    ackedRuns.set("team-shared", shared.id as string);

    const started = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        let turn = writer;
        const next = () => instances[turn++ % instances.length]!;
        const created = await post(next(), "mlflow create", "/api/2.0/mlflow/runs/create", { experiment_id: "0", run_name: `team-writer-${writer}`, start_time: Date.now() });
        const mlflowRun = (created?.run as { info?: { run_id?: string } } | undefined)?.info?.run_id;
        for (let round = 0; round < ROUNDS; round += 1) {
          const single = `team-w${writer}-r${round}`;
          const one = await post(next(), "run", "/api/runs", run(single));
          if (one) ackedRuns.set(single, one.id as string);
          const batchIds = Array.from({ length: BATCH_RUNS }, (_, i) => `team-w${writer}-r${round}-b${i}`);
          const batch = await post(next(), "batch", "/api/runs/batch", { items: batchIds.map(run) });
          if (batch) {
            for (const item of batch.items as { id: string; externalId?: string }[]) {
              if (item.externalId && batchIds.includes(item.externalId)) ackedRuns.set(item.externalId, item.id);
            }
          }
          if (one) {
            const steps = Array.from({ length: RUN_POINTS }, (_, i) => i);
            if (await post(next(), "metrics", `/api/runs/${one.id as string}/metrics`, { points: steps.map((step) => ({ key: "train/loss", step, value: 2 / (1 + step / 50) })) })) {
              ackPoints(one.id as string, "train/loss", steps);
            }
          }
          const sharedSteps = Array.from({ length: SHARED_POINTS }, (_, i) => round * SHARED_POINTS + i);
          const sharedKey = `shared/w${writer}`;
          if (await post(next(), "shared metrics", `/api/runs/${shared.id as string}/metrics`, { points: sharedSteps.map((step) => ({ key: sharedKey, step, value: step / 1000 })) })) {
            ackPoints(shared.id as string, sharedKey, sharedSteps);
          }
          if (mlflowRun) {
            const steps = Array.from({ length: MLFLOW_METRICS }, (_, i) => round * MLFLOW_METRICS + i);
            const metrics = steps.map((step) => ({ key: "mlflow/loss", value: 2 / (1 + step / 50), timestamp: Date.now(), step }));
            if (await post(next(), "mlflow log-batch", "/api/2.0/mlflow/runs/log-batch", { run_id: mlflowRun, metrics })) ackPoints(mlflowRun, "mlflow/loss", steps);
          }
        }
        if (mlflowRun) await post(next(), "mlflow update", "/api/2.0/mlflow/runs/update", { run_id: mlflowRun, status: "FINISHED", end_time: Date.now() });
      }),
    );
    seconds = (performance.now() - started) / 1000;
  } finally {
    for (const instance of instances) await instance.stop();
  }
  const logged = instances.flatMap((instance) => instance.stderr.filter((line) => line.includes("Unhandled API error")).map((line) => `:${instance.port} logged ${line.trim().slice(0, 200)}`));

  // ---------------------------------------------------------------------------------------- the count
  const rows = await target.read(`SELECT "externalId", "id" FROM "Run" WHERE "externalId" LIKE 'team-%'`);
  const byExternalId = new Map<string, string[]>();
  for (const row of rows) byExternalId.set(row.externalId as string, [...(byExternalId.get(row.externalId as string) ?? []), row.id as string]);
  let lostRuns = 0;
  let duplicatedRuns = 0;
  for (const [externalId, id] of ackedRuns) {
    const found = byExternalId.get(externalId) ?? [];
    if (!found.includes(id)) lostRuns += 1;
    if (found.length > 1) duplicatedRuns += 1;
  }
  const unacknowledgedRuns = [...byExternalId.keys()].filter((externalId) => !ackedRuns.has(externalId)).length;
  // Every acknowledged point, looked up by its run, key and step (the primary key, so it can be there only once).
  const stored = new Set<string>();
  for (const row of await target.read(`SELECT "runId", "key", "step" FROM "MetricPoint" WHERE "key" IN ('train/loss', 'mlflow/loss') OR "key" LIKE 'shared/w%'`)) {
    stored.add(`${row.runId as string}\t${row.key as string}\t${Number(row.step)}`);
  }
  let ackedPointCount = 0;
  let lostPoints = 0;
  for (const [series, steps] of ackedPoints) {
    ackedPointCount += steps.size;
    for (const step of steps) if (!stored.has(`${series}\t${step}`)) lostPoints += 1;
  }

  const allErrors = [...errors, ...logged];
  const kinds = [...latencies.entries()].map(([kind, values]) => `${kind} ${percentile(values, 50).toFixed(0)}/${percentile(values, 99).toFixed(0)}`).join(", ");
  console.log(
    `\n${target.engine}: ${target.version}, ${instances.length} app instance${instances.length > 1 ? "s" : ""} (next start, port${instances.length > 1 ? "s" : ""} ${instances.map((instance) => instance.port).join(", ")}), ` +
      `${WRITERS} writers × ${ROUNDS} rounds at once\n` +
      `  ${requests.toLocaleString("en-US")} requests in ${seconds.toFixed(1)} s (${(requests / seconds).toFixed(0)}/s); latency p50/p99 ms: ${kinds}\n` +
      `  acknowledged: ${ackedRuns.size.toLocaleString("en-US")} runs, ${ackedPointCount.toLocaleString("en-US")} metric points; ` +
      `in the database: ${lostRuns} runs lost, ${duplicatedRuns} duplicated, ${lostPoints} points lost` +
      (unacknowledgedRuns ? `, ${unacknowledgedRuns} runs stored without a 2xx` : "") +
      `\n  errors: ${errors.filter((e) => / answered 5\d\d/.test(e)).length} 5xx, ${errors.filter((e) => / answered [34]\d\d/.test(e)).length} other non-2xx, ` +
      `${errors.filter((e) => !/ answered \d{3}/.test(e)).length} connection failures, ${logged.length} logged by the instances`,
  );
  for (const error of [...new Set(allErrors)].slice(0, 8)) console.log(`    ${error}`);
  const lost = lostRuns + duplicatedRuns + lostPoints;
  console.log(`  ${target.engine}: ${lost} lost, ${allErrors.length} errors`);
  return lost === 0 && allErrors.length === 0;
}

console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; build ${distDir}`);
let ok = true;
for (const engine of ENGINES) {
  if (engine !== "postgresql" && engine !== "sqlite") throw new Error(`--engines takes postgresql and/or sqlite, got ${engine}`);
  const target = engine === "postgresql" ? await postgresTarget() : await sqliteTarget();
  try {
    ok = (await runEngine(target, engine === "postgresql" ? PORT : PORT + 2)) && ok;
  } finally {
    await target.drop();
  }
}
process.exit(ok ? 0 : 1);
