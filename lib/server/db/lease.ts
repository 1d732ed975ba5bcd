// Who has the SQLite database open, so that `npm run db:restore` never swaps the file under a running server: a
// process that uses the database holds a lease (a small file in <database>-leases/), and a restore holds
// <database>-restore.lock while it works. Each side writes its own file first and then looks for the other's, so
// a server starting during a restore and a restore starting beside a server cannot both go ahead.
//
// A lease outlives a killed process (SIGKILL runs no exit handler), so a lease counts only while its holder lives:
// on the same host, while its pid runs and (Linux) started when the lease says; from another host sharing the
// folder, while its heartbeat is fresh. No import of "server-only": scripts/db-restore.mts uses this file too.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type LeaseHolder = { pid: number; hostname: string; startTicks: string | null; since: string; command: string };

/** How often a holder touches its lease, and how old a heartbeat may get before another host ignores it. */
const HEARTBEAT_MS = 15_000;
const HEARTBEAT_STALE_MS = 4 * HEARTBEAT_MS;

export const leaseFolderOf = (databaseFile: string) => `${databaseFile}-leases`;
export const restoreLockOf = (databaseFile: string) => `${databaseFile}-restore.lock`;

/** The process's start time in clock ticks since boot (Linux), which tells a live pid from a reused one. */
function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) may hold spaces, so count from the closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isPidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function thisProcess(): LeaseHolder {
  return {
    pid: process.pid,
    hostname: os.hostname(),
    startTicks: startTicksOf(process.pid),
    since: new Date().toISOString(),
    command: process.argv.slice(1, 3).map((part) => path.basename(part)).join(" "),
  };
}

/** Whether the process that wrote a lease (or restore lock) file still runs. */
export function isHolderAlive(holder: LeaseHolder, file: string): boolean {
  if (holder.hostname !== os.hostname()) {
    try {
      return Date.now() - statSync(file).mtimeMs < HEARTBEAT_STALE_MS;
    } catch {
      return false;
    }
  }
  if (!isPidRunning(holder.pid)) return false;
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

function readHolder(file: string): LeaseHolder | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LeaseHolder;
  } catch {
    return null; // vanished meanwhile, or half-written: its writer is still starting or gone
  }
}

/** Live leases on the database other than this process's own; stale ones are removed on the way. */
export function liveLeases(databaseFile: string): LeaseHolder[] {
  const folder = leaseFolderOf(databaseFile);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const live: LeaseHolder[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    const holder = readHolder(file);
    if (holder && holder.pid === process.pid && holder.hostname === os.hostname()) continue;
    if (holder && isHolderAlive(holder, file)) live.push(holder);
    else if (holder) rmSync(file, { force: true });
  }
  return live;
}

/** The live restore in progress on the database, if any; a stale lock is removed. */
export function liveRestore(databaseFile: string): LeaseHolder | null {
  const file = restoreLockOf(databaseFile);
  const holder = readHolder(file);
  if (!holder) return null;
  if (isHolderAlive(holder, file)) return holder;
  rmSync(file, { force: true });
  return null;
}

const held = ((globalThis as { tuneboardLeases?: Set<string> }).tuneboardLeases ??= new Set<string>());

/**
 * Records that this process uses the database, until it exits. Throws while a restore replaces it. Idempotent:
 * every bundle that loads the database client calls it.
 */
export function holdDatabaseLease(databaseFile: string): void {
  if (held.has(databaseFile)) return;
  const folder = leaseFolderOf(databaseFile);
  const file = path.join(folder, `${os.hostname()}-${process.pid}.json`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, JSON.stringify(thisProcess()));
  } catch (error) {
    // An unwritable folder should not stop the app; a restore still refuses through its SQLite lock test.
    console.warn(`could not write the database lease ${file}:`, (error as Error).message);
    return;
  }
  const restore = liveRestore(databaseFile);
  if (restore) {
    rmSync(file, { force: true });
    throw new Error(`${databaseFile} is being restored (npm run db:restore, pid ${restore.pid}); start again once it has finished`);
  }
  held.add(databaseFile);
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // the folder was removed (a test's temporary database): nothing left to guard
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  process.once("exit", () => rmSync(file, { force: true }));
}

/**
 * Takes the restore lock (exclusive: a second restore fails), then refuses if any live process holds a lease.
 * Returns the release function.
 */
export function takeRestoreLock(databaseFile: string): () => void {
  const file = restoreLockOf(databaseFile);
  liveRestore(databaseFile); // clears a stale lock left by a killed restore
  try {
    writeFileSync(file, JSON.stringify(thisProcess()), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    throw new Error(`another restore of ${databaseFile} is in progress (${file})`, { cause: error });
  }
  const release = () => rmSync(file, { force: true });
  const holders = liveLeases(databaseFile);
  if (holders.length > 0) {
    release();
    const list = holders.map((holder) => `pid ${holder.pid} on ${holder.hostname} (${holder.command}, since ${holder.since})`).join("; ");
    throw new Error(`${databaseFile} is in use by ${list}: stop it, then restore`);
  }
  return release;
}
