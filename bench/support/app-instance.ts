// `next start` on any DATABASE_URL (a SQLite file or a PostgreSQL database), for the benches that run several app
// instances against one database (bench/team-writers.mts). Like ./next-server.ts, which takes a SQLite file only,
// but it also keeps what the instance logs on stderr: the app logs each failed request's cause there.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type AppInstance = { port: number; process: ChildProcess; /** Lines the instance wrote to stderr. */ stderr: string[]; stop: () => Promise<void> };

/** Starts the production build in `distDir` on 127.0.0.1:<port> against `databaseUrl`; resolves once it answers. */
export async function startAppInstance({ port, databaseUrl, distDir }: { port: number; databaseUrl: string; distDir: string }): Promise<AppInstance> {
  const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", TUNEBOARD_DIST_DIR: distDir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr: string[] = [];
  let partial = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    stderr.push(...lines);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/auth/me`)).ok) return { port, process: child, stderr, stop };
    } catch {
      // not listening yet
    }
  }
  await stop();
  throw new Error(`the app on port ${port} did not come up:\n${stderr.slice(-20).join("\n")}`);
}
