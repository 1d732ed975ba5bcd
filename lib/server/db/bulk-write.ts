import "server-only";
// Bulk writes that never hold the event loop for long. better-sqlite3 answers synchronously, and Prisma's adapter
// wraps each answer in a resolved promise, so a Prisma transaction of 1,000 creates runs as one unbroken chain of
// microtasks: no request is read until it ends (seconds). Here callers build every row in plain JavaScript first;
// the rows are then written with prepared statements in one transaction, one writer at a time, each starting from a
// fresh turn of the event loop so that requests which arrived meanwhile are served first.
//
// A runs batch, and then the full-text documents it queued, are written by the database worker
// (./connection-tuning.ts) on its own connection to the same WAL file, so the server thread serves other requests
// during the write (a 1,000-run batch writes for about 250 ms on the 100,000-run database: its rows cost that much;
// its documents about as long again). Meanwhile reads on the server's connection see the database
// as it was before the batch (WAL snapshots), and a write there that is not in a Prisma transaction waits on the busy
// timeout (5 s), synchronously, as long as it would have waited for the batch on the event loop before.
// What keeps it sound:
// - A second writer is dangerous to Prisma's transactions: one that has read and then writes after another
//   connection committed fails with SQLITE_BUSY_SNAPSHOT, and one that has read while another connection holds the
//   write lock fails with SQLITE_BUSY without waiting (SQLite calls no busy handler inside a read transaction). So
//   the batch holds Prisma's transaction lock (the adapter's startTransaction) from before the worker starts until
//   it answers: no Prisma transaction is open meanwhile.
// - startTransaction also runs a deferred BEGIN on the shared connection, which every query Prisma sends outside a
//   transaction runs on too. Left open while the worker writes, it would swallow other requests' statements: their
//   writes would then be undone with it, or fail on the worker's lock. It is committed at once, empty, and only the
//   lock is held.
// - Our own writes on the server's connection (metric points) take the same turns as the worker's writes
//   (inTransactionTurn), so they never wait on the worker's lock synchronously.
// - The worker's connection copies the settings that decide what a write does: foreign keys, synchronous,
//   temp_store, busy_timeout; it writes in one BEGIN IMMEDIATE transaction, so it is all or nothing as before.
// An in-memory or rollback-journal database (tests), or a server whose worker stopped, writes batches and documents
// on the server's connection as before, with the same statements (./write-runs-batch.ts). Metric points are always written
// here: one writer's 5,000 points take ~12 ms, about what a hand-off to the worker and back would add.
//
// The connection is Prisma's own (lib/server/db/client.ts). The functions are async and speak in rows, not SQL
// handles. On PostgreSQL (issue 12) each has a second path (the `pg…` functions at the end): one Prisma interactive
// transaction of a few set-based statements on a pooled connection, all-or-nothing like the SQLite one; the pool's
// connections wait on the server, not on this thread.
import type Database from "better-sqlite3";
import { type EventInput, runEventColumns } from "@/lib/server/collab/events";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPostgres, prisma, type SqliteAdapter, sharedSqliteAdapter } from "./client";
import { createId, prismaDateTime } from "./ids";
import { drainSearchChunkOnWorker, requestCheckpoint, writeRunsBatchOnWorker } from "./connection-tuning";
import { statement } from "./statements";
import { RUN_SEARCH_DOCUMENT_SQL } from "@/lib/server/runs/search-index";
import { drainSearchChunkOn, type RunsBatch, type RunsBatchOutcome, writeRunsBatchOn } from "./write-runs-batch";

export type { RunsBatchOutcome } from "./write-runs-batch";

/** A value for one column as JavaScript holds it; converted to SQLite's storage classes on the way in. */
export type ColumnValue = string | number | boolean | Date | null;

export type RunEventRow = {
  id: string;
  runId: string;
  actorId: string | null;
  kind: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  createdAt: Date;
};

/** One run to create: every Run column, its tags (distinct) and the history events written with it. */
export type RunInsert = { run: Record<string, ColumnValue> & { id: string; externalId: string | null }; tags: string[]; events: RunEventRow[] };

/** A history event row as recordRunEvents (lib/server/collab/events.ts) writes it, with its id and time. */
export function runEventRow(event: EventInput, at: Date): RunEventRow {
  return { id: createId(), ...runEventColumns(event), createdAt: at };
}

