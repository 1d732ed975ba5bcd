-- Written by hand: Prisma's schema language cannot declare a virtual table or a trigger. prisma/schema.prisma
-- models RunSearch for the client only, and the migration diff is told that the table and its shadow tables
-- (RunSearch_data, _idx, _content, _docsize, _config) are managed here (HAND_MANAGED_TABLES in
-- lib/server/db/schema-engine.ts), so no later migration creates or drops them.
--
-- Full-text index of what a person types to find a run (issue 13): one document per run, rowid = the run's rowid,
-- holding its name, notes, model (its name, and the catalog model's Hugging Face id), dataset, hardware label and the
-- catalog name of its GPU, method and the typed
-- settings (quantization, precision, optimizer, framework, attention, sharding), its tags, and the values of its
-- raw params and key-value tags (MLflow's), one per line. Keys are left out: "lora_r" would match every run that
-- logged a rank. The trigram tokenizer answers a quoted phrase of three or more characters as a case-insensitive
-- substring from the index; shorter queries fall back to LIKE over the stored documents (lib/server/runs/search.ts).
-- The document's SQL is RUN_SEARCH_DOCUMENT_SQL in lib/server/runs/search-index.ts; tests/api/runs-search.test.ts
-- checks that these triggers and that constant build the same documents.
CREATE VIRTUAL TABLE "RunSearch" USING fts5("runId" UNINDEXED, "body", tokenize = 'trigram');

CREATE TRIGGER "RunSearch_run_insert" AFTER INSERT ON "Run" BEGIN
  INSERT INTO "RunSearch" (rowid, "runId", "body") VALUES (NEW.rowid, NEW."id", concat_ws(char(10),
    NEW."name", NEW."notes", NEW."modelName", NEW."datasetName", NEW."hardwareLabel",
    (SELECT m."hfId" FROM "Model" m WHERE m."id" = NEW."modelId"),
    (SELECT h."name" FROM "Hardware" h WHERE h."id" = NEW."hardwareId"),
    NEW."method", NULLIF(NEW."quantization", 'none'), NEW."precision", NEW."optimizer", NEW."framework", NEW."attention", NULLIF(NEW."sharding", 'none'),
    (SELECT group_concat(t."tag", char(10)) FROM "RunTag" t WHERE t."runId" = NEW."id"),
    (SELECT group_concat(p."value", char(10)) FROM "RunParam" p WHERE p."runId" = NEW."id"),
    (SELECT group_concat(k."value", char(10)) FROM "RunKeyTag" k WHERE k."runId" = NEW."id")));
END;

-- Only the columns the document holds: a heartbeat (lastSeenAt), a review or a soft delete re-indexes nothing.
CREATE TRIGGER "RunSearch_run_update" AFTER UPDATE OF "id", "name", "notes", "modelId", "modelName", "datasetName", "hardwareLabel", "hardwareId",
  "method", "quantization", "precision", "optimizer", "framework", "attention", "sharding" ON "Run" BEGIN
  DELETE FROM "RunSearch" WHERE rowid = OLD.rowid;
  INSERT INTO "RunSearch" (rowid, "runId", "body") VALUES (NEW.rowid, NEW."id", concat_ws(char(10),
    NEW."name", NEW."notes", NEW."modelName", NEW."datasetName", NEW."hardwareLabel",
    (SELECT m."hfId" FROM "Model" m WHERE m."id" = NEW."modelId"),
    (SELECT h."name" FROM "Hardware" h WHERE h."id" = NEW."hardwareId"),
    NEW."method", NULLIF(NEW."quantization", 'none'), NEW."precision", NEW."optimizer", NEW."framework", NEW."attention", NULLIF(NEW."sharding", 'none'),
    (SELECT group_concat(t."tag", char(10)) FROM "RunTag" t WHERE t."runId" = NEW."id"),
    (SELECT group_concat(p."value", char(10)) FROM "RunParam" p WHERE p."runId" = NEW."id"),
    (SELECT group_concat(k."value", char(10)) FROM "RunKeyTag" k WHERE k."runId" = NEW."id")));
END;

CREATE TRIGGER "RunSearch_run_delete" AFTER DELETE ON "Run" BEGIN
  DELETE FROM "RunSearch" WHERE rowid = OLD.rowid;
END;

-- A change to a run's tags, params or key-value tags, or a catalog model or GPU renamed, rebuilds the runs'
-- documents through the update trigger above (a no-op assignment of a column it watches), so the document is
-- written in one place. A catalog row rewritten unchanged (the seed's upserts) re-indexes nothing. A run deleted with its rows (ON DELETE CASCADE) is gone by then: the UPDATE matches nothing.
CREATE TRIGGER "RunSearch_model_rename" AFTER UPDATE OF "hfId" ON "Model" WHEN OLD."hfId" IS NOT NEW."hfId" BEGIN
  UPDATE "Run" SET "modelId" = "modelId" WHERE "modelId" = NEW."id";
END;
CREATE TRIGGER "RunSearch_hardware_rename" AFTER UPDATE OF "name" ON "Hardware" WHEN OLD."name" IS NOT NEW."name" BEGIN
  UPDATE "Run" SET "hardwareId" = "hardwareId" WHERE "hardwareId" = NEW."id";
END;
CREATE TRIGGER "RunSearch_tag_insert" AFTER INSERT ON "RunTag" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" = NEW."runId";
END;
CREATE TRIGGER "RunSearch_tag_update" AFTER UPDATE ON "RunTag" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" IN (OLD."runId", NEW."runId");
END;
CREATE TRIGGER "RunSearch_tag_delete" AFTER DELETE ON "RunTag" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" = OLD."runId";
END;
CREATE TRIGGER "RunSearch_param_insert" AFTER INSERT ON "RunParam" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" = NEW."runId";
END;
CREATE TRIGGER "RunSearch_param_update" AFTER UPDATE ON "RunParam" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" IN (OLD."runId", NEW."runId");
END;
CREATE TRIGGER "RunSearch_param_delete" AFTER DELETE ON "RunParam" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" = OLD."runId";
END;
CREATE TRIGGER "RunSearch_keytag_insert" AFTER INSERT ON "RunKeyTag" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" = NEW."runId";
END;
CREATE TRIGGER "RunSearch_keytag_update" AFTER UPDATE ON "RunKeyTag" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" IN (OLD."runId", NEW."runId");
END;
CREATE TRIGGER "RunSearch_keytag_delete" AFTER DELETE ON "RunKeyTag" BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" = OLD."runId";
END;

-- Backfill: every run already stored.
INSERT INTO "RunSearch" (rowid, "runId", "body") SELECT r.rowid, r."id", concat_ws(char(10),
    r."name", r."notes", r."modelName", r."datasetName", r."hardwareLabel",
    (SELECT m."hfId" FROM "Model" m WHERE m."id" = r."modelId"),
    (SELECT h."name" FROM "Hardware" h WHERE h."id" = r."hardwareId"),
    r."method", NULLIF(r."quantization", 'none'), r."precision", r."optimizer", r."framework", r."attention", NULLIF(r."sharding", 'none'),
    (SELECT group_concat(t."tag", char(10)) FROM "RunTag" t WHERE t."runId" = r."id"),
    (SELECT group_concat(p."value", char(10)) FROM "RunParam" p WHERE p."runId" = r."id"),
    (SELECT group_concat(k."value", char(10)) FROM "RunKeyTag" k WHERE k."runId" = r."id"))
  FROM "Run" r;
