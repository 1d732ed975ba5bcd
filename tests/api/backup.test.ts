// npm run db:backup / db:restore, run as the real scripts against this file's own database: a backup taken while
// 8 writer processes write is one consistent snapshot, restores into a fresh path, and is served with the same row
// counts; a restore refuses while a process holds the database, and goes ahead once that process is gone (even
// killed with SIGKILL, which leaves its lease file behind). On PostgreSQL (its own describe below) the same commands
// wrap pg_dump and pg_restore: a dump restores into another database with the same rows, and a restore refuses
// while another connection uses the database.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { databaseFilePath } from "@/lib/env";
import { onPostgres, onServer, postgresUrlFor, quoteDatabase } from "../support/postgres";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const WRITERS = 8;
const POINTS_PER_RUN = 50; // as tests/support/backup-writer.mjs writes them
// SQLite's own machinery (its file, its locks) is tested on SQLite only.
const source = onPostgres ? "" : databaseFilePath();
const dir = mkdtempSync(path.join(os.tmpdir(), "tuneboard-backup-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

type ScriptResult = { code: number; stdout: string; stderr: string };
async function script(name: string, args: string[], databaseFile: string): Promise<ScriptResult> {
  return scriptOn(name, args, `file:${databaseFile}`);
}
async function scriptOn(name: string, args: string[], databaseUrl: string): Promise<ScriptResult> {
  try {
    const { stdout, stderr } = await run(tsx, ["--conditions=react-server", `scripts/${name}`, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function writerRunsIn(file: string): Map<number, { runs: number[]; points: number[] }> {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare(`SELECT r.id, (SELECT count(*) FROM "MetricPoint" p WHERE p."runId" = r.id) AS points FROM "Run" r WHERE r.id LIKE 'backup-w%'`)
    .all() as { id: string; points: number }[];
  db.close();
  const byWriter = new Map<number, { runs: number[]; points: number[] }>();
  for (const { id, points } of rows) {
    const [, writer, n] = /^backup-w(\d+)-(\d+)$/.exec(id)!;
    const entry = byWriter.get(Number(writer)) ?? { runs: [], points: [] };
    entry.runs.push(Number(n));
    entry.points.push(points);
    byWriter.set(Number(writer), entry);
  }
  return byWriter;
}

function countIn(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  const count = Number(db.prepare(sql).pluck().get());
  db.close();
  return count;
}

/** Starts tests/support/serve-counts.mts on a database; resolves with what it served once it has read it. */
function serveCounts(databaseFile: string, hold: boolean): Promise<{ child: ChildProcess; served: Record<string, number> }> {
  // One process (tsx as a loader, not its launcher, which would run the script in a child): the pid that holds the
  // database is the one this test kills.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/serve-counts.mts", ...(hold ? ["--hold"] : [])], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) resolve({ child, served: JSON.parse(line) as Record<string, number> });
    });
    child.on("exit", (code) => reject(new Error(`serve-counts exited (${code}) before printing its counts`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

describe.skipIf(onPostgres)("npm run db:backup and db:restore", () => {
  const backup = path.join(dir, "backup.db");
  const restored = path.join(dir, "restored", "tuneboard.db");
  let backupCounts: Record<string, number> = {};

  it("backs up one consistent snapshot while 8 writers write, and restores it into a fresh path", { timeout: 180_000 }, async () => {
    const db = new Database(source);
    db.pragma("journal_mode = WAL"); // as db:migrate leaves the server's database
    db.close();
    const writers = Array.from({ length: WRITERS }, (_, writer) => {
      const child = spawn(process.execPath, ["tests/support/backup-writer.mjs", source, String(writer)], { stdio: ["ignore", "pipe", "inherit"] });
      children.push(child);
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      return { child, done: exited(child).then(() => JSON.parse(output) as { writer: number; committed: number }) };
    });
    const writtenRuns = () => countIn(source, `SELECT count(*) FROM "Run" WHERE id LIKE 'backup-w%'`);
    // Every writer has committed something before the backup starts.
    await expect.poll(() => writerRunsIn(source).size, { timeout: 60_000, interval: 100 }).toBe(WRITERS);
    const before = writtenRuns();

    const result = await script("db-backup.mts", [backup], source);
    const after = writtenRuns();
    for (const { child } of writers) child.kill("SIGTERM");
    const committed = await Promise.all(writers.map(({ done }) => done));

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // The writers kept committing while the backup ran, so the copy is of a database under writes.
    expect(after).toBeGreaterThan(before);
    const snapshot = writerRunsIn(backup);
    let snapshotRuns = 0;
    for (let writer = 0; writer < WRITERS; writer++) {
      const { runs, points } = snapshot.get(writer) ?? { runs: [], points: [] };
      // One snapshot: each writer's runs 1..k without a gap, each with every point of its transaction.
      expect(runs.sort((a, b) => a - b)).toEqual(Array.from({ length: runs.length }, (_, i) => i + 1));
      expect(new Set(points)).toEqual(new Set(runs.length ? [POINTS_PER_RUN] : []));
      expect(runs.length).toBeLessThanOrEqual(committed[writer]!.committed);
      snapshotRuns += runs.length;
    }
    expect(snapshotRuns).toBeGreaterThanOrEqual(before);
    expect(snapshotRuns).toBeLessThanOrEqual(after);
    backupCounts = JSON.parse(result.stdout.trim().split("\n").at(-1)!).counts as Record<string, number>;
    expect(backupCounts.Run).toBe(countIn(backup, `SELECT count(*) FROM "Run"`));

    const restore = await script("db-restore.mts", [backup], restored);
    expect(restore.code, restore.stderr).toBe(0);
    expect(countIn(restored, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'")).toBe(1);
    const { served } = await serveCounts(restored, false);
    expect(served).toEqual({
      listedTotal: countIn(backup, `SELECT count(*) FROM "Run" WHERE "deletedAt" IS NULL`),
      Run: backupCounts.Run,
      MetricPoint: backupCounts.MetricPoint,
    });
    expect(served.MetricPoint).toBe(snapshotRuns * POINTS_PER_RUN);
  });

  it("refuses to replace a database a running process holds, and restores once that process is killed", { timeout: 120_000 }, async () => {
    expect(existsSync(restored)).toBe(true);
    const { child: server } = await serveCounts(restored, true);
    const inode = statSync(restored).ino;

    const refused = await script("db-restore.mts", [backup], restored);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`in use by pid ${server.pid}`);
    expect(statSync(restored).ino).toBe(inode);

    // SIGKILL runs no exit handler: the lease file stays, and must not block the restore.
    server.kill("SIGKILL");
    await exited(server);
    expect(readdirSync(`${restored}-leases`)).toContain(`${os.hostname()}-${server.pid}.json`);
    const accepted = await script("db-restore.mts", [backup], restored);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(statSync(restored).ino).not.toBe(inode);
    expect(readdirSync(`${restored}-leases`)).toEqual([]);
  });

  it("refuses while a process without a lease has the database open (its SQLite lock)", { timeout: 60_000 }, async () => {
    const db = new Database(restored);
    db.prepare(`SELECT count(*) FROM "Run"`).get();
    const inode = statSync(restored).ino;
    try {
      const refused = await script("db-restore.mts", [backup], restored);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("open in another process");
      expect(statSync(restored).ino).toBe(inode);
    } finally {
      db.close();
    }
    const accepted = await script("db-restore.mts", [backup], restored);
    expect(accepted.code, accepted.stderr).toBe(0);
  });

  it("refuses a backup that is not a Tuneboard database, before touching anything", { timeout: 60_000 }, async () => {
    const stranger = path.join(dir, "stranger.db");
    const db = new Database(stranger);
    db.exec("CREATE TABLE notes (text TEXT)");
    db.close();
    const inode = statSync(restored).ino;
    const refused = await script("db-restore.mts", [stranger], restored);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("not a Tuneboard database");
    expect(statSync(restored).ino).toBe(inode);
  });
});

const onDatabase = onServer;

const runIds = (url: string) => onDatabase(url, (client) => client.query<{ id: string }>(`SELECT "id" FROM "Run" ORDER BY "id"`).then(({ rows }) => rows.map((row) => row.id)));
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!) as { counts: Record<string, number> };

describe.skipIf(!onPostgres)("npm run db:backup and db:restore on PostgreSQL (pg_dump and pg_restore)", () => {
  const dump = path.join(dir, "tuneboard.dump");
  const restoredName = `${process.env.TUNEBOARD_TEST_PG_PREFIX}restored_${process.pid}`;
  let restoredUrl = "";
  let backupCounts: Record<string, number> = {};

  it("backs up with pg_dump and restores the dump into another database with the same rows", { timeout: 180_000 }, async () => {
    const url = process.env.DATABASE_URL!;
    const backup = await scriptOn("db-backup.mts", [dump], url);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toBe("");
    backupCounts = lastJson(backup.stdout).counts;
    expect(backupCounts.Run).toBe((await runIds(url)).length);
    expect(backupCounts.Run).toBeGreaterThan(0);

    // A second backup to the same name is refused: a backup never overwrites one.
    const again = await scriptOn("db-backup.mts", [dump], url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");

    const serverUrl = process.env.TEST_POSTGRES_URL!;
    restoredUrl = postgresUrlFor(serverUrl, restoredName);
    await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteDatabase(restoredName)}`));
    const restore = await scriptOn("db-restore.mts", [dump], restoredUrl);
    expect(restore.code, restore.stderr).toBe(0);
    expect(lastJson(restore.stdout).counts).toEqual(backupCounts);
    expect(await runIds(restoredUrl)).toEqual(await runIds(url));
  });

  it("refuses while another connection uses the database, and restores once it is closed", { timeout: 180_000 }, async () => {
    const ids = await runIds(restoredUrl);
    await onDatabase(restoredUrl, (client) => client.query(`DELETE FROM "Run" WHERE "id" = $1`, [ids[0]]));
    const holder = new pg.Client({ connectionString: restoredUrl });
    await holder.connect();
    try {
      const refused = await scriptOn("db-restore.mts", [dump], restoredUrl);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("in use by 1 other connection");
      expect(await runIds(restoredUrl)).toEqual(ids.slice(1));
    } finally {
      await holder.end();
    }
    const accepted = await scriptOn("db-restore.mts", [dump], restoredUrl);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(await runIds(restoredUrl)).toEqual(ids);
    expect(lastJson(accepted.stdout).counts).toEqual(backupCounts);
  });

  it("refuses a file that is not a pg_dump archive, before touching the database", { timeout: 60_000 }, async () => {
    const stranger = path.join(dir, "notes.txt");
    writeFileSync(stranger, "not a dump\n");
    const refused = await scriptOn("db-restore.mts", [stranger], restoredUrl);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("not a pg_dump archive");
    expect(lastJson((await scriptOn("db-backup.mts", [path.join(dir, "check.dump")], restoredUrl)).stdout).counts).toEqual(backupCounts);
  });
});
