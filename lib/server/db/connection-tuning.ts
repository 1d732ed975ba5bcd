import "server-only";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { DRAIN_SEARCH_CHUNK_SOURCE, type RunsBatch, type RunsBatchOutcome, WRITE_RUNS_BATCH_SOURCE } from "./write-runs-batch";

/**
 * Settings of the server's one SQLite connection that keep a bulk write's synchronous burst short (issue 9). The
 * two costs below were most of a 1,000-run batch's write transaction on the 100,000-run database.
 *
 * temp_store = MEMORY: a write to a table that has triggers (Run and RunTag carry the full-text index's) runs with a
 * statement journal, which keeps the original of every page the statement changes. One Run row changes 16 pages or
 * more (the table and its 15 indexes), past the 64 KiB after which SQLite spills that journal to a temporary file:
 * each row then cost some 30 file writes, and a batch took about twice as long with the triggers present though
 * none of them fired (a table with a few indexes stays under 64 KiB, which is why a bare test showed nothing).
 * In memory the journal is a copy of those pages. Temporary tables (DISTINCT, GROUP BY without an index, IN lists)
 * move to memory too, sorts still spill to files; the largest this app makes (over 100,000 runs) is a few MB.
 *
 * Checkpoints: the connection that commits past 1,000 WAL pages copies the WAL into the database file inside that
 * COMMIT, with two fsyncs: a 1,000-run batch adds about 8,000 pages (32 MB), so every batch paid for a checkpoint
 * of that size on the event loop, up to as long again as the batch itself. A worker thread with its own
 * connection checkpoints instead (PASSIVE: it never blocks a reader or a writer), and this connection stops
 * checkpointing only once that worker is running; if it stops, checkpoints come back here.
 *
 * The same worker writes runs batches (./bulk-write.ts says why that is safe), so its connection copies this one's
 * settings, temp_store included: without it each batch spilled its statement journals to files there instead.
 */
export function tuneServerConnection(db: Database.Database): void {
  db.pragma("temp_store = MEMORY");
  if (db.pragma("journal_mode", { simple: true }) === "wal" && !db.memory) startDatabaseWorker(db);
}

/** How often the worker is asked to checkpoint: a PASSIVE checkpoint with nothing new to copy costs microseconds. */
const CHECKPOINT_EVERY_MS = 250;
/** SQLite's default, restored on this connection when the worker is gone. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Settings of the server's connection that the worker's connection copies, so that a batch behaves the same on
 * either: foreign keys (better-sqlite3 turns them on; cascades and SET NULL depend on it), commits without an fsync
 * (synchronous), statement journals in memory (temp_store, above) and how long a write waits for the lock (busy_timeout,
 * 5 s by better-sqlite3's default). Asked of the connection rather than assumed.
 */
const COPIED_SETTINGS = ["foreign_keys", "synchronous", "temp_store", "busy_timeout"] as const;
export type ConnectionSettings = Record<(typeof COPIED_SETTINGS)[number], number>;

