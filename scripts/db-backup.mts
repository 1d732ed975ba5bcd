// npm run db:backup -- <file>: a consistent copy of the database named by DATABASE_URL, taken through SQLite's
// online backup API while the server keeps running and writing (lib/server/db/backup.ts). The file must not exist.
import path from "node:path";
import { databaseFilePath } from "../lib/env";
import { backupDatabase } from "../lib/server/db/backup";

const destination = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
if (!destination) {
  console.error("usage: npm run db:backup -- <file>");
  process.exit(2);
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
