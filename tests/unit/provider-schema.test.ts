// Issue 12: both providers' schemas must declare the same models, and the PostgreSQL one is only ever written
// from the SQLite one (lib/server/db/provider-schema.ts), with its migrations in Prisma's standard layout.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  POSTGRES_MIGRATIONS_DIR,
  POSTGRES_SCHEMA_PATH,
  SQLITE_MIGRATIONS_DIR,
  SQLITE_SCHEMA_PATH,
  modelBlocks,
  postgresSchemaFrom,
} from "@/lib/server/db/provider-schema";

const sqlite = readFileSync(SQLITE_SCHEMA_PATH, "utf8");
const postgres = readFileSync(POSTGRES_SCHEMA_PATH, "utf8");

describe("the PostgreSQL schema", () => {
  it("is exactly what prisma/schema.prisma generates (run npm run db:migration after editing the schema)", () => {
    expect(postgres).toBe(postgresSchemaFrom(sqlite));
  });

  it("declares the same models, field for field, as the SQLite schema", () => {
    const sqliteModels = modelBlocks(sqlite);
    expect(sqliteModels.length).toBeGreaterThan(20);
    expect(modelBlocks(postgres)).toEqual(sqliteModels);
  });

  it("names its own provider and client folder", () => {
    expect(postgres).toMatch(/provider = "postgresql"/);
    expect(postgres).toMatch(/output\s*=\s*"\.\.\/\.\.\/lib\/generated\/prisma-pg"/);
    expect(postgres).not.toMatch(/provider = "sqlite"/);
  });

  it("fails loudly when the SQLite schema no longer has the datasource it rewrites", () => {
    expect(() => postgresSchemaFrom(sqlite.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/no longer matches/);
  });
});

describe("model drift", () => {
  it("is caught when a field differs in one schema only", () => {
    const edited = postgres.replace(/(model Run \{[\s\S]*?)\n\}/, "$1\n  extra String?\n}");
    expect(modelBlocks(edited)).not.toEqual(modelBlocks(sqlite));
  });
});

describe("migrations", () => {
  it.each([
    ["sqlite", SQLITE_MIGRATIONS_DIR],
    ["postgresql", POSTGRES_MIGRATIONS_DIR],
  ])("%s has its own migration_lock.toml and one migration.sql per folder", (provider, dir) => {
    expect(readFileSync(path.join(dir, "migration_lock.toml"), "utf8")).toContain(`provider = "${provider}"`);
    const folders = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) expect(existsSync(path.join(dir, folder.name, "migration.sql"))).toBe(true);
  });
});
