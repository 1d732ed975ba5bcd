-- Edited by hand after generation: WITHOUT ROWID (Prisma's schema language cannot express it). The primary key
-- (runId, key, step) becomes the table's own B-tree, so a point is one B-tree write instead of three (rowid table,
-- unique index, covering MetricPoint_series_idx), and loss curves are read from it in step order. value becomes
-- nullable: NULL stands for NaN.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MetricPoint" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "value" REAL,
    "time" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("runId", "key", "step"),
    CONSTRAINT "MetricPoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_MetricPoint" ("key", "runId", "step", "time", "value") SELECT "key", "runId", "step", "time", "value" FROM "MetricPoint";
DROP TABLE "MetricPoint";
ALTER TABLE "new_MetricPoint" RENAME TO "MetricPoint";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
