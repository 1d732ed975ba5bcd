// A 1,000-run batch is the longest write a request can cause (issue 9): it must stay short. Pinned by counting file
// writes (Linux's I/O counters), which do not depend on the machine's speed or load as a timing does. Two costs made
// it long: every Run row's statement journal spilled to a temporary file (the search index's triggers make each
// insert a statement with a journal, and one row changes more pages than that journal keeps in memory), and the
// COMMIT that passed 1,000 WAL pages copied the WAL into the database file on this thread.
// lib/server/db/connection-tuning.ts removes both. The batch itself is now written by the database worker's
// connection (tests/api/runs-batch-worker.test.ts), so the writes are counted for the whole process, every thread.
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/runs/batch/route";
import { sharedSqliteAdapter } from "@/lib/server/db/client";
import { call } from "../support/api";
import { onPostgres } from "../support/postgres";

const file = process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL.slice("file:".length) : "";
const hasProcessCounters = existsSync("/proc/self/io");

// The tests' database copies are in rollback-journal mode; the server's (scripts/db-migrate.mts) are in WAL mode,
// where checkpoints happen. Switched here, before the first query opens Prisma's connection.
if (!onPostgres && file) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}

/** Write system calls made so far by this process: the server thread's and the database worker's. */
const processWrites = () => Number(/syscw:\s*(\d+)/.exec(readFileSync("/proc/self/io", "utf8"))![1]);
const run = (externalId: string) => ({ externalId, method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16, hardware: "a100-80gb", peakMemoryGb: 21.4, tags: ["burst", "sweep"] });
const batch = (prefix: string, count: number) => call(batchRoute.POST, { method: "POST", body: { items: Array.from({ length: count }, (_, i) => run(`${prefix}-${i}`)) } });

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs named `prefix-*` in the database FILE alone, as a crash right now would leave it without its WAL. */
function runsInDatabaseFile(prefix: string): number {
  const copy = `${file}.without-wal`;
  copyFileSync(file, copy);
  try {
    const db = new Database(copy, { readonly: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM "Run" WHERE "externalId" LIKE ?`).get(`${prefix}-%`) as { n: number }).n;
    } finally {
      db.close();
    }
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(copy + suffix, { force: true });
  }
}

describe.skipIf(onPostgres || !hasProcessCounters)("a 1,000-run batch's write burst (SQLite)", () => {
  it("writes about one page per changed page: no statement journal spilled to a temporary file", async () => {
    expect((await batch("warm", 10)).status).toBe(201);
    // A reader whose snapshot predates the batch: no checkpoint can copy the batch's pages into the file while it
    // reads, so the count is the batch's own writes, not also a checkpoint's.
    const reader = new Database(file, { readonly: true });
    reader.exec("BEGIN");
    reader.prepare(`SELECT count(*) FROM "Run"`).get();
    const before = processWrites();
    const { status, body } = await batch("burst", 1_000);
    const writes = processWrites() - before;
    reader.exec("COMMIT");
    reader.close();
    expect(status).toBe(201);
    expect(body.created).toBe(1_000);
    // About 2,000 here (two writes per WAL frame: its header, then the page). With the journals spilled it was about
    // 63,000: 16 pages or more of each row's journal, each written as its number, then its content.
    expect(writes).toBeLessThan(10_000);
  });

  it("leaves checkpoints to the checkpointer's thread, which folds a batch into the database file soon after", async () => {
    const db = (await sharedSqliteAdapter()).client;
    // The server's connection stops checkpointing once the worker runs; before this change it did so at 1,000 pages.
    await waitFor(() => Number(db.pragma("wal_autocheckpoint", { simple: true })) === 0, "the checkpointer to start");
    const { status } = await batch("folded", 1_000);
    expect(status).toBe(201);
    await waitFor(() => runsInDatabaseFile("folded") === 1_000, "the batch to reach the database file");
  });
});
