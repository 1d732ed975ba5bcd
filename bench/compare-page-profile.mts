// Where /compare's time goes, for one load at a time: each chart API call's timing (queued, server, transfer, size),
// the moment each chart's canvas appears, and a Chromium CPU profile of the main thread summed by script and by
// function, so a change to the page can be aimed at its largest cost.
//
//   TUNEBOARD_DIST_DIR=.next-s npx next build
//   TUNEBOARD_DIST_DIR=.next-s npm run bench:compare-page-profile -- [path/to/bench.db] [--port=3640] [--loads=3] [--top=25]
//
// The first load is a warm-up (SQLite's page cache) and is not reported; the others are printed one after another.
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { readChartStamps, stampChartCanvases } from "./support/chart-stamps";
import { startNextServer } from "./support/next-server";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const database = path.resolve(args.find((a) => !a.startsWith("--")) ?? "bench/.data/bench.db");
const port = Number(option("port") ?? 3640);
const loads = Number(option("loads") ?? 3);
const top = Number(option("top") ?? 25);
// --counts: precise coverage with call counts instead of timing (slows the page; for how often chart.js redraws).
const withCounts = args.includes("--counts");
// --trace: a Chromium trace of the load, summarised as the main thread's tasks of 10 ms or more and what filled them.
const withTrace = args.includes("--trace");
const distDir = process.env.TUNEBOARD_DIST_DIR ?? ".next";
if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}`);

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Self time (ms) per key over a CPU profile's samples. */
function selfTimes(profile: Profile, keyOf: (node: ProfileNode) => string): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Total time (ms, self plus callees) per function name, each sample counted once per name on its stack. */
function inclusiveTimes(profile: Profile, window?: { from: number; to: number }): [string, number][] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.from || at >= window.to)) return;
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName;
      const frame = byId.get(at)?.callFrame; if (name && name.length > 2) names.add(`${name} ${shortUrl(frame?.url ?? "").slice(-16)}`);
    }
    for (const name of names) totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string; functionName?: string; frame?: string } } };

/** The renderer main thread's long tasks (≥ 10 ms) from navigation start, each with its three largest kinds of work. */
function printTasks(events: TraceEvent[], profile: Profile) {
  const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const busiest = mains
    .map((m) => ({ m, n: events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === "X").length }))
    .sort((a, b) => b.n - a.n)[0]?.m;
  if (!busiest) return;
  const own = events.filter((e) => e.pid === busiest.pid && e.tid === busiest.tid && e.ph === "X" && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const navigation = events.find((e) => e.name === "navigationStart" && e.pid === busiest.pid)?.ts ?? own[0]?.ts ?? 0;
  const kinds = new Set(["EvaluateScript", "v8.compile", "v8.compileModule", "FunctionCall", "ParseHTML", "Layout", "UpdateLayoutTree", "Paint", "PrePaint", "Layerize", "RunMicrotasks", "TimerFire", "FireAnimationFrame", "EventDispatch", "XHRLoad", "ResourceReceivedData", "v8.parseOnBackground", "MajorGC", "MinorGC", "V8.GC_SCAVENGER", "HitTest", "ScheduleStyleRecalculation"]);
  const tasks = own.filter((e) => (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.ts >= navigation);
  const sum = (key: "dur" | "tdur") => Math.round(tasks.reduce((total, task) => total + (task[key] ?? 0), 0) / 1000);
  // On a busy machine wall times stretch; the main thread's CPU time is the steadier measure of the page's own work.
  console.log(`main thread from navigation: ${tasks.length} tasks, ${sum("dur")} ms busy, ${sum("tdur")} ms of CPU`);
  console.log("main-thread tasks ≥ 10 ms (start from navigation, duration, largest parts):");
  for (const task of own.filter((e) => (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.dur! >= 10_000)) {
    const end = task.ts + task.dur!;
    const parts = new Map<string, number>();
    for (const e of own) {
      if (e.ts < task.ts || e.ts >= end || !kinds.has(e.name)) continue;
      const key = e.name + (e.args?.data?.url ? ` ${shortUrl(e.args.data.url).slice(0, 60)}` : e.args?.data?.functionName ? ` ${e.args.data.functionName}` : "");
      parts.set(key, (parts.get(key) ?? 0) + e.dur! / 1000);
    }
    const largest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${Math.round(v)}`).join("; ");
    // tdur is the thread's CPU time: on a busy machine a task's wall time includes waiting for a core, its CPU time not.
    console.log(`  ${ms((task.ts - navigation) / 1000)} ${ms(task.dur! / 1000)} cpu ${ms((task.tdur ?? Number.NaN) / 1000)}  ${largest}`);
    // A long task's own CPU profile (the profiler's clock is the trace's): what filled it, by named function.
    if (task.dur! >= 40_000) {
      const inside = inclusiveTimes(profile, { from: task.ts, to: end }).filter(([name]) => !/^\(root\)/.test(name)).slice(0, 14);
      console.log(`         ${inside.map(([name, value]) => `${name.split(" ")[0]} ${Math.round(value)}`).join(", ")}`);
    }
  }
}

