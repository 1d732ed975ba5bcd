// Times the runs page and the /compare page against a benchmark database (100,000 runs by default), in real Chromium
// against the production build: for /runs, until its first rows show; for /compare, until the page is interactive
// (DOM interactive) and until every chart has drawn.
//
//   npm run bench:generate            # once: builds bench/.data/bench.db
//   npx next build                    # the production build this bench serves (or TUNEBOARD_DIST_DIR=<folder>)
//   npm run bench:compare-page [-- path/to/bench.db] [--loads=7] [--port=3200]
//
// Each load is a fresh browser context (no cache); the first load of each page is a warm-up (it fills SQLite's page
// cache) and is not counted. "First rows" waits for a run's link in the runs table; "charts drawn" waits for the
// five aggregate charts' canvases (the loss-curve card draws only once runs are picked), and prints when each chart's
// canvas appeared and each chart answer's last byte arrived (bench/compare-page-profile.mts goes further: a CPU
// profile and a trace of one load). Budgets (issue 13): /runs
// first rows < 1 s, /compare charts drawn < 1.5 s (p50). Exits 1 on a miss.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { readChartStamps, stampChartCanvases } from "./support/chart-stamps";
import { startNextServer } from "./support/next-server";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const database = path.resolve(args.find((a) => !a.startsWith("--")) ?? "bench/.data/bench.db");
const loads = Number(option("loads") ?? 7);
const port = Number(option("port") ?? 3200);
const distDir = process.env.TUNEBOARD_DIST_DIR ?? ".next";
const RUNS_BUDGET_MS = 1000;
const COMPARE_BUDGET_MS = 1500;
if (!existsSync(database)) throw new Error(`${database} is missing: run npm run bench:generate first`);
if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run npx next build first`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Loads `url` `loads` + 1 times in fresh contexts; `ready` waits for what the page must show. Times in ms from navigation. */
async function time(browser: Awaited<ReturnType<typeof chromium.launch>>, url: string, ready: (page: Page) => Promise<unknown>) {
  const shown: number[] = [];
  const interactive: number[] = [];
  // Per chart card, when its canvas appeared; per API call, its last byte (both from navigation start).
  const charts = new Map<string, number[]>();
  const calls = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, value: number) => map.set(key, [...(map.get(key) ?? []), value]);
  for (let i = 0; i <= loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await stampChartCanvases(page);
    const start = Date.now();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    await ready(page);
    const shownMs = Date.now() - start;
    const drawn = await readChartStamps(page);
    const { domInteractiveMs, answered } = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const apiCalls = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((call) => call.name.includes("/api/compare/"));
      return {
        domInteractiveMs: entry ? entry.domInteractive : Number.NaN,
        answered: apiCalls.map((call) => [new URL(call.name).pathname.replace("/api/compare/", ""), call.responseEnd] as const),
      };
    });
    await context.close();
    if (i === 0) continue;
    shown.push(shownMs);
    interactive.push(domInteractiveMs);
    for (const [id, at] of Object.entries(drawn)) add(charts, id.replace("chart-", ""), at);
    for (const [endpoint, at] of answered) add(calls, endpoint, at);
  }
  return { shown, interactive, charts, calls };
}

const p50s = (map: Map<string, number[]>) =>
  [...map].map(([key, values]) => [key, Math.round(median(values))] as const).sort((a, b) => a[1] - b[1]).map(([key, value]) => `${key} ${value}`).join(", ");

const server = await startNextServer({ port, databaseFile: database, distDir });
try {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });
  const base = `http://127.0.0.1:${port}`;
  const runs = await time(browser, `${base}/runs`, (page) => page.waitForSelector('[data-testid="runs-table"] a[href^="/runs/"]', { timeout: 30_000 }));
  const compare = await time(browser, `${base}/compare`, (page) =>
    page.waitForFunction(() => document.querySelectorAll("section.chart-card canvas").length >= 5, undefined, { timeout: 30_000 }),
  );
  await browser.close();
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown"}, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`database: ${database}`);
  console.log(`/runs over ${loads} loads: first rows p50 ${median(runs.shown)} ms (max ${Math.max(...runs.shown)}), DOM interactive p50 ${Math.round(median(runs.interactive))} ms`);
  console.log(
    `/compare over ${loads} loads: all five charts drawn p50 ${median(compare.shown)} ms (max ${Math.max(...compare.shown)}), DOM interactive p50 ${Math.round(median(compare.interactive))} ms (max ${Math.round(Math.max(...compare.interactive))})`,
  );
  console.log(`/compare p50 per chart, canvas shown (ms from navigation): ${p50s(compare.charts)}`);
  console.log(`/compare p50 per chart API call, last byte received (ms from navigation): ${p50s(compare.calls)}`);
  const runsPass = median(runs.shown) < RUNS_BUDGET_MS;
  const comparePass = median(compare.shown) < COMPARE_BUDGET_MS;
  console.log(`${runsPass ? "PASS" : "FAIL"}: /runs first rows < ${RUNS_BUDGET_MS} ms`);
  console.log(`${comparePass ? "PASS" : "FAIL"}: /compare charts drawn < ${COMPARE_BUDGET_MS} ms`);
  process.exitCode = runsPass && comparePass ? 0 : 1;
} finally {
  server.kill("SIGTERM");
}
