-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    CONSTRAINT "Run_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Run_hardwareId_fkey" FOREIGN KEY ("hardwareId") REFERENCES "Hardware" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("batchSize", "costUsd", "createdAt", "datasetName", "datasetSize", "doubleQuant", "epochs", "evalLoss", "externalId", "gpuCount", "gradientAccumulation", "gradientCheckpointing", "hardwareId", "hardwareLabel", "id", "learningRate", "loraAlpha", "loraDropout", "method", "mmlu", "modelId", "modelName", "modelParams", "mtBench", "name", "notes", "oom", "optimizer", "peakMemoryGb", "peakMemoryGbMax", "peakMemoryGbMin", "precision", "quantization", "rank", "seqLen", "sourceId", "status", "targetModules", "throughputSamplesPerSec", "throughputTokensPerSec", "trainLoss", "trainableParams", "updatedAt", "wallTimeSec") SELECT "batchSize", "costUsd", "createdAt", "datasetName", "datasetSize", "doubleQuant", "epochs", "evalLoss", "externalId", "gpuCount", "gradientAccumulation", "gradientCheckpointing", "hardwareId", "hardwareLabel", "id", "learningRate", "loraAlpha", "loraDropout", "method", "mmlu", "modelId", "modelName", "modelParams", "mtBench", "name", "notes", "oom", "optimizer", "peakMemoryGb", "peakMemoryGbMax", "peakMemoryGbMin", "precision", "quantization", "rank", "seqLen", "sourceId", "status", "targetModules", "throughputSamplesPerSec", "throughputTokensPerSec", "trainLoss", "trainableParams", "updatedAt", "wallTimeSec" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE UNIQUE INDEX "Run_externalId_key" ON "Run"("externalId");
CREATE INDEX "Run_method_idx" ON "Run"("method");
CREATE INDEX "Run_modelId_idx" ON "Run"("modelId");
CREATE INDEX "Run_hardwareId_idx" ON "Run"("hardwareId");
CREATE INDEX "Run_sourceId_idx" ON "Run"("sourceId");
CREATE INDEX "Run_createdAt_id_idx" ON "Run"("createdAt", "id");
CREATE INDEX "Run_updatedAt_idx" ON "Run"("updatedAt");
CREATE INDEX "Run_compare_mtbench_idx" ON "Run"("mtBench", "oom", "peakMemoryGb", "peakMemoryGbMin", "mmlu", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id");
CREATE INDEX "Run_compare_mmlu_idx" ON "Run"("mmlu", "oom", "peakMemoryGb", "peakMemoryGbMin", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id");
CREATE INDEX "Run_compare_throughput_idx" ON "Run"("hardwareId", "method", "throughputSamplesPerSec", "throughputTokensPerSec", "oom", "modelId", "modelName", "sourceId", "status", "rank", "id");
CREATE INDEX "Run_compare_tokens_idx" ON "Run"("hardwareId", "method", "throughputTokensPerSec", "modelId", "modelName", "sourceId", "status", "rank");
CREATE INDEX "Run_compare_memory_idx" ON "Run"("sourceId", "method", "modelParams", "peakMemoryGb", "oom", "hardwareId", "modelId", "modelName", "status", "rank", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");
