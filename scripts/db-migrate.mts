// npm run db:migrate: creates data/ and applies pending migrations from prisma/migrations (Prisma's WASM engine).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { absoluteDatabaseUrl, databaseFilePath } from "../lib/env";
import { applyMigrations } from "../lib/server/db/schema-engine";

const file = databaseFilePath();
await mkdir(path.dirname(file), { recursive: true });
// WAL lets the server read while a writer (seed, tests, bulk imports) commits; it is stored in the file. Set
// first: the schema engine keeps its connection in exclusive locking mode until the process ends.
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.close();
const applied = await applyMigrations(absoluteDatabaseUrl());
console.log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
