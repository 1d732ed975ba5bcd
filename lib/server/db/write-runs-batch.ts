import "server-only";
// The statements of a runs batch (POST /api/runs/batch, POST /api/runs) and of the full-text documents it queues,
// written once as plain JavaScript source so that the same code runs in both places that write them: the database worker's own connection
// (./connection-tuning.ts, the usual path on a WAL database) and the server's connection (./bulk-write.ts, when there
// is no worker: an in-memory or rollback-journal database, or a worker that stopped). The worker runs eval'd source
// (a module of its own would have to survive Next's bundling), so a TypeScript function could not be shared with it.

/** A value as better-sqlite3 binds it: booleans and dates are converted before the batch is built. */
export type SqlValue = string | number | null;

/** A batch as the writer takes it: only arrays of plain values, so it crosses to the worker by structured clone. */
export type RunsBatch = {
  /** Run columns, the same for every run (names from the Prisma schema, never from a request). */
  columns: string[];
  /** One array of values per run, in `columns` order. */
  rows: SqlValue[][];
  runIds: string[];
  externalIds: (string | null)[];
  /** Each run's distinct tags. */
  tags: string[][];
  /** Each run's history events as RunEvent rows: id, runId, actorId, kind, field, oldValue, newValue, createdAt. */
  events: SqlValue[][][];
  /** Leave the runs' full-text documents to drainSearchQueue (./bulk-write.ts, DEFER_INDEXING_FROM). */
  defersIndexing: boolean;
};

export type RunsBatchOutcome =
  /** Written; `existing` maps each externalId that already belonged to a live run to that run's id (not written). */
  | { status: "written"; existing: Map<string, string> }
  /** Nothing written: the item at `index` names the externalId of a soft-deleted run. */
  | { status: "deleted-external-id"; index: number; externalId: string; runId: string };

/** A prepared statement for this SQL on the writing connection (cached by the caller); integers read as numbers. */
export type Prepare = (sql: string) => { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };

/**
 * `function writeRunsBatchOn(prepare, batch)`: runs a batch's statements inside a transaction the caller opened and
 * returns its outcome; the caller commits a "written" outcome and rolls back anything else (or a throw). Runs whose
 * externalId already belongs to a live run are skipped; one that belongs to a soft-deleted run stops the batch
 * before anything is inserted. Set and cleared inside the transaction, RunSearchDefer is never seen by another write.
 */
export const WRITE_RUNS_BATCH_SOURCE = String.raw`function writeRunsBatchOn(prepare, batch) {
  const { columns, rows, runIds, externalIds, tags, events, defersIndexing } = batch;
  if (defersIndexing) prepare('INSERT OR IGNORE INTO "RunSearchDefer" ("id") VALUES (1)').run();
  const findByExternalId = prepare('SELECT "id", "deletedAt" FROM "Run" WHERE "externalId" = ?');
  const existing = new Map();
  for (let index = 0; index < rows.length; index += 1) {
    const externalId = externalIds[index];
    if (externalId === null) continue;
    const row = findByExternalId.get(externalId);
    if (row && row.deletedAt) return { status: "deleted-external-id", index, externalId, runId: row.id };
    if (row) existing.set(externalId, row.id);
  }
  const insertRun = prepare('INSERT INTO "Run" (' + columns.map((c) => '"' + c + '"').join(", ") + ") VALUES (" + columns.map(() => "?").join(", ") + ")");
  const insertTag = prepare('INSERT INTO "RunTag" ("runId", "tag") VALUES (?, ?)');
  const insertEvent = prepare('INSERT INTO "RunEvent" ("id", "runId", "actorId", "kind", "field", "oldValue", "newValue", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (let index = 0; index < rows.length; index += 1) {
    const externalId = externalIds[index];
    if (externalId !== null && existing.has(externalId)) continue;
    insertRun.run(rows[index]);
    for (const tag of tags[index]) insertTag.run(runIds[index], tag);
    for (const event of events[index]) insertEvent.run(event);
  }
  if (defersIndexing) prepare('DELETE FROM "RunSearchDefer"').run();
  return { status: "written", existing };
}`;

/**
 * `function drainSearchChunkOn(prepare, documentSql, limit)`: writes the full-text documents of up to `limit` runs
 * that a deferred batch queued (RunSearchPending), inside a transaction the caller opened; returns how many.
 * `documentSql` is RUN_SEARCH_DOCUMENT_SQL (lib/server/runs/search-index.ts), the document over the run `r`.
 */
export const DRAIN_SEARCH_CHUNK_SOURCE = String.raw`function drainSearchChunkOn(prepare, documentSql, limit) {
  const rowids = prepare('SELECT "runRowid" FROM "RunSearchPending" ORDER BY "runRowid" LIMIT ' + Number(limit)).all().map((row) => row.runRowid);
  if (rowids.length === 0) return 0;
  const list = JSON.stringify(rowids);
  prepare('DELETE FROM "RunSearch" WHERE rowid IN (SELECT value FROM json_each(?))').run(list);
  prepare('INSERT INTO "RunSearch" (rowid, "runId", "body") SELECT r.rowid, r."id", ' + documentSql + ' FROM "Run" r WHERE r.rowid IN (SELECT value FROM json_each(?))').run(list);
  prepare('DELETE FROM "RunSearchPending" WHERE "runRowid" IN (SELECT value FROM json_each(?))').run(list);
  return rowids.length;
}`;

/** The same functions on this thread, for writes on the server's connection. */
export const writeRunsBatchOn = new Function(`return (${WRITE_RUNS_BATCH_SOURCE});`)() as (prepare: Prepare, batch: RunsBatch) => RunsBatchOutcome;
export const drainSearchChunkOn = new Function(`return (${DRAIN_SEARCH_CHUNK_SOURCE});`)() as (prepare: Prepare, documentSql: string, limit: number) => number;