// Plain CommonJS run with eval: a file of its own would have to survive Next's bundling. better-sqlite3 is required
// from the app's folder (the server runs there; next.config.ts keeps the package external for the same reason).
// Messages: "checkpoint", "close", { id, batch } to write a runs batch and { id, drain } to write up to `drain.limit`
// queued search documents, each in one BEGIN IMMEDIATE transaction, answered with { id, outcome } or { id, error };
// after a write it checkpoints at once.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const path = require("node:path");
const Database = createRequire(path.join(workerData.root, "package.json"))("better-sqlite3");
const db = new Database(workerData.file, { fileMustExist: true });
for (const [name, value] of Object.entries(workerData.settings)) db.pragma(name + " = " + Number(value));
const settings = Object.fromEntries(Object.keys(workerData.settings).map((name) => [name, Number(db.pragma(name, { simple: true }))]));
const writeRunsBatchOn = (${WRITE_RUNS_BATCH_SOURCE});
const drainSearchChunkOn = (${DRAIN_SEARCH_CHUNK_SOURCE});
const statements = new Map();
const prepare = (sql) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};
// PASSIVE never waits on a reader or a writer, nor calls the busy handler.
const checkpoint = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { if (!String(error && error.code).startsWith("SQLITE_BUSY")) throw error; }
};
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    process.exit(0);
  }
  if (message === "checkpoint") return checkpoint();
  let answer;
  try {
    // IMMEDIATE takes the write lock before the first read, so the snapshot it reads is the one it writes on.
    db.prepare("BEGIN IMMEDIATE").run();
    const outcome = message.batch ? writeRunsBatchOn(prepare, message.batch) : drainSearchChunkOn(prepare, message.drain.documentSql, message.drain.limit);
    db.prepare(outcome.status === "deleted-external-id" ? "ROLLBACK" : "COMMIT").run();
    answer = { id: message.id, outcome };
  } catch (error) {
    if (db.inTransaction) db.prepare("ROLLBACK").run();
    answer = { id: message.id, error: { message: String(error && error.message), code: error && error.code } };
  }
  parentPort.postMessage(answer);
  checkpoint();
});
parentPort.postMessage({ ready: settings });
`;

type PendingWrite = { resolve: (outcome: unknown) => void; reject: (error: Error) => void };
type DatabaseWorker = {
  worker: Worker;
  /** Resolves with the worker's connection settings once it runs, or with undefined if it never started. */
  ready: Promise<ConnectionSettings | undefined>;
  pending: Map<number, PendingWrite>;
  nextId: number;
};

const workers = new WeakMap<Database.Database, DatabaseWorker>();

function startDatabaseWorker(db: Database.Database): void {
  if (workers.has(db)) return;
  const settings = Object.fromEntries(COPIED_SETTINGS.map((name) => [name, Number(db.pragma(name, { simple: true }))]));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: db.name, root: process.cwd(), settings } });
  let started!: (settings: ConnectionSettings | undefined) => void;
  const entry: DatabaseWorker = { worker, ready: new Promise((resolve) => (started = resolve)), pending: new Map(), nextId: 0 };
  workers.set(db, entry);
  // Neither the worker nor its clock keeps the process alive: a server or a test file ends as if they were not there.
  worker.unref();
  // The clock is on this side so that the worker lives as long as the connection: a closed connection (Prisma
  // disconnected) ends its worker instead of leaving a second connection holding the file.
  const clock = setInterval(() => worker.postMessage(db.open ? "checkpoint" : "close"), CHECKPOINT_EVERY_MS);
  clock.unref();
  worker.on("message", (message: { ready: ConnectionSettings } | { id: number; outcome: unknown } | { id: number; error: { message: string; code?: string } }) => {
    if ("ready" in message) {
      if (db.open) db.pragma("wal_autocheckpoint = 0");
      started(message.ready);
      return;
    }
    const pending = entry.pending.get(message.id);
    entry.pending.delete(message.id);
    if ("outcome" in message) pending?.resolve(message.outcome);
    else pending?.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
  });
  worker.on("error", (error) => console.error("The database worker stopped; the server's connection checkpoints and writes batches again:", error));
  worker.on("exit", () => {
    clearInterval(clock);
    workers.delete(db);
    started(undefined);
    // A batch in flight was rolled back with the worker's connection, or committed just before it stopped: the
    // caller cannot tell which, so it gets an error (a retry with the same externalIds is safe either way).
    for (const pending of entry.pending.values()) pending.reject(new Error("The database worker stopped during a write"));
    entry.pending.clear();
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  });
}

/** Asks the checkpointer to run now (after a large commit) rather than at its next tick. */
export function requestCheckpoint(db: Database.Database): void {
  workers.get(db)?.worker.postMessage("checkpoint");
}

/**
 * Writes a runs batch on the worker's connection, in its own transaction, and resolves with the outcome; undefined
 * when this connection has no running worker (then the caller writes it itself). The caller must keep Prisma's
 * transactions and its own writes out until this settles (./bulk-write.ts says why).
 */
export function writeRunsBatchOnWorker(db: Database.Database, batch: RunsBatch): Promise<RunsBatchOutcome | undefined> {
  return writeOnWorker(db, { batch });
}

/** Writes up to `limit` queued search documents on the worker's connection (as writeRunsBatchOnWorker); how many. */
export function drainSearchChunkOnWorker(db: Database.Database, documentSql: string, limit: number): Promise<number | undefined> {
  return writeOnWorker(db, { drain: { documentSql, limit } });
}

async function writeOnWorker<T>(db: Database.Database, message: object): Promise<T | undefined> {
  const entry = workers.get(db);
  if (!entry || !(await entry.ready) || workers.get(db) !== entry) return undefined;
  const id = entry.nextId++;
  return new Promise<T>((resolve, reject) => {
    entry.pending.set(id, { resolve: resolve as (outcome: unknown) => void, reject });
    entry.worker.postMessage({ id, ...message });
  });
}

/** The settings of the worker's connection (undefined without a running worker), to check them against this one's. */
export async function databaseWorkerSettings(db: Database.Database): Promise<ConnectionSettings | undefined> {
  return workers.get(db)?.ready;
}

/** Stops the worker (tests: what the server does when it is gone); its exit hands everything back to `db`. */
export async function stopDatabaseWorker(db: Database.Database): Promise<void> {
  const entry = workers.get(db);
  if (!entry) return;
  await entry.ready;
  await entry.worker.terminate();
}
