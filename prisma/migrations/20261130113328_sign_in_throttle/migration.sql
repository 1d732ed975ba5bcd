-- CreateTable
CREATE TABLE "SignInFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "atMs" REAL NOT NULL,
    "pairCleared" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "SignInUsername" (
    "username" TEXT NOT NULL PRIMARY KEY,
    "slowedUntilMs" REAL NOT NULL DEFAULT 0,
    "touchedMs" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "SignInKnownAddress" (
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "atMs" REAL NOT NULL,

    PRIMARY KEY ("username", "address")
);

-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" BIGINT NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "SignInFailure_username_address_atMs_idx" ON "SignInFailure"("username", "address", "atMs");

-- CreateIndex
CREATE INDEX "SignInFailure_username_atMs_idx" ON "SignInFailure"("username", "atMs");

-- CreateIndex
CREATE INDEX "SignInFailure_atMs_idx" ON "SignInFailure"("atMs");

-- CreateIndex
CREATE INDEX "SignInUsername_touchedMs_idx" ON "SignInUsername"("touchedMs");

-- CreateIndex
CREATE INDEX "SignInKnownAddress_atMs_idx" ON "SignInKnownAddress"("atMs");

-- Written by hand (issue 12): the data version of the prediction fits (lib/server/predict/context.ts). Every write
-- that changes what the fits read bumps it, in the writing transaction, whichever process or tool writes, so an app
-- instance refits when another instance's write commits. A run's update bumps it only when it sets a column the
-- fits read (DATA_VERSION_RUN_COLUMNS there), so heartbeats (lastSeenAt) and metric summaries do not refit.
-- A run's insert bumps nothing here: SQLite triggers run per row, and a bump per inserted run would add a third to a
-- bulk insert's own cost; the version also reads the largest Run rowid, which every insert raises (a rowid freed by a
-- delete can come back, but that delete bumped the counter). The bump is an upsert, so a database copied without
-- this row counts on from 1.
CREATE TRIGGER "Run_data_version_delete" AFTER DELETE ON "Run" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Run_data_version_update" AFTER UPDATE OF "id", "name", "method", "modelId", "modelParams", "rank", "targetModules", "quantization", "precision", "hardwareId", "gpuCount", "seqLen", "batchSize", "gradientCheckpointing", "oom", "throughputSamplesPerSec", "throughputTokensPerSec", "mtBench", "mmlu", "reviewStatus", "sourceId", "isEstimate", "deletedAt", "createdAt" ON "Run" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Source_data_version_insert" AFTER INSERT ON "Source" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Source_data_version_update" AFTER UPDATE ON "Source" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Source_data_version_delete" AFTER DELETE ON "Source" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Model_data_version_insert" AFTER INSERT ON "Model" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Model_data_version_update" AFTER UPDATE ON "Model" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Model_data_version_delete" AFTER DELETE ON "Model" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Hardware_data_version_insert" AFTER INSERT ON "Hardware" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Hardware_data_version_update" AFTER UPDATE ON "Hardware" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
CREATE TRIGGER "Hardware_data_version_delete" AFTER DELETE ON "Hardware" BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "version" + 1;
END;
