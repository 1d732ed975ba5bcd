// The runs' full-text document as SQL, for code that fills the index in bulk (bench/generate-runs.mts,
// seed/synthetic-runs.ts) instead of through the triggers. No "server-only": those scripts import it outside Next.
// SQLite's must build what the triggers of migration 20261130081400_run_search build; tests/api/runs-search.test.ts
// compares the two on every run of its database. PostgreSQL's variants are at the end.

/** SQLite: the document of the run `r` (a `"Run" r` in the enclosing query): one searchable value per line. */
export const RUN_SEARCH_DOCUMENT_SQL = `concat_ws(char(10),
  r."name", r."notes", r."modelName", r."datasetName", r."hardwareLabel",
  (SELECT m."hfId" FROM "Model" m WHERE m."id" = r."modelId"),
  (SELECT h."name" FROM "Hardware" h WHERE h."id" = r."hardwareId"),
  r."method", NULLIF(r."quantization", 'none'), r."precision", r."optimizer", r."framework", r."attention", NULLIF(r."sharding", 'none'),
  (SELECT group_concat(t."tag", char(10)) FROM "RunTag" t WHERE t."runId" = r."id"),
  (SELECT group_concat(p."value", char(10)) FROM "RunParam" p WHERE p."runId" = r."id"),
  (SELECT group_concat(k."value", char(10)) FROM "RunKeyTag" k WHERE k."runId" = r."id"))`;

/** Indexes the runs with a rowid above `afterRowid` (the runs a bulk insert just added, its triggers dropped). */
export const indexRunsAfterSql = (afterRowid: number) =>
  `INSERT INTO "RunSearch" (rowid, "runId", "body") SELECT r.rowid, r."id", ${RUN_SEARCH_DOCUMENT_SQL} FROM "Run" r WHERE r.rowid > ${Math.trunc(afterRowid)}`;

/** Rebuilds every run's document (after a migration that redefined a table the documents are built from). */
export const REBUILD_RUN_SEARCH_SQL = `-- Rebuild the runs' full-text documents (RunSearch).
DELETE FROM "RunSearch";
INSERT INTO "RunSearch" (rowid, "runId", "body") SELECT r.rowid, r."id", ${RUN_SEARCH_DOCUMENT_SQL} FROM "Run" r;`;

// PostgreSQL (issue 12): the document is built by one function of its migration
// (prisma/postgres/migrations/20261130114528_run_search), which its triggers call too, so code that fills the
// index in bulk (after inserting runs with the triggers disabled, e.g. a copy) builds exactly what they build.

/** PostgreSQL: the document of the run `r` (a `"Run" r` in the enclosing query). */
export const POSTGRES_RUN_SEARCH_DOCUMENT_SQL = `"RunSearch_document"(r."id")`;

/** PostgreSQL: writes (or rewrites) the documents of the runs with a rowid above `afterRowid`. */
export const postgresIndexRunsAfterSql = (afterRowid: number) =>
  `INSERT INTO "RunSearch" ("rowid", "runId", "body") SELECT r."rowid", r."id", ${POSTGRES_RUN_SEARCH_DOCUMENT_SQL} FROM "Run" r WHERE r."rowid" > ${Math.trunc(afterRowid)}
  ON CONFLICT ("rowid") DO UPDATE SET "runId" = excluded."runId", "body" = excluded."body"`;

/** PostgreSQL: rebuilds every run's document (two statements: run it as a script, or split at the ";"). */
export const POSTGRES_REBUILD_RUN_SEARCH_SQL = `DELETE FROM "RunSearch";
INSERT INTO "RunSearch" ("rowid", "runId", "body") SELECT r."rowid", r."id", ${POSTGRES_RUN_SEARCH_DOCUMENT_SQL} FROM "Run" r;`;
