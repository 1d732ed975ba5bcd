// The PostgreSQL pass of the API suite (issue 12): vitest.postgres.config.mts sets TUNEBOARD_TEST_PROVIDER and
// TEST_POSTGRES_URL names a server whose role may create databases. Global setup builds one migrated and seeded
// template database; each test file gets its own copy (CREATE DATABASE ... TEMPLATE, a file copy inside the server),
// as the SQLite pass copies a file. Every database a run creates carries the run's prefix and is dropped at its end.
import { postgresUrlFor, quoteDatabase, withPostgres } from "@/lib/server/db/postgres-admin";

/** True in the PostgreSQL pass: tests of SQLite's own machinery (its file, its FTS5 tables) skip there. */
export const onPostgres = process.env.TUNEBOARD_TEST_PROVIDER === "postgresql";

/** Runs statements on the server's maintenance connection (the database TEST_POSTGRES_URL names), or any other. */
export const onServer = withPostgres;
export { postgresUrlFor, quoteDatabase };

/** Drops every database whose name starts with `prefix`, closing what still holds them open (PostgreSQL 13+). */
export async function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  await onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteDatabase(datname)} WITH (FORCE)`);
  });
}
