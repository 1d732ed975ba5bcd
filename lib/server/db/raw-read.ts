import "server-only";
import type Database from "better-sqlite3";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isPostgres, prisma, sharedSqliteAdapter } from "./client";
import { prismaDateTime } from "./ids";
import { statement } from "./statements";

/**
 * Rows of a read-only statement, run through a cached prepared statement on Prisma's own connection, typed as
 * prisma.$queryRaw types them on SQLite: a DATETIME column as a Date, a BOOLEAN column as a boolean, integers as
 * numbers. For the hot reads (the runs list runs five statements a page): each $queryRaw call costs a fixed
 * 0.5–1 ms of Prisma's own work (it prepares the statement anew every time and maps every value), which on a
 * 50-run page was half the answer. Same connection, so it sees exactly what Prisma's reads see.
 *
 * On PostgreSQL (issue 12) it goes through $queryRaw, and numbers come back as numbers there too: PostgreSQL answers
 * COUNT and SUM of integers as bigint and AVG as numeric, which the driver hands over as BigInt and Decimal.
 * Callers write SQL both engines read (lib/server/db/dialect.ts has the few spellings that differ).
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  if (isPostgres) return numbersAsNumbers(await prisma.$queryRaw<Record<string, unknown>[]>(query)) as T[];
  const { client } = await sharedSqliteAdapter();
  const prepared = statement(client, query.sql);
  const rows = prepared.all(...query.values.map(toSqlite)) as Record<string, unknown>[];
  const convert = converterOf(prepared);
  if (convert) for (const row of rows) convert(row);
  return rows as T[];
}

function toSqlite(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return prismaDateTime(value);
  return value;
}

type Converter = ((row: Record<string, unknown>) => void) | null;
const converters = new WeakMap<Database.Statement, Converter>();

/** How to type a statement's rows from its columns' declared types; null when nothing needs converting. */
function converterOf(prepared: Database.Statement): Converter {
  let convert = converters.get(prepared);
  if (convert !== undefined) return convert;
  const columns = prepared.columns();
  const dates = columns.filter((column) => column.type?.toUpperCase() === "DATETIME").map((column) => column.name);
  const booleans = columns.filter((column) => column.type?.toUpperCase() === "BOOLEAN").map((column) => column.name);
  convert =
    dates.length || booleans.length
      ? (row) => {
          for (const name of dates) {
            const value = row[name];
            if (value !== null && value !== undefined) row[name] = new Date(typeof value === "string" ? value : Number(value));
          }
          for (const name of booleans) {
            const value = row[name];
            if (value !== null && value !== undefined) row[name] = Boolean(value);
          }
        }
      : null;
  converters.set(prepared, convert);
  return convert;
}

/** BigInt and Decimal values as JavaScript numbers (counts, sums and averages; exact up to 2^53). */
function numbersAsNumbers(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const row of rows) {
    for (const key in row) {
      const value = row[key];
      if (typeof value === "bigint") row[key] = Number(value);
      else if (isDecimal(value)) row[key] = value.toNumber();
    }
  }
  return rows;
}

function isDecimal(value: unknown): value is { toNumber(): number } {
  return typeof value === "object" && value !== null && !(value instanceof Date) && typeof (value as { toNumber?: unknown }).toNumber === "function";
}
