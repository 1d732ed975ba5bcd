-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ClaimEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "cellId" TEXT,
    "quote" TEXT NOT NULL,
    "valueMin" REAL,
    "valueMax" REAL,
    "note" TEXT,
    "position" TEXT,
    CONSTRAINT "ClaimEvidence_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimEvidence_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimEvidence_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "SourceCell" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- "stance" is renamed to "note" (the generated diff drops it; carried over by hand). "position" starts empty:
-- claim evidence is seed data, re-created by the next seed.
INSERT INTO "new_ClaimEvidence" ("cellId", "claimId", "id", "quote", "sourceId", "valueMax", "valueMin", "note") SELECT "cellId", "claimId", "id", "quote", "sourceId", "valueMax", "valueMin", "stance" FROM "ClaimEvidence";
DROP TABLE "ClaimEvidence";
ALTER TABLE "new_ClaimEvidence" RENAME TO "ClaimEvidence";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
