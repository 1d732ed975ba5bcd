// Plain `pg` connections for the tools around a PostgreSQL server (issue 12): the tests' per-file databases, the
// benches' twins, the backup tests. Not the app's queries, which go through Prisma (./client.ts). No "server-only":
// scripts, tests and benches import it outside Next.
import pg from "pg";

/** Runs `work` on a fresh connection to `url` and closes it, whatever `work` does. */
export async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A server URL with another database name: the server and credentials stay, the database changes. */
export function postgresUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database name as a quoted identifier; only [a-z0-9_] names are made or accepted here. */
export function quoteDatabase(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
}
