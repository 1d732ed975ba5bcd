-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "publisher" TEXT,
    "publishedAt" TEXT,
    "seedFile" TEXT,
    "url" TEXT,
    "repository" TEXT,
    "path" TEXT,
    "commit" TEXT,
    "summary" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceTable" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "caption" TEXT,
    "kind" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "colCount" INTEGER NOT NULL,

    CONSTRAINT "SourceTable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceCell" (
    "id" TEXT NOT NULL,
    "tableId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "col" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "rowLabel" TEXT NOT NULL,
    "columnLabel" TEXT NOT NULL,

    CONSTRAINT "SourceCell_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL,
    "hfId" TEXT,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "hiddenSize" INTEGER NOT NULL,
    "intermediateSize" INTEGER NOT NULL,
    "numLayers" INTEGER NOT NULL,
    "numAttentionHeads" INTEGER NOT NULL,
    "numKeyValueHeads" INTEGER NOT NULL,
    "headDim" INTEGER NOT NULL,
    "vocabSize" INTEGER NOT NULL,
    "tiedEmbeddings" BOOLEAN NOT NULL,
    "totalParams" DOUBLE PRECISION NOT NULL,
    "isGeneric" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "citation" TEXT NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hardware" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "memoryGb" DOUBLE PRECISION NOT NULL,
    "bf16DenseTflops" DOUBLE PRECISION,
    "fp16DenseTflops" DOUBLE PRECISION NOT NULL,
    "memoryBandwidthGbs" DOUBLE PRECISION NOT NULL,
    "hourlyPriceUsd" DOUBLE PRECISION NOT NULL,
    "priceSource" TEXT NOT NULL,
    "specSource" TEXT NOT NULL,
    "aliases" TEXT NOT NULL,

    CONSTRAINT "Hardware_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "notes" TEXT,
    "sourceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "experimentId" TEXT NOT NULL DEFAULT '0',
    "lastSeenAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "framework" TEXT,
    "reviewStatus" TEXT NOT NULL DEFAULT 'draft',
    "isBaseline" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" TIMESTAMP(3),
    "method" TEXT NOT NULL,
    "modelId" TEXT,
    "modelName" TEXT NOT NULL,
    "modelParams" DOUBLE PRECISION,
    "rank" INTEGER,
    "loraAlpha" DOUBLE PRECISION,
    "loraDropout" DOUBLE PRECISION,
    "targetModules" TEXT,
    "quantization" TEXT NOT NULL DEFAULT 'none',
    "doubleQuant" BOOLEAN NOT NULL DEFAULT false,
    "precision" TEXT,
    "hardwareId" TEXT,
    "hardwareLabel" TEXT,
    "gpuCount" INTEGER,
    "batchSize" INTEGER,
    "gradientAccumulation" INTEGER,
    "seqLen" INTEGER,
    "gradientCheckpointing" BOOLEAN,
    "attention" TEXT,
    "sharding" TEXT,
    "optimizer" TEXT,
    "packing" BOOLEAN,
    "chunkedLoss" BOOLEAN,
    "activationOffloading" BOOLEAN,
    "torchCompile" BOOLEAN,
    "optimizerInBackward" BOOLEAN,
    "masterWeights" BOOLEAN,
    "learningRate" DOUBLE PRECISION,
    "epochs" DOUBLE PRECISION,
    "datasetName" TEXT,
    "datasetSize" INTEGER,
    "oom" BOOLEAN NOT NULL DEFAULT false,
    "throughputSamplesPerSec" DOUBLE PRECISION,
    "throughputTokensPerSec" DOUBLE PRECISION,
    "peakMemoryGb" DOUBLE PRECISION,
    "peakMemoryGbMin" DOUBLE PRECISION,
    "peakMemoryGbMax" DOUBLE PRECISION,
    "peakMemoryMeasure" TEXT,
    "peakMemoryScope" TEXT,
    "peakMemoryOriginal" TEXT,
    "isEstimate" BOOLEAN NOT NULL DEFAULT false,
    "trainableParams" DOUBLE PRECISION,
    "mtBench" DOUBLE PRECISION,
    "mmlu" DOUBLE PRECISION,
    "trainLoss" DOUBLE PRECISION,
    "evalLoss" DOUBLE PRECISION,
    "wallTimeSec" DOUBLE PRECISION,
    "costUsd" DOUBLE PRECISION,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunSearch" (
    "rowid" INTEGER NOT NULL,
    "runId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "RunSearch" TEXT NOT NULL,

    CONSTRAINT "RunSearch_pkey" PRIMARY KEY ("rowid")
);

