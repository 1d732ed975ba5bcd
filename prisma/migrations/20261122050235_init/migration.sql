-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "publisher" TEXT,
    "publishedAt" TEXT,
    "seedFile" TEXT,
    "summary" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SourceTable" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "caption" TEXT,
    "kind" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "colCount" INTEGER NOT NULL,
    CONSTRAINT "SourceTable_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SourceCell" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tableId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "col" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "rowLabel" TEXT NOT NULL,
    "columnLabel" TEXT NOT NULL,
    CONSTRAINT "SourceCell_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "SourceTable" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "totalParams" REAL NOT NULL,
    "isGeneric" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "citation" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Hardware" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "memoryGb" REAL NOT NULL,
    "bf16DenseTflops" REAL,
    "fp16DenseTflops" REAL NOT NULL,
    "memoryBandwidthGbs" REAL NOT NULL,
    "hourlyPriceUsd" REAL NOT NULL,
    "priceSource" TEXT NOT NULL,
    "specSource" TEXT NOT NULL,
    "aliases" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "notes" TEXT,
    "sourceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "method" TEXT NOT NULL,
    "modelId" TEXT,
    "modelName" TEXT NOT NULL,
    "modelParams" REAL,
    "rank" INTEGER,
    "loraAlpha" REAL,
    "loraDropout" REAL,
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
    "optimizer" TEXT,
    "learningRate" REAL,
    "epochs" REAL,
    "datasetName" TEXT,
    "datasetSize" INTEGER,
    "oom" BOOLEAN NOT NULL DEFAULT false,
    "throughputSamplesPerSec" REAL,
    "throughputTokensPerSec" REAL,
    "peakMemoryGb" REAL,
    "peakMemoryGbMin" REAL,
    "peakMemoryGbMax" REAL,
    "trainableParams" REAL,
    "mtBench" REAL,
    "mmlu" REAL,
    "trainLoss" REAL,
    "evalLoss" REAL,
    "wallTimeSec" REAL,
    "costUsd" REAL,
    CONSTRAINT "Run_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Run_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Run_hardwareId_fkey" FOREIGN KEY ("hardwareId") REFERENCES "Hardware" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunTag" (
    "runId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("runId", "tag"),
    CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunCell" (
    "runId" TEXT NOT NULL,
    "cellId" TEXT NOT NULL,
    "field" TEXT NOT NULL,

    PRIMARY KEY ("runId", "cellId", "field"),
    CONSTRAINT "RunCell_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunCell_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "SourceCell" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "time" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MetricPoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "quantity" TEXT NOT NULL,
    "unit" TEXT,
    "description" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ClaimEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "cellId" TEXT,
    "quote" TEXT NOT NULL,
    "valueMin" REAL,
    "valueMax" REAL,
    "stance" TEXT,
    CONSTRAINT "ClaimEvidence_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimEvidence_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimEvidence_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "SourceCell" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
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
CREATE INDEX "RunTag_tag_idx" ON "RunTag"("tag");

-- CreateIndex
CREATE INDEX "RunCell_cellId_idx" ON "RunCell"("cellId");

-- CreateIndex
CREATE UNIQUE INDEX "MetricPoint_runId_key_step_key" ON "MetricPoint"("runId", "key", "step");