/**
 * Creates runs all-or-nothing, in item order. An item whose externalId belongs to a live run is skipped (its id is
 * reported in `existing`); one whose externalId belongs to a soft-deleted run aborts the whole batch. Items must
 * carry distinct externalIds (the caller folds repeats).
 */
export async function writeRunsBatch(items: RunInsert[]): Promise<RunsBatchOutcome> {
  if (!items.length) return { status: "written", existing: new Map() };
  if (isPostgres) return inTransactionTurn(() => pgWriteRunsBatch(items));
  const columns = Object.keys(items[0]!.run);
  const batch: RunsBatch = {
    columns,
    rows: items.map((item) => columns.map((column) => toSql(item.run[column] ?? null))),
    runIds: items.map((item) => item.run.id),
    externalIds: items.map((item) => item.run.externalId),
    tags: items.map((item) => item.tags),
    events: items.map((item) => item.events.map((e) => [e.id, e.runId, e.actorId, e.kind, e.field, e.oldValue, e.newValue, prismaDateTime(e.createdAt)])),
    defersIndexing: items.length >= DEFER_INDEXING_FROM,
  };
  return inTransactionTurn(() =>
    onWorkerOrHere(
      (db) => writeRunsBatchOnWorker(db, batch),
      (db) => {
        const written = writeRunsBatchOn((sql) => statement(db, sql), batch);
        return written.status === "written" ? written : abort(written);
      },
    ),
  );
}

/**
 * Batches of this many runs or more leave their full-text documents to drainSearchQueue: written inside the
 * batch's transaction (three per run: the run's, then one per tag), they made a 1,000-run write a 300 ms
 * synchronous burst instead of 30 ms. Smaller writes (a single POST /api/runs) index at once.
 */
const DEFER_INDEXING_FROM = 50;
/** Runs indexed per drain transaction: about 10 ms of tokenizing, then other writers get their turn. */
const DRAIN_CHUNK = 50;

let draining: Promise<void> | null = null;

/**
 * Writes the full-text documents of the runs a deferred bulk write queued (RunSearchPending), DRAIN_CHUNK runs per
 * short transaction with a poll for I/O between them, until the queue is empty. Concurrent callers share one drain.
 * A queue left by a crash is drained by the next call: a search calls this before it reads the index.
 */
export function drainSearchQueue(): Promise<void> {
  // PostgreSQL's full-text index is kept by triggers in the writing transaction itself: nothing is ever queued.
  if (isPostgres) return Promise.resolve();
  draining ??= (async () => {
    try {
      // Every runs write calls this; most leave nothing queued, which a read here tells without a hand-off.
      if (!statement((await sharedSqliteAdapter()).client, `SELECT 1 FROM "RunSearchPending" LIMIT 1`).get()) return;
      for (;;) {
        // On the database worker when there is one: tokenizing 1,000 runs' documents took ~200 ms of this thread.
        const indexed = await inTransactionTurn(() =>
          onWorkerOrHere(
            (db) => drainSearchChunkOnWorker(db, RUN_SEARCH_DOCUMENT_SQL, DRAIN_CHUNK),
            (db) => drainSearchChunkOn((sql) => statement(db, sql), RUN_SEARCH_DOCUMENT_SQL, DRAIN_CHUNK),
          ),
        );
        if (indexed < DRAIN_CHUNK) return;
      }
    } finally {
      draining = null;
    }
  })();
  return draining;
}

/** Points one upsert statement writes: 1,000 bound values, far below SQLite's limit of 32,766. */
const POINTS_PER_UPSERT = 200;

/** The upsert of `rows` metric points in one statement; a stored (key, step) gets the new value and time. */
const metricUpsertSql = (rows: number) =>
  `INSERT INTO "MetricPoint" ("runId", "key", "step", "value", "time") VALUES ${new Array(rows).fill("(?, ?, ?, ?, ?)").join(", ")}
   ON CONFLICT ("runId", "key", "step") DO UPDATE SET "value" = excluded."value", "time" = excluded."time"`;

/** A metric point as the API takes it; `time` is an ISO 8601 date-time, the request's time when left out. */
export type MetricPointRow = { key: string; step: number; value: number; time?: string };