-- CreateTable
CREATE TABLE "RunSearchDefer" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "RunSearchDefer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunSearchPending" (
    "runRowid" INTEGER NOT NULL,

    CONSTRAINT "RunSearchPending_pkey" PRIMARY KEY ("runRowid")
);

-- CreateTable
CREATE TABLE "RunTag" (
    "runId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "RunTag_pkey" PRIMARY KEY ("runId","tag")
);

-- CreateTable
CREATE TABLE "RunParam" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RunParam_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "RunKeyTag" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RunKeyTag_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "Artifact" (
    "runId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("runId","path")
);

-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentTag" (
    "experimentId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ExperimentTag_pkey" PRIMARY KEY ("experimentId","key")
);

-- CreateTable
CREATE TABLE "RunCell" (
    "runId" TEXT NOT NULL,
    "cellId" TEXT NOT NULL,
    "field" TEXT NOT NULL,

    CONSTRAINT "RunCell_pkey" PRIMARY KEY ("runId","cellId","field")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "value" DOUBLE PRECISION,
    "time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("runId","key","step")
);

-- CreateTable
CREATE TABLE "RunMetricKey" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "RunMetricKey_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "MetricSummary" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "totalPoints" INTEGER NOT NULL,
    "steps" TEXT NOT NULL,
    "values" TEXT NOT NULL,

    CONSTRAINT "MetricSummary_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "quantity" TEXT NOT NULL,
    "unit" TEXT,
    "description" TEXT NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimEvidence" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "cellId" TEXT,
    "quote" TEXT NOT NULL,
    "valueMin" DOUBLE PRECISION,
    "valueMax" DOUBLE PRECISION,
    "note" TEXT,
    "position" TEXT,

    CONSTRAINT "ClaimEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Meta_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "field" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SourceTable_sourceId_position_key" ON "SourceTable"("sourceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "SourceCell_tableId_row_col_key" ON "SourceCell"("tableId", "row", "col");

-- CreateIndex
CREATE UNIQUE INDEX "Model_hfId_key" ON "Model"("hfId");

-- CreateIndex
CREATE UNIQUE INDEX "Run_externalId_key" ON "Run"("externalId");

-- CreateIndex
CREATE INDEX "Run_method_idx" ON "Run"("method");

-- CreateIndex
CREATE INDEX "Run_modelId_idx" ON "Run"("modelId");

-- CreateIndex
CREATE INDEX "Run_hardwareId_idx" ON "Run"("hardwareId");

-- CreateIndex
CREATE INDEX "Run_sourceId_idx" ON "Run"("sourceId");

-- CreateIndex
CREATE INDEX "Run_createdAt_id_idx" ON "Run"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Run_updatedAt_idx" ON "Run"("updatedAt");

-- CreateIndex
CREATE INDEX "Run_experimentId_createdAt_idx" ON "Run"("experimentId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_experiment_activity_idx" ON "Run"("experimentId", "deletedAt", "updatedAt", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Run_compare_mtbench_idx" ON "Run"("mtBench", "oom", "peakMemoryGb", "peakMemoryGbMin", "mmlu", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id", "deletedAt");

-- CreateIndex
CREATE INDEX "Run_compare_mmlu_idx" ON "Run"("mmlu", "oom", "peakMemoryGb", "peakMemoryGbMin", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id", "deletedAt");

-- CreateIndex
CREATE INDEX "Run_compare_throughput_idx" ON "Run"("hardwareId", "method", "throughputSamplesPerSec", "throughputTokensPerSec", "oom", "modelId", "modelName", "sourceId", "status", "rank", "id", "deletedAt");

-- CreateIndex
CREATE INDEX "Run_compare_tokens_idx" ON "Run"("hardwareId", "method", "throughputTokensPerSec", "modelId", "modelName", "sourceId", "status", "rank", "deletedAt");

-- CreateIndex
CREATE INDEX "Run_compare_memory_idx" ON "Run"("sourceId", "method", "modelParams", "peakMemoryGb", "oom", "hardwareId", "modelId", "modelName", "status", "rank", "id", "deletedAt");

-- CreateIndex
CREATE INDEX "RunTag_tag_idx" ON "RunTag"("tag");

-- CreateIndex
CREATE INDEX "RunParam_key_value_idx" ON "RunParam"("key", "value");

-- CreateIndex
CREATE INDEX "RunKeyTag_key_value_idx" ON "RunKeyTag"("key", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_name_key" ON "Experiment"("name");

-- CreateIndex
CREATE INDEX "RunCell_cellId_idx" ON "RunCell"("cellId");

-- CreateIndex
CREATE INDEX "RunMetricKey_key_runId_idx" ON "RunMetricKey"("key", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "Comment_runId_createdAt_idx" ON "Comment"("runId", "createdAt");

-- CreateIndex
CREATE INDEX "RunEvent_runId_createdAt_idx" ON "RunEvent"("runId", "createdAt");

-- CreateIndex
CREATE INDEX "RunEvent_createdAt_id_idx" ON "RunEvent"("createdAt", "id");

-- CreateIndex
CREATE INDEX "RunEvent_actorId_createdAt_idx" ON "RunEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "SavedView_ownerId_createdAt_idx" ON "SavedView"("ownerId", "createdAt");

-- AddForeignKey
ALTER TABLE "SourceTable" ADD CONSTRAINT "SourceTable_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceCell" ADD CONSTRAINT "SourceCell_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "SourceTable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_hardwareId_fkey" FOREIGN KEY ("hardwareId") REFERENCES "Hardware"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunSearch" ADD CONSTRAINT "RunSearch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTag" ADD CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunParam" ADD CONSTRAINT "RunParam_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunKeyTag" ADD CONSTRAINT "RunKeyTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentTag" ADD CONSTRAINT "ExperimentTag_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCell" ADD CONSTRAINT "RunCell_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCell" ADD CONSTRAINT "RunCell_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "SourceCell"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricPoint" ADD CONSTRAINT "MetricPoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunMetricKey" ADD CONSTRAINT "RunMetricKey_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSummary" ADD CONSTRAINT "MetricSummary_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimEvidence" ADD CONSTRAINT "ClaimEvidence_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimEvidence" ADD CONSTRAINT "ClaimEvidence_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimEvidence" ADD CONSTRAINT "ClaimEvidence_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "SourceCell"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (issue 12). SQLite gives every run a rowid, on which the charts' even sampling
-- (lib/server/compare/sql.ts) and the full-text index (RunSearch.rowid) key. PostgreSQL has none, so this column,
-- numbered by its own sequence in insertion order, plays its part under the same name. Prisma does not model it
-- (it is the SQLite table's hidden column there), and PostgreSQL migrations are diffed schema to schema
-- (scripts/db-new-migration.mts), so no later migration drops it. INTEGER: 2^31 runs is past any team's history,
-- and the driver returns it as a number.
ALTER TABLE "Run" ADD COLUMN "rowid" INTEGER GENERATED BY DEFAULT AS IDENTITY;
CREATE UNIQUE INDEX "Run_rowid_key" ON "Run"("rowid");
