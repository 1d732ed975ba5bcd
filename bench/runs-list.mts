// Times GET /api/runs in-process (the route handler, as the API tests call it) against a benchmark database, beside
// the raw SQL that answers the same question through better-sqlite3 prepared statements, measured in the same run
// (interleaved, so that a busy machine slows both alike): the default page, each filter, each sort, a cursor page
// and free-text search.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts [--runs=100000]   # once: builds bench/.data/bench.db
//   npm run bench:runs-list -- [path/to/bench.db] [--iterations=20] [--only=default|filter|sort|search|cursor] [--query=evidence=measured]
//
// A time covers the handler and reading its response body (selection, count, loading the page's runs with their
// relations, JSON). The raw SQL selects the page's ids, reads their rows joined to their model, GPU, source,
// creator and experiment and their tags, and counts (COUNT(*) over the same condition). The ratio divides by at
// least 1 ms. Budgets (issue 13): default page p50 < 30 ms up to 100,000 runs and < 100 ms at
// 1,000,000; search p50 < 50 ms up to 100,000 runs; every case ≤ 2× its raw SQL. Exits with 1 on a miss.
import os from "node:os";
import Database from "better-sqlite3";
import { benchDatabaseArgs } from "./support/bench-args";

const { args, file, iterations: ITERATIONS } = benchDatabaseArgs(20);
const ONLY = args.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
// One case by its exact query (with --iterations in the hundreds, a steadier p50 on a busy machine than a whole group).
const QUERY = args.find((arg) => arg.startsWith("--query="))?.slice("--query=".length);
const WARM_UP = 3;
// lib/env.ts reads DATABASE_URL when first imported, so it is set before the handler is loaded.
process.env.DATABASE_URL = `file:${file}`;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const { GET } = (await import("../app/api/runs/route")) as { GET: Handler };

const db = new Database(file, { readonly: true });
const totalRuns = (db.prepare(`SELECT COUNT(*) AS n FROM "Run"`).get() as { n: number }).n;
const LARGE = totalRuns > 200_000;
const BUDGET_DEFAULT_MS = LARGE ? 100 : 30;
// The search budget is set for 100,000 runs; at 1,000,000 search is timed and held to the ratio only.
const BUDGET_SEARCH_MS = LARGE ? undefined : 50;
// The ratio is the issue's target at 100,000 runs and more; on a small database the handler's fixed cost (a few
// statements' round trips through Prisma, parsing, JSON: ~4 ms here) is most of an answer the raw SQL gives in 1 ms.
const MAX_RATIO = totalRuns >= 90_000 ? 2 : Number.POSITIVE_INFINITY;
const RATIO_FLOOR_MS = 1;

// ------------------------------------------------------------------------------------------ raw SQL
// What each case asks, written by hand as plain SQL over "Run" r: the condition, the order, and (for q) the
// full-text index. The API must select the same runs in the same order (checked below on the first page).
type RawCase = { where: string; params: unknown[]; order: string; /** The count's condition when not `where` (a cursor page counts the whole selection). */ countWhere?: string };
const live = `r.deletedAt IS NULL`;
const desc = (column: string, nullable = true) => `r."${column}" DESC${nullable ? " NULLS LAST" : ""}, r.id DESC`;
const phrase = (q: string) => `"${q.replaceAll('"', '""')}"`;
const search = (q: string): RawCase =>
  [...q].length >= 3
    ? { where: `${live} AND r.rowid IN (SELECT rowid FROM "RunSearch" WHERE "RunSearch" MATCH ?)`, params: [phrase(q)], order: desc("createdAt", false) }
    : { where: `${live} AND r.rowid IN (SELECT rowid FROM "RunSearch" WHERE body LIKE ?)`, params: [`%${q}%`], order: desc("createdAt", false) };

