// Serves the built app for Playwright on a throw-away database: migrate, seed, build, start. Two servers share
// that build and database: the main one on <port>, and one with TUNEBOARD_PUBLIC_READS=false on <port + 1>
// (e2e/private-reads.spec.ts). The private one starts first, so both are up once Playwright sees the main one.
// Both run scripts/server.mjs, the server `npm start` runs, so e2e tests see what users get.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { URL } from "node:url";

const port = Number(process.argv[2] ?? "3100");

/**
 * The throw-away database: a SQLite file, one per port so that two e2e runs of one checkout (on different
 * E2E_PORTs) never share rows; or, with E2E_POSTGRES_URL naming a PostgreSQL server (issue 12), a database
 * tuneboard_e2e_<port> created afresh there, so that the same end-to-end suite proves every page on PostgreSQL.
 */
async function freshDatabaseUrl() {
  const serverUrl = process.env.E2E_POSTGRES_URL;
  if (!serverUrl) {
    const databaseFile = port === 3100 ? "data/e2e.db" : `data/e2e-${port}.db`;
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(databaseFile + suffix, { force: true });
    return `file:./${databaseFile}`;
  }
  const { default: pg } = await import("pg");
  const database = `tuneboard_e2e_${port}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const env = { ...process.env, DATABASE_URL: await freshDatabaseUrl(), NEXT_TELEMETRY_DISABLED: "1", TUNEBOARD_ADMIN_PASSWORD: "e2e-admin-password" };

function run(command, args) {
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const servers = [];
function serve(serverPort, extraEnv) {
  const server = spawn("node", ["scripts/server.mjs", "-p", String(serverPort), "-H", "127.0.0.1"], { env: { ...env, ...extraEnv }, stdio: "inherit" });
  servers.push(server);
  server.on("exit", (code) => {
    for (const other of servers) if (other !== server) other.kill("SIGTERM");
    process.exit(code ?? 0);
  });
}

async function waitFor(url, timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
  }
  throw new Error(`${url} did not come up`);
}

run("npm", ["run", "--silent", "db:setup"]);
if (!process.env.E2E_SKIP_BUILD) {
  // next build adds its build folder's type paths to tsconfig.json (and reformats it); a build folder other than
  // .next (TUNEBOARD_DIST_DIR) must not leave that change in the checkout.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const build = spawnSync("npx", ["next", "build"], { env, stdio: "inherit" });
  if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  if (build.status !== 0) process.exit(build.status ?? 1);
}
serve(port + 1, { TUNEBOARD_PUBLIC_READS: "false" });
await waitFor(`http://127.0.0.1:${port + 1}/api/auth/me`);
serve(port, {});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { for (const server of servers) server.kill(signal); });
