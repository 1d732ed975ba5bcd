// Prisma's schema engine compiled to WebAssembly, driven over the better-sqlite3 adapter. The CLI's native
// engine is a download this project cannot rely on; the WASM build ships in an npm package and applies the
// same prisma/migrations folder (same checksums, same _prisma_migrations table) as `prisma migrate deploy`.
import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as SchemaEngineWasm from "@prisma/schema-engine-wasm";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { databaseProvider } from "../../env";
import { POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_PATH, type Provider, SQLITE_MIGRATIONS_DIR, SQLITE_SCHEMA_PATH } from "./provider-schema";

const require = createRequire(import.meta.url);

export const SCHEMA_PATH = SQLITE_SCHEMA_PATH;
export const MIGRATIONS_DIR = SQLITE_MIGRATIONS_DIR;

/** Each provider's schema and migrations folder (Prisma's standard layout, one migration_lock.toml each). */
export function providerFiles(provider: Provider): { schemaPath: string; migrationsDir: string } {
  return provider === "postgresql"
    ? { schemaPath: POSTGRES_SCHEMA_PATH, migrationsDir: POSTGRES_MIGRATIONS_DIR }
    : { schemaPath: SQLITE_SCHEMA_PATH, migrationsDir: SQLITE_MIGRATIONS_DIR };
}
export const NO_FILTERS = { externalTables: [], externalEnums: [] };
/**
 * Tables that migrations create by hand and schema.prisma models only for the client (or not at all): the diff
 * behind `npm run db:migration` must neither create nor drop them. RunSearch is an FTS5 virtual table (migration
 * 20261130081400_run_search); FTS5 keeps its index in the five shadow tables named after it.
 */
export const HAND_MANAGED_TABLES = ["RunSearch", ...["data", "idx", "content", "docsize", "config"].map((suffix) => `RunSearch_${suffix}`)];

type Queryable = {
  executeRaw(query: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
};

/**
 * better-sqlite3 refuses to prepare more than one statement at a time, but the engine replays whole
 * migration files into the shadow database through executeRaw. Argument-less SQL that fails to prepare
 * is therefore retried as a script.
 */
function runMultiStatementSqlAsScript<T extends Queryable>(adapter: T): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property !== "executeRaw") return Reflect.get(target, property, receiver) as unknown;
      return async (query: Parameters<Queryable["executeRaw"]>[0]) => {
        try {
          return await target.executeRaw(query);
        } catch (error) {
          if (query.args.length > 0 || !String(error).includes("more than one statement")) throw error;
          await target.executeScript(query.sql);
          return 0;
        }
      };
    },
  });
}

/**
 * @prisma/adapter-pg's executeScript splits a script at every ";" and runs the pieces one by one, which cuts a
 * function body ($$ ... $$, as triggers need) apart. Sent whole instead, as one argument-less query: PostgreSQL's
 * simple query protocol runs its statements in order in one implicit transaction, as Prisma's native engine does.
 */
function runScriptsWhole<T extends Queryable>(adapter: T): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property !== "executeScript") return Reflect.get(target, property, receiver) as unknown;
      return async (script: string) => {
        await target.executeRaw({ sql: script, args: [], argTypes: [] });
      };
    },
  });
}

function migrationAwareFactory(databaseUrl: string) {
  if (databaseProvider(databaseUrl) === "postgresql") {
    const factory = new PrismaPg({ connectionString: databaseUrl });
    return bindMigrationAwareSqlAdapterFactory({
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => runScriptsWhole(await factory.connect()),
      connectToShadowDb: async () => runScriptsWhole(await factory.connectToShadowDb()),
    } as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]);
  }
  const factory = new PrismaBetterSqlite3({ url: databaseUrl });
  return bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => runMultiStatementSqlAsScript(await factory.connect()),
    connectToShadowDb: async () => runMultiStatementSqlAsScript(await factory.connectToShadowDb()),
  } as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]);
}

async function loadWasmEngine(): Promise<typeof SchemaEngineWasm> {
  // Imported by absolute file URL: this module may itself be compiled to CommonJS (tsx, Vitest), where a bare
  // specifier in a dynamic import cannot be resolved.
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = (await import(pathToFileURL(gluePath).href)) as typeof SchemaEngineWasm & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
  const module = new WebAssembly.Module(await readFile(wasmPath));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return glue;
}

let enginePromise: Promise<typeof SchemaEngineWasm> | undefined;

/** Opens the schema engine on a database, runs `work`, and frees it. */
export async function withSchemaEngine<T>(databaseUrl: string, work: (engine: SchemaEngine) => Promise<T>, schemaText?: string): Promise<T> {
  enginePromise ??= loadWasmEngine();
  const wasm = await enginePromise;
  const { schemaPath } = providerFiles(databaseProvider(databaseUrl));
  const schema = schemaText ?? (await readFile(schemaPath, "utf8"));
  const engine = await wasm.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (log: string) => {
      if (process.env.PRISMA_ENGINE_LOG) console.error(log);
    },
    migrationAwareFactory(databaseUrl),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}

/** Reads prisma/migrations in Prisma's standard layout, sorted by folder name. */
export async function loadMigrationsList(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(baseDir).catch(() => [] as string[]);
  const folders: string[] = [];
  for (const entry of entries.sort()) {
    if ((await stat(path.join(baseDir, entry))).isDirectory()) folders.push(entry);
  }
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => ({
        path: folder,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok" as const, value: await readFile(path.join(baseDir, folder, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/** Applies every migration not yet recorded in _prisma_migrations; returns the names it applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await loadMigrationsList(providerFiles(databaseProvider(databaseUrl)).migrationsDir);
  return withSchemaEngine(databaseUrl, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return output.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database from the state the migrations folder produces to the state schema.prisma
 * describes; empty when they match. Used by `npm run db:migration -- <name>` to write a new migration.
 */
export async function diffMigrationsToSchema(scratchDatabaseUrl: string): Promise<string> {
  const migrationsList = await loadMigrationsList();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  return withSchemaEngine(scratchDatabaseUrl, async (engine) => {
    const result = await engine.diff({
      // The engine cannot read a connector from a folder with no migrations yet: diff from nothing then.
      from: migrationsList.migrationDirectories.length ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: HAND_MANAGED_TABLES, externalEnums: [] },
    });
    return result.stdout ?? "";
  });
}

/**
 * SQL that takes a PostgreSQL database from the schema `from` (the generated prisma/postgres/schema.prisma as it was
 * before an edit; null for an empty database) to `to`. Schema to schema, so no migration is replayed, but the engine
 * still opens `serverUrl` (it asks the server its version), as `prisma migrate diff` does.
 */
export async function diffPostgresSchemas(serverUrl: string, from: string | null, to: string): Promise<string> {
  const schemaPath = POSTGRES_SCHEMA_PATH;
  return withSchemaEngine(serverUrl, async (engine) => {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: schemaPath, content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  }, to);
}
