// Times GET /api/runs/groups in-process (as the API tests call it) against the same SQL run straight through
// better-sqlite3, on the benchmark database; and the grouped /compare charts (groupBy=) against their plain answer.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts          # once: builds bench/.data/bench.db
//   npx tsx --conditions=react-server bench/runs-groups.mts [path/to/bench.db] [--iterations=15]
//
// Each case runs 2 times to warm up, then `iterations` times; a handler time covers parsing, the query, labels and
// JSON. The raw time is aggregateGroupsSql's statement alone (what lib/server/runs/group-runs.ts sends), so the
// ratio is what Prisma, labelling and serialising add. Read-only: the database is not changed.
import os from "node:os";
import Database from "better-sqlite3";
import { benchDatabaseArgs } from "./support/bench-args";

const { file, iterations: ITERATIONS } = benchDatabaseArgs(15);
const WARM_UP = 2;
// lib/env.ts reads DATABASE_URL when first imported, so it is set before any handler is loaded.
process.env.DATABASE_URL = `file:${file}`;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const groupsRoute = ((await import("../app/api/runs/groups/route")) as { GET: Handler }).GET;
const qualityMemoryRoute = ((await import("../app/api/compare/quality-memory/route")) as { GET: Handler }).GET;
const rankQualityRoute = ((await import("../app/api/compare/rank-quality/route")) as { GET: Handler }).GET;
const { aggregateGroupsSql, runGroupsOptions } = await import("../lib/server/runs/group-runs");
const { runGroupsQuerySchema } = await import("../lib/schemas/run-table");

const db = new Database(file, { readonly: true });
const runCount = (db.prepare(`SELECT COUNT(*) AS n FROM "Run" WHERE deletedAt IS NULL`).get() as { n: number }).n;
const topParam = (db.prepare(`SELECT key FROM "RunParam" GROUP BY key ORDER BY COUNT(*) DESC LIMIT 1`).get() as { key: string } | undefined)?.key;

const GROUPINGS = [
  "by=method",
  "by=method,rank",
  "by=method,rank,modelName",
  "by=method,rank,modelName,hardware",
  "by=hardware&method=lora",
  "by=experiment",
  "by=learningRate,batchSize",
  "by=method,rank&q=llama",
  ...(topParam ? [`by=${encodeURIComponent(`param:${topParam}`)}`] : []),
];

async function timeHandler(handler: Handler, url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await handler(new Request(`http://localhost${url}`), { params: Promise.resolve({}) });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, bytes: body.length };
}

/** The statement the handler sends for `query`, run through better-sqlite3 (booleans bound as 0/1, as Prisma binds them). */
function rawStatement(query: string): () => unknown[] {
  const parsed = runGroupsQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
  const sql = aggregateGroupsSql(runGroupsOptions(parsed));
  const statement = db.prepare(sql.sql);
  const values = sql.values.map((value) => (typeof value === "boolean" ? Number(value) : value));
  return () => statement.all(...values);
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;

async function measure(run: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < WARM_UP; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

console.log(`${file}: ${runCount.toLocaleString("en")} live runs${topParam ? `; most common param ${topParam}` : "; no raw params (param: grouping not measured)"}`);
console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; ${WARM_UP} warm-up + ${ITERATIONS} timed calls per case, p50\n`);

const rows: string[][] = [];
for (const query of GROUPINGS) {
  let status = 200;
  let bytes = 0;
  let groups = "";
  const handlerMs = await measure(async () => {
    const result = await timeHandler(groupsRoute, `/api/runs/groups?${query}`);
    status = result.status;
    bytes = result.bytes;
  });
  const raw = rawStatement(query);
  const rawMs = await measure(() => {
    const result = raw() as { totalGroups: number }[];
    groups = String(result[0]?.totalGroups ?? 0);
  });
  rows.push([`/api/runs/groups?${query}`, groups, handlerMs.toFixed(1), rawMs.toFixed(1), (handlerMs / rawMs).toFixed(2), (bytes / 1024).toFixed(0), status === 200 ? "ok" : `HTTP ${status}`]);
  console.log(rows.at(-1)!.join("  "));
}
for (const [name, handler, base] of [
  ["quality-memory", qualityMemoryRoute, "/api/compare/quality-memory"],
  ["rank-quality", rankQualityRoute, "/api/compare/rank-quality"],
] as const) {
  for (const query of ["", "groupBy=method,rank", "groupBy=method,rank,modelName,hardware"]) {
    let status = 200;
    let bytes = 0;
    const ms = await measure(async () => {
      const result = await timeHandler(handler, `${base}${query ? `?${query}` : ""}`);
      status = result.status;
      bytes = result.bytes;
    });
    rows.push([`${base}${query ? `?${query}` : ""}`, "", ms.toFixed(1), "", "", (bytes / 1024).toFixed(0), status === 200 ? "ok" : `HTTP ${status}`]);
    console.log(`${name} ${query || "(plain)"}  ${ms.toFixed(1)} ms`);
  }
}

const header = ["request", "groups", "handler ms", "raw SQL ms", "ratio", "KB", "status"];
const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i >= 1 && i <= 5 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}\n${rows.map(line).join("\n")}`);
db.close();
process.exit(rows.every((row) => row[6] === "ok") ? 0 : 1);
