// Fills the current test file's database with synthetic logged runs (seed/synthetic-runs.ts, the generator the bench
// database uses) in one transaction of raw prepared inserts: 100,000 runs with their tags take a few seconds where
// the API or Prisma's createMany would take minutes. The rows are in exactly the formats Prisma writes, so every read
// path sees them as ordinary logged runs (sourceId null, createdById null).
import Database from "better-sqlite3";
import { databaseFilePath } from "@/lib/env";
import { insertSyntheticRuns, type SyntheticRunOptions } from "@/seed/synthetic-runs";

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
 * Inserts `count` synthetic runs into process.env.DATABASE_URL's file. Ids are `bulk000000`, `bulk000001`, …
 * (change idPrefix to insert a second batch into the same database); run i is created at 2024-01-01 + i minutes.
 */
export function insertBulkRuns(options: BulkRunsOptions = {}): BulkRunsResult {
  const { count = 100_000, idPrefix = "bulk", ...rest } = options;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("insertBulkRuns needs DATABASE_URL (tests/support/per-file-db.ts sets it per test file)");
  const started = performance.now();
  const db = new Database(databaseFilePath(url));
  try {
    db.pragma("busy_timeout = 10000");
    db.pragma("cache_size = -262144"); // 256 MiB (negative = KiB) for the index rebuild, this connection only
    const { runs, tags } = insertSyntheticRuns(db, count, { idPrefix, ...rest });
    return { runs, tags, idPrefix, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}
