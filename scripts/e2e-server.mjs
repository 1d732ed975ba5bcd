// Serves the built app for Playwright on a throw-away database: migrate, seed, build, start.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.argv[2] ?? "3100";
const databaseFile = "data/e2e.db";
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(databaseFile + suffix, { force: true });
const env = { ...process.env, DATABASE_URL: `file:./${databaseFile}`, NEXT_TELEMETRY_DISABLED: "1", TUNEBOARD_ADMIN_PASSWORD: "e2e-admin-password" };

function run(command, args) {
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
run("npm", ["run", "--silent", "db:setup"]);
if (!process.env.E2E_SKIP_BUILD) run("npx", ["next", "build"]);
const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