/**
 * Writes a run's metric points all-or-nothing, in order: a point for a stored (key, step) replaces it, so of
 * repeated pairs the last one wins. Drops the stored summaries (MetricSummary) of every key touched. NaN is stored
 * as NULL (what SQLite makes of a bound NaN) and ±Infinity as themselves. Returns false, writing nothing, when the
 * run does not exist or is deleted. The points are bound as they come, without a row object per point: at 5,000
 * points a request, building and collecting those cost about a third as much as the write itself.
 */
export async function upsertMetricPoints(runId: string, points: readonly MetricPointRow[], defaultTime: Date): Promise<boolean> {
  const requestTime = prismaDateTime(defaultTime);
  // Points that carry a time mostly repeat a few: format each distinct one once.
  const times = new Map<string, string>();
  const timeOf = (time: string | undefined) => {
    if (time === undefined) return requestTime;
    let text = times.get(time);
    if (text === undefined) times.set(time, (text = prismaDateTime(new Date(time))));
    return text;
  };
  const keys = new Set<string>();
  for (const p of points) keys.add(p.key);
  if (isPostgres) return inTransactionTurn(() => pgUpsertMetricPoints(runId, points, keys, defaultTime));
  return inWriteTransaction((db) => {
    if (!statement(db, `SELECT 1 FROM "Run" WHERE "id" = ? AND "deletedAt" IS NULL`).get(runId)) return false;
    // Rows go in POINTS_PER_UPSERT at a time, one statement each: binding and stepping one statement per point cost
    // a quarter more at 5,000 points. Rows of one statement are applied in order, so a repeated (key, step) still
    // ends with its last value.
    const many = statement(db, metricUpsertSql(POINTS_PER_UPSERT));
    const one = statement(db, metricUpsertSql(1));
    const args: (string | number | null)[] = new Array(POINTS_PER_UPSERT * 5);
    let i = 0;
    for (; i + POINTS_PER_UPSERT <= points.length; i += POINTS_PER_UPSERT) {
      for (let j = 0; j < POINTS_PER_UPSERT; j += 1) {
        const p = points[i + j]!;
        const at = j * 5;
        args[at] = runId;
        args[at + 1] = p.key;
        args[at + 2] = p.step;
        args[at + 3] = Number.isNaN(p.value) ? null : p.value;
        args[at + 4] = timeOf(p.time);
      }
      many.run(args);
    }
    for (; i < points.length; i += 1) {
      const p = points[i]!;
      one.run(runId, p.key, p.step, Number.isNaN(p.value) ? null : p.value, timeOf(p.time));
    }
    const dropSummary = statement(db, `DELETE FROM "MetricSummary" WHERE "runId" = ? AND "key" = ?`);
    // RunMetricKey lists the run's keys for the column chooser: one row per key per request, not per point.
    const registerKey = statement(db, `INSERT OR IGNORE INTO "RunMetricKey" ("runId", "key") VALUES (?, ?)`);
    for (const key of keys) {
      dropSummary.run(runId, key);
      registerKey.run(runId, key);
    }
    return true;
  });
}

// ------------------------------------------------------------------------------------------ the write transaction

/** Thrown inside a write transaction to roll it back and hand a value to the caller. */
class Abort<T> {
  constructor(readonly value: T) {}
}
function abort<T>(value: T): never {
  throw new Abort(value);
}

/**
 * Waits until the event loop has polled for I/O once. One setImmediate is not enough: called from an I/O callback
 * (where request handling runs) it fires in the same loop iteration, before any new request is read; a second one,
 * queued from the first, fires only in the next iteration, after its poll phase.
 */
export async function yieldToEventLoop(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A FIFO of turns, each starting after a poll for I/O, so other requests are read between two holders. */
function turnQueue() {
  let tail: Promise<void> = Promise.resolve();
  return async function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const previous = tail;
    let release!: () => void;
    tail = new Promise((resolve) => (release = resolve));
    try {
      await previous;
      await yieldToEventLoop();
      return await work();
    } finally {
      release();
    }
  };
}

/**
 * Runs one heavy write request (reading and validating a 1,000-run or 10,000-point body, then writing it) at a time.
 * Without it, eight bodies that finish arriving together are parsed back to back (tens of ms each) before the
 * server reads anything else. A request's body is read inside its turn; bodies are capped (lib/api/body.ts), and
 * a client that sends its body slowly delays the writers queued behind it, not the readers.
 */
