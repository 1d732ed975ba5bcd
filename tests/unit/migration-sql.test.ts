import { describe, expect, it } from "vitest";
import { keepTriggersAcrossRedefinitions } from "@/lib/server/db/migration-sql";

// What Prisma's diff writes when it must rebuild a SQLite table (here: a column added to RunTag with a NOT NULL
// default it cannot ALTER in place), in its own layout.
const REDEFINE_RUN_TAG = `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RunTag" (
    "runId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT 'grey',

    PRIMARY KEY ("runId", "tag"),
    CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RunTag" ("runId", "tag") SELECT "runId", "tag" FROM "RunTag";
DROP TABLE "RunTag";
ALTER TABLE "new_RunTag" RENAME TO "RunTag";
CREATE INDEX "RunTag_tag_idx" ON "RunTag"("tag");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;

const triggers = [
  { name: "RunSearch_tag_insert", table: "RunTag", sql: 'CREATE TRIGGER "RunSearch_tag_insert" AFTER INSERT ON "RunTag" BEGIN\n  SELECT 1;\nEND' },
  { name: "RunSearch_run_insert", table: "Run", sql: 'CREATE TRIGGER "RunSearch_run_insert" AFTER INSERT ON "Run" BEGIN\n  SELECT (SELECT count(*) FROM "RunTag");\nEND' },
  { name: "RunSearch_run_delete", table: "Run", sql: 'CREATE TRIGGER "RunSearch_run_delete" AFTER DELETE ON "Run" BEGIN\n  SELECT 1;\nEND' },
];

describe("keepTriggersAcrossRedefinitions", () => {
  it("drops the triggers on or naming a redefined table first, writes them again at the end, then the rebuild", () => {
    const out = keepTriggersAcrossRedefinitions(REDEFINE_RUN_TAG, triggers, "REBUILD;");
    const dropAt = (name: string) => out.indexOf(`DROP TRIGGER IF EXISTS "${name}";`);
    const createAt = (name: string) => out.indexOf(`CREATE TRIGGER "${name}"`);
    for (const name of ["RunSearch_tag_insert", "RunSearch_run_insert"]) {
      expect(dropAt(name), name).toBeGreaterThanOrEqual(0);
      expect(dropAt(name)).toBeLessThan(out.indexOf('CREATE TABLE "new_RunTag"'));
      expect(createAt(name)).toBeGreaterThan(out.indexOf('ALTER TABLE "new_RunTag" RENAME TO "RunTag";'));
    }
    expect(out).toContain('CREATE TRIGGER "RunSearch_tag_insert" AFTER INSERT ON "RunTag" BEGIN\n  SELECT 1;\nEND;');
    expect(out.trimEnd().endsWith("REBUILD;")).toBe(true);
    // A trigger that neither sits on nor names the redefined table is left alone.
    expect(out).not.toContain("RunSearch_run_delete");
    // Prisma's own statements are all still there, in order.
    expect(out).toContain(REDEFINE_RUN_TAG.trimEnd());
  });

  it("leaves SQL that redefines no table with or named by triggers exactly as Prisma wrote it", () => {
    const metricPoint = REDEFINE_RUN_TAG.replaceAll("RunTag", "MetricPoint");
    expect(keepTriggersAcrossRedefinitions(metricPoint, triggers, "REBUILD;")).toBe(metricPoint);
    expect(keepTriggersAcrossRedefinitions('CREATE INDEX "Run_x_idx" ON "Run"("x");\n', triggers, "REBUILD;")).toBe('CREATE INDEX "Run_x_idx" ON "Run"("x");\n');
  });
});
