// The quality–memory scatter built by Chart.js alone in Chromium, in its two dataset shapes, from the real answer:
// one dataset per method with an option per point (marker, border, radius: how the chart was drawn before) against
// one dataset per method, origin and selection with constant options (lib/compare/quality-memory-view.ts). The two
// are timed alternately, so a loaded machine slows both alike.
//
//   npm run bench:compare-scatter -- [path/to/bench.db] [--iterations=15]
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { benchDatabaseArgs } from "./support/bench-args";

const { file, iterations } = benchDatabaseArgs(15);
process.env.DATABASE_URL = `file:${file}`;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const { GET } = (await import("../app/api/compare/quality-memory/route")) as { GET: Handler };
const answer = await (await GET(new Request("http://bench/api/compare/quality-memory?metric=mtBench"), { params: Promise.resolve({}) })).json();

// Plain JavaScript run in the page (a string, so that the bundler's helpers do not leak into it).
const MEASURE = `(() => {
  const { points, iterations } = window.__input;
  const C = window.Chart;
  C.defaults.animation = false;
  const colors = { full: "#0072B2", lora: "#E69F00", qlora: "#009E73" };
  const styles = { article: "triangle", paper: "rectRot", measured: "rect", estimate: "crossRot", logged: "circle" };
  const selected = new Set(points.slice(0, 3).map((p) => p.id));
  const marker = (p) => ({ x: p.memoryGb.value ?? p.memoryGb.min, y: p.quality });
  const perPoint = () => ["full", "lora", "qlora"].map((m) => {
    const ps = points.filter((p) => p.method === m);
    return { data: ps.map(marker), backgroundColor: colors[m], borderColor: colors[m], pointStyle: ps.map((p) => styles[p.origin]),
      pointBorderColor: ps.map((p) => (selected.has(p.id) ? "#000" : "#fff")), pointBorderWidth: ps.map((p) => (selected.has(p.id) ? 3 : 1.5)),
      pointRadius: ps.map((p) => (p.origin === "article" ? 9 : 7)), pointHoverRadius: 10 };
  });
  const perSeries = () => {
    const buckets = new Map();
    for (const p of points) { const k = p.method + ":" + p.origin + ":" + selected.has(p.id); if (!buckets.has(k)) buckets.set(k, []); buckets.get(k).push(p); }
    return [...buckets].map(([k, ps]) => { const [m, o, s] = k.split(":"); return { data: ps.map(marker), backgroundColor: colors[m], borderColor: colors[m],
      pointStyle: styles[o], pointBorderColor: s === "true" ? "#000" : "#fff", pointBorderWidth: s === "true" ? 3 : 1.5, pointRadius: o === "article" ? 9 : 7,
      pointHoverRadius: 10, order: s === "true" ? -1 : 0 }; });
  };
  const canvas = document.getElementById("c");
  const time = (datasets) => {
    const t = performance.now();
    const chart = new C(canvas, { type: "scatter", data: { datasets: datasets() }, options: { maintainAspectRatio: false, scales: { x: { type: "logarithmic" } } } });
    const ms = performance.now() - t;
    chart.destroy();
    return ms;
  };
  const a = [], b = [];
  for (let i = 0; i < 3; i++) { time(perPoint); time(perSeries); }
  for (let i = 0; i < iterations; i++) { a.push(time(perPoint)); b.push(time(perSeries)); }
  const median = (v) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
  return { points: points.length, perPoint: median(a), perSeries: median(b), perPointMin: Math.min(...a), perSeriesMin: Math.min(...b) };
})()`;

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.setContent(`<div style="width:1100px;height:440px"><canvas id="c"></canvas></div><script>${readFileSync("node_modules/chart.js/dist/chart.umd.min.js", "utf8")}</script>`);
await page.evaluate((input) => Object.assign(window, { __input: input }), { points: answer.points, iterations });
const result = (await page.evaluate(MEASURE)) as { points: number; perPoint: number; perSeries: number; perPointMin: number; perSeriesMin: number };
await browser.close();
const ms = (value: number) => `${Math.round(value)} ms`;
console.log(`quality-memory scatter, ${result.points} points, Chart.js construction and first draw over ${iterations} alternating builds:`);
console.log(`  options per point (before): p50 ${ms(result.perPoint)} (best ${ms(result.perPointMin)})`);
console.log(`  options per series (now):   p50 ${ms(result.perSeries)} (best ${ms(result.perSeriesMin)})`);
