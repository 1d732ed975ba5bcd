// Builds one migrated and seeded SQLite file per test run; every test file then works on its own copy
// (tests/support/per-file-db.ts), so files can run in parallel without seeing each other's writes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export default function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tuneboard-test-"));
  const template = path.join(dir, "template.db");
  const env = { ...process.env, DATABASE_URL: `file:${template}` };
  const tsx = path.resolve("node_modules/.bin/tsx");
  execFileSync(tsx, ["--conditions=react-server", "scripts/db-migrate.mts"], { env, stdio: "pipe" });
  execFileSync(tsx, ["--conditions=react-server", "scripts/db-seed.mts"], { env, stdio: "pipe" });
  // Fold the write-ahead log into the file so that a plain file copy carries every seeded row.
  const db = new Database(template);
  db.pragma("journal_mode = DELETE");
  db.close();
  process.env.TUNEBOARD_TEST_DIR = dir;
  process.env.TUNEBOARD_TEMPLATE_DB = template;
  return () => rmSync(dir, { recursive: true, force: true });
}
