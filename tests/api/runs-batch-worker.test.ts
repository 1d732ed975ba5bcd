// A runs batch on a WAL database is written by the database worker's own connection (lib/server/db/bulk-write.ts),
// so the server thread keeps serving requests while the rows go in: a 1,000-run batch writes for about 250 ms on the
// 100,000-run database, and before this every request waited for it. These tests pin that the write leaves the
// server's thread, that it stays all or nothing there, and that a server whose worker stopped writes batches itself.
// The all-or-nothing cases run on PostgreSQL too, where batches are one Prisma transaction as before.
import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as runsRoute from "@/app/api/runs/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import { prisma, sharedSqliteAdapter } from "@/lib/server/db/client";
import { drainSearchQueue, writeRunsBatch, type RunInsert } from "@/lib/server/db/bulk-write";
import { databaseWorkerSettings, stopDatabaseWorker } from "@/lib/server/db/connection-tuning";
import { call } from "../support/api";
import { onPostgres } from "../support/postgres";

const file = process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL.slice("file:".length) : "";

// The tests' database copies are in rollback-journal mode, where there is no worker; the server's
// (scripts/db-migrate.mts) are in WAL mode. Switched here, before the first query opens Prisma's connection.
if (!onPostgres && file) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}

const run = (externalId: string, tag: string) => ({ externalId, method: "qlora", model: "meta-llama/Llama-2-7b-hf", rank: 16, hardware: "a100-80gb", peakMemoryGb: 14.2, tags: [tag, "worker"] });
const batch = (prefix: string, count: number) => call(batchRoute.POST, { method: "POST", body: { items: Array.from({ length: count }, (_, i) => run(`${prefix}-${i}`, prefix)) } });
const liveRuns = () => prisma.run.count({ where: { deletedAt: null } });
const rowsOf = async (runIds: string[]) => ({
  runs: await prisma.run.count({ where: { id: { in: runIds } } }),
  tags: await prisma.runTag.count({ where: { runId: { in: runIds } } }),
  events: await prisma.runEvent.count({ where: { runId: { in: runIds } } }),
});

/** Write system calls made so far by this thread: the server's, since route handlers run on it. */
const threadWrites = () => Number(/syscw:\s*(\d+)/.exec(readFileSync("/proc/thread-self/io", "utf8"))![1]);

/** A run as writeRunsBatch takes it, built from a run the route created (so every column has a valid value). */
async function insertLike(runId: string, id: string): Promise<RunInsert> {
  const row = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
  const now = new Date();
  return {
    run: { ...row, id, externalId: null },
    tags: ["copied"],
    events: [{ id: `${id}-created`, runId: id, actorId: null, kind: "created", field: null, oldValue: null, newValue: null, createdAt: now }],
  };
}

