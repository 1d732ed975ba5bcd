// Builds one migrated and seeded database per test run; every test file then works on its own copy
// (tests/support/per-file-db.ts), so files can run in parallel without seeing each other's writes. SQLite by
// default: a template file. In the PostgreSQL pass (vitest.postgres.config.mts): a template database on the server
// TEST_POSTGRES_URL names (tests/support/postgres.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { dropDatabases, onPostgres, onServer, postgresUrlFor, quoteDatabase } from "./postgres";

function migrateAndSeed(databaseUrl: string) {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  const tsx = path.resolve("node_modules/.bin/tsx");
  execFileSync(tsx, ["--conditions=react-server", "scripts/db-migrate.mts"], { env, stdio: "pipe" });
  execFileSync(tsx, ["--conditions=react-server", "scripts/db-seed.mts"], { env, stdio: "pipe" });
}

export default async function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tuneboard-test-"));
  process.env.TUNEBOARD_TEST_DIR = dir;
  if (onPostgres) {
    const serverUrl = process.env.TEST_POSTGRES_URL;
    if (!serverUrl) throw new Error("the PostgreSQL pass needs TEST_POSTGRES_URL (README, Tests)");
    // One prefix per run, so that two runs on one server never drop each other's databases.
    const prefix = `tbtest_${process.pid}_${Date.now().toString(36)}_`;
    const template = `${prefix}template`;
    await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteDatabase(template)}`));
    migrateAndSeed(postgresUrlFor(serverUrl, template));
    process.env.TUNEBOARD_TEST_PG_PREFIX = prefix;
    process.env.TUNEBOARD_TEMPLATE_DB = template;
    return async () => {
      await dropDatabases(serverUrl, prefix);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = path.join(dir, "template.db");
  migrateAndSeed(`file:${template}`);
  // Fold the write-ahead log into the file so that a plain file copy carries every seeded row.
  const db = new Database(template);
  db.pragma("journal_mode = DELETE");
  db.close();
  process.env.TUNEBOARD_TEMPLATE_DB = template;
  return () => rmSync(dir, { recursive: true, force: true });
}