export const inWriteTurn = turnQueue();

const inTransactionTurn = turnQueue();

/**
 * Runs `work` (synchronous) in one transaction on Prisma's connection, holding Prisma's transaction lock. Writers
 * queue here first, and each starts after a poll for I/O: without it a released writer would start the next one
 * in the same microtask chain, and eight queued bursts would run back to back with no request read between them.
 */
async function inWriteTransaction<T>(work: (db: Database.Database) => T): Promise<T> {
  return inTransactionTurn(async () => writeTransactionNow(await sharedSqliteAdapter(), work));
}

/**
 * `onWorker` (a write on the database worker's connection) while holding Prisma's transaction lock, or, when it
 * finds no worker (undefined), `here` in one transaction on Prisma's connection. The caller holds the turn.
 */
async function onWorkerOrHere<T>(onWorker: (db: Database.Database) => Promise<T | undefined>, here: (db: Database.Database) => T): Promise<T> {
  const adapter = await sharedSqliteAdapter();
  const db = adapter.client;
  // Prisma's lock, held until the worker answers; its BEGIN is committed at once, empty (see the header).
  const transaction = await adapter.startTransaction();
  if (db.inTransaction) db.prepare("COMMIT").run();
  let result: T | undefined;
  try {
    result = await onWorker(db);
  } finally {
    await transaction.commit();
  }
  return result ?? writeTransactionNow(adapter, here);
}

/** `work` in one transaction on Prisma's connection, under Prisma's transaction lock; the caller holds the turn. */
async function writeTransactionNow<T>(adapter: SqliteAdapter, work: (db: Database.Database) => T): Promise<T> {
  // Takes Prisma's transaction lock and runs BEGIN; ours to COMMIT or ROLLBACK, then commit()/rollback() unlocks.
  const transaction = await adapter.startTransaction();
  const db = adapter.client;
  let result: T;
  try {
    result = work(db);
    db.prepare("COMMIT").run();
  } catch (error) {
    if (db.inTransaction) db.prepare("ROLLBACK").run();
    await transaction.rollback();
    if (error instanceof Abort) return error.value as T;
    throw error;
  }
  await transaction.commit();
  // The pages just written are copied into the database file by the checkpointer's thread, not in this COMMIT.
  requestCheckpoint(db);
  return result;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans as 0/1 and dates as Prisma writes them. */
function toSql(value: ColumnValue): string | number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return prismaDateTime(value);
  return value;
}

// ------------------------------------------------------------------------------------------ PostgreSQL (issue 12)

/**
 * Prisma's interactive transactions give up after 2 s waiting for a pooled connection and 5 s running by default.
 * A 1,000-run batch or a 10,000-point upsert behind seven other writers (the concurrency bench) needs more than
 * that; a transaction past the limit is rolled back, so the write stays all-or-nothing either way.
 */
const PG_TRANSACTION = { maxWait: 30_000, timeout: 60_000 } as const;

/**
 * Key of the transaction-scoped advisory lock that batches naming externalIds take, so that two batches (in this
 * instance or another one sharing the database) never both find an externalId missing and both insert it: the
 * second would fail on the unique index instead of answering with the first one's run, as SQLite's single writer
 * does. Any fixed 64-bit number; this one spells "tb runs".
 */
const RUN_EXTERNAL_ID_LOCK = 0x7462_2072_756e_73n;

