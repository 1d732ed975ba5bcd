-- CreateTable
CREATE TABLE "RunSearchDefer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT
);

-- CreateTable
CREATE TABLE "RunSearchPending" (
    "runRowid" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT
);

-- Written by hand (issue 9 after issue 13): a 1,000-run batch wrote three full-text documents per run inside its
-- one write transaction (the run's, then one per tag through the tag trigger), which made that synchronous burst
-- about ten times longer and stalled the server for up to 1.3 s. While RunSearchDefer holds a row (a bulk write
-- sets and clears it inside its own transaction), the run and tag insert triggers queue the run instead; the queue
-- is drained in short chunks after the commit, and a search drains it before it reads.
DROP TRIGGER "RunSearch_run_insert";
CREATE TRIGGER "RunSearch_run_insert" AFTER INSERT ON "Run" WHEN NOT EXISTS (SELECT 1 FROM "RunSearchDefer") BEGIN
  INSERT INTO "RunSearch" (rowid, "runId", "body") VALUES (NEW.rowid, NEW."id", concat_ws(char(10),
    NEW."name", NEW."notes", NEW."modelName", NEW."datasetName", NEW."hardwareLabel",
    (SELECT m."hfId" FROM "Model" m WHERE m."id" = NEW."modelId"),
    (SELECT h."name" FROM "Hardware" h WHERE h."id" = NEW."hardwareId"),
    NEW."method", NULLIF(NEW."quantization", 'none'), NEW."precision", NEW."optimizer", NEW."framework", NEW."attention", NULLIF(NEW."sharding", 'none'),
    (SELECT group_concat(t."tag", char(10)) FROM "RunTag" t WHERE t."runId" = NEW."id"),
    (SELECT group_concat(p."value", char(10)) FROM "RunParam" p WHERE p."runId" = NEW."id"),
    (SELECT group_concat(k."value", char(10)) FROM "RunKeyTag" k WHERE k."runId" = NEW."id")));
END;
CREATE TRIGGER "RunSearch_run_insert_deferred" AFTER INSERT ON "Run" WHEN EXISTS (SELECT 1 FROM "RunSearchDefer") BEGIN
  INSERT OR IGNORE INTO "RunSearchPending" ("runRowid") VALUES (NEW.rowid);
END;
DROP TRIGGER "RunSearch_tag_insert";
CREATE TRIGGER "RunSearch_tag_insert" AFTER INSERT ON "RunTag" WHEN NOT EXISTS (SELECT 1 FROM "RunSearchDefer") BEGIN
  UPDATE "Run" SET "name" = "name" WHERE "id" = NEW."runId";
END;
CREATE TRIGGER "RunSearch_tag_insert_deferred" AFTER INSERT ON "RunTag" WHEN EXISTS (SELECT 1 FROM "RunSearchDefer") BEGIN
  INSERT OR IGNORE INTO "RunSearchPending" ("runRowid") SELECT r.rowid FROM "Run" r WHERE r."id" = NEW."runId";
END;