const cases: { group: string; query: string; raw: RawCase; budget?: number }[] = [
  { group: "default", query: "", raw: { where: live, params: [], order: desc("createdAt", false) }, budget: BUDGET_DEFAULT_MS },
  { group: "filter", query: "method=lora", raw: { where: `${live} AND r.method IN ('lora')`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "method=lora,qlora&status=completed", raw: { where: `${live} AND r.method IN ('lora','qlora') AND r.status IN ('completed')`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "reviewStatus=accepted", raw: { where: `${live} AND r.reviewStatus IN ('accepted')`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "baseline=true", raw: { where: `${live} AND r.isBaseline = 1`, params: [], order: desc("createdAt", false) } },
  {
    group: "filter",
    query: "model=llama-2-7b",
    raw: { where: `${live} AND (r.modelId = 'llama-2-7b' OR r.modelId IN (SELECT id FROM "Model" WHERE hfId = 'llama-2-7b') OR r.modelName LIKE '%llama-2-7b%')`, params: [], order: desc("createdAt", false) },
  },
  { group: "filter", query: "hardware=a100-80gb", raw: { where: `${live} AND r.hardwareId = 'a100-80gb'`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "source=logged", raw: { where: `${live} AND r.sourceId IS NULL`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "evidence=measured", raw: { where: `${live} AND r.isEstimate = 0 AND r.sourceId IN (SELECT id FROM "Source" WHERE kind = 'measurement')`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "experiment=0", raw: { where: `${live} AND r.experimentId = '0'`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "tag=alpaca", raw: { where: `${live} AND EXISTS (SELECT 1 FROM "RunTag" t WHERE t.runId = r.id AND t.tag = 'alpaca')`, params: [], order: desc("createdAt", false) } },
  { group: "filter", query: "rankMin=16&rankMax=64", raw: { where: `${live} AND r.rank >= 16 AND r.rank <= 64`, params: [], order: desc("createdAt", false) } },
  ...(["updatedAt", "name", "method", "modelName"] as const).map((sort) => ({ group: "sort", query: `sort=${sort}`, raw: { where: live, params: [], order: desc(sort, false) } })),
  ...(["rank", "throughputSamplesPerSec", "mtBench", "mmlu"] as const).map((sort) => ({ group: "sort", query: `sort=${sort}`, raw: { where: live, params: [], order: desc(sort) } })),
  {
    group: "sort",
    query: "sort=peakMemoryGb",
    raw: { where: live, params: [], order: `COALESCE(r.peakMemoryGb, r.peakMemoryGbMin, r.peakMemoryGbMax) DESC NULLS LAST, r.id DESC` },
  },
  { group: "sort", query: "sort=name&order=asc", raw: { where: live, params: [], order: `r."name" ASC, r.id ASC` } },
  { group: "sort", query: "sort=mtBench&order=asc", raw: { where: live, params: [], order: `r."mtBench" ASC NULLS LAST, r.id ASC` } },
  { group: "search", query: "q=llama", raw: search("llama"), budget: BUDGET_SEARCH_MS },
  { group: "search", query: "q=paged_adamw8bit", raw: search("paged_adamw8bit"), budget: BUDGET_SEARCH_MS },
  { group: "search", query: "q=a100", raw: search("a100"), budget: BUDGET_SEARCH_MS },
  { group: "search", query: "q=7b", raw: search("7b") },
  { group: "search", query: "q=no-such-run-anywhere", raw: search("no-such-run-anywhere"), budget: BUDGET_SEARCH_MS },
  { group: "search", query: "q=llama&method=qlora", raw: { ...search("llama"), where: `${search("llama").where} AND r.method IN ('qlora')` } },
];

const pageStatement = (raw: RawCase) => db.prepare(`SELECT r.id FROM "Run" r WHERE ${raw.where} ORDER BY ${raw.order} LIMIT 51`);
const statements = new Map<string, Database.Statement>();
const cached = (key: string, sql: () => string) => statements.get(key) ?? statements.set(key, db.prepare(sql())).get(key)!;
const marks = (count: number) => Array.from({ length: count }, () => "?").join(",");
/** The page's rows joined to their model, GPU, source, creator and experiment, and the page's tags. */
function rowsOf(ids: string[]): void {
  if (ids.length === 0) return;
  cached(`rows${ids.length}`, () =>
    `SELECT r.*, m.hfId AS modelHfId, m.name AS catalogModelName, h.name AS hardwareName, s.title AS sourceTitle, s.kind AS sourceKind, u.name AS creatorName, e.name AS experimentName
      FROM "Run" r LEFT JOIN "Model" m ON m.id = r.modelId LEFT JOIN "Hardware" h ON h.id = r.hardwareId LEFT JOIN "Source" s ON s.id = r.sourceId
      LEFT JOIN "User" u ON u.id = r.createdById LEFT JOIN "Experiment" e ON e.id = r.experimentId WHERE r.id IN (${marks(ids.length)})`,
  ).all(...ids);
  cached(`tags${ids.length}`, () => `SELECT runId, tag FROM "RunTag" WHERE runId IN (${marks(ids.length)}) ORDER BY runId, tag`).all(...ids);
}

function rawOnce(raw: RawCase, page: Database.Statement, count: Database.Statement): { ms: number; ids: string[]; total: number } {
  const started = performance.now();
  const ids = (page.all(...raw.params) as { id: string }[]).slice(0, 50).map((row) => row.id);
  rowsOf(ids);
  const total = (count.get(...raw.params) as { n: number }).n;
  return { ms: performance.now() - started, ids, total };
}

async function apiOnce(query: string): Promise<{ ms: number; status: number; ids: string[]; total: number; nextCursor: string | null }> {
  const started = performance.now();
  const response = await GET(new Request(`http://localhost/api/runs${query ? `?${query}` : ""}`), { params: Promise.resolve({}) });
  const text = await response.text();
  const ms = performance.now() - started;
  const body = JSON.parse(text) as { items?: { id: string }[]; total?: number; nextCursor?: string | null };
  return { ms, status: response.status, ids: (body.items ?? []).map((run) => run.id), total: body.total ?? -1, nextCursor: body.nextCursor ?? null };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

// The cursor case: the second page of the default order, after the first page's last run.
{
  const first = await apiOnce("");
  const raw = cases[0]!.raw;
  cases.push({
    group: "cursor",
    query: `cursor=${first.nextCursor}`,
    raw: { ...raw, where: `${raw.where} AND (r.createdAt, r.id) < (SELECT c.createdAt, c.id FROM "Run" c WHERE c.id = ?)`, params: [first.nextCursor], countWhere: `${raw.where} AND ? IS NOT NULL` },
    budget: BUDGET_DEFAULT_MS,
  });
}

console.log(`${file}: ${totalRuns.toLocaleString("en")} runs\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; ${WARM_UP} warm-up + ${ITERATIONS} timed calls per case, API and raw SQL interleaved\n`);
const header = ["case", "query", "API p50 ms", "API p95 ms", "raw p50 ms", "ratio", "rows", "total", "result"];
const rows: string[][] = [];
let failures = 0;
for (const { group, query, raw, budget } of cases.filter((c) => (!ONLY || c.group === ONLY) && (QUERY === undefined || c.query === QUERY))) {
  const page = pageStatement(raw);
  const count = db.prepare(`SELECT COUNT(*) AS n FROM "Run" r WHERE ${raw.countWhere ?? raw.where}`);
  for (let i = 0; i < WARM_UP; i += 1) {
    await apiOnce(query);
    rawOnce(raw, page, count);
  }
  const api: number[] = [];
  const sql: number[] = [];
  let last = await apiOnce(query);
  let rawLast = rawOnce(raw, page, count);
  for (let i = 0; i < ITERATIONS; i += 1) {
    last = await apiOnce(query);
    api.push(last.ms);
    rawLast = rawOnce(raw, page, count);
    sql.push(rawLast.ms);
  }
  const apiP50 = median(api);
  const rawP50 = median(sql);
  // Against at least 1 ms: an empty answer takes the raw SQL microseconds, and the handler's fixed cost (parsing the
  // request, JSON) is then all the ratio would measure.
  const ratio = apiP50 / Math.max(rawP50, RATIO_FLOOR_MS);
  const same = last.status === 200 && last.total === rawLast.total && JSON.stringify(last.ids) === JSON.stringify(rawLast.ids);
  const misses = [
    ...(last.status !== 200 ? [`HTTP ${last.status}`] : []),
    ...(last.status === 200 && !same ? ["answers differ from the raw SQL"] : []),
    ...(budget !== undefined && apiP50 >= budget ? [`p50 ≥ ${budget} ms`] : []),
    ...(ratio > MAX_RATIO ? [`> ${MAX_RATIO}× raw`] : []),
  ];
  if (misses.length) failures += 1;
  rows.push([group, query.replace(/^cursor=.*/, "cursor=<2nd page>") || "(none)", apiP50.toFixed(1), percentile([...api].sort((a, b) => a - b), 95).toFixed(1), rawP50.toFixed(1), `${ratio.toFixed(2)}×`, String(last.ids.length), String(last.total), misses.length ? `FAIL (${misses.join("; ")})` : "PASS"]);
  console.log(rows.at(-1)!.join("  "));
}

const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i >= 2 && i <= 7 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}\n${rows.map(line).join("\n")}`);
console.log(
  `\nBudgets: default page p50 < ${BUDGET_DEFAULT_MS} ms, ${BUDGET_SEARCH_MS ? `search p50 < ${BUDGET_SEARCH_MS} ms (3+ characters)` : "search timed (no budget at this size)"}, ${Number.isFinite(MAX_RATIO) ? `every case ≤ ${MAX_RATIO}× its raw SQL` : "ratios printed, not budgeted below 100,000 runs"}.` +
    `\n${failures === 0 ? "All" : `${rows.length - failures} of ${rows.length}`} cases within budget`,
);
process.exit(failures === 0 ? 0 : 1);
