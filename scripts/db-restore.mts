// npm run db:restore -- <file> [--discard-previous]: replaces the database named by DATABASE_URL with a backup made
// by db:backup. Checks the backup first (PRAGMA integrity_check, a Tuneboard database with known migrations),
// refuses while a server or any other process has the database open, and keeps the replaced database beside it
// (<database>.before-restore-<time>) unless --discard-previous (lib/server/db/backup.ts). On PostgreSQL the backup is
// db:backup's pg_dump archive: it refuses while another connection uses the database, then runs pg_restore --clean
// in one transaction; the replaced contents are not kept (take a db:backup first).
import path from "node:path";
import { databaseFilePath, databaseProvider, env } from "../lib/env";
import { restoreDatabase, restorePostgresDatabase } from "../lib/server/db/backup";

const args = process.argv.slice(2);
const backup = args.find((arg) => !arg.startsWith("--"));
if (!backup) {
  console.error("usage: npm run db:restore -- <backup file> [--discard-previous]");
  process.exit(2);
}
if (databaseProvider() === "postgresql") {
  try {
    const result = await restorePostgresDatabase(path.resolve(backup), env.DATABASE_URL);
    const counts = Object.entries(result.counts).map(([table, count]) => `${table} ${count}`).join(", ");
    console.log(`restored ${path.resolve(backup)} into the PostgreSQL database with pg_restore in ${result.milliseconds} ms; rows: ${counts}`);
    console.log("pending migrations, if the backup is older than this checkout: npm run db:migrate (npm start runs it)");
    console.log(JSON.stringify({ restored: "postgresql", counts: result.counts }));
  } catch (error) {
    console.error(`restore refused: ${(error as Error).message}`);
    process.exit(1);
  }
  process.exit(0);
}
const target = databaseFilePath();
try {
  const result = await restoreDatabase(path.resolve(backup), target, {
    migrationsFolder: path.resolve("prisma/migrations"),
    keepPrevious: !args.includes("--discard-previous"),
  });
  const counts = Object.entries(result.counts).map(([table, count]) => `${table} ${count}`).join(", ");
  console.log(`checked ${path.resolve(backup)}: integrity_check ok, ${result.migrations.length} migrations applied; rows: ${counts}`);
  if (result.previous) console.log(`kept the replaced database as ${result.previous}`);
  if (result.removed.length > 0) console.log(`removed the replaced database's ${result.removed.map((file) => path.basename(file)).join(", ")}`);
  console.log(`restored it into ${target} in ${result.milliseconds} ms`);
  if (result.pending.length > 0) console.log(`${result.pending.length} newer migrations are pending: npm run db:migrate (npm start runs it) applies them`);
  console.log(JSON.stringify({ restored: target, counts: result.counts }));
} catch (error) {
  console.error(`restore refused: ${(error as Error).message}`);
  process.exit(1);
}
