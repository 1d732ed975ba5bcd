// npm run db:migrate: applies pending migrations through Prisma's WASM engine: prisma/migrations to a SQLite file
// (creating data/ first), or prisma/postgres/migrations to the PostgreSQL server DATABASE_URL names (issue 12).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { absoluteDatabaseUrl, databaseFilePath, databaseProvider, env } from "../lib/env";
import { applyMigrations } from "../lib/server/db/schema-engine";

let url = env.DATABASE_URL;
if (databaseProvider() === "sqlite") {
  const file = databaseFilePath();
  await mkdir(path.dirname(file), { recursive: true });
  // WAL lets the server read while a writer (seed, tests, bulk imports) commits; it is stored in the file. Set
  // first: the schema engine keeps its connection in exclusive locking mode until the process ends.
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  url = absoluteDatabaseUrl();
}
const applied = await applyMigrations(url);
console.log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
