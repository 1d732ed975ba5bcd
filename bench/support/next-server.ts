// The production server on a database file, for the benches that measure a real server (ingest, mlflow): what
// `npm start` runs after its build, scripts/server.mjs (Next's request handler behind a plain Node HTTP server).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** Starts the production build on 127.0.0.1:<port> against `databaseFile` and resolves once it answers. */
export async function startNextServer({ port, databaseFile, distDir }: { port: number; databaseFile: string; distDir?: string }): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.resolve("scripts/server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...(distDir ? { TUNEBOARD_DIST_DIR: distDir } : {}) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/auth/me`)).ok) return server;
    } catch {
      // not listening yet
    }
  }
  server.kill("SIGTERM");
  throw new Error("the server did not come up");
}
