// Writes against a real `next start`: a server killed with SIGKILL in the middle of a 1,000-run batch or a
// 10,000-point metrics write leaves a sound database holding each write whole or not at all; and while such writes
// run, a request that reads no table (GET /api/auth/me) is still answered promptly and no request fails.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E_ADMIN_PASSWORD } from "./global-setup";
import { E2E_PORT } from "./ports";

// The main e2e server's database (scripts/e2e-server.mjs) and a third port for the server this spec kills.
const MAIN_DATABASE = path.resolve(E2E_PORT === 3100 ? "data/e2e.db" : `data/e2e-${E2E_PORT}.db`);
const CRASH_PORT = E2E_PORT + 2;
const CRASH_DATABASE = path.resolve(`data/e2e-${CRASH_PORT}-crash.db`);
const CRASH_URL = `http://127.0.0.1:${CRASH_PORT}`;

const runItem = (externalId: string, tag: string) => ({ externalId, method: "qlora", model: "mistral-7b", rank: 16, hardware: "a100-80gb", peakMemoryGb: 14.2, tags: [tag] });
const batchBody = (prefix: string, tag: string, count = 1_000) => JSON.stringify({ items: Array.from({ length: count }, (_, i) => runItem(`${prefix}-${i}`, tag)) });
const pointsBody = (key: string, count = 10_000) => JSON.stringify({ points: Array.from({ length: count }, (_, step) => ({ key, step, value: 3 / (1 + step / 500) })) });

// ---------------------------------------------------------------------------------------------- a server to kill

let server: ChildProcess | undefined;

async function startServer(): Promise<void> {
  // node runs Next's CLI directly (not through npx), so that the pid killed is the server itself; the build is the
  // one global setup made (TUNEBOARD_DIST_DIR is inherited).
  server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(CRASH_PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: `file:${CRASH_DATABASE}`, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    try {
      if ((await fetch(`${CRASH_URL}/api/auth/me`)).ok) return;
    } catch {
      // not listening yet
    }
  }
  throw new Error(`next start on ${CRASH_PORT} did not come up`);
}

async function killServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

async function post(url: string, body: string, token: string): Promise<Response> {
  return fetch(url, { method: "POST", body, headers: { "content-type": "application/json", authorization: `Bearer ${token}` } });
}

/** Reads the killed server's file directly: SQLite recovers from the write-ahead log as it opens it. */
function inspect<T>(read: (db: Database.Database) => T): T {
  const db = new Database(CRASH_DATABASE);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

test.describe("a server killed mid-write", () => {
  test.describe.configure({ timeout: 180_000 });
  // This test copies the main e2e database file and checks the copy's SQLite file after each kill; on PostgreSQL
  // (E2E_POSTGRES_URL) there is no file, and a write's atomicity is the server's transaction.
  test.skip(Boolean(process.env.E2E_POSTGRES_URL), "checks SQLite's database file");

  test.beforeAll(async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(CRASH_DATABASE + suffix, { force: true });
    // SQLite's online backup: a consistent copy of the main e2e database (seeded, with its admin) while it serves.
    const source = new Database(MAIN_DATABASE, { readonly: true });
    await source.backup(CRASH_DATABASE);
    source.close();
  });

  test.afterAll(async () => {
    await killServer();
  });

  test("keeps each 1,000-run batch and 10,000-point metrics write whole or absent, and the file sound", async () => {
    await startServer();
    const signIn = await fetch(`${CRASH_URL}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: E2E_ADMIN_PASSWORD }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const tokenResponse = await fetch(`${CRASH_URL}/api/tokens`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: CRASH_URL }, body: JSON.stringify({ name: "crash test" }) });
    expect(tokenResponse.status).toBe(201);
    const { token } = (await tokenResponse.json()) as { token: string };
    const target = (await (await post(`${CRASH_URL}/api/runs`, JSON.stringify(runItem("crash-target", "crash-target")), token)).json()) as { id: string };

    // How long each write takes here when left alone; the kills are spread over that time, since the write itself
    // (one short transaction) is a small part of it.
    const timed = async (write: () => Promise<Response>) => {
      const started = performance.now();
      expect((await write()).status).toBe(201);
      return performance.now() - started;
    };
    const batchMs = await timed(() => post(`${CRASH_URL}/api/runs/batch`, batchBody("crash-warm", "crash-warm"), token));
    const metricsMs = await timed(() => post(`${CRASH_URL}/api/runs/${target.id}/metrics`, pointsBody("crash/warm"), token));

    const outcomes: string[] = [];
    // Spread over the time a write takes alone: a batch commits about halfway (the rest is its answer), a metrics
    // write near the end, so these land before, around and after each commit.
    const fractions = [0.25, 0.6, 0.95];
    for (const [attempt, fraction] of fractions.entries()) {
      for (const kind of ["batch", "metrics"] as const) {
        if (!server) {
          await startServer();
          // Warm, as when the write was timed: a fresh server compiles each query shape on first use.
          expect((await post(`${CRASH_URL}/api/runs/batch`, batchBody(`crash-rewarm-${kind}-${attempt}`, "crash-rewarm", 1), token)).status).toBe(201);
          expect((await post(`${CRASH_URL}/api/runs/${target.id}/metrics`, pointsBody("crash/rewarm", 10), token)).status).toBe(201);
        }
        const name = `crash-${kind}-${attempt}`;
        const write =
          kind === "batch"
            ? post(`${CRASH_URL}/api/runs/batch`, batchBody(name, name), token)
            : post(`${CRASH_URL}/api/runs/${target.id}/metrics`, pointsBody(name), token);
        const settled = write.then((response) => response.status, () => "reset" as const);
        await new Promise((resolve) => setTimeout(resolve, fraction * (kind === "batch" ? batchMs : metricsMs)));
        await killServer();
        const status = await settled;

        const { integrity, rows, events, tags } = inspect((db) => ({
          integrity: db.pragma("integrity_check", { simple: true }),
          rows:
            kind === "batch"
              ? (db.prepare(`SELECT count(*) AS n FROM "Run" WHERE "externalId" LIKE ?`).get(`${name}-%`) as { n: number }).n
              : (db.prepare(`SELECT count(*) AS n FROM "MetricPoint" WHERE "runId" = ? AND "key" = ?`).get(target.id, name) as { n: number }).n,
          events: (db.prepare(`SELECT count(*) AS n FROM "RunEvent" e JOIN "Run" r ON r."id" = e."runId" WHERE r."externalId" LIKE ? AND e."kind" = 'created'`).get(`${name}-%`) as { n: number }).n,
          tags: (db.prepare(`SELECT count(*) AS n FROM "RunTag" WHERE "tag" = ?`).get(name) as { n: number }).n,
        }));
        const whole = kind === "batch" ? 1_000 : 10_000;
        expect(integrity, name).toBe("ok");
        expect([0, whole], `${name}: ${rows} rows after a kill at ${Math.round(fraction * 100)} %`).toContain(rows);
        if (kind === "batch") expect([events, tags], name).toEqual([rows, rows]);
        // A write the server answered before it died must be there.
        if (status === 201) expect(rows, name).toBe(whole);
        outcomes.push(`${name}: ${status} → ${rows === 0 ? "nothing" : "all"}`);
      }
    }
    console.log(`kills (batch ${Math.round(batchMs)} ms, metrics ${Math.round(metricsMs)} ms alone): ${outcomes.join("; ")}`);

    // Restarted on the recovered file, the server answers with what the file holds.
    await startServer();
    const listed = (await (await fetch(`${CRASH_URL}/api/runs?tag=crash-warm&limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number };
    expect(listed.total).toBe(1_000);
    expect(inspect((db) => db.pragma("integrity_check", { simple: true }))).toBe("ok");
  });
});