const shortUrl = (url: string) => (url ? url.replace(/^https?:\/\/[^/]+/, "") : "(native)");
const ms = (value: number) => `${Math.round(value)}`.padStart(6);

const server = await startNextServer({ port, databaseFile: database, distDir });
try {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });
  for (let load = 0; load <= loads; load++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    // Each chart card's first canvas, stamped as it is added (performance.now(), from navigation start).
    await stampChartCanvases(page);
    if (withTrace && load > 0) await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "loading"] });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    if (withCounts) await cdp.send("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
    const start = Date.now();
    await page.goto(`http://127.0.0.1:${port}/compare`, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => document.querySelectorAll("section.chart-card canvas").length >= 5, undefined, { timeout: 30_000 });
    const shownMs = Date.now() - start;
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
    type Coverage = { result: { url: string; functions: { functionName: string; ranges: { count: number; startOffset: number }[] }[] }[] };
    const coverage = withCounts ? ((await cdp.send("Profiler.takePreciseCoverage")) as unknown as Coverage) : null;
    const charts = await readChartStamps(page);
    const timings = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const resources = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((entry) => ({
        name: entry.name.replace(location.origin, ""),
        type: entry.initiatorType,
        start: entry.startTime,
        requestStart: entry.requestStart,
        responseStart: entry.responseStart,
        responseEnd: entry.responseEnd,
        bytes: entry.encodedBodySize,
        decoded: entry.decodedBodySize,
      }));
      const longTasks: never[] = [];
      return {
        nav: nav ? { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, bytes: nav.encodedBodySize } : null,
        resources,
        longTasks,
      };
    });
    const trace = withTrace && load > 0 ? JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } : null;
    await context.close();
    if (load === 0) continue;
    if (trace) printTasks(trace.traceEvents, profile);

    console.log(`\n=== load ${load}: all five charts drawn ${shownMs} ms (Date.now from goto) ===`);
    if (timings.nav) console.log(`document: first byte ${ms(timings.nav.responseStart)}  last byte ${ms(timings.nav.responseEnd)}  (${timings.nav.bytes} B)  DOM interactive ${ms(timings.nav.domInteractive)}  DCL ${ms(timings.nav.domContentLoaded)}`);
    console.log("requests (ms from navigation start): start  sent  first-byte  last-byte  wait(server)  size");
    for (const r of timings.resources.filter((r) => r.name.startsWith("/api/") || r.type === "script").sort((a, b) => a.start - b.start)) {
      console.log(`  ${ms(r.start)} ${ms(r.requestStart)} ${ms(r.responseStart)} ${ms(r.responseEnd)}  ${ms(r.responseStart - r.requestStart)}  ${String(r.decoded).padStart(8)} B  ${r.type.padEnd(6)} ${r.name.slice(0, 110)}`);
    }
    console.log("chart canvases appeared at (ms from navigation start):");
    for (const [id, at] of Object.entries(charts).sort((a, b) => a[1] - b[1])) console.log(`  ${ms(at)}  ${id}`);

    const total = (profile.endTime - profile.startTime) / 1000;
    console.log(`CPU profile of the main thread: ${Math.round(total)} ms sampled`);
    const categories = selfTimes(profile, (node) => (["(idle)", "(program)", "(garbage collector)"].includes(node.callFrame.functionName) ? node.callFrame.functionName : shortUrl(node.callFrame.url)));
    console.log("  self time by script:");
    for (const [key, value] of categories.slice(0, top)) console.log(`  ${ms(value)}  ${key}`);
    console.log("  self time by function:");
    for (const [key, value] of selfTimes(profile, (node) => `${node.callFrame.functionName || "(anonymous)"} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber}:${node.callFrame.columnNumber}`).slice(0, top)) console.log(`  ${ms(value)}  ${key}`);
    if (coverage) {
      console.log("  calls of named functions (3+ characters):");
      const counts = coverage.result.flatMap((script) => script.functions.filter((f) => f.functionName.length > 2).map((f) => [`${f.functionName} ${shortUrl(script.url)}@${f.ranges[0]?.startOffset}`, f.ranges[0]?.count ?? 0] as const));
      for (const [key, value] of counts.sort((a, b) => b[1] - a[1]).filter(([key]) => /\b(update|render|draw|buildOrUpdateElements|_resolveElementOptions|parse|JSON)\b/.test(key)).slice(0, top)) console.log(`  ${String(value).padStart(8)}  ${key}`);
    }
    console.log("  total time by named function (names of 3+ characters: chart.js and React keep theirs):");
    for (const [key, value] of inclusiveTimes(profile).slice(0, top)) console.log(`  ${ms(value)}  ${key}`);
  }
  await browser.close();
} finally {
  server.kill("SIGTERM");
}
