import "server-only";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

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
 */
export function tuneServerConnection(db: Database.Database): void {
  db.pragma("temp_store = MEMORY");
  if (db.pragma("journal_mode", { simple: true }) === "wal" && !db.memory) startCheckpointer(db);
}

/** How often the worker is asked to checkpoint: a PASSIVE checkpoint with nothing new to copy costs microseconds. */
const CHECKPOINT_EVERY_MS = 250;
/** SQLite's default, restored on this connection when the worker is gone. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

// Plain CommonJS run with eval: a file of its own would have to survive Next's bundling. better-sqlite3 is required
// from the app's folder (the server runs there; next.config.ts keeps the package external for the same reason).
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const path = require("node:path");
const Database = createRequire(path.join(workerData.root, "package.json"))("better-sqlite3");
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    process.exit(0);
  }
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { if (!String(error && error.code).startsWith("SQLITE_BUSY")) throw error; }
});
parentPort.postMessage("ready");
`;

const checkpointers = new WeakMap<Database.Database, Worker>();

function startCheckpointer(db: Database.Database): void {
  if (checkpointers.has(db)) return;
  const worker = new Worker(CHECKPOINTER_SOURCE, { eval: true, workerData: { file: db.name, root: process.cwd() } });
  checkpointers.set(db, worker);
  // Neither the worker nor its clock keeps the process alive: a server or a test file ends as if they were not there.
  worker.unref();
  // The clock is on this side so that the worker lives as long as the connection: a closed connection (Prisma
  // disconnected) ends its worker instead of leaving a second connection holding the file.
  const clock = setInterval(() => worker.postMessage(db.open ? "checkpoint" : "close"), CHECKPOINT_EVERY_MS);
  clock.unref();
  worker.on("message", (message) => {
    if (message === "ready" && db.open) db.pragma("wal_autocheckpoint = 0");
  });
  worker.on("error", (error) => console.error("The WAL checkpointer stopped; the server's connection checkpoints again:", error));
  worker.on("exit", () => {
    clearInterval(clock);
    checkpointers.delete(db);
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  });
}

/** Asks the checkpointer to run now (after a large commit) rather than at its next tick. */
export function requestCheckpoint(db: Database.Database): void {
  checkpointers.get(db)?.postMessage("checkpoint");
}
