-- CreateTable
CREATE TABLE "SignInFailure" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "atMs" DOUBLE PRECISION NOT NULL,
    "pairCleared" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInUsername" (
    "username" TEXT NOT NULL,
    "slowedUntilMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "touchedMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SignInUsername_pkey" PRIMARY KEY ("username")
);

-- CreateTable
CREATE TABLE "SignInKnownAddress" (
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "atMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SignInKnownAddress_pkey" PRIMARY KEY ("username","address")
);

-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
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
-- Constraint triggers deferred to the commit: the one row is locked only from the commit's start to its end, after
-- every other lock the transaction takes, so concurrent writers queue briefly at commit and cannot deadlock on it.
-- Once per transaction: the WHEN function lets the first changed row queue the bump and no other (a deferred event
-- per row would cost as much again as a 100,000-run insert); the setting it keeps is transaction-local, so a
-- rolled-back savepoint forgets it together with the event it queued. The bump is an upsert, so a database copied
-- without this row counts on from 1.
CREATE FUNCTION "tuneboard_data_version_first_change"() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF current_setting('tuneboard.data_version_queued', true) IS NOT DISTINCT FROM 'on' THEN
    RETURN FALSE;
  END IF;
  PERFORM set_config('tuneboard.data_version_queued', 'on', true);
  RETURN TRUE;
END
$$;
CREATE FUNCTION "tuneboard_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "DataVersion"."version" + 1;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER "Run_data_version_insert_delete" AFTER INSERT OR DELETE ON "Run" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ("tuneboard_data_version_first_change"()) EXECUTE FUNCTION "tuneboard_bump_data_version"();
CREATE CONSTRAINT TRIGGER "Run_data_version_update" AFTER UPDATE OF "id", "name", "method", "modelId", "modelParams", "rank", "targetModules", "quantization", "precision", "hardwareId", "gpuCount", "seqLen", "batchSize", "gradientCheckpointing", "oom", "throughputSamplesPerSec", "throughputTokensPerSec", "mtBench", "mmlu", "reviewStatus", "sourceId", "isEstimate", "deletedAt", "createdAt" ON "Run" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ("tuneboard_data_version_first_change"()) EXECUTE FUNCTION "tuneboard_bump_data_version"();
CREATE CONSTRAINT TRIGGER "Source_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Source" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ("tuneboard_data_version_first_change"()) EXECUTE FUNCTION "tuneboard_bump_data_version"();
CREATE CONSTRAINT TRIGGER "Model_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Model" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ("tuneboard_data_version_first_change"()) EXECUTE FUNCTION "tuneboard_bump_data_version"();
CREATE CONSTRAINT TRIGGER "Hardware_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Hardware" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ("tuneboard_data_version_first_change"()) EXECUTE FUNCTION "tuneboard_bump_data_version"();
