-- CreateTable
CREATE TABLE "RunMetricKey" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    PRIMARY KEY ("runId", "key"),
    CONSTRAINT "RunMetricKey_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RunMetricKey_key_runId_idx" ON "RunMetricKey"("key", "runId");

-- Backfill: the keys of every run's points already stored (a DISTINCT that walks MetricPoint's primary key in order, once).
INSERT INTO "RunMetricKey" ("runId", "key") SELECT DISTINCT "runId", "key" FROM "MetricPoint";
