// npm run db:copy -- <from-url> <to-url> (issue 12): copies a whole Tuneboard database between SQLite and PostgreSQL,
// either way (and SQLite to SQLite, PostgreSQL to PostgreSQL). No import of "server-only": the script uses it.
//
// Generic over the schema: the tables, columns, primary keys and foreign keys are read from the databases
// themselves (sqlite_master and its pragmas, PostgreSQL's catalog), so a new model is copied without editing this
// file. Only the tables the app maintains by hand are named here: they are rebuilt after the copy, never copied.
// Rows stream in batches (one read snapshot of the source, bounded memory) and are written into the target inside one
// transaction with its user triggers off, so that a failed copy leaves the target as it was and a run's full-text
// document is built once at the end instead of once per tag. Values go through one neutral form per column kind
// (dates as epoch milliseconds, booleans, numbers with ±Infinity, bigints), so each engine gets its own spelling.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { POSTGRES_REBUILD_RUN_SEARCH_SQL, REBUILD_RUN_SEARCH_SQL } from "../runs/search-index";
import { HAND_MANAGED_TABLES } from "./schema-engine";

type Provider = "sqlite" | "postgresql";

/** A wrong command line or a URL that names nothing usable: nothing was written (the script exits 2). */
export class CopyUsageError extends Error {}
/** The target holds data and --force was not given: nothing was written (the script exits 1). */
export class CopyRefusedError extends Error {}

const MIGRATIONS_TABLE = "_prisma_migrations";
/**
 * Tables the app keeps by hand rather than through its models' rows: the full-text index (FTS5 on SQLite, with its
 * shadow tables) and its deferral queue. They are emptied and rebuilt from the copied runs, never copied.
 */
const REBUILT_TABLES = new Set([...HAND_MANAGED_TABLES, "RunSearchPending", "RunSearchDefer"]);
const SKIPPED_TABLES = new Set([MIGRATIONS_TABLE, ...REBUILT_TABLES]);
/** The hand-kept tables a copy empties (FTS5 empties its shadow tables itself). */
const CLEARED_HAND_TABLES = ["RunSearch", "RunSearchPending", "RunSearchDefer"];
/** Rows per batch read from the source and written to the target. */
const DEFAULT_BATCH = 5_000;

type Kind = "datetime" | "boolean" | "int" | "bigint" | "float" | "decimal" | "bytes" | "json" | "text";
type Column = { name: string; kind: Kind; /** PostgreSQL's spelling of the type, for the unnest() casts. */ pgType?: string };
type Table = { name: string; columns: Column[]; primaryKey: string[]; references: string[]; /** SQLite: has an implicit rowid. */ rowid: boolean };

