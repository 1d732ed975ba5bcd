// Runs before each test file is imported: points DATABASE_URL at a fresh copy of the seeded template (a file, or
// in the PostgreSQL pass a database created from the template database; tests/support/global-setup.ts).
import { copyFileSync } from "node:fs";
import path from "node:path";
import { onPostgres, onServer, postgresUrlFor, quoteDatabase } from "./postgres";

const template = process.env.TUNEBOARD_TEMPLATE_DB;
const dir = process.env.TUNEBOARD_TEST_DIR;
const unique = `${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
if (template && dir && onPostgres) {
  const serverUrl = process.env.TEST_POSTGRES_URL!;
  const name = `${process.env.TUNEBOARD_TEST_PG_PREFIX}f_${unique}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteDatabase(name)} TEMPLATE ${quoteDatabase(template)}`));
  process.env.DATABASE_URL = postgresUrlFor(serverUrl, name);
  process.env.TUNEBOARD_ARTIFACTS_DIR = path.join(dir, `${name}.artifacts`);
} else if (template && dir) {
  const file = path.join(dir, `file-${unique}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
  // Uploaded artifacts (lib/server/artifacts.ts) go beside the database copy, removed with it after the run.
  process.env.TUNEBOARD_ARTIFACTS_DIR = `${file}.artifacts`;
}
