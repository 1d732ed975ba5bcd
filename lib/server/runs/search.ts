import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// Free-text search over the runs' full-text index (RunSearch: an FTS5 table with the trigram tokenizer, one document
// per run, kept in step by triggers; see migration 20261130081400_run_search). runWhere (Prisma) and
// compareWhereSql (raw SQL) both search through the functions below, so the list, the export and every chart
// select the same runs for a query, from the same index.

/** The trigram tokenizer indexes runs of three characters: a shorter query cannot be looked up in the index. */
export const MIN_INDEXED_QUERY_LENGTH = 3;

/**
 * The FTS5 query for `q`: one phrase, i.e. `q` as a case-insensitive substring of a run's document, answered from
 * the index; null when `q` is shorter than three characters (code points), which the index cannot answer.
 * Inside a phrase every character is literal except the double quote, written twice.
 */
export function searchMatchQuery(q: string): string | null {
  return [...q].length >= MIN_INDEXED_QUERY_LENGTH ? `"${q.replaceAll('"', '""')}"` : null;
}

/**
 * Runs whose document contains `q`, as a Prisma where. Three or more characters: FTS5's MATCH through the table's
 * hidden column (`match` in schema.prisma; `= <query>` on it is MATCH). Shorter: LIKE over the stored documents, a
 * scan of the index's content table (Prisma's `contains`: ASCII case-insensitive, % and _ act as wildcards).
 */
export function runSearchWhere(q: string): Prisma.RunWhereInput {
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

/** The rowids of the runs whose document contains `q` (see runSearchWhere for the two ways). */
export function runSearchRowidsSql(q: string): Prisma.Sql {
  const match = searchMatchQuery(q);
  return match
    ? Prisma.sql`SELECT s.rowid FROM "RunSearch" s WHERE s."RunSearch" MATCH ${match}`
    : Prisma.sql`SELECT s.rowid FROM "RunSearch" s WHERE s.body LIKE ('%' || ${q} || '%')`;
}