function kindOf(type: string): Kind {
  const t = type.toLowerCase().trim();
  if (t.startsWith("timestamp") || t === "datetime" || t === "date") return "datetime";
  if (t.startsWith("bool")) return "boolean";
  if (t === "bigint" || t === "int8") return "bigint";
  if (t.includes("int")) return "int";
  if (t.startsWith("double") || t === "real" || t.startsWith("float")) return "float";
  if (t.startsWith("numeric") || t.startsWith("decimal")) return "decimal";
  if (t === "bytea" || t === "blob") return "bytes";
  if (t.startsWith("json")) return "json";
  return "text";
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export function providerOf(url: string): Provider | null {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  return null;
}

const sqliteFile = (url: string) => path.resolve(url.replace(/^file:/, ""));

/** The URL with its password hidden, for messages. */
export function displayUrl(url: string): string {
  if (providerOf(url) !== "postgresql") return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Values: each engine's stored form <-> one neutral form.

/** Epoch milliseconds of a DateTime as SQLite holds it: Prisma's ISO text, or a number (unixepoch-ms). */
function sqliteDateToMs(value: unknown, where: string): number | null {
  if (value === null) return null;
  if (typeof value === "number" || typeof value === "bigint") return Number(value);
  if (typeof value === "string") {
    // "2026-11-30 07:12:08" (SQLite's own CURRENT_TIMESTAMP) is UTC, which Date.parse would read as local time.
    const text = /^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value.replace(" ", "T")}Z` : value;
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new Error(`${where}: ${JSON.stringify(value)} is not a date`);
}

/** Epoch milliseconds of PostgreSQL's text for a timestamp (without time zone: UTC, as Prisma writes it). */
function postgresDateToMs(value: unknown, where: string): number | null {
  if (value === null) return null;
  const text = String(value).replace(" ", "T");
  const zoned = /([+-]\d\d)$/.test(text) ? `${text}:00` : /([+-]\d\d:?\d\d|Z)$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) throw new Error(`${where}: ${JSON.stringify(value)} is not a date this copy can keep`);
  return ms;
}

function fromSqlite(value: unknown, kind: Kind, where: string): unknown {
  if (value === null) return null;
  switch (kind) {
    case "datetime":
      return sqliteDateToMs(value, where);
    case "boolean":
      return Number(value) !== 0;
    case "int":
    case "float":
      return typeof value === "bigint" ? Number(value) : value;
    case "bigint":
      return BigInt(value as bigint | number);
    case "decimal":
      return String(value);
    default:
      return value;
  }
}

function fromPostgres(value: unknown, kind: Kind, where: string): unknown {
  if (value === null) return null;
  switch (kind) {
    case "datetime":
      return postgresDateToMs(value, where);
    case "bigint":
      return BigInt(value as string);
    default:
      return value;
  }
}

/** A DateTime as Prisma's SQLite adapter writes it (lib/server/db/ids.ts prismaDateTime), so Prisma reads it back. */
const prismaSqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function toSqlite(value: unknown, kind: Kind): unknown {
  if (value === null) return null;
  switch (kind) {
    case "datetime":
      return prismaSqliteDate(value as number);
    case "boolean":
      return value ? 1 : 0;
    case "float":
      // SQLite cannot hold a NaN: a bound NaN becomes NULL, which is how the app stores one (lib/server/db/bulk-write.ts).
      return Number.isNaN(value) ? null : value;
    default:
      return value;
  }
}

function toPostgres(value: unknown, kind: Kind): unknown {
  if (value === null) return null;
  switch (kind) {
    case "datetime":
      // Into a timestamp without time zone PostgreSQL drops the "Z" and keeps the UTC wall time, as Prisma does.
      return new Date(value as number).toISOString();
    case "bigint":
      return String(value);
    case "float":
      // pg writes numbers with String(): NaN, Infinity and -Infinity are PostgreSQL's own spellings.
      return value;
    default:
      return value;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The two engines behind one small interface.

type Batch = unknown[][];

interface Endpoint {
  readonly provider: Provider;
  readonly url: string;
  /** Every base table, with its columns and keys. */
  tables(): Promise<Table[]>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

interface Source extends Endpoint {
  /** Starts the one snapshot every read of this copy sees. */
  beginSnapshot(): Promise<void>;
  /** The rows of a table in batches, each row's values in `columns` order, in the neutral form. */
  read(table: Table, columns: Column[], batchSize: number): AsyncGenerator<Batch>;
}

interface Target extends Endpoint {
  begin(): Promise<void>;
  /** Empties the tables (children first), the rebuilt ones included. */
  clear(tables: string[]): Promise<void>;
  insert(table: Table, columns: Column[], rows: Batch): Promise<void>;
  /** After the rows: sequences past the copied ids, triggers back, the full-text index rebuilt. */
  finish(tables: Table[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

class SqliteEndpoint implements Source, Target {
  readonly provider = "sqlite" as const;
  readonly db: Database.Database;
  #triggers: { name: string; sql: string }[] = [];

  constructor(
    readonly url: string,
    options: { readonly: boolean },
  ) {
    this.db = new Database(sqliteFile(url), { readonly: options.readonly, fileMustExist: true, timeout: 10_000 });
  }

  hasTable(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }

  async tables(): Promise<Table[]> {
    const rows = this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string; sql: string }[];
    return rows
      .filter((row) => !/^CREATE\s+VIRTUAL/i.test(row.sql))
      .map(({ name, sql }) => {
        const info = this.db.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string; type: string; pk: number }[];
        const foreign = this.db.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as { table: string }[];
        return {
          name,
          columns: info.map((column) => ({ name: column.name, kind: kindOf(column.type) })),
          primaryKey: info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name),
          references: [...new Set(foreign.map((key) => key.table))],
          rowid: !/WITHOUT\s+ROWID\s*$/i.test(sql.trim()),
        };
      });
  }

  async count(table: string): Promise<number> {
    return Number(this.db.prepare(`SELECT count(*) FROM ${quote(table)}`).pluck().get());
  }

  async beginSnapshot(): Promise<void> {
    // A read transaction: every table is read from the same state of the database, writers notwithstanding (WAL).
    this.db.exec("BEGIN");
    this.db.prepare(`SELECT count(*) FROM ${quote(MIGRATIONS_TABLE)}`).get();
  }

  async *read(table: Table, columns: Column[], batchSize: number): AsyncGenerator<Batch> {
    // "rowid" unquoted: SQLite's implicit rowid when the table declares no column of that name.
    const list = columns.map((column) => (column.name === "rowid" ? "rowid" : quote(column.name)));
    const order = table.rowid ? "rowid" : table.primaryKey.map(quote).join(", ");
    const statement = this.db.prepare(`SELECT ${list.join(", ")} FROM ${quote(table.name)} ORDER BY ${order}`).raw(true).safeIntegers(true);
    let batch: Batch = [];
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      batch.push(row.map((value, i) => fromSqlite(value, columns[i]!.kind, `${table.name}.${columns[i]!.name}`)));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async begin(): Promise<void> {
    this.db.exec("BEGIN IMMEDIATE");
    // Triggers off for the copy (dropped inside the transaction, created again from their own text before it
    // commits): the full-text triggers would otherwise write each run's document once per tag, param and key tag.
    this.#triggers = this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string; sql: string }[];
    for (const trigger of this.#triggers) this.db.exec(`DROP TRIGGER ${quote(trigger.name)}`);
  }

  async clear(tables: string[]): Promise<void> {
    for (const table of tables) if (this.hasTable(table)) this.db.exec(`DELETE FROM ${quote(table)}`);
    if (this.hasTable("sqlite_sequence")) {
      const forget = this.db.prepare("DELETE FROM sqlite_sequence WHERE name = ?");
      for (const table of tables) forget.run(table);
    }
  }

  #inserts = new Map<string, Database.Statement>();

  async insert(table: Table, columns: Column[], rows: Batch): Promise<void> {
    const key = `${table.name}\u0000${columns.map((column) => column.name).join(",")}`;
    let statement = this.#inserts.get(key);
    if (!statement) {
      const list = columns.map((column) => (column.name === "rowid" ? "rowid" : quote(column.name))).join(", ");
      statement = this.db.prepare(`INSERT INTO ${quote(table.name)} (${list}) VALUES (${columns.map(() => "?").join(", ")})`);
      this.#inserts.set(key, statement);
    }
    for (const row of rows) statement.run(row.map((value, i) => toSqlite(value, columns[i]!.kind)));
  }

  async finish(): Promise<void> {
    for (const trigger of this.#triggers) this.db.exec(trigger.sql);
    // The runs' documents, built by the same SQL as the triggers (tests/api/runs-search.test.ts checks they agree).
    if (this.hasTable("RunSearch")) this.db.exec(REBUILD_RUN_SEARCH_SQL);
    const broken = this.db.prepare("PRAGMA foreign_key_check").all();
    if (broken.length > 0) throw new Error(`the copy breaks ${broken.length} foreign keys, e.g. ${JSON.stringify(broken[0])}`);
  }

  async commit(): Promise<void> {
    this.db.exec("COMMIT");
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }

  async close(): Promise<void> {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.db.close();
  }
}

/** Type OIDs whose text this copy reads itself: timestamps (pg would read them as local time), int8, json. */
const RAW_TEXT_TYPES = new Set([20, 114, 1082, 1114, 1184, 3802]);
const rawTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    RAW_TEXT_TYPES.has(oid) ? (text: string) => text : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

class PostgresEndpoint implements Source, Target {
  readonly provider = "postgresql" as const;
  readonly client: pg.Client;

  constructor(readonly url: string) {
    this.client = new pg.Client({ connectionString: url, types: rawTypes });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async hasTable(name: string): Promise<boolean> {
    const { rows } = await this.client.query("SELECT 1 FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'", [name]);
    return rows.length > 0;
  }

  async tables(): Promise<Table[]> {
    const { rows: names } = await this.client.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname",
    );
    const { rows: columns } = await this.client.query<{ table: string; name: string; type: string; generated: string }>(
      `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated AS generated
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`,
    );
    const { rows: keys } = await this.client.query<{ table: string; name: string }>(
      `SELECT c.relname AS table, a.attname AS name
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace
        ORDER BY c.relname, k.position`,
    );
    const { rows: foreign } = await this.client.query<{ table: string; referenced: string }>(
      `SELECT c.relname AS table, r.relname AS referenced
         FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
        WHERE f.contype = 'f' AND c.relnamespace = current_schema()::regnamespace`,
    );
    return names.map(({ name }) => ({
      name,
      // Generated columns are computed by the target itself; nothing to copy.
      columns: columns.filter((c) => c.table === name && c.generated === "").map((c) => ({ name: c.name, kind: kindOf(c.type), pgType: c.type })),
      primaryKey: keys.filter((k) => k.table === name).map((k) => k.name),
      references: [...new Set(foreign.filter((f) => f.table === name).map((f) => f.referenced))],
      rowid: false,
    }));
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`);
    return Number(rows[0]!.n);
  }

  async beginSnapshot(): Promise<void> {
    await this.client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }

  async *read(table: Table, columns: Column[], batchSize: number): AsyncGenerator<Batch> {
    const list = columns.map((column) => quote(column.name)).join(", ");
    const order = table.primaryKey.length > 0 ? ` ORDER BY ${table.primaryKey.map(quote).join(", ")}` : "";
    await this.client.query(`DECLARE tuneboard_copy NO SCROLL CURSOR FOR SELECT ${list} FROM ${quote(table.name)}${order}`);
    try {
      for (;;) {
        const { rows } = await this.client.query<unknown[]>({ text: `FETCH FORWARD ${batchSize} FROM tuneboard_copy`, rowMode: "array" });
        if (rows.length === 0) break;
        yield rows.map((row) => row.map((value, i) => fromPostgres(value, columns[i]!.kind, `${table.name}.${columns[i]!.name}`)));
      }
    } finally {
      await this.client.query("CLOSE tuneboard_copy");
    }
  }

  #disabled: string[] = [];

  async begin(): Promise<void> {
    await this.client.query("BEGIN");
  }

  async clear(tables: string[]): Promise<void> {
    const present: string[] = [];
    for (const table of tables) if (await this.hasTable(table)) present.push(table);
    // The tables' own triggers (the full-text index's, the fits' data version) stay off while the rows arrive;
    // finish() rebuilds what they keep and switches them back on, all inside the copy's transaction.
    for (const table of present) await this.client.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
    this.#disabled = present;
    if (present.length > 0) await this.client.query(`TRUNCATE ${present.map(quote).join(", ")} RESTART IDENTITY`);
  }

  async insert(table: Table, columns: Column[], rows: Batch): Promise<void> {
    // One array per column through unnest(): a batch is one statement with as many parameters as columns.
    const list = columns.map((column) => quote(column.name)).join(", ");
    const arrays = columns.map((column, i) => rows.map((row) => toPostgres(row[i], column.kind)));
    const casts = columns.map((column, i) => `$${i + 1}::${column.pgType}[]`).join(", ");
    await this.client.query(`INSERT INTO ${quote(table.name)} (${list}) SELECT * FROM unnest(${casts})`, arrays);
  }

  async finish(tables: Table[]): Promise<void> {
    // Serial and identity columns ("Run"."rowid") continue after the copied maximum.
    for (const table of tables) {
      for (const column of table.columns) {
        const { rows } = await this.client.query<{ sequence: string | null }>("SELECT pg_get_serial_sequence($1, $2) AS sequence", [quote(table.name), column.name]);
        const sequence = rows[0]?.sequence;
        if (!sequence) continue;
        await this.client.query(
          `SELECT setval($1, COALESCE((SELECT max(${quote(column.name)}) FROM ${quote(table.name)}), 1), (SELECT count(*) > 0 FROM ${quote(table.name)}))`,
          [sequence],
        );
      }
    }
    await this.rebuildRunSearch();
    for (const table of this.#disabled) await this.client.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
  }

  /**
   * The runs' full-text documents on PostgreSQL, built by the one SQL function its triggers call too (migration
   * run_search), while every trigger is still off: the fits' data version is copied, not bumped.
   */
  async rebuildRunSearch(): Promise<void> {
    if (!(await this.hasTable("RunSearch"))) return;
    // pg runs an argument-less query text holding two statements as one simple query.
    await this.client.query(POSTGRES_REBUILD_RUN_SEARCH_SQL);
  }

  async commit(): Promise<void> {
    await this.client.query("COMMIT");
  }

  async rollback(): Promise<void> {
    await this.client.query("ROLLBACK");
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** Parents before children (foreign keys), ties by name; a cycle is refused (none in the schema). */
export function foreignKeyOrder(tables: Table[]): Table[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: Table[] = [];
  const visit = (table: Table) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`foreign keys form a cycle through ${table.name}`);
    visiting.add(table.name);
    for (const parent of [...table.references].sort()) {
      const referenced = byName.get(parent);
      if (referenced && referenced !== table) visit(referenced);
    }
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return ordered;
}

/**
 * The columns copied from one table: the target's, each found in the source. SQLite's implicit rowid travels to and
 * from PostgreSQL's "rowid" column ("Run": the charts' sampling and the full-text index key on it), and between two
 * SQLite files for every rowid table, so rowids survive the copy.
 */
function copiedColumns(source: Table, target: Table, sourceProvider: Provider, targetProvider: Provider): Column[] {
  const implicitRowid = (table: Table, provider: Provider) => provider === "sqlite" && table.rowid && !table.columns.some((c) => c.name === "rowid");
  const columns: Column[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const column of target.columns) {
    const from = source.columns.find((c) => c.name === column.name);
    // SQLite's INTEGER holds 64 bits: an Int on one side may be a BIGINT on the other; it travels as a bigint.
    const integers = from && [from.kind, column.kind].every((kind) => kind === "int" || kind === "bigint");
    if (from && from.kind !== column.kind && !integers) throw new CopyUsageError(`${target.name}.${column.name} is ${from.kind} in the source but ${column.kind} in the target`);
    if (from && from.kind !== column.kind) columns.push({ ...column, kind: "bigint" });
    else if (from || (column.name === "rowid" && implicitRowid(source, sourceProvider))) columns.push(column);
    else missing.push(column.name);
  }
  for (const column of source.columns) {
    if (target.columns.some((c) => c.name === column.name)) continue;
    if (column.name === "rowid" && implicitRowid(target, targetProvider)) columns.unshift({ name: "rowid", kind: "int" });
    else extra.push(column.name);
  }
  if (implicitRowid(source, sourceProvider) && implicitRowid(target, targetProvider)) columns.unshift({ name: "rowid", kind: "int" });
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length ? `the source lacks ${missing.join(", ")}` : "", extra.length ? `the target lacks ${extra.join(", ")}` : ""].filter(Boolean);
    throw new CopyUsageError(
      `${target.name}: the two databases' schemas differ (${parts.join("; ")}): migrate the older one first (DATABASE_URL=<its url> npm run db:migrate)`,
    );
  }
  return columns;
}

