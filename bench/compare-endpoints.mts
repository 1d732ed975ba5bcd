// Times every GET /api/compare/* handler in-process (as the API tests call them) against the benchmark database,
// and checks each against the budget: p50 under 100 ms with 100,000 runs.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts          # once: builds bench/.data/bench.db
//   npx tsx --conditions=react-server bench/compare-endpoints.mts [path/to/bench.db] [--iterations=30]
//
// Each case runs 3 times to warm up, then `iterations` times; a time covers the handler and reading its
// response body, i.e. query, aggregation and JSON. Exits with 1 when a case misses the budget or fails.
import os from "node:os";
import { benchDatabaseArgs } from "./support/bench-args";

const { file, iterations: ITERATIONS } = benchDatabaseArgs(30);
const WARM_UP = 3;
const BUDGET_P50_MS = 100;
// lib/env.ts reads DATABASE_URL when first imported, so it is set before any handler is loaded.
process.env.DATABASE_URL = `file:${file}`;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const route = async (name: string) => ((await import(`../app/api/compare/${name}/route`)) as { GET: Handler }).GET;
const FILTERS = ["", "method=lora", "model=llama-2-7b", "hardware=a100-80gb"];
const withQuery = (base: string, query: string) => (query ? `${base}${base.includes("?") ? "&" : "?"}${query}` : base);

const cases: { endpoint: string; query: string; handler: Handler }[] = [];
for (const [name, base] of [
  ["quality-memory", "/api/compare/quality-memory"],
  ["quality-memory", "/api/compare/quality-memory?metric=mmlu"],
  ["throughput-by-hardware", "/api/compare/throughput-by-hardware"],
  ["rank-quality", "/api/compare/rank-quality"],
  ["memory-by-size", "/api/compare/memory-by-size"],
  ["target-modules", "/api/compare/target-modules"],
] as const) {
  const handler = await route(name);
  for (const filter of FILTERS) cases.push({ endpoint: name, query: withQuery(base, filter), handler });
}
const lossCurves = await route("loss-curves");
cases.push({ endpoint: "loss-curves", query: "/api/compare/loss-curves?runIds=bench-history-1&maxPoints=800", handler: lossCurves });
cases.push({ endpoint: "loss-curves", query: "/api/compare/loss-curves?runIds=bench-history-1,bench-history-2,bench-history-3&maxPoints=800", handler: lossCurves });
const diff = await route("diff");
cases.push({ endpoint: "diff", query: "/api/compare/diff?ids=bench000001,bench000002,bench000003", handler: diff });
cases.push({ endpoint: "diff", query: "/api/compare/diff?ids=bench000001,bench000002,bench000003,bench000004,bench000005,bench000006", handler: diff });

async function timeOnce(handler: Handler, url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await handler(new Request(`http://localhost${url}`), { params: Promise.resolve({}) });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, bytes: body.length };
}
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

console.log(`${file}\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; ${WARM_UP} warm-up + ${ITERATIONS} timed calls per case\n`);
const header = ["endpoint", "query", "p50 ms", "p95 ms", "KB", "result"];
const rows: string[][] = [];
let failures = 0;
for (const { endpoint, query, handler } of cases) {
  for (let i = 0; i < WARM_UP; i += 1) await timeOnce(handler, query);
  const runs: { ms: number; status: number; bytes: number }[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) runs.push(await timeOnce(handler, query));
  const times = runs.map((run) => run.ms).sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const ok = runs.every((run) => run.status === 200) && p50 < BUDGET_P50_MS;
  if (!ok) failures += 1;
  const result = runs.some((run) => run.status !== 200) ? `FAIL (HTTP ${runs.find((run) => run.status !== 200)!.status})` : ok ? "PASS" : "FAIL";
  rows.push([endpoint, query.replace(/^\/api\/compare\/[^?]+\??/, "") || "(no filter)", p50.toFixed(1), percentile(times, 95).toFixed(1), (runs[0]!.bytes / 1024).toFixed(0), result]);
  console.log(rows.at(-1)!.join("  "));
}
// Long histories are drawn from stored summaries (lib/server/runs/metrics.ts), built on the first read after a
// write. That cold read is once per write, not per view, so it is reported beside the table, not budgeted.
{
  const { prisma } = await import("../lib/server/db/client");
  const query = cases.find((c) => c.query.includes("bench-history-3"))!.query;
  const cold: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await prisma.metricSummary.deleteMany({ where: { runId: { startsWith: "bench-history-" } } });
    cold.push((await timeOnce(lossCurves, query)).ms);
  }
  cold.sort((a, b) => a - b);
  console.log(`\nloss-curves, 3 × 100,000 points, first read after new points (summaries rebuilt): median ${percentile(cold, 50).toFixed(1)} ms over ${cold.length} cold reads`);
}

const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}\n${rows.map(line).join("\n")}`);
console.log(`\n${failures === 0 ? "All" : `${cases.length - failures} of ${cases.length}`} cases within p50 < ${BUDGET_P50_MS} ms`);
process.exit(failures === 0 ? 0 : 1);
