// Fills the current test file's database with synthetic logged runs (seed/synthetic-runs.ts, the generator the bench
// database uses) in one transaction of raw prepared inserts: 100,000 runs with their tags take a few seconds where
// the API or Prisma's createMany would take minutes. The rows are in exactly the formats Prisma writes, so every read
// path sees them as ordinary logged runs (sourceId null, createdById null).
import Database from "better-sqlite3";
import { databaseFilePath } from "@/lib/env";
import { withPostgres } from "@/lib/server/db/postgres-admin";
import { createSyntheticRunGenerator, insertSyntheticRuns, SYNTHETIC_RUN_COLUMNS, type SyntheticRunOptions } from "@/seed/synthetic-runs";
import { onPostgres } from "./postgres";

export type BulkRunsOptions = SyntheticRunOptions & {
  /** How many runs; default 100,000. */
  count?: number;
};

export type BulkRunsResult = {
  runs: number;
  tags: number;
  /** Id of run i is `${idPrefix}${String(i).padStart(6, "0")}`. */
  idPrefix: string;
  seconds: number;
};

/**
 * Inserts `count` synthetic runs into process.env.DATABASE_URL's database. Ids are `bulk000000`, `bulk000001`, …
 * (change idPrefix to insert a second batch into the same database); run i is created at 2024-01-01 + i minutes.
 * On SQLite the rows are written before it returns; on PostgreSQL (issue 12) when the promise settles.
 */
export function insertBulkRuns(options: BulkRunsOptions = {}): Promise<BulkRunsResult> {
  const { count = 100_000, idPrefix = "bulk", ...rest } = options;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("insertBulkRuns needs DATABASE_URL (tests/support/per-file-db.ts sets it per test file)");
  const started = performance.now();
  const done = ({ runs, tags }: { runs: number; tags: number }) => ({ runs, tags, idPrefix, seconds: (performance.now() - started) / 1000 });
  if (onPostgres) return insertOnPostgres(url, count, { idPrefix, ...rest }).then(done);
  const db = new Database(databaseFilePath(url));
  try {
    db.pragma("busy_timeout = 10000");
    db.pragma("cache_size = -262144"); // 256 MiB (negative = KiB) for the index rebuild, this connection only
    return Promise.resolve(done(insertSyntheticRuns(db, count, { idPrefix, ...rest })));
  } finally {
    db.close();
  }
}

/** Runs per INSERT on PostgreSQL: one JSON parameter each, a few MB of text. */
const PG_CHUNK = 5_000;

/**
 * The same rows on PostgreSQL, in one transaction of multi-row INSERTs that read the rows from one JSON parameter
 * (json_populate_recordset types each field by its column: the generator's 0/1 booleans and ISO dates with their
 * +00:00 offset read as PostgreSQL stores Prisma's). Runs go in generator order, so "Run"."rowid" numbers them as
 * SQLite's rowid does. The full-text index is kept by its triggers.
 */
async function insertOnPostgres(url: string, count: number, options: SyntheticRunOptions): Promise<{ runs: number; tags: number }> {
  const generator = createSyntheticRunGenerator(options);
  const columns = SYNTHETIC_RUN_COLUMNS.map((column) => `"${column}"`).join(", ");
  let tags = 0;
  await withPostgres(url, async (client) => {
    try {
      await client.query("BEGIN");
      for (let start = 0; start < count; start += PG_CHUNK) {
        const runs = [];
        const runTags: { runId: string; tag: string }[] = [];
        for (let i = start; i < Math.min(count, start + PG_CHUNK); i += 1) {
          const { row, tags: names } = generator.next(i);
          runs.push(row);
          for (const tag of names) runTags.push({ runId: row.id as string, tag });
        }
        await client.query(`INSERT INTO "Run" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"Run", $1::json)`, [JSON.stringify(runs)]);
        await client.query(`INSERT INTO "RunTag" ("runId", "tag") SELECT "runId", "tag" FROM json_populate_recordset(NULL::"RunTag", $1::json)`, [JSON.stringify(runTags)]);
        tags += runTags.length;
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    // Fresh statistics, as a long-running server's autovacuum would have them: the planner otherwise plans the
    // scale tests' reads for the tables' seeded sizes.
    await client.query(`ANALYZE "Run", "RunTag"`);
  });
  return { runs: count, tags };
}