export type CopyProgress = { table: string; done: number; total: number };
export type CopyOptions = { force?: boolean; batchSize?: number; progress?: (progress: CopyProgress) => void };
export type CopyResult = { tables: { table: string; rows: number }[]; migrated: string[]; milliseconds: number };

async function openSource(url: string): Promise<SqliteEndpoint | PostgresEndpoint> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqliteFile(url);
    if (!existsSync(file) || !statSync(file).isFile()) throw new CopyUsageError(`there is no SQLite database at ${file}`);
    const source = new SqliteEndpoint(url, { readonly: true });
    if (!source.hasTable(MIGRATIONS_TABLE)) {
      await source.close();
      throw new CopyUsageError(`${file} is not a Tuneboard database: it has no ${MIGRATIONS_TABLE} table`);
    }
    return source;
  }
  const source = await connectPostgres(url, "source");
  if (!(await source.hasTable(MIGRATIONS_TABLE))) {
    await source.close();
    throw new CopyUsageError(`${displayUrl(url)} is not a Tuneboard database: it has no ${MIGRATIONS_TABLE} table`);
  }
  return source;
}

async function connectPostgres(url: string, role: "source" | "target"): Promise<PostgresEndpoint> {
  const endpoint = new PostgresEndpoint(url);
  try {
    await endpoint.connect();
  } catch (error) {
    await endpoint.close().catch(() => undefined);
    throw new CopyUsageError(`cannot connect to the ${role} ${displayUrl(url)}: ${(error as Error).message}`);
  }
  return endpoint;
}

