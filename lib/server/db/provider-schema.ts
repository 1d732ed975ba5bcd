// The PostgreSQL schema is written from prisma/schema.prisma (the SQLite one, which people edit), never by hand:
// the two must declare the same models, and a second copy kept in step by people would drift. Only the datasource,
// the generated client's folder and the header differ (issue 12). `npm run db:migration` rewrites it;
// tests/unit/provider-schema.test.ts fails when the committed file is not what this function writes.
import path from "node:path";

export const SQLITE_SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");
export const POSTGRES_SCHEMA_PATH = path.resolve(process.cwd(), "prisma/postgres/schema.prisma");
export const SQLITE_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");
export const POSTGRES_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/postgres/migrations");

export type Provider = "sqlite" | "postgresql";

const GENERATED_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:migration` (lib/server/db/provider-schema.ts): do not edit.\n" +
  "// The same models for PostgreSQL; its client is generated into lib/generated/prisma-pg.\n";

/** The PostgreSQL twin of the SQLite schema's text. Throws when the text no longer has the parts it rewrites. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const replacements: [RegExp, string][] = [
    [/(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"'],
    [/(generator client \{[^}]*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"'],
  ];
  let text = sqliteSchema;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma no longer matches ${pattern}: update lib/server/db/provider-schema.ts`);
    text = text.replace(pattern, replacement);
  }
  return GENERATED_HEADER + text;
}

/**
 * The model and enum blocks of a schema, comments and blank lines dropped: what both providers must share. The
 * drift check compares these, so a model edited in one schema only (by hand in the generated file) fails it.
 */
export function modelBlocks(schema: string): string[] {
  const blocks = schema.match(/^(model|enum|view|type) \w+ \{[\s\S]*?^\}/gm) ?? [];
  return blocks.map((block) =>
    block
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trimEnd())
      .filter((line) => line.trim() !== "")
      .join("\n"),
  );
}
