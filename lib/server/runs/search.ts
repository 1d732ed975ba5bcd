import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPostgres } from "@/lib/server/db/client";

// Free-text search over the runs' full-text index, one document per run kept in step by triggers. On SQLite,
// RunSearch is an FTS5 table with the trigram tokenizer (migration 20261130081400_run_search); on PostgreSQL, a
// plain table whose "RunSearch" column (the model's `match`) holds each document folded to lower case, with a
// pg_trgm GIN index on it (prisma/postgres/migrations/20261130114528_run_search and 20261130121609_run_search_folded).
// runWhere (Prisma) and compareWhereSql (raw SQL) both search through the functions below, so the list, the export
// and every chart select the same runs for a query, from the same index, and both engines select the same runs:
// - three or more characters (code points): `q` as a case-insensitive substring of the document, every character
//   literal (quotes, FTS5 syntax, % _ and \ alike);
// - one or two: SQLite's LIKE '%q%' over the documents (no index serves them on either engine), where % and _ are
//   wildcards and a backslash is a plain character.
// Case folding: SQLite's 3+ character index folds Unicode letters (É matches é); its LIKE folds ASCII only.
// PostgreSQL's lower() folds by the database's LC_CTYPE (C.UTF-8 or a language locale: Unicode) for both lengths, so
// a one- or two-character query of non-ASCII letters in another case finds runs there that SQLite leaves out.

/** The trigram tokenizer indexes runs of three characters: a shorter query cannot be looked up in the index. */
export const MIN_INDEXED_QUERY_LENGTH = 3;

const isIndexed = (q: string) => [...q].length >= MIN_INDEXED_QUERY_LENGTH;

/**
 * The FTS5 query for `q`: one phrase, i.e. `q` as a case-insensitive substring of a run's document, answered from
 * the index; null when `q` is shorter than three characters (code points), which the index cannot answer.
 * Inside a phrase every character is literal except the double quote, written twice.
 */
export function searchMatchQuery(q: string): string | null {
  return isIndexed(q) ? `"${q.replaceAll('"', '""')}"` : null;
}

/**
 * PostgreSQL: `q` as what goes between LIKE's two % (backslash is PostgreSQL's default escape character). Three
 * or more characters: every character literal, as in the FTS5 phrase. Shorter: SQLite's LIKE, with % and _ left
 * as wildcards and only the backslash made literal (SQLite's LIKE has no escape character).
 */
export function postgresSearchInfix(q: string): string {
  return isIndexed(q) ? q.replace(/[\\%_]/g, "\\$&") : q.replaceAll("\\", "\\\\");
}

/**
 * Runs whose document contains `q`, as a Prisma where. SQLite, three or more characters: FTS5's MATCH through the
 * table's hidden column (`match` in schema.prisma; `= <query>` on it is MATCH); shorter: LIKE over the stored
 * documents, a scan of the index's content table (Prisma's `contains`: ASCII case-insensitive, % and _ act as
 * wildcards). PostgreSQL: Prisma's insensitive `contains` on the folded document, `match ILIKE '%' || infix || '%'`
 * (Prisma does not escape the value: postgresSearchInfix does), answered from the trigram index; ILIKE is
 * lower(text) LIKE lower(pattern), and folding the folded text again changes nothing, so it selects what
 * runSearchRowidsSql's LIKE does.
 */
export function runSearchWhere(q: string): Prisma.RunWhereInput {
  if (isPostgres) {
    // `mode` exists on PostgreSQL's client only; the app is typed against SQLite's (lib/server/db/client.ts).
    const match = { contains: postgresSearchInfix(q), mode: "insensitive" } as Prisma.StringFilter<"RunSearch">;
    return { searchRows: { some: { match } } };
  }
  const match = searchMatchQuery(q);
  return { searchRows: { some: match ? { match } : { body: { contains: q } } } };
}

/**
 * The same selection as runSearchWhere, as a condition on `"Run" r`. The document's rowid is the run's rowid, so a
 * match maps to its run without reading the document (runSearchWhere goes through the runId column instead, which
 * the trigger writes alongside; tests/api/runs-search.test.ts checks that both select the same runs).
 */
export function runSearchSql(q: string): Prisma.Sql {
  return Prisma.sql`r.rowid IN (${runSearchRowidsSql(q)})`;
}

/** The rowids of the runs whose document contains `q` (see runSearchWhere for the ways). */
export function runSearchRowidsSql(q: string): Prisma.Sql {
  // PostgreSQL: plain LIKE over the folded documents, the pattern folded alike (lower() of a parameter is folded
  // before planning, so the trigram index can answer it); ILIKE would fold every document it checks again.
  if (isPostgres) return Prisma.sql`SELECT s."rowid" FROM "RunSearch" s WHERE s."RunSearch" LIKE lower(${`%${postgresSearchInfix(q)}%`})`;
  const match = searchMatchQuery(q);
  return match
    ? Prisma.sql`SELECT s.rowid FROM "RunSearch" s WHERE s."RunSearch" MATCH ${match}`
    : Prisma.sql`SELECT s.rowid FROM "RunSearch" s WHERE s.body LIKE ('%' || ${q} || '%')`;
}
