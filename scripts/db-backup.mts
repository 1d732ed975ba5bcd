// npm run db:backup -- <file>: a consistent copy of the database named by DATABASE_URL, taken while the server keeps
// running and writing: through SQLite's online backup API, or on PostgreSQL with pg_dump --format=custom
// (lib/server/db/backup.ts). The file must not exist.
import path from "node:path";
import { databaseFilePath, databaseProvider, env } from "../lib/env";
import { backupDatabase, backupPostgresDatabase } from "../lib/server/db/backup";

const destination = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
if (!destination) {
  console.error("usage: npm run db:backup -- <file>");
  process.exit(2);
}
if (databaseProvider() === "postgresql") {
  try {
    const result = await backupPostgresDatabase(env.DATABASE_URL, path.resolve(destination));
    const counts = Object.entries(result.counts).map(([table, count]) => `${table} ${count}`).join(", ");
    console.log(`backed up the PostgreSQL database to ${path.resolve(destination)} with pg_dump (custom format, ${result.bytes} bytes) in ${result.milliseconds} ms`);
    console.log(`rows: ${counts}`);
    console.log(JSON.stringify({ backup: path.resolve(destination), counts: result.counts }));
  } catch (error) {
    console.error(`backup failed: ${(error as Error).message}`);
    process.exit(1);
  }
  process.exit(0);
}
const source = databaseFilePath();
try {
  const result = await backupDatabase(source, path.resolve(destination));
  const counts = Object.entries(result.counts).map(([table, count]) => `${table} ${count}`).join(", ");
  console.log(`backed up ${source} to ${path.resolve(destination)}: ${result.pages} pages (${result.bytes} bytes) in ${result.milliseconds} ms`);
  console.log(`integrity_check ok; ${result.migrations.length} migrations applied; rows: ${counts}`);
  console.log(JSON.stringify({ backup: path.resolve(destination), counts: result.counts }));
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
}