/**
 * Migrates the target through `npm run db:migrate`'s script in a child process: Prisma's schema engine keeps its
 * SQLite connection in exclusive locking mode until its process ends, which would lock this process's own writes out.
 */
async function migrate(url: string): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/db-migrate.mts")], {
      env: { ...process.env, DATABASE_URL: url },
    });
    return /^migrations applied: (.*)$/m.exec(stdout)?.[1]?.split(", ") ?? [];
  } catch (error) {
    throw new Error(`migrating the target failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`, { cause: error });
  }
}

/** Rows the target holds in the tables a copy would replace (those with any), before anything is written. */
async function heldRows(target: SqliteEndpoint | PostgresEndpoint): Promise<string[]> {
  const held: string[] = [];
  for (const table of await target.tables()) {
    if (SKIPPED_TABLES.has(table.name)) continue;
    const count = await target.count(table.name);
    if (count > 0) held.push(`${table.name} ${count}`);
  }
  return held;
}

/**
 * Copies every table of the database at `fromUrl` into the one at `toUrl`, which is created and migrated when it
 * has no schema yet. Refuses a target that holds rows unless `force` (which empties it, inside the copy's one
 * transaction). Nothing is written to the source.
 */
export async function copyDatabase(fromUrl: string, toUrl: string, options: CopyOptions = {}): Promise<CopyResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  for (const [role, url] of [["source", fromUrl], ["target", toUrl]] as const) {
    if (!providerOf(url)) throw new CopyUsageError(`the ${role} URL ${JSON.stringify(url)} names neither a SQLite file (file:./data/tuneboard.db) nor a PostgreSQL server (postgresql://user:pass@host:5432/db)`);
  }
  const targetProvider = providerOf(toUrl)!;
  if (targetProvider === "sqlite" && providerOf(fromUrl) === "sqlite" && sqliteFile(fromUrl) === sqliteFile(toUrl)) {
    throw new CopyUsageError("the source and the target are the same database");
  }
  if (targetProvider === "postgresql" && fromUrl === toUrl) throw new CopyUsageError("the source and the target are the same database");

  const source = await openSource(fromUrl);
  let target: SqliteEndpoint | PostgresEndpoint | undefined;
  try {
    // The target: checked before anything is written to it.
    let migrateUrl = toUrl;
    let hasSchema = false;
    if (targetProvider === "sqlite") {
      const file = sqliteFile(toUrl);
      migrateUrl = `file:${file}`;
      if (existsSync(file)) {
        if (!statSync(file).isFile()) throw new CopyUsageError(`${file} is not a file`);
        const probe = new SqliteEndpoint(toUrl, { readonly: true });
        try {
          hasSchema = probe.hasTable(MIGRATIONS_TABLE);
          if (!hasSchema && (await probe.tables()).length > 0) throw new CopyUsageError(`${file} holds tables but is not a Tuneboard database: choose another target`);
          if (hasSchema && !options.force) {
            const held = await heldRows(probe);
            if (held.length > 0) throw new CopyRefusedError(`${file} already holds data (${held.join(", ")}): pass --force to replace it`);
          }
        } finally {
          await probe.close();
        }
      } else {
        try {
          mkdirSync(path.dirname(file), { recursive: true });
        } catch (error) {
          throw new CopyUsageError(`cannot create ${file}: ${(error as Error).message}`);
        }
        // WAL, as db:migrate leaves a server's database; stored in the file.
        const created = new Database(file);
        created.pragma("journal_mode = WAL");
        created.close();
      }
    } else {
      const probe = await connectPostgres(toUrl, "target");
      try {
        hasSchema = await probe.hasTable(MIGRATIONS_TABLE);
        if (!hasSchema && (await probe.tables()).length > 0) throw new CopyUsageError(`${displayUrl(toUrl)} holds tables but is not a Tuneboard database: choose another target`);
        if (hasSchema && !options.force) {
          const held = await heldRows(probe);
          if (held.length > 0) throw new CopyRefusedError(`${displayUrl(toUrl)} already holds data (${held.join(", ")}): pass --force to replace it`);
        }
      } finally {
        await probe.close();
      }
    }
    const migrated = await migrate(migrateUrl);
    target = targetProvider === "sqlite" ? new SqliteEndpoint(toUrl, { readonly: false }) : await connectPostgres(toUrl, "target");

    await source.beginSnapshot();
    const sourceTables = new Map((await source.tables()).map((table) => [table.name, table]));
    const targetTables = (await target.tables()).filter((table) => !SKIPPED_TABLES.has(table.name));
    const missing = targetTables.filter((table) => !sourceTables.has(table.name)).map((table) => table.name);
    const extra = [...sourceTables.keys()].filter((name) => !SKIPPED_TABLES.has(name) && !targetTables.some((table) => table.name === name));
    if (missing.length > 0 || extra.length > 0) {
      throw new CopyUsageError(
        `the two databases' schemas differ (${[missing.length ? `the source lacks ${missing.join(", ")}` : "", extra.length ? `the target lacks ${extra.join(", ")}` : ""].filter(Boolean).join("; ")}): migrate the older one first`,
      );
    }
    const plan = foreignKeyOrder(targetTables).map((table) => ({
      table,
      columns: copiedColumns(sourceTables.get(table.name)!, table, source.provider, targetProvider),
    }));
    const totals = new Map<string, number>();
    for (const { table } of plan) totals.set(table.name, await source.count(table.name));

    await target.begin();
    try {
      await target.clear([...plan.map(({ table }) => table.name).reverse(), ...CLEARED_HAND_TABLES]);
      const copied: { table: string; rows: number }[] = [];
      for (const { table, columns } of plan) {
        const total = totals.get(table.name)!;
        let done = 0;
        options.progress?.({ table: table.name, done, total });
        for await (const batch of source.read(sourceTables.get(table.name)!, columns, batchSize)) {
          await target.insert(table, columns, batch);
          done += batch.length;
          options.progress?.({ table: table.name, done, total });
        }
        if (done !== total) throw new Error(`${table.name}: read ${done} rows of ${total}`);
        copied.push({ table: table.name, rows: done });
      }
      await target.finish(plan.map(({ table }) => table));
      for (const { table, rows } of copied) {
        const written = await target.count(table);
        if (written !== rows) throw new Error(`${table}: the target holds ${written} rows after copying ${rows}`);
      }
      await target.commit();
      return { tables: copied, migrated, milliseconds: Math.round(performance.now() - started) };
    } catch (error) {
      await target.rollback().catch(() => undefined);
      throw error;
    }
  } finally {
    await source.close().catch(() => undefined);
    await target?.close().catch(() => undefined);
  }
}
