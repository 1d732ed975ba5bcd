// Times the metric summaries against the benchmark database: GET /api/runs/{id}/metrics/summary on a run with a
// 100,000-point key (in-process, as the API tests call it), and metricColumnValues (what GET /api/runs?columns=
// and the export call) for a page of 50 runs × 3 metric columns, three of them with 100,000 points of the key,
// each also as a multiple of raw scans of those three histories timed in the same rounds.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts          # once: builds bench/.data/bench.db
//   npx tsx --conditions=react-server bench/metric-summary.mts [path/to/bench.db] [--iterations=30]
//
// Each case runs 3 times to warm up, then `iterations` rounds of every case. Reads only: the database is not changed.
import os from "node:os";
import { benchDatabaseArgs } from "./support/bench-args";

const { file, iterations: ITERATIONS } = benchDatabaseArgs(30);
const WARM_UP = 3;
// lib/env.ts reads DATABASE_URL when first imported, so it is set before anything that reads it is loaded.
process.env.DATABASE_URL = `file:${file}`;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const { GET: summary } = (await import("../app/api/runs/[id]/metrics/summary/route")) as { GET: Handler };
const { metricColumnValues } = await import("../lib/server/runs/metric-summary");
const { prisma } = await import("../lib/server/db/client");

const HISTORY = "bench-history-1";
const count = await prisma.metricPoint.count({ where: { runId: HISTORY, key: "train/loss" } });
// A page as the runs table asks for it: the three long histories among 47 runs that logged no metric.
const others = await prisma.run.findMany({ where: { id: { notIn: ["bench-history-1", "bench-history-2", "bench-history-3"] }, deletedAt: null }, select: { id: true }, orderBy: { id: "asc" }, take: 47 });
const page = ["bench-history-1", "bench-history-2", "bench-history-3", ...others.map((run) => run.id)];
const key = "train/loss";

const callSummary = (query: string) => async () => {
  const response = await summary(new Request(`http://localhost/api/runs/${HISTORY}/metrics/summary${query}`), { params: Promise.resolve({ id: HISTORY }) });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return (await response.text()).length;
};
const callColumns = (refs: Parameters<typeof metricColumnValues>[1]) => async () => JSON.stringify([...(await metricColumnValues(page, refs))]).length;

const cases: { name: string; run: () => Promise<number> }[] = [
  { name: `summary, ${count.toLocaleString("en")} points of one key`, run: callSummary("") },
  { name: `summary with ?step=50000`, run: callSummary("?step=50000") },
  {
    name: `columns: ${page.length} runs × last, best, @50000`,
    run: callColumns([
      { id: `metric:${key}`, key, stat: "last" },
      { id: `metric:${key}:best`, key, stat: "best" },
      { id: `metric:${key}@50000`, key, stat: "at", step: 50_000 },
    ]),
  },
  {
    name: `columns: ${page.length} runs × min, max, best`,
    run: callColumns([
      { id: `metric:${key}:min`, key, stat: "min" },
      { id: `metric:${key}:max`, key, stat: "max" },
      { id: `metric:${key}:best`, key, stat: "best" },
    ]),
  },
  {
    name: `columns: ${page.length} runs × last, @10, @90000`,
    run: callColumns([
      { id: `metric:${key}`, key, stat: "last" },
      { id: `metric:${key}@10`, key, stat: "at", step: 10 },
      { id: `metric:${key}@90000`, key, stat: "at", step: 90_000 },
    ]),
  },
];

// The yardstick, timed in the same rounds so a loaded machine shows in both: one raw scan (better-sqlite3, no
// Prisma) of each of the three 100,000-point histories, the reading that min, max and best cannot avoid without an
// index on the values. Ideal multiples: a summary reads one run twice (count and min, then max): 0.67; a page's
// min, max and best read the three runs twice (best is min for a loss): 2; last and at only seek.
const { default: Database } = await import("better-sqlite3");
const raw = new Database(file, { readonly: true }).prepare(`SELECT min(value) FROM "MetricPoint" WHERE runId = ? AND key = ?`);
const LONG = ["bench-history-1", "bench-history-2", "bench-history-3"];
cases.push({ name: "raw SQL: one scan of each 100,000-point history", run: async () => LONG.map((id) => JSON.stringify(raw.all(id, key)).length).reduce((a, b) => a + b) });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
console.log(`${file}\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; ${WARM_UP} warm-up + ${ITERATIONS} timed calls per case\n`);
// Rounds interleave the cases, so a machine that gets busier or quieter during the run weighs on all of them alike.
for (const { run } of cases) for (let i = 0; i < WARM_UP; i += 1) await run();
const times = cases.map(() => [] as number[]);
const bytes = cases.map(() => 0);
for (let i = 0; i < ITERATIONS; i += 1) {
  for (const [index, { run }] of cases.entries()) {
    const started = performance.now();
    bytes[index] = await run();
    times[index]!.push(performance.now() - started);
  }
}
const rows = cases.map(({ name }, index) => {
  const sorted = times[index]!.sort((a, b) => a - b);
  return [name, percentile(sorted, 50).toFixed(1), percentile(sorted, 95).toFixed(1), String(bytes[index])];
});
const scan = Number(rows.at(-1)![1]);
for (const row of rows) row.push(`${(Number(row[1]) / scan).toFixed(1)}×`);
const header = ["case", "p50 ms", "p95 ms", "bytes", "p50 / 3 raw scans"];
const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}\n${rows.map(line).join("\n")}`);
process.exit(0);
