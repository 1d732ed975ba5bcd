import "server-only";
import "./hold-lease";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type Database from "better-sqlite3";
import { absoluteDatabaseUrl, databaseProvider, env } from "@/lib/env";
import { tuneServerConnection } from "./connection-tuning";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";

/** Prisma's better-sqlite3 adapter: its `client` is the connection every Prisma query runs on. */
export type SqliteAdapter = SqlDriverAdapter & { client: Database.Database };

/**
 * The adapter factory Prisma is given, which keeps the adapter it connects, so that bulk writes
 * (lib/server/db/bulk-write.ts) run on the very connection Prisma uses and take its transaction lock. A second
 * connection would let a bulk commit land between a Prisma transaction's first read and its first write, which
 * SQLite answers with SQLITE_BUSY_SNAPSHOT (a 500) however long the busy timeout.
 */
class SharedConnectionFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  adapter: SqliteAdapter | undefined;
  readonly #inner: PrismaBetterSqlite3;

  constructor(inner: PrismaBetterSqlite3) {
    this.#inner = inner;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = (await this.#inner.connect()) as SqliteAdapter;
    // In WAL mode (scripts/db-migrate.mts sets it in the file), synchronous=NORMAL makes a commit append to the log
    // without an fsync, which the server's one thread otherwise waits for (6-30 ms a write here). Commits stay atomic
    // and the file sound after any crash; a power loss or OS crash may lose the last commits (SQLite docs, "WAL").
    // Not set in rollback-journal mode, where NORMAL could corrupt the file on power loss.
    if (adapter.client.pragma("journal_mode", { simple: true }) === "wal") adapter.client.pragma("synchronous = NORMAL");
    tuneServerConnection(adapter.client); // issue 9: keeps long writes off the event loop (./connection-tuning.ts)
    this.adapter = adapter;
    return adapter;
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
}

/** The engine this process's database runs on (DATABASE_URL's scheme). Raw SQL that differs branches on it (./dialect.ts). */
export const provider = databaseProvider();
export const isPostgres = provider === "postgresql";

/**
 * Most connections one app instance opens to PostgreSQL. Several instances share one server (issue 12), whose own
 * default limit is 100 connections; 10 each leaves room for a handful of instances and the tools.
 */
const POSTGRES_POOL_SIZE = 10;

// One client per process; kept on globalThis so that dev-server reloads do not open a new connection each time.
const globalForPrisma = globalThis as unknown as { tuneboardPrisma?: PrismaClient; tuneboardAdapterFactory?: SharedConnectionFactory };

const factory = isPostgres ? undefined : (globalForPrisma.tuneboardAdapterFactory ?? new SharedConnectionFactory(new PrismaBetterSqlite3({ url: absoluteDatabaseUrl() })));

/**
 * Prisma 7 generates a client per provider and refuses an adapter of another provider (issue 12), so PostgreSQL gets
 * the client generated from prisma/postgres/schema.prisma. That schema is written from the SQLite one and declares
 * the same models (tests/unit/provider-schema.test.ts), so both clients have the same API and the app is typed
 * against the SQLite client's types.
 */
function newClient(): PrismaClient {
  if (!isPostgres) return new PrismaClient({ adapter: factory! });
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: POSTGRES_POOL_SIZE });
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

export const prisma: PrismaClient = globalForPrisma.tuneboardPrisma ?? newClient();

if (process.env.NODE_ENV !== "production") {
  globalForPrisma.tuneboardPrisma = prisma;
  globalForPrisma.tuneboardAdapterFactory = factory;
}

/** The adapter (and so the connection) Prisma queries run on; connects first if Prisma has not yet. SQLite only. */
export async function sharedSqliteAdapter(): Promise<SqliteAdapter> {
  if (isPostgres || !factory) throw new Error("sharedSqliteAdapter() called on PostgreSQL: give this code a PostgreSQL path (lib/server/db/dialect.ts)");
  if (!factory.adapter) await prisma.$connect();
  const adapter = factory.adapter;
  // `client` is a public field of the adapter class, not a documented API: fail loudly if a Prisma update renames it.
  if (!adapter || typeof adapter.client?.prepare !== "function") throw new Error("Prisma's SQLite adapter exposes no better-sqlite3 connection");
  return adapter;
}
