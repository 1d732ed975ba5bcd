// Backup and restore of the database (npm run db:backup / db:restore); PostgreSQL's, through pg_dump and
// pg_restore, is at the end of the file. On SQLite a backup goes through its online
// backup API, which reads one consistent snapshot, WAL included, while other processes keep writing; copying the
// .db file alone misses whatever the WAL still holds. A restore checks the backup first, refuses while any process
// has the database open (lib/server/db/lease.ts, then an SQLite lock test), and swaps the file in with a rename.
// No import of "server-only": the scripts use it.
import { execFile } from "node:child_process";
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { takeRestoreLock } from "./lease";
import { withPostgres } from "./postgres-admin";

export type TableCounts = Record<string, number>;
export type DatabaseReport = { integrity: string; migrations: string[]; counts: TableCounts };

const MIGRATIONS_TABLE = "_prisma_migrations";
/**
 * Pages per backup step: all of them. A step that meets a write of another connection makes the backup start
 * over; one step of all pages reads a single snapshot and cannot be starved by busy writers.
 */
const ALL_PAGES = 0x7fffffff;

/** Flushes a file, or a folder's entries (so that a rename survives a power cut). */
function fsyncPath(target: string): void {
  const fd = openSync(target, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes a database file with its journal files. */
function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

/** Row count of every table (SQLite's own and the migrations table aside). */
export function countRows(db: Database.Database): TableCounts {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != ? ORDER BY name")
    .pluck()
    .all(MIGRATIONS_TABLE) as string[];
  return Object.fromEntries(tables.map((table) => [table, Number(db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get())]));
}

function inspect(db: Database.Database, name: string): DatabaseReport {
  const integrity = (db.prepare("PRAGMA integrity_check").pluck().all() as string[]).join("; ");
  const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
  if (!hasMigrations) throw new Error(`${name} is not a Tuneboard database: it has no ${MIGRATIONS_TABLE} table`);
  const migrations = db
    .prepare(`SELECT migration_name FROM "${MIGRATIONS_TABLE}" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)
    .pluck()
    .all() as string[];
  return { integrity, migrations, counts: integrity === "ok" ? countRows(db) : {} };
}

/** Integrity, applied migrations and row counts of a database file; throws if it is not a Tuneboard database. */
export function inspectDatabase(file: string): DatabaseReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return inspect(db, file);
  } finally {
    db.close();
  }
}

/** Copies `source` (WAL included) into a new single file at `destination` in one snapshot. */
async function copySnapshot(source: string, destination: string): Promise<number> {
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const { totalPages } = await db.backup(destination, { progress: () => ALL_PAGES });
    return totalPages;
  } finally {
    db.close();
  }
}

/** Sets the copy's journal mode and checks it; removes it and throws if it is damaged. */
function finishCopy(file: string, journalMode: "delete" | "wal"): DatabaseReport {
  const db = new Database(file, { fileMustExist: true });
  let report: DatabaseReport;
  try {
    report = inspect(db, file);
    db.pragma(`journal_mode = ${journalMode}`);
  } finally {
    db.close(); // the last connection to close removes the -wal and -shm it made
  }
  if (report.integrity !== "ok") throw new Error(`the copy failed PRAGMA integrity_check: ${report.integrity}`);
  fsyncPath(file);
  return report;
}

export type BackupResult = DatabaseReport & { pages: number; bytes: number; milliseconds: number };

/**
 * Writes a consistent copy of the database at `source` to `destination` (which must not exist yet): a single file
 * in rollback-journal mode, checked with PRAGMA integrity_check before it takes its final name.
 */
export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  const started = performance.now();
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} already exists: choose a new file name`);
  mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial-${process.pid}`;
  try {
    const pages = await copySnapshot(source, partial);
    const report = finishCopy(partial, "delete");
    renameSync(partial, destination);
    fsyncPath(path.dirname(destination));
    return { ...report, pages, bytes: statSync(destination).size, milliseconds: Math.round(performance.now() - started) };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/** Throws if another process has the SQLite file open, whether or not it holds a lease (an sqlite3 shell, say). */
function assertNobodyHasItOpen(file: string): void {
  if (!existsSync(file)) return;
  const db = new Database(file, { timeout: 0 });
  try {
    // In WAL mode every open connection keeps a shared lock, so an exclusive lock is refused while one exists.
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    // Fold what the WAL holds into the file, so that the previous database kept aside is whole.
    db.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
      throw new Error(`${file} is open in another process (its SQLite lock is held): stop it, then restore`, { cause: error });
    }
    throw error;
  } finally {
    db.close();
  }
}

export type RestoreResult = DatabaseReport & { previous: string | null; removed: string[]; pending: string[]; milliseconds: number };

/**
 * Replaces the database at `target` with the backup: checks the backup (integrity, a Tuneboard database whose
 * migrations this checkout knows), refuses while any process uses the target, then writes the copy beside it,
 * flushes it, and renames it into place. The replaced database is kept as <target>.before-restore-<time> unless
 * `keepPrevious` is false. `migrationsFolder` lists the migrations this checkout knows.
 */
export async function restoreDatabase(
  backup: string,
  target: string,
  options: { migrationsFolder: string; keepPrevious?: boolean },
): Promise<RestoreResult> {
  const started = performance.now();
  if (!existsSync(backup)) throw new Error(`there is no backup at ${backup}`);
  const checked = inspectDatabase(backup);
  if (checked.integrity !== "ok") throw new Error(`${backup} failed PRAGMA integrity_check: ${checked.integrity}`);
  const known = readdirSync(options.migrationsFolder).filter((name) => statSync(path.join(options.migrationsFolder, name)).isDirectory());
  const unknown = checked.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`${backup} comes from a newer Tuneboard (migrations ${unknown.join(", ")} are not in this checkout): update first`);
  const pending = known.filter((name) => !checked.migrations.includes(name)).sort();

  mkdirSync(path.dirname(target), { recursive: true });
  const release = takeRestoreLock(target);
  const incoming = `${target}.restore-${process.pid}`;
  try {
    assertNobodyHasItOpen(target);
    await copySnapshot(backup, incoming);
    const report = finishCopy(incoming, "wal");
    let previous: string | null = null;
    if (existsSync(target) && options.keepPrevious !== false) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      try {
        linkSync(target, previous);
      } catch {
        copyFileSync(target, previous);
      }
    }
    // The old database's journal files would be replayed into the new one: nobody holds them (checked above).
    const removed = ["-wal", "-shm", "-journal"].map((suffix) => target + suffix).filter((file) => existsSync(file));
    for (const file of removed) rmSync(file, { force: true });
    renameSync(incoming, target);
    fsyncPath(path.dirname(target));
    return { ...report, previous, removed, pending, milliseconds: Math.round(performance.now() - started) };
  } finally {
    removeDatabaseFiles(incoming);
    release();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL (issue 12): the same two commands wrap PostgreSQL's own tools, pg_dump and pg_restore in their custom
// format, which the server answers from one snapshot while the app keeps writing. The tools come with the server
// (Debian's postgresql-client, installed with postgresql); their major version must not be older than the server's.

/** The URL without its password, which goes to the tools through PGPASSWORD instead of their visible command line. */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

async function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(tool, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failed = error as { code?: string | number; stderr?: string; message: string };
    if (failed.code === "ENOENT") throw new Error(`${tool} is not installed: install PostgreSQL's client tools (apt-get install postgresql-client)`, { cause: error });
    throw new Error(`${tool} failed: ${failed.stderr?.trim() || failed.message}`, { cause: error });
  }
}

/** Row count of every table of a PostgreSQL database (the migrations table aside). */
export async function countPostgresRows(url: string): Promise<TableCounts> {
  return withPostgres(url, async (client) => {
    const { rows } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> $1 ORDER BY tablename", [MIGRATIONS_TABLE]);
    const counts: TableCounts = {};
    for (const { name } of rows) counts[name] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`)).rows[0]!.n);
    return counts;
  });
}

export type PostgresBackupResult = { counts: TableCounts; bytes: number; milliseconds: number };

/**
 * pg_dump --format=custom of the database at `url` into `destination` (which must not exist yet), written beside it
 * first and checked with pg_restore --list before it takes its final name.
 */
export async function backupPostgresDatabase(url: string, destination: string): Promise<PostgresBackupResult> {
  const started = performance.now();
  if (existsSync(destination)) throw new Error(`${destination} already exists: choose a new file name`);
  mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial-${process.pid}`;
  const { dbname, env } = toolConnection(url);
  try {
    const counts = await countPostgresRows(url);
    await runTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${dbname}`], env);
    const listing = await runTool("pg_restore", ["--list", partial], env);
    if (!listing.includes(MIGRATIONS_TABLE)) throw new Error(`the dump has no ${MIGRATIONS_TABLE} table: is DATABASE_URL a Tuneboard database?`);
    fsyncPath(partial);
    renameSync(partial, destination);
    fsyncPath(path.dirname(destination));
    return { counts, bytes: statSync(destination).size, milliseconds: Math.round(performance.now() - started) };
  } finally {
    rmSync(partial, { force: true });
  }
}

export type PostgresRestoreResult = { counts: TableCounts; milliseconds: number };

/**
 * Replaces the contents of the database at `url` with a backup made by backupPostgresDatabase: checks that the file
 * is a pg_dump archive of a Tuneboard database, refuses while any other connection (an app instance, psql) uses the
 * database, then runs pg_restore --clean in one transaction, so a failed restore leaves the database as it was.
 * The replaced contents are not kept: take a backup of them first.
 */
export async function restorePostgresDatabase(backup: string, url: string): Promise<PostgresRestoreResult> {
  const started = performance.now();
  if (!existsSync(backup)) throw new Error(`there is no backup at ${backup}`);
  const { dbname, env } = toolConnection(url);
  let listing: string;
  try {
    listing = await runTool("pg_restore", ["--list", backup], env);
  } catch (error) {
    throw new Error(`${backup} is not a pg_dump archive (db:backup on PostgreSQL writes one): ${(error as Error).message}`, { cause: error });
  }
  if (!listing.includes(MIGRATIONS_TABLE)) throw new Error(`${backup} is not a Tuneboard database: it has no ${MIGRATIONS_TABLE} table`);
  await withPostgres(url, async (client) => {
    const { rows } = await client.query<{ pid: number; application_name: string }>(
      "SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY pid",
    );
    if (rows.length > 0) {
      throw new Error(`the database is in use by ${rows.length} other connection(s) (server pids ${rows.map((row) => row.pid).join(", ")}): stop the app instances, then restore`);
    }
  });
  await runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${dbname}`, backup], env);
  return { counts: await countPostgresRows(url), milliseconds: Math.round(performance.now() - started) };
}
