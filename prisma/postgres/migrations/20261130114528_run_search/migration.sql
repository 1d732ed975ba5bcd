-- Written by hand (issue 12): the runs' full-text search on PostgreSQL, the counterpart of SQLite's FTS5 index
-- (prisma/migrations/20261130081400_run_search). PostgreSQL migrations are diffed schema to schema
-- (scripts/db-new-migration.mts), so no later migration drops what this one adds.
--
-- The same model: "RunSearch" holds one document per run, rowid = the run's "rowid", with the same content as on
-- SQLite (name, notes, model name and the catalog model's Hugging Face id, dataset, hardware label and the catalog
-- GPU's name, method and the typed settings, tags, and the values of raw params and key-value tags, one per line).
-- Here it is a plain table, indexed for substring search by pg_trgm: a GIN index of the trigrams of "body" answers
-- `body ILIKE '%q%'` (case-insensitive substring, the query's own % _ \ escaped) by reading the documents that hold
-- all of q's trigrams and rechecking those, as FTS5's trigram phrase query does on SQLite
-- (lib/server/runs/search.ts). A query with no trigram of its own (one or two characters) is checked against every
-- document, as on SQLite.
--
-- The "RunSearch" column (the model's `match`) is FTS5's hidden column on SQLite, through which the client writes
-- MATCH. PostgreSQL has no such operator to reach through a column, so it holds nothing: '' by default, never read.
-- Keeping it spares the two providers' schemas a difference (tests/unit/provider-schema.test.ts).
--
-- The documents are written by the functions and triggers below, the whole of a document in one place
-- ("RunSearch_document"), so a search finds a write as soon as it commits. SQLite's deferred queue
-- (RunSearchDefer, RunSearchPending) is not used here: it exists because SQLite's triggers run on the server's one
-- thread inside the write; PostgreSQL runs them in its own process, and the triggers on the tables written in bulk
-- (Run, RunTag, RunParam, RunKeyTag) are per statement, so a 1,000-run INSERT builds its documents in one pass.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "RunSearch" ALTER COLUMN "RunSearch" SET DEFAULT '';

CREATE INDEX "RunSearch_body_trgm_idx" ON "RunSearch" USING gin ("body" gin_trgm_ops);

-- The document of one run, NULL when there is no such run. Tags, params and key-value tags in the order of their
-- key, bytewise (COLLATE "C"), as SQLite's group_concat reads them from their primary keys. VOLATILE (the default)
-- on purpose: each call reads the tables afresh, which "RunSearch_refresh" relies on when it waits for another
-- transaction's document of the same run (see there). lib/server/runs/search-index.ts calls it for bulk rebuilds.
CREATE FUNCTION "RunSearch_document"(run_id TEXT) RETURNS TEXT LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT concat_ws(chr(10),
    r."name", r."notes", r."modelName", r."datasetName", r."hardwareLabel",
    (SELECT m."hfId" FROM "Model" m WHERE m."id" = r."modelId"),
    (SELECT h."name" FROM "Hardware" h WHERE h."id" = r."hardwareId"),
    r."method", NULLIF(r."quantization", 'none'), r."precision", r."optimizer", r."framework", r."attention", NULLIF(r."sharding", 'none'),
    (SELECT string_agg(t."tag", chr(10) ORDER BY t."tag" COLLATE "C") FROM "RunTag" t WHERE t."runId" = r."id"),
    (SELECT string_agg(p."value", chr(10) ORDER BY p."key" COLLATE "C") FROM "RunParam" p WHERE p."runId" = r."id"),
    (SELECT string_agg(k."value", chr(10) ORDER BY k."key" COLLATE "C") FROM "RunKeyTag" k WHERE k."runId" = r."id"))
  FROM "Run" r WHERE r."id" = run_id);
END $$;

-- Writes (or rewrites) the documents of the runs `run_ids`; ids of runs that no longer exist are skipped (a run
-- deleted with its tags: its document went with it, by the foreign key's ON DELETE CASCADE). Rows are taken in
-- rowid order so that two writers lock documents in the same order. On a document already stored, the new text is
-- built again after the row is locked: when another transaction was writing the same run's document (two writers
-- tagging one run at once), that build runs after it committed and so sees its change, which the first build,
-- made from the statement's snapshot, did not.
CREATE FUNCTION "RunSearch_refresh"(run_ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RunSearch" ("rowid", "runId", "body")
    SELECT r."rowid", r."id", "RunSearch_document"(r."id") FROM "Run" r WHERE r."id" = ANY (run_ids) ORDER BY r."rowid"
  ON CONFLICT ("rowid") DO UPDATE SET "runId" = excluded."runId", "body" = "RunSearch_document"(excluded."runId");
END $$;

-- Runs inserted: one pass over the statement's new rows.
CREATE FUNCTION "RunSearch_runs_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "RunSearch_refresh"(ARRAY(SELECT n."id" FROM new_rows n));
  RETURN NULL;
END $$;
CREATE TRIGGER "RunSearch_run_insert" AFTER INSERT ON "Run" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_runs_inserted"();

-- A run updated: only when a column the document holds changed, so a heartbeat (lastSeenAt), a review or a soft
-- delete re-indexes nothing. Per row: updates come one run at a time.
CREATE FUNCTION "RunSearch_run_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "RunSearch_refresh"(ARRAY[NEW."id"]);
  RETURN NULL;
END $$;
CREATE TRIGGER "RunSearch_run_update" AFTER UPDATE OF "id", "name", "notes", "modelId", "modelName", "datasetName", "hardwareLabel", "hardwareId",
  "method", "quantization", "precision", "optimizer", "framework", "attention", "sharding" ON "Run"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."name" IS DISTINCT FROM NEW."name" OR OLD."notes" IS DISTINCT FROM NEW."notes"
    OR OLD."modelId" IS DISTINCT FROM NEW."modelId" OR OLD."modelName" IS DISTINCT FROM NEW."modelName" OR OLD."datasetName" IS DISTINCT FROM NEW."datasetName"
    OR OLD."hardwareLabel" IS DISTINCT FROM NEW."hardwareLabel" OR OLD."hardwareId" IS DISTINCT FROM NEW."hardwareId" OR OLD."method" IS DISTINCT FROM NEW."method"
    OR OLD."quantization" IS DISTINCT FROM NEW."quantization" OR OLD."precision" IS DISTINCT FROM NEW."precision" OR OLD."optimizer" IS DISTINCT FROM NEW."optimizer"
    OR OLD."framework" IS DISTINCT FROM NEW."framework" OR OLD."attention" IS DISTINCT FROM NEW."attention" OR OLD."sharding" IS DISTINCT FROM NEW."sharding")
  EXECUTE FUNCTION "RunSearch_run_updated"();

-- A run's tags, params or key-value tags inserted, updated or deleted: the runs the statement touched, once each.
-- (A trigger with transition tables takes one event, hence three triggers per table on one function.)
CREATE FUNCTION "RunSearch_rows_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "RunSearch_refresh"(ARRAY(SELECT DISTINCT n."runId" FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "RunSearch_refresh"(ARRAY(SELECT DISTINCT o."runId" FROM old_rows o));
  ELSE
    PERFORM "RunSearch_refresh"(ARRAY(SELECT o."runId" FROM old_rows o UNION SELECT n."runId" FROM new_rows n));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "RunSearch_tag_insert" AFTER INSERT ON "RunTag" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_tag_update" AFTER UPDATE ON "RunTag" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_tag_delete" AFTER DELETE ON "RunTag" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_param_insert" AFTER INSERT ON "RunParam" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_param_update" AFTER UPDATE ON "RunParam" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_param_delete" AFTER DELETE ON "RunParam" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_keytag_insert" AFTER INSERT ON "RunKeyTag" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_keytag_update" AFTER UPDATE ON "RunKeyTag" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();
CREATE TRIGGER "RunSearch_keytag_delete" AFTER DELETE ON "RunKeyTag" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "RunSearch_rows_changed"();

-- A catalog model's Hugging Face id or a GPU's name changed: the documents of the runs that point at it. A catalog
-- row rewritten unchanged (the seed's upserts) re-indexes nothing. A catalog id changed reaches the runs through
-- their foreign key (ON UPDATE CASCADE), which the run update trigger sees.
CREATE FUNCTION "RunSearch_model_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "RunSearch_refresh"(ARRAY(SELECT r."id" FROM "Run" r WHERE r."modelId" = NEW."id"));
  RETURN NULL;
END $$;
CREATE TRIGGER "RunSearch_model_rename" AFTER UPDATE OF "hfId" ON "Model"
  FOR EACH ROW WHEN (OLD."hfId" IS DISTINCT FROM NEW."hfId") EXECUTE FUNCTION "RunSearch_model_renamed"();
CREATE FUNCTION "RunSearch_hardware_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "RunSearch_refresh"(ARRAY(SELECT r."id" FROM "Run" r WHERE r."hardwareId" = NEW."id"));
  RETURN NULL;
END $$;
CREATE TRIGGER "RunSearch_hardware_rename" AFTER UPDATE OF "name" ON "Hardware"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "RunSearch_hardware_renamed"();

-- A run deleted: its document goes by the foreign key "RunSearch_runId_fkey" (ON DELETE CASCADE, init migration).

-- Backfill: every run already stored.
INSERT INTO "RunSearch" ("rowid", "runId", "body") SELECT r."rowid", r."id", "RunSearch_document"(r."id") FROM "Run" r
  ON CONFLICT ("rowid") DO UPDATE SET "runId" = excluded."runId", "body" = excluded."body";
