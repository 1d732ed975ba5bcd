// Times GET /api/export (CSV and JSON) in-process over the benchmark database, with the peak RSS growth of this
// process (the one serving the export), beside a raw-SQL reference that reads the same rows (the runs and their
// tags) through one better-sqlite3 prepared statement and writes them out as JSON lines.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts          # once: builds bench/.data/bench.db
//   npx tsx --conditions=react-server bench/export.mts [path/to/bench.db] [--filter=method=lora]
//
// Bytes are counted as they stream and then dropped, as a client downloading the file would; RSS is sampled every
// 5 ms (the export yields to the event loop between pages, so the sampler runs meanwhile). CPU time of this process
// is printed beside wall time, as the steadier figure on a shared machine. Exits with 1 when an
// export takes 10 s or more, or answers anything but 200.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const args = process.argv.slice(2);
const file = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? "bench/.data/bench.db");
const filter = args.find((arg) => arg.startsWith("--filter="))?.slice("--filter=".length) ?? "";
const BUDGET_MS = 10_000;
if (!existsSync(file)) {
  console.error(`${file} does not exist: build it with npx tsx --conditions=react-server bench/generate-runs.mts`);
  process.exit(2);
}
// lib/env.ts reads DATABASE_URL when first imported, so it is set before the handler is loaded.
process.env.DATABASE_URL = `file:${file}`;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const { GET } = (await import("../app/api/export/route")) as { GET: Handler };

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Runs `work` while sampling RSS; returns its result, wall time and the peak RSS above the level before it. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number; peakRssGrowth: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssGrowth: peak - before };
}

async function exportOnce(format: "csv" | "json") {
  const response = await GET(new Request(`http://localhost/api/export?format=${format}${filter ? `&${filter}` : ""}`), { params: Promise.resolve({}) });
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.byteLength;
    for (const byte of next.value) if (byte === 10) lines += 1;
  }
  return { status: response.status, bytes, lines };
}

function rawReference() {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare(`SELECT r.*, (SELECT group_concat(t.tag, ';') FROM "RunTag" t WHERE t.runId = r.id) AS tags FROM "Run" r WHERE r.deletedAt IS NULL ORDER BY r.createdAt, r.id`);
  let bytes = 0;
  let count = 0;
  for (const row of rows.iterate()) {
    bytes += JSON.stringify(row).length + 1;
    count += 1;
  }
  db.close();
  return { bytes, count };
}

console.log(`${file}${filter ? ` (filter ${filter})` : ""}\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}\n`);
await exportOnce("csv"); // warm up: load modules, prepare statements
let failed = false;
const reference = await measure(async () => rawReference());
console.log(`raw SQL reference: ${reference.result.count.toLocaleString("en")} runs + tags in ${(reference.ms / 1000).toFixed(2)} s (CPU ${(reference.cpuMs / 1000).toFixed(2)} s), ${mb(reference.result.bytes)} MB as JSON lines, peak RSS +${mb(reference.peakRssGrowth)} MB`);
for (const format of ["csv", "json"] as const) {
  const { result, ms, cpuMs, peakRssGrowth } = await measure(() => exportOnce(format));
  const ok = result.status === 200 && ms < BUDGET_MS;
  failed ||= !ok;
  console.log(
    `GET /api/export?format=${format}: ${result.status}, ${mb(result.bytes)} MB${format === "csv" ? ` (${(result.lines - 1).toLocaleString("en")} runs)` : ""} in ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s) ` +
      `(${(ms / reference.ms).toFixed(1)}x the raw reference), peak RSS +${mb(peakRssGrowth)} MB${ok ? "" : "  ← over the 10 s budget or failed"}`,
  );
}
process.exit(failed ? 1 : 0);
