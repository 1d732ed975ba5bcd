-- CreateTable
CREATE TABLE "MetricSummary" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "totalPoints" INTEGER NOT NULL,
    "steps" TEXT NOT NULL,
    "values" TEXT NOT NULL,

    PRIMARY KEY ("runId", "key"),
    CONSTRAINT "MetricSummary_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
