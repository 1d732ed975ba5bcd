// Times the prediction fits (quality model with its outlier passes, efficiency fit) as a request after a write
// pays for them, and GET /api/calibration and POST /api/recommend on the warm fits, against the benchmark
// database; prints what the fits kept and ignored. Then adds bad rows straight into a copy of the database (an
// MMLU fraction, a rejected run, a slipped decimal) and shows the MMLU fit and the recommender unchanged.
//
//   npx tsx --conditions=react-server bench/generate-runs.mts [--runs=100000]    # once: bench/.data/bench.db
//   npx tsx --conditions=react-server bench/predict-fits.mts [path/to/bench.db] [--iterations=5]
import { copyFileSync, existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const args = process.argv.slice(2);
const source = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? "bench/.data/bench.db");
const ITERATIONS = Number(args.find((arg) => arg.startsWith("--iterations="))?.slice("--iterations=".length) ?? 5);
if (!existsSync(source)) {
  console.error(`${source} does not exist: build it with npx tsx --conditions=react-server bench/generate-runs.mts`);
  process.exit(2);
}
// A copy: the poisoning step writes rows, and the benchmark database stays as generated.
const file = path.join(os.tmpdir(), `predict-fits-${process.pid}.db`);
const checkpoint = new Database(source);
checkpoint.pragma("wal_checkpoint(TRUNCATE)");
checkpoint.close();
copyFileSync(source, file);
process.env.DATABASE_URL = `file:${file}`;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const { GET: calibration } = (await import("../app/api/calibration/route")) as { GET: Handler };
const { POST: recommend } = (await import("../app/api/recommend/route")) as { POST: Handler };
const { loadPredictContext } = await import("../lib/server/predict/context");
const cache = globalThis as unknown as { tuneboardPredictContext?: unknown };

const recommendBody = JSON.stringify({ hardware: "a100-80gb", model: "llama-7b", datasetSize: 5_000 });
async function callJson(handler: Handler, url: string, body?: string): Promise<{ ms: number; status: number; json: unknown }> {
  const started = performance.now();
  const init: RequestInit = body ? { method: "POST", body, headers: { "content-type": "application/json" } } : {};
  const response = await handler(new Request(`http://localhost${url}`, init), { params: Promise.resolve({}) });
  const json: unknown = await response.json();
  return { ms: performance.now() - started, status: response.status, json };
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`${source}\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; ${ITERATIONS} timed runs each, median shown\n`);

const fitTimes: number[] = [];
for (let i = 0; i < ITERATIONS; i++) {
  cache.tuneboardPredictContext = undefined; // what the first request after a write pays
  const started = performance.now();
  await loadPredictContext();
  fitTimes.push(performance.now() - started);
}
const { context, observations } = await loadPredictContext();
const quality = context.qualityModel;
console.log(`fits, cold (catalog + ${observations.quality} quality and ${observations.throughput} throughput runs read, fitted): ${median(fitTimes).toFixed(0)} ms`);
for (const metric of ["mtBench", "mmlu"] as const) {
  const model = quality?.[metric];
  console.log(`  ${metric}: ${model?.points.length ?? 0} runs kept, leave-one-out RMSE ${model?.looRmse?.toFixed(3) ?? "-"}, ${model?.nearestFolds.length ?? 0} nearest-runs folds`);
}
const ignored = [...(quality?.ignored ?? []), ...context.efficiency.ignored];
const kinds = new Map<string, number>();
for (const run of ignored) {
  const kind = `${run.fit}: ${run.reason === "review status rejected" ? "rejected" : run.reason.includes("fraction") ? "fraction" : "outlier"}`;
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
console.log(`  ignored: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(", ") || "none"}`);

for (const [label, run] of [
  ["GET /api/calibration (warm fits)", () => callJson(calibration, "/api/calibration")],
  ["POST /api/recommend (warm fits)", () => callJson(recommend, "/api/recommend", recommendBody)],
] as const) {
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const result = await run();
    if (result.status !== 200) throw new Error(`${label}: ${result.status} ${JSON.stringify(result.json)}`);
    times.push(result.ms);
  }
  console.log(`${label}: ${median(times).toFixed(0)} ms`);
}

// Poison: rows past every API check, newest first so that the fits read them. Two of them are not rejected, so
// they take the places of the two oldest runs in the newest-runs window: the fit moves by what those two runs
// contributed, not by the bad values (tests/api/poison.test.ts shows it exactly unchanged below the window's size).
type Recommended = { items: { quality: { mmlu: { point: number } | null } }[] };
const snapshot = async () => ({
  loo: (await loadPredictContext()).context.qualityModel?.mmlu?.looRmse ?? Number.NaN,
  mmlu: ((await callJson(recommend, "/api/recommend", recommendBody)).json as Recommended).items[0]?.quality.mmlu?.point ?? Number.NaN,
});
const before = await snapshot();
const db = new Database(file);
const insert = db.prepare(`INSERT INTO "Run" (id, name, status, method, modelId, modelName, rank, targetModules, mmlu, reviewStatus, createdAt, updatedAt)
  VALUES (?, ?, 'completed', 'lora', 'llama-7b', 'LLaMA 7B', 16, '["q_proj","k_proj","v_proj","o_proj"]', ?, ?, ?, ?)`);
const now = new Date().toISOString().replace("Z", "+00:00");
for (const [id, mmlu, review] of [["poison-fraction", 0.65, "draft"], ["poison-rejected", 20, "rejected"], ["poison-slipped", 4.69, "draft"]] as const) {
  insert.run(id, id, mmlu, review, now, now);
}
db.close();
const after = await snapshot();
const listed = ((await callJson(calibration, "/api/calibration")).json as { ignored: { runId: string; reason: string }[] }).ignored.filter((run) => run.runId.startsWith("poison-"));
console.log(`\nwith 3 bad MMLU rows added (0.65, 20 rejected, 4.69): MMLU leave-one-out ${before.loo.toFixed(4)} → ${after.loo.toFixed(4)}; ` +
  `top recommendation's MMLU ${before.mmlu.toFixed(2)} → ${after.mmlu.toFixed(2)}`);
for (const run of listed) console.log(`  ignored ${run.runId}: ${run.reason.slice(0, 110)}`);
rmSync(file, { force: true });
rmSync(`${file}-wal`, { force: true });
rmSync(`${file}-shm`, { force: true });
// Without the rules one such row moved the leave-one-out error from 1.25 to 16.3 and the recommendation to MMLU 2.8.
if (listed.length !== 3 || Math.abs(after.loo - before.loo) > 0.1 || Math.abs(after.mmlu - before.mmlu) > 0.5) process.exit(1);
