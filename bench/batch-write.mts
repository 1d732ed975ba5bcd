// The synchronous burst of a 1,000-run batch's write, in-process: lib/server/db/bulk-write.ts `writeRunsBatch` on a
// copy of the 100,000-run database, beside the same rows through bare prepared statements (the raw reference).
//
//   npm run bench:batch-write -- [path/to/bench.db] [--batches=8]
//
// Prints per batch (median of all but the first two, which warm the caches): the CPU time of this thread, which is
// how long the event loop is held and which other processes on a busy machine inflate less than wall time, and the
// wall time. Issue 9: a 1,000-run batch must answer in < 1 s and `GET /api/auth/me` p99 stay < 100 ms meanwhile, so
// this burst must stay well under 100 ms on an idle machine. The copy is bench/.data/batch-write.db, in WAL mode as
// the server's database is, so the batch is written by the database worker (lib/server/db/connection-tuning.ts):
// this thread's CPU is then what the server thread spends on it (taking the lock, handing the rows over), and the
// wall time is the whole write, the worker's included.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";

const args = process.argv.slice(2);
const source = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? "bench/.data/bench.db");
const BATCHES = Number(args.find((arg) => arg.startsWith("--batches="))?.slice("--batches=".length) ?? 8);
const copy = path.resolve(path.dirname(source), "batch-write.db");

for (const suffix of ["", "-wal", "-shm"]) rmSync(copy + suffix, { force: true });
{
  const from = new Database(source, { readonly: true });
  await from.backup(copy);
  from.close();
}
const setup = new Database(copy);
setup.pragma("journal_mode = WAL");
// Rows as a batch writes them: every column of real runs, their tags, and a "created" event each.
const templates = setup.prepare(`SELECT * FROM "Run" WHERE "deletedAt" IS NULL LIMIT 1000 OFFSET 7000`).all() as Record<string, string | number | null>[];
const tagsOf = setup.prepare(`SELECT "tag" FROM "RunTag" WHERE "runId" = ?`);
const templateTags = templates.map((run) => (tagsOf.all(run.id) as { tag: string }[]).map((row) => row.tag));
const runCount = (setup.prepare(`SELECT count(*) AS n FROM "Run"`).get() as { n: number }).n;
setup.close();

/** CPU time this thread has run, in ms (Linux). */
const threadCpuMs = () => Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const summary = (cpu: number[], wall: number[]) => `CPU ${median(cpu.slice(2)).toFixed(0)} ms, wall ${median(wall.slice(2)).toFixed(0)} ms (all CPU: ${cpu.map((x) => x.toFixed(0)).join(" ")})`;
const batchRows = (prefix: string, round: number) =>
  templates.map((run, i) => {
    const id = `${prefix}-${round}-${i}-${randomBytes(4).toString("hex")}`;
    return { run: { ...run, id, externalId: id }, tags: templateTags[i]!, id };
  });

// ------------------------------------------------------------------------------------------ through writeRunsBatch
process.env.DATABASE_URL = `file:${copy}`;
const { writeRunsBatch, drainSearchQueue } = await import("@/lib/server/db/bulk-write");
const { prisma, sharedSqliteAdapter } = await import("@/lib/server/db/client");
const connection = (await sharedSqliteAdapter()).client;
const apiCpu: number[] = [];
const apiWall: number[] = [];
for (let round = 0; round < BATCHES; round += 1) {
  const now = new Date();
  const items = batchRows("bench-batch", round).map(({ run, tags, id }) => ({
    run: run as never,
    tags,
    events: [{ id: `${id}-created`, runId: id, actorId: null, kind: "created", field: null, oldValue: null, newValue: null, createdAt: now }],
  }));
  const cpu = threadCpuMs();
  const started = performance.now();
  await writeRunsBatch(items);
  apiWall.push(performance.now() - started);
  apiCpu.push(threadCpuMs() - cpu);
  await drainSearchQueue();
}
const settings = `temp_store ${connection.pragma("temp_store", { simple: true })}, wal_autocheckpoint ${connection.pragma("wal_autocheckpoint", { simple: true })}`;
await prisma.$disconnect();

// ------------------------------------------------------------------------------------------ raw prepared statements
// The same inserts on a connection of its own with the server's settings; the checkpoint is taken between batches,
// untimed (the server leaves it to another thread).
const db = new Database(copy);
db.pragma("synchronous = NORMAL");
db.pragma("temp_store = MEMORY");
db.pragma("wal_autocheckpoint = 0");
const columns = Object.keys(templates[0]!);
const insertRun = db.prepare(`INSERT INTO "Run" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
const insertTag = db.prepare(`INSERT INTO "RunTag" ("runId", "tag") VALUES (?, ?)`);
const insertEvent = db.prepare(`INSERT INTO "RunEvent" ("id", "runId", "actorId", "kind", "createdAt") VALUES (?, ?, NULL, 'created', ?)`);
const rawCpu: number[] = [];
const rawWall: number[] = [];
for (let round = 0; round < BATCHES; round += 1) {
  const rows = batchRows("bench-raw", round);
  const time = new Date().toISOString().replace("Z", "+00:00");
  db.pragma("wal_checkpoint(TRUNCATE)");
  const cpu = threadCpuMs();
  const started = performance.now();
  db.transaction(() => {
    db.prepare(`INSERT OR IGNORE INTO "RunSearchDefer" ("id") VALUES (1)`).run();
    for (const { run, tags, id } of rows) {
      insertRun.run(columns.map((column) => run[column as keyof typeof run]));
      for (const tag of tags) insertTag.run(id, tag);
      insertEvent.run(`${id}-created`, id, time);
    }
    db.prepare(`DELETE FROM "RunSearchDefer"`).run();
  })();
  rawWall.push(performance.now() - started);
  rawCpu.push(threadCpuMs() - cpu);
}
db.close();

console.log(`${copy} (${runCount.toLocaleString("en-US")} runs before the bench), ${BATCHES} batches of 1,000 runs; server connection: ${settings}`);
console.log(`writeRunsBatch (server thread CPU; wall includes the worker): ${summary(apiCpu, apiWall)}`);
console.log(`raw prepared statements (one thread):                          ${summary(rawCpu, rawWall)}`);
console.log(`server thread CPU / raw CPU: ${(median(apiCpu.slice(2)) / median(rawCpu.slice(2))).toFixed(2)} ×; wall / raw wall: ${(median(apiWall.slice(2)) / median(rawWall.slice(2))).toFixed(2)} ×`);
for (const suffix of ["", "-wal", "-shm", "-leases"]) rmSync(copy + suffix, { force: true, recursive: true });