async function pgWriteRunsBatch(items: RunInsert[]): Promise<RunsBatchOutcome> {
  try {
    return await prisma.$transaction(async (tx) => {
      const externalIds = items.flatMap(({ run }) => (run.externalId === null ? [] : [run.externalId]));
      const existing = new Map<string, string>();
      if (externalIds.length) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RUN_EXTERNAL_ID_LOCK})`;
        const found = await tx.run.findMany({ where: { externalId: { in: externalIds } }, select: { id: true, externalId: true, deletedAt: true } });
        const byExternalId = new Map(found.map((row) => [row.externalId!, row]));
        for (const [index, { run }] of items.entries()) {
          const row = run.externalId === null ? undefined : byExternalId.get(run.externalId);
          if (row?.deletedAt) return abort({ status: "deleted-external-id", index, externalId: run.externalId!, runId: row.id });
          if (row) existing.set(run.externalId!, row.id);
        }
      }
      const fresh = items.filter(({ run }) => run.externalId === null || !existing.has(run.externalId));
      // Each table's rows go in as one JSON parameter that json_populate_recordset types column by column (Dates
      // become ISO text, which a timestamp column reads as UTC): Prisma's createMany spent 14 s building the
      // statements of 1,000 runs, this takes well under one. Rows go in item order, so "rowid" numbers them as
      // SQLite's rowid would.
      if (fresh.length) await tx.$executeRaw(insertRowsSql("Run", Object.keys(fresh[0]!.run), fresh.map(({ run }) => run)));
      const tags = fresh.flatMap(({ run, tags }) => tags.map((tag) => ({ runId: run.id, tag })));
      if (tags.length) await tx.$executeRaw(insertRowsSql("RunTag", ["runId", "tag"], tags));
      const events = fresh.flatMap(({ events }) => events);
      if (events.length) await tx.$executeRaw(insertRowsSql("RunEvent", ["id", "runId", "actorId", "kind", "field", "oldValue", "newValue", "createdAt"], events));
      return { status: "written", existing } satisfies RunsBatchOutcome;
    }, PG_TRANSACTION);
  } catch (error) {
    if (error instanceof Abort) return error.value as RunsBatchOutcome;
    throw error;
  }
}

/** INSERT of `rows` (objects keyed by column; names from the Prisma schema, never from a request) into `table`. */
function insertRowsSql(table: string, columns: string[], rows: readonly object[]): Prisma.Sql {
  const list = Prisma.raw(columns.map((column) => `"${column}"`).join(", "));
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${Prisma.raw(`"${table}"`)}, ${JSON.stringify(rows)}::json)`;
}

/**
 * The PostgreSQL upsert of a run's points: one statement whatever their number, the points passed as one JSON
 * parameter (values as text, so that ±Infinity survive JSON; PostgreSQL reads 'Infinity' as a double). PostgreSQL
 * refuses an upsert that touches one row twice, so a repeated (key, step) is folded to its last point first, which
 * is what SQLite's in-order upserts leave. Rows go in (key, step) order: two writers of overlapping points then lock
 * them in the same order and cannot deadlock.
 */
async function pgUpsertMetricPoints(runId: string, points: readonly MetricPointRow[], keys: Set<string>, defaultTime: Date): Promise<boolean> {
  const requestTime = defaultTime.toISOString();
  const last = new Map<string, MetricPointRow>();
  for (const p of points) {
    const id = `${p.step}\u0000${p.key}`;
    last.delete(id); // re-inserted: Map order is then the order of each pair's last occurrence
    last.set(id, p);
  }
  const rows = [...last.values()]
    .sort((a, b) => (a.key === b.key ? a.step - b.step : a.key < b.key ? -1 : 1))
    .map((p) => ({ k: p.key, s: p.step, v: Number.isNaN(p.value) ? null : String(p.value), t: p.time === undefined ? requestTime : new Date(p.time).toISOString() }));
  const keyList = JSON.stringify([...keys]);
  return prisma.$transaction(async (tx) => {
    const [live] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Run" WHERE "id" = ${runId} AND "deletedAt" IS NULL FOR SHARE`;
    if (!live) return false;
    // A timestamp without time zone ignores the trailing Z of the ISO text: the UTC time is stored, as Prisma stores it.
    await tx.$executeRaw`
      INSERT INTO "MetricPoint" ("runId", "key", "step", "value", "time")
      SELECT ${runId}, p."k", p."s", CAST(p."v" AS DOUBLE PRECISION), CAST(p."t" AS TIMESTAMP(3))
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS p("k" TEXT, "s" BIGINT, "v" TEXT, "t" TEXT)
      ON CONFLICT ("runId", "key", "step") DO UPDATE SET "value" = excluded."value", "time" = excluded."time"`;
    await tx.$executeRaw`DELETE FROM "MetricSummary" WHERE "runId" = ${runId} AND "key" IN (SELECT value FROM json_array_elements_text(${keyList}::json))`;
    await tx.$executeRaw`
      INSERT INTO "RunMetricKey" ("runId", "key") SELECT ${runId}, value FROM json_array_elements_text(${keyList}::json)
      ON CONFLICT ("runId", "key") DO NOTHING`;
    return true;
  }, PG_TRANSACTION);
}