// ---------------------------------------------------------------------------------------------- the stall probe

test("GET /api/auth/me stays under 500 ms and nothing fails while a 1,000-run batch and a 10,000-point write run", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const created = await request.post("/api/runs", { data: runItem(`stall-target-${Date.now()}`, "stall") });
  expect(created.status()).toBe(201);
  const target = (await created.json()) as { id: string };
  // Warm each path once: a fresh server compiles each query shape the first time it sees it.
  expect((await request.post("/api/runs/batch", { data: JSON.parse(batchBody(`stall-warm-${Date.now()}`, "stall", 2)) })).status()).toBe(201);
  expect((await request.post(`/api/runs/${target.id}/metrics`, { data: JSON.parse(pointsBody("stall/warm", 10)) })).status()).toBe(201);

  const me = async () => {
    const started = performance.now();
    await (await fetch(`${baseURL}/api/auth/me`)).arrayBuffer();
    return performance.now() - started;
  };
  const idle = [await me(), await me(), await me()];
  const latencies: number[] = [];
  const failures: string[] = [];
  let writing = true;
  const probe = (async () => {
    while (writing) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseURL}/api/auth/me`);
        await response.arrayBuffer();
        if (!response.ok) failures.push(`me answered ${response.status}`);
      } catch (error) {
        failures.push(`me failed: ${String(error)}`);
      }
      latencies.push(performance.now() - started);
    }
  })();
  const unique = Date.now();
  const [batch, metrics] = await Promise.all([
    request.post("/api/runs/batch", { data: JSON.parse(batchBody(`stall-${unique}`, "stall")) }),
    request.post(`/api/runs/${target.id}/metrics`, { data: JSON.parse(pointsBody(`stall/${unique}`)) }),
  ]);
  writing = false;
  await probe;

  expect(batch.status()).toBe(201);
  expect(((await batch.json()) as { created: number }).created).toBe(1_000);
  expect(metrics.status()).toBe(201);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  console.log(`GET /api/auth/me idle: ${idle.map(Math.round).join(", ")} ms; during the writes: ${sorted.length} requests, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${Math.round(sorted.at(-1)!)} ms`);
  expect(failures).toEqual([]);
  expect(sorted.length).toBeGreaterThan(0);
  // Generous for a 2-core CI machine; before the bulk writes, the batch alone held the server for 5 to 27 s.
  expect(sorted.at(-1)!).toBeLessThan(500);
});
