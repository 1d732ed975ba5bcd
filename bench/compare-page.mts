// Times the /compare page against the 100,000-run benchmark database, in real Chromium against the production
// build: how long until the page is interactive (DOM interactive) and until every chart has drawn.
//
//   npm run bench:generate            # once: builds bench/.data/bench.db
//   npx next build                    # the production build this bench serves
//   npm run bench:compare-page [-- path/to/bench.db] [--loads=7]
//
// Each load is a fresh browser context (no cache). "Charts drawn" waits for the five aggregate charts' canvases
// (the loss-curve card draws only once runs are picked). Budget: interactive in < 1.5 s. Exits 1 on a miss.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const args = process.argv.slice(2);
const database = path.resolve(args.find((a) => !a.startsWith("--")) ?? "bench/.data/bench.db");
const loads = Number(args.find((a) => a.startsWith("--loads="))?.slice(8) ?? 7);
const port = 3200;
const BUDGET_MS = 1500;
if (!existsSync(database)) throw new Error(`${database} is missing: run npm run bench:generate first`);
if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run npx next build first");

const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
  env: { ...process.env, DATABASE_URL: `file:${database}`, NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
  detached: true,
});
const stopServer = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
};

async function waitForServer(url: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`server did not start at ${url}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  await waitForServer(`http://127.0.0.1:${port}/api/sources`);
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });
  const interactive: number[] = [];
  const drawn: number[] = [];
  for (let i = 0; i <= loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`http://127.0.0.1:${port}/compare`, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => document.querySelectorAll("section.chart-card canvas").length >= 5, undefined, { timeout: 30_000 });
    const chartsMs = Date.now() - start;
    const domInteractiveMs = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      return entry ? entry.domInteractive : Number.NaN;
    });
    await context.close();
    if (i === 0) continue; // warm-up: the first request compiles nothing in production, but fills SQLite's page cache
    interactive.push(domInteractiveMs);
    drawn.push(chartsMs);
  }
  await browser.close();
  const interactiveP50 = median(interactive);
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown"}, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`database: ${database}`);
  console.log(`/compare over ${loads} loads: DOM interactive p50 ${Math.round(interactiveP50)} ms (max ${Math.round(Math.max(...interactive))}), all five charts drawn p50 ${median(drawn)} ms (max ${Math.max(...drawn)})`);
  const pass = interactiveP50 < BUDGET_MS;
  console.log(`${pass ? "PASS" : "FAIL"}: interactive < ${BUDGET_MS} ms`);
  process.exitCode = pass ? 0 : 1;
} finally {
  stopServer();
}