describe("a runs batch is all or nothing wherever it is written", () => {
  it("answers 409 to an externalId of a soft-deleted run and writes nothing; a live one's externalId answers with that run", async () => {
    const first = await batch("kept", 3);
    expect(first.status).toBe(201);
    const deleted = first.body.items[1];
    expect((await call(runRoute.DELETE, { method: "DELETE", params: { id: deleted.id } })).status).toBe(204);
    const before = await liveRuns();
    const refused = await call(batchRoute.POST, { method: "POST", body: { items: [run("kept-new-0", "kept"), run("kept-1", "kept")] } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues[0].path).toBe("items.1.externalId");
    expect(await prisma.run.count({ where: { externalId: "kept-new-0" } })).toBe(0);
    const again = await call(batchRoute.POST, { method: "POST", body: { items: [run("kept-0", "kept"), run("kept-new-1", "kept")] } });
    expect(again.status).toBe(201);
    expect(again.body.created).toBe(1);
    expect(again.body.items[0].id).toBe(first.body.items[0].id);
    expect(await liveRuns()).toBe(before + 1);
  });

  it("rolls back every run, tag and event of a batch whose write fails part way, and rejects", async () => {
    const { body } = await batch("template", 1);
    const template = body.items[0].id as string;
    const items = [await insertLike(template, "fails-part-way-1"), await insertLike(template, "fails-part-way-2")];
    // The third run repeats the first one's id: the insert fails on the primary key after two runs went in.
    const repeat = await insertLike(template, "fails-part-way-1");
    repeat.events = [];
    await expect(writeRunsBatch([...items, repeat])).rejects.toThrow();
    expect(await rowsOf(["fails-part-way-1", "fails-part-way-2"])).toEqual({ runs: 0, tags: 0, events: 0 });
    // The same runs without the repeat go in whole.
    expect((await writeRunsBatch(items)).status).toBe("written");
    expect(await rowsOf(["fails-part-way-1", "fails-part-way-2"])).toEqual({ runs: 2, tags: 2, events: 2 });
  });
});

describe.skipIf(onPostgres || !file)("runs batches on the database worker (SQLite, WAL)", () => {
  it("lets a read started during a 1,000-run batch's write finish at once, seeing the runs as they were before it", async () => {
    await batch("warm", 5);
    const before = await liveRuns();
    // A second connection that may not wait: its BEGIN IMMEDIATE fails exactly while another connection writes.
    const probe = new Database(file, { timeout: 0 });
    const isWriting = () => {
      try {
        probe.exec("BEGIN IMMEDIATE");
        probe.exec("ROLLBACK");
        return false;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
        return true;
      }
    };
    let settled = false;
    const written = batch("during", 1_000).finally(() => (settled = true));
    let seenDuringWrite: number | undefined;
    try {
      while (!settled && seenDuringWrite === undefined) {
        if (isWriting()) seenDuringWrite = await liveRuns();
        else await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      probe.close();
    }
    const { status, body } = await written;
    expect(status).toBe(201);
    // Written on the server's own thread, the batch held it from BEGIN to COMMIT: no read could start meanwhile.
    expect(seenDuringWrite, "no read ran while the batch was being written").toBe(before);
    expect(body.created).toBe(1_000);
    expect(await liveRuns()).toBe(before + 1_000);
    // The worker queued the runs' full-text documents as the server's connection does; a search writes them first.
    expect((await call(runsRoute.GET, { path: "/api/runs?limit=1&q=during" })).body.total).toBe(1_000);
  });

  it("gives the worker's connection the server connection's foreign keys, synchronous, temp_store and busy timeout", async () => {
    const db = (await sharedSqliteAdapter()).client;
    const own = (name: string) => Number(db.pragma(name, { simple: true }));
    expect(await databaseWorkerSettings(db)).toEqual({ foreign_keys: own("foreign_keys"), synchronous: own("synchronous"), temp_store: own("temp_store"), busy_timeout: own("busy_timeout") });
    // The values that matter, as the server runs: cascades on, commits without an fsync, journals in memory.
    expect(await databaseWorkerSettings(db)).toMatchObject({ foreign_keys: 1, synchronous: 1, temp_store: 2 });
  });

  it.skipIf(!existsSync("/proc/thread-self/io"))("writes a batch on the server's connection once the worker has stopped, still all or nothing", async () => {
    const db = (await sharedSqliteAdapter()).client;
    // 40 runs: below the size that defers full-text documents, so the server thread writes nothing after the batch.
    let writes = threadWrites();
    expect((await batch("on-worker", 40)).status).toBe(201);
    const onWorker = threadWrites() - writes;

    await drainSearchQueue(); // nothing of the worker's in flight when it stops
    await stopDatabaseWorker(db);
    expect(Number(db.pragma("wal_autocheckpoint", { simple: true }))).toBe(1000);
    writes = threadWrites();
    const { status, body } = await batch("on-server", 40);
    const onServer = threadWrites() - writes;
    expect(status).toBe(201);
    expect(body.created).toBe(40);
    // The pages of 40 runs with their indexes, tags, events and documents: hundreds of WAL writes on this thread
    // now, and none (the odd write of the test runner aside) while the worker wrote them.
    expect(onWorker).toBeLessThan(50);
    expect(onServer).toBeGreaterThan(200);
    const gone = (await batch("gone", 1)).body.items[0];
    expect((await call(runRoute.DELETE, { method: "DELETE", params: { id: gone.id } })).status).toBe(204);
    const refused = await call(batchRoute.POST, { method: "POST", body: { items: [run("on-server-new", "on-server"), run("gone-0", "gone")] } });
    expect(refused.status).toBe(409);
    expect(await prisma.run.count({ where: { externalId: "on-server-new" } })).toBe(0);
  });
});
