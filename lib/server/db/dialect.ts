import "server-only";
// The few SQL spellings that differ between SQLite and PostgreSQL (issue 12), one function each, so that raw SQL
// is written once. Everything else is written in the part both engines read alike:
// - identifiers in double quotes ("Run"."peakMemoryGb"): PostgreSQL folds unquoted names to lower case;
// - TRUE / FALSE for booleans (SQLite reads them as 1 / 0); values as parameters (dates, booleans, text);
// - COALESCE, CASE, CAST(x AS DOUBLE PRECISION) (PostgreSQL's REAL is single precision), ||, LIKE ... ESCAPE;
// - INSERT ... ON CONFLICT (...) DO UPDATE SET x = excluded.x / DO NOTHING (not INSERT OR REPLACE / OR IGNORE);
// - "a IS NOT DISTINCT FROM b" where SQLite would say "a IS b" (SQLite reads both since 3.39).
// Rows come back through readRows (./raw-read.ts), which types numbers alike on both.
import { Prisma } from "@/lib/generated/prisma/client";
import { isPostgres } from "./client";

export { isPostgres };

const empty = Prisma.empty;

/**
 * SQLite's `INDEXED BY <index>` (pins the planner to the index a query was shaped for); nothing on PostgreSQL,
 * whose planner has no hints and chooses from statistics.
 */
export function indexedBy(index: string): Prisma.Sql {
  return isPostgres ? empty : Prisma.raw(`INDEXED BY "${index}"`);
}

/** Case-insensitive substring match of text against a pattern with % and _ (LIKE is case-insensitive on SQLite for ASCII). */
export function likeInsensitive(column: Prisma.Sql, pattern: string): Prisma.Sql {
  return isPostgres ? Prisma.sql`${column} ILIKE ${pattern} ESCAPE '\\'` : Prisma.sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** Strings joined with a separator over a group (SQLite group_concat, PostgreSQL string_agg). */
export function groupConcat(expression: Prisma.Sql, separator: string): Prisma.Sql {
  return isPostgres ? Prisma.sql`string_agg(${expression}, ${separator})` : Prisma.sql`group_concat(${expression}, ${separator})`;
}

/**
 * The larger / smaller of two values, NULL when either is NULL (SQLite's two-argument max/min). PostgreSQL's
 * GREATEST/LEAST skip NULLs, so they are wrapped to keep SQLite's answer.
 */
export function greatestOf(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return isPostgres ? Prisma.sql`CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN NULL ELSE GREATEST(${a}, ${b}) END` : Prisma.sql`max(${a}, ${b})`;
}
export function leastOf(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return isPostgres ? Prisma.sql`CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN NULL ELSE LEAST(${a}, ${b}) END` : Prisma.sql`min(${a}, ${b})`;
}

/**
 * The elements of a JSON array given as one text parameter, as a one-column table `value` (text on PostgreSQL:
 * cast it where it meets a number). One parameter instead of one per element keeps statements cacheable and
 * under SQLite's bound-parameter limit.
 */
export function jsonArrayValues(values: readonly (string | number)[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return isPostgres ? Prisma.sql`SELECT value FROM json_array_elements_text(${json}::json)` : Prisma.sql`SELECT value FROM json_each(${json})`;
}

/**
 * Text in bytewise order, as SQLite's default BINARY collation orders it: PostgreSQL's "C" collation (the database's
 * own may follow a locale, which orders "a-b" and "ab" otherwise). For ORDER BY where both engines must agree.
 */
export function orderBytewise(column: Prisma.Sql): Prisma.Sql {
  return isPostgres ? Prisma.sql`${column} COLLATE "C"` : column;
}

/**
 * The values of `expression` over a group as a JSON array in text, in bytewise order, '[]' for none (SQLite's
 * json_group_array; PostgreSQL's json_agg, which answers NULL for no rows and json where the other answers text).
 */
export function jsonArrayAggText(expression: Prisma.Sql): Prisma.Sql {
  return isPostgres ? Prisma.sql`COALESCE(CAST(json_agg(${expression} ORDER BY ${expression} COLLATE "C") AS TEXT), '[]')` : Prisma.sql`json_group_array(${expression} ORDER BY ${expression})`;
}
