// Builds a benchmark database: the migrated and seeded schema plus 100,000 synthetic logged runs and three runs
// with 100,000-point loss histories, for bench/compare-endpoints.mts.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts [path/to/bench.db] [--runs=100000]
//
// Default path: bench/.data/bench.db (git-ignored); an existing file there is replaced. Deterministic: a seeded
// PRNG draws every value, so two builds hold the same rows (only createdAt of the seeded reference runs differs).
// Rows go in through raw better-sqlite3 prepared statements in one transaction (Prisma's createMany is ~30x slower),
// drawn by seed/synthetic-runs.ts (also used by the scale tests through tests/support/bulk-runs.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { createSyntheticRunGenerator, prepareRunInserts, prismaDateTime, round, withRunIndexesRebuilt } from "../seed/synthetic-runs";

const args = process.argv.slice(2);
const file = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? "bench/.data/bench.db");
const RUNS = Number(args.find((arg) => arg.startsWith("--runs="))?.slice("--runs=".length) ?? 100_000);
const HISTORY_RUNS = 3;
const HISTORY_POINTS = 100_000;

// ------------------------------------------------------------------------------------------ build
rmSync(file, { force: true });
rmSync(`${file}-wal`, { force: true });
rmSync(`${file}-shm`, { force: true });
mkdirSync(path.dirname(file), { recursive: true });
const env = { ...process.env, DATABASE_URL: `file:${file}` };
const tsx = path.resolve("node_modules/.bin/tsx");
execFileSync(tsx, ["--conditions=react-server", "scripts/db-migrate.mts"], { env, stdio: "inherit" });
execFileSync(tsx, ["--conditions=react-server", "scripts/db-seed.mts"], { env, stdio: "inherit" });

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("cache_size = -262144"); // 256 MiB (negative = KiB) for the index rebuild
const insertPoint = db.prepare(`INSERT INTO "MetricPoint" ("runId", "key", "step", "value", "time") VALUES (?, ?, ?, ?, ?)`);
// The app lists a run's metric keys from RunMetricKey, which its own point writes keep (lib/server/db/bulk-write.ts).
const insertKey = db.prepare(`INSERT OR IGNORE INTO "RunMetricKey" ("runId", "key") VALUES (?, ?)`);
const START = Date.UTC(2024, 0, 1);
// The same generator as the scale tests' tests/support/bulk-runs.ts; its default seed and id prefix ("bench") build this database.
const runs = createSyntheticRunGenerator({ startMs: START });
const inserts = prepareRunInserts(db);
const { gaussian, chance } = runs;

const started = performance.now();
let tagCount = 0;
withRunIndexesRebuilt(db, () => {
  for (let i = 0; i < RUNS; i += 1) {
    const run = runs.next(i);
    inserts.insert(run);
    tagCount += run.tags.length;
  }
  // Long loss curves: an exponential decay to a floor, with noise and a few spikes, one point per step.
  for (let h = 1; h <= HISTORY_RUNS; h += 1) {
    const { row } = runs.next(RUNS + h);
    const id = `bench-history-${h}`;
    inserts.insert({ row: { ...row, id, name: `LoRA r=16 · Llama 2 7B · long run ${h}`, status: "completed", oom: 0 }, tags: [] });
    insertKey.run(id, "train/loss");
    for (let step = 0; step < HISTORY_POINTS; step += 1) {
      const value = 0.9 + 1.4 * Math.exp(-step / (15_000 * h)) + 0.04 * gaussian() + (chance(0.0005) ? 0.8 : 0);
      insertPoint.run(id, "train/loss", step, round(value, 5), prismaDateTime(START + step * 1000));
    }
  }
});
db.close();
const seconds = (performance.now() - started) / 1000;
console.log(
  `${file}: ${RUNS.toLocaleString("en")} synthetic runs, ${tagCount.toLocaleString("en")} tags, ` +
    `${HISTORY_RUNS} runs × ${HISTORY_POINTS.toLocaleString("en")} train/loss points (bench-history-1..${HISTORY_RUNS}), inserted in ${seconds.toFixed(1)} s`,
);
