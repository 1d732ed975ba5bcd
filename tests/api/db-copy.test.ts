// npm run db:copy (issue 12): a round trip SQLite -> PostgreSQL -> SQLite loses nothing. The file's own PostgreSQL
// database (seeded, plus runs with metric histories, NaN and ±Infinity values, users, tokens, sessions, comments,
// history, views, experiments and artifacts' records) is copied into SQLite file A, A into a fresh PostgreSQL
// database B, and B into SQLite file C; every table's row count and content hash agree on all four, rowids
// included, and the full-text index of C is A's. The hashes are computed here from each engine's own rows (not by the
// copier's reader), values normalised: dates to ISO milliseconds, booleans, numbers, NaN as NULL (SQLite stores a
// NaN as NULL, lib/server/db/bulk-write.ts). Then the command line: a target holding data is refused, --force
// replaces it, and bad URLs exit 2 having written nothing. Needs TEST_POSTGRES_URL: it runs in the PostgreSQL pass
// only, so it runs once in CI.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db/client";
import { copyDatabase } from "@/lib/server/db/copy";
import { tokenForUser } from "../support/api";
import { onPostgres, onServer, postgresUrlFor, quoteDatabase } from "../support/postgres";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const dir = mkdtempSync(path.join(os.tmpdir(), "tuneboard-copy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Tables the app rebuilds rather than stores (compared separately) and bookkeeping no copy carries. */
const NOT_DATA = /^(_prisma_migrations|sqlite_.*|RunSearch.*)$/;

type Digest = Record<string, { rows: number; hash: string }>;

/** One table's hash: each row as JSON with its columns sorted, rows sorted, so neither engine's order matters. */
function digestRows(rows: Record<string, unknown>[], normalise: (column: string, value: unknown) => unknown): { rows: number; hash: string } {
  const lines = rows.map((row) =>
    JSON.stringify(
      Object.keys(row)
        .sort()
        .map((column) => [column, normalise(column, row[column])]),
    ),
  );
  lines.sort();
  return { rows: rows.length, hash: createHash("sha256").update(lines.join("\n")).digest("hex") };
}

/** An integer of either engine (an Int may be INTEGER on one and BIGINT on the other), as a number where it fits. */
const integer = (text: string) => (Number.isSafeInteger(Number(text)) ? Number(text) : text);

/** JSON has no NaN or ±Infinity (it writes null for all three): NaN as NULL, as SQLite stores it, infinities by name. */
const number = (value: unknown) => (typeof value !== "number" || Number.isFinite(value) ? value : Number.isNaN(value) ? null : String(value));

function sqliteDigest(file: string): Digest {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[];
    const digest: Digest = {};
    for (const table of tables.filter((name) => !NOT_DATA.test(name))) {
      const types = new Map((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[]).map((c) => [c.name, c.type.toUpperCase()]));
      // The runs' rowid is data: the charts' sampling and the full-text index key on it (PostgreSQL's "rowid" column).
      const rows = db.prepare(`SELECT ${table === "Run" ? "rowid AS rowid, " : ""}* FROM "${table}"`).safeIntegers(true).all() as Record<string, unknown>[];
      digest[table] = digestRows(rows, (column, value) => {
        if (value === null) return null;
        const type = types.get(column) ?? "INTEGER";
        if (type === "DATETIME") return new Date(value as string).toISOString();
        if (type === "BOOLEAN") return Number(value) !== 0;
        if (type === "BIGINT") return integer(String(value));
        return typeof value === "bigint" ? Number(value) : number(value);
      });
    }
    return digest;
  } finally {
    db.close();
  }
}

/** A PostgreSQL client reading timestamps (without time zone) as UTC and int8 as text. */
function postgresClient(url: string): pg.Client {
  const getTypeParser = ((oid: number, format?: "text" | "binary") => {
    if (oid === 1114) return (text: string) => new Date(`${text.replace(" ", "T")}Z`).toISOString();
    if (oid === 20) return integer;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser;
  return new pg.Client({ connectionString: url, types: { getTypeParser } });
}

async function postgresDigest(url: string): Promise<Digest> {
  const client = postgresClient(url);
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename");
    const digest: Digest = {};
    for (const { name } of tables.filter(({ name }) => !NOT_DATA.test(name))) {
      const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
      digest[name] = digestRows(rows, (_column, value) => number(value));
    }
    return digest;
  } finally {
    await client.end();
  }
}

function sqliteRunSearch(file: string): { rowid: number; runId: string; body: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT rowid, "runId", "body" FROM "RunSearch" ORDER BY rowid`).all() as { rowid: number; runId: string; body: string }[];
  } finally {
    db.close();
  }
}

async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = postgresClient(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

type ScriptResult = { code: number; stdout: string; stderr: string };
async function dbCopy(args: string[]): Promise<ScriptResult> {
  try {
    const { stdout, stderr } = await run(tsx, ["--conditions=react-server", "scripts/db-copy.mts", ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const at = (iso: string) => new Date(iso);

/** What the seed lacks: a team's history, with values that are easy to lose on the way (ms, NaN, ±Infinity, NULLs). */
async function addTeamHistory(): Promise<void> {
  const { userId } = await tokenForUser("copy-member", "member");
  const admin = await tokenForUser("copy-admin", "admin");
  await prisma.session.create({ data: { id: "copy-session", userId, expiresAt: at("2027-01-02T03:04:05.678Z") } });
  await prisma.user.update({ where: { id: admin.userId }, data: { disabledAt: at("2026-11-30T10:00:00.001Z") } });
  const experiment = await prisma.experiment.create({
    data: { name: "copy-experiment", description: null, archivedAt: at("2026-11-29T23:59:59.999Z"), tags: { create: [{ key: "team", value: "infra" }] } },
  });
  for (let i = 0; i < 3; i++) {
    const id = `copy-run-${i}`;
    await prisma.run.create({
      data: {
        id,
        name: `copy run ${i} – ünïcode 🚀`,
        status: i === 0 ? "running" : "completed",
        method: "lora",
        modelName: "Llama-3-8B",
        experimentId: experiment.id,
        createdById: userId,
        notes: i === 1 ? null : "line one\nline two",
        startedAt: at(`2026-11-30T0${i}:00:00.123Z`),
        isBaseline: i === 2,
        gradientCheckpointing: i === 0 ? null : i === 1,
        peakMemoryGb: 17.25 / 3,
        learningRate: 2e-4,
        tags: { create: [{ tag: "copied" }, { tag: `tag-${i}` }] },
        params: { create: [{ key: "lora_r", value: String(8 << i) }] },
        keyTags: { create: [{ key: "mlflow.user", value: "ana" }] },
        artifacts: { create: [{ path: `checkpoints/step-${i}.pt`, sizeBytes: 123_456 + i, sha256: "ab".repeat(32) }] },
        metricKeys: { create: [{ key: "loss" }] },
        metrics: {
          create: [
            { key: "loss", step: 0, value: 2.5, time: at("2026-11-30T01:00:00.001Z") },
            { key: "loss", step: 1, value: 0, time: at("2026-11-30T01:00:01.002Z") },
            { key: "loss", step: 2, value: 0, time: at("2026-11-30T01:00:02.003Z") },
            { key: "loss", step: 3, value: null, time: at("2026-11-30T01:00:03.004Z") },
            { key: "loss", step: 4, value: Number.MIN_VALUE, time: at("2026-11-30T01:00:04.005Z") },
          ],
        },
      },
    });
    await prisma.comment.create({ data: { runId: id, authorId: userId, body: `looks right @ana #${i}`, mentions: '["ana"]', deletedAt: i === 2 ? at("2026-11-30T12:00:00.500Z") : null } });
    await prisma.runEvent.create({ data: { runId: id, actorId: i === 0 ? null : userId, kind: "update", field: "status", oldValue: "running", newValue: "completed" } });
  }
  await prisma.savedView.create({ data: { name: "copied view", ownerId: userId, path: "/runs", query: "q=copy&sort=-createdAt" } });
  // The non-finite values written in PostgreSQL's own spelling (Prisma 7's PostgreSQL adapter writes -Infinity as
  // Infinity), NaN included, which PostgreSQL can hold and SQLite holds as NULL.
  for (const [step, value] of [[1, "Infinity"], [2, "-Infinity"], [3, "NaN"]] as const) {
    await prisma.$executeRawUnsafe(`UPDATE "MetricPoint" SET "value" = '${value}' WHERE "runId" LIKE 'copy-run-%' AND "step" = ${step}`);
  }
}

describe.skipIf(!onPostgres)("npm run db:copy between SQLite and PostgreSQL", () => {
  const serverUrl = process.env.TEST_POSTGRES_URL ?? "";
  const original = process.env.DATABASE_URL ?? "";
  const fileA = path.join(dir, "a.db");
  const fileC = path.join(dir, "c.db");
  // Named with the run's prefix, so the global teardown drops it with the per-file databases.
  const nameB = `${process.env.TUNEBOARD_TEST_PG_PREFIX}copy_b_${process.pid}`;
  let urlB = "";
  let before: Digest;

  beforeAll(async () => {
    urlB = postgresUrlFor(serverUrl, nameB);
    await addTeamHistory();
    await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteDatabase(nameB)}`));
  }, 120_000);

  it("copies PostgreSQL -> SQLite -> PostgreSQL -> SQLite with every table's rows and contents unchanged", { timeout: 600_000 }, async () => {
    const pointsOf = (url: string) =>
      onDatabase(url, (client) =>
        client.query<{ value: number | null }>(`SELECT "value" FROM "MetricPoint" WHERE "runId" = 'copy-run-0' ORDER BY "step"`).then(({ rows }) => rows.map((row) => row.value)),
      );
    expect(await pointsOf(original)).toEqual([2.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, Number.MIN_VALUE]);
    before = await postgresDigest(original);
    // Not a vacuous comparison: the tables the issue names hold rows.
    for (const table of ["Run", "MetricPoint", "User", "ApiToken", "Session", "Comment", "RunEvent", "SavedView", "Experiment", "ExperimentTag", "Artifact", "RunTag", "RunParam", "RunKeyTag", "Model", "Hardware", "Source", "Claim", "Meta"]) {
      expect(before[table]?.rows, table).toBeGreaterThan(0);
    }

    const intoA = await copyDatabase(original, `file:${fileA}`);
    expect(intoA.migrated.length).toBeGreaterThan(0);
    expect(Object.fromEntries(intoA.tables.map(({ table, rows }) => [table, rows]))).toEqual(Object.fromEntries(Object.entries(before).map(([table, { rows }]) => [table, rows])));
    const a = sqliteDigest(fileA);
    expect(a).toEqual(before);

    const progress: string[] = [];
    await copyDatabase(`file:${fileA}`, urlB, { batchSize: 4, progress: ({ table, done, total }) => progress.push(`${table} ${done}/${total}`) });
    expect(await postgresDigest(urlB)).toEqual(a);
    // In batches, with progress: 15 metric points of the copied runs and the seed's arrive 4 at a time.
    // PostgreSQL's full-text index is rebuilt too: one document per run under its rowid.
    const searchB = await onDatabase(urlB, (client) =>
      client.query<{ rowid: number; runId: string; body: string }>(`SELECT "rowid", "runId", "body" FROM "RunSearch" ORDER BY "rowid"`).then(({ rows }) => rows),
    );
    expect(searchB.map(({ rowid, runId }) => [rowid, runId])).toEqual(sqliteRunSearch(fileA).map(({ rowid, runId }) => [rowid, runId]));
    expect(searchB.find((row) => row.runId === "copy-run-1")?.body).toContain("tag-1");
    const points = a.MetricPoint!.rows;
    expect(progress).toContain(`MetricPoint 4/${points}`);
    expect(progress).toContain(`MetricPoint ${points}/${points}`);

    await copyDatabase(urlB, `file:${fileC}`);
    expect(sqliteDigest(fileC)).toEqual(a);

    // The full-text index is rebuilt from the copied tables: one document per run under its rowid, as A has it.
    const search = sqliteRunSearch(fileC);
    expect(search).toEqual(sqliteRunSearch(fileA));
    expect(search).toHaveLength(a.Run!.rows);
    expect(search.find((row) => row.runId === "copy-run-1")?.body).toContain("tag-1");

    // The exact values, read back through each engine.
    const rowC = new Database(fileC, { readonly: true })
      .prepare(`SELECT "startedAt", "isBaseline", "gradientCheckpointing", "notes", "peakMemoryGb" FROM "Run" WHERE "id" = 'copy-run-1'`)
      .get();
    expect(rowC).toEqual({ startedAt: "2026-11-30T01:00:00.123+00:00", isBaseline: 0, gradientCheckpointing: 1, notes: null, peakMemoryGb: 17.25 / 3 });
    expect(await pointsOf(urlB)).toEqual([2.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, Number.MIN_VALUE]);
  });

  it("continues PostgreSQL's run rowids after the copied maximum", async () => {
    const { maximum, next } = await onDatabase(urlB, async (client) => {
      const { rows } = await client.query<{ maximum: number }>(`SELECT max("rowid") AS maximum FROM "Run"`);
      const inserted = await client.query<{ rowid: number }>(
        `INSERT INTO "Run" ("id", "name", "status", "method", "modelName", "updatedAt") VALUES ('copy-new', 'new', 'planned', 'lora', 'm', now()) RETURNING "rowid"`,
      );
      await client.query(`DELETE FROM "Run" WHERE "id" = 'copy-new'`);
      return { maximum: rows[0]!.maximum, next: inserted.rows[0]!.rowid };
    });
    expect(maximum).toBeGreaterThan(0);
    expect(next).toBe(maximum + 1);
  });

  it("refuses a target that holds data and leaves it as it was", { timeout: 120_000 }, async () => {
    const held = await postgresDigest(urlB);
    const refused = await dbCopy([`file:${fileA}`, urlB]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("already holds data");
    expect(refused.stderr).toContain("--force");
    expect(await postgresDigest(urlB)).toEqual(held);
  });

  it("with --force replaces the target's rows by the source's", { timeout: 300_000 }, async () => {
    const fileE = path.join(dir, "e.db");
    copyFileSync(fileA, fileE);
    const db = new Database(fileE);
    db.pragma("foreign_keys = ON"); // the runs' rows go with them (ON DELETE CASCADE)
    db.prepare(`DELETE FROM "Run" WHERE "id" IN ('copy-run-0', 'copy-run-2')`).run();
    db.close();
    const e = sqliteDigest(fileE);
    expect(e.Run!.rows).toBe(sqliteDigest(fileA).Run!.rows - 2);

    const forced = await dbCopy([`file:${fileE}`, urlB, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/MetricPoint: [\d,]+ \/ [\d,]+ rows/);
    expect(JSON.parse(forced.stdout.trim().split("\n").at(-1)!).copied.Run).toBe(e.Run!.rows);
    expect(await postgresDigest(urlB)).toEqual(e);
  });

  it("exits 2 with a clear message on bad URLs, and writes nothing", { timeout: 120_000 }, async () => {
    const never = path.join(dir, "never.db");
    const cases: [string[], string][] = [
      [[`file:${fileA}`], "usage: npm run db:copy"],
      [["mysql://user@host/db", `file:${never}`], "names neither a SQLite file"],
      [[`file:${path.join(dir, "missing.db")}`, `file:${never}`], "there is no SQLite database"],
      [[`file:${fileA}`, "postgresql://tuneboard:secret@127.0.0.1:1/tuneboard"], "cannot connect to the target"],
      [[`file:${fileA}`, `file:${fileA}`], "the same database"],
    ];
    for (const [args, message] of cases) {
      const result = await dbCopy(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain("secret");
      expect(existsSync(never)).toBe(false);
    }
  });
});
