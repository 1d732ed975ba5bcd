// Backup and restore of the SQLite database (npm run db:backup / db:restore). A backup goes through SQLite's online
// backup API, which reads one consistent snapshot, WAL included, while other processes keep writing; copying the
// .db file alone misses whatever the WAL still holds. A restore checks the backup first, refuses while any process
// has the database open (lib/server/db/lease.ts, then an SQLite lock test), and swaps the file in with a rename.
// No import of "server-only": the scripts use it.
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { takeRestoreLock } from "./lease";

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
