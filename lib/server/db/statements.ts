import "server-only";
import type Database from "better-sqlite3";

/**
 * Most statements kept per connection. Bulk writes use a handful; reads with an `IN (<ids>)` list get one per list
 * length (a page holds 1–200 ids), so the cache is bounded and drops the least recently used.
 */
const MAX_CACHED = 500;

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement for this connection, from the cache when the same SQL was prepared before (preparing a
 * 50-line SELECT costs more than running it on a page). Integers come back as numbers, not BigInt.
 */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (prepared) {
    cache.delete(sql);
  } else {
    prepared = db.prepare(sql);
    if (prepared.reader) prepared.safeIntegers(false);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, prepared);
  return prepared;
}
