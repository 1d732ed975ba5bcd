-- AlterTable
ALTER TABLE "Source" ADD COLUMN "commit" TEXT;
ALTER TABLE "Source" ADD COLUMN "path" TEXT;
ALTER TABLE "Source" ADD COLUMN "repository" TEXT;
ALTER TABLE "Source" ADD COLUMN "url" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "notes" TEXT,
    "sourceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "experimentId" TEXT NOT NULL DEFAULT '0',
    "lastSeenAt" DATETIME,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "framework" TEXT,
    "reviewStatus" TEXT NOT NULL DEFAULT 'draft',
    "isBaseline" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" DATETIME,
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
    "attention" TEXT,
    "sharding" TEXT,
    "optimizer" TEXT,
    "packing" BOOLEAN,
    "chunkedLoss" BOOLEAN,
    "activationOffloading" BOOLEAN,
    "torchCompile" BOOLEAN,
    "optimizerInBackward" BOOLEAN,
    "masterWeights" BOOLEAN,
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
    "peakMemoryMeasure" TEXT,
    "peakMemoryScope" TEXT,
    "peakMemoryOriginal" TEXT,
    "isEstimate" BOOLEAN NOT NULL DEFAULT false,
    "trainableParams" REAL,
    "mtBench" REAL,
    "mmlu" REAL,
    "trainLoss" REAL,
    "evalLoss" REAL,
    "wallTimeSec" REAL,
    "costUsd" REAL,
    CONSTRAINT "Run_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Run_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Run_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Run_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Run_hardwareId_fkey" FOREIGN KEY ("hardwareId") REFERENCES "Hardware" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("attention", "batchSize", "costUsd", "createdAt", "createdById", "datasetName", "datasetSize", "deletedAt", "doubleQuant", "endedAt", "epochs", "evalLoss", "experimentId", "externalId", "framework", "gpuCount", "gradientAccumulation", "gradientCheckpointing", "hardwareId", "hardwareLabel", "id", "isBaseline", "lastSeenAt", "learningRate", "loraAlpha", "loraDropout", "method", "mmlu", "modelId", "modelName", "modelParams", "mtBench", "name", "notes", "oom", "optimizer", "peakMemoryGb", "peakMemoryGbMax", "peakMemoryGbMin", "peakMemoryMeasure", "precision", "quantization", "rank", "reviewStatus", "seqLen", "sharding", "sourceId", "startedAt", "status", "targetModules", "throughputSamplesPerSec", "throughputTokensPerSec", "trainLoss", "trainableParams", "updatedAt", "wallTimeSec") SELECT "attention", "batchSize", "costUsd", "createdAt", "createdById", "datasetName", "datasetSize", "deletedAt", "doubleQuant", "endedAt", "epochs", "evalLoss", "experimentId", "externalId", "framework", "gpuCount", "gradientAccumulation", "gradientCheckpointing", "hardwareId", "hardwareLabel", "id", "isBaseline", "lastSeenAt", "learningRate", "loraAlpha", "loraDropout", "method", "mmlu", "modelId", "modelName", "modelParams", "mtBench", "name", "notes", "oom", "optimizer", "peakMemoryGb", "peakMemoryGbMax", "peakMemoryGbMin", "peakMemoryMeasure", "precision", "quantization", "rank", "reviewStatus", "seqLen", "sharding", "sourceId", "startedAt", "status", "targetModules", "throughputSamplesPerSec", "throughputTokensPerSec", "trainLoss", "trainableParams", "updatedAt", "wallTimeSec" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE UNIQUE INDEX "Run_externalId_key" ON "Run"("externalId");
CREATE INDEX "Run_method_idx" ON "Run"("method");
CREATE INDEX "Run_modelId_idx" ON "Run"("modelId");
CREATE INDEX "Run_hardwareId_idx" ON "Run"("hardwareId");
CREATE INDEX "Run_sourceId_idx" ON "Run"("sourceId");
CREATE INDEX "Run_createdAt_id_idx" ON "Run"("createdAt", "id");
CREATE INDEX "Run_updatedAt_idx" ON "Run"("updatedAt");
CREATE INDEX "Run_experimentId_createdAt_idx" ON "Run"("experimentId", "createdAt");
CREATE INDEX "Run_experiment_activity_idx" ON "Run"("experimentId", "deletedAt", "updatedAt", "lastSeenAt");
CREATE INDEX "Run_compare_mtbench_idx" ON "Run"("mtBench", "oom", "peakMemoryGb", "peakMemoryGbMin", "mmlu", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id", "deletedAt");
CREATE INDEX "Run_compare_mmlu_idx" ON "Run"("mmlu", "oom", "peakMemoryGb", "peakMemoryGbMin", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id", "deletedAt");
CREATE INDEX "Run_compare_throughput_idx" ON "Run"("hardwareId", "method", "throughputSamplesPerSec", "throughputTokensPerSec", "oom", "modelId", "modelName", "sourceId", "status", "rank", "id", "deletedAt");
CREATE INDEX "Run_compare_tokens_idx" ON "Run"("hardwareId", "method", "throughputTokensPerSec", "modelId", "modelName", "sourceId", "status", "rank", "deletedAt");
CREATE INDEX "Run_compare_memory_idx" ON "Run"("sourceId", "method", "modelParams", "peakMemoryGb", "oom", "hardwareId", "modelId", "modelName", "status", "rank", "id", "deletedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
