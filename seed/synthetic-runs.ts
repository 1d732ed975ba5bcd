// Synthetic logged runs with a realistic spread of methods, models, hardware, ranks, memory, quality and review
// status, written through raw better-sqlite3 prepared statements in one transaction (Prisma's createMany is ~30x
// slower). One generator for the bench database (bench/generate-runs.mts) and the scale tests
// (tests/support/bulk-runs.ts). Deterministic: a seeded PRNG draws every value, so two builds hold the same rows.
import type Database from "better-sqlite3";
import { indexRunsAfterSql } from "../lib/server/runs/search-index";
import { hardware } from "./catalog/hardware";
import { models } from "./catalog/models";

// ------------------------------------------------------------------------------------------ random draws
/** mulberry32: a small, fast 32-bit PRNG; good enough for synthetic data and identical on every machine. */
export function createRandom(seed: number) {
  let state = seed | 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const chance = (p: number) => random() < p;
  function weighted<T>(items: readonly (readonly [T, number])[]): T {
    let r = random() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  }
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return { random, gaussian, chance, weighted, pick };
}
export type Random = ReturnType<typeof createRandom>;

/** Rounds to `digits` decimals; digits < 0 rounds to tens, thousands, … */
export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** How Prisma stores a DateTime in SQLite: ISO text with an explicit +00:00 offset. */
export const prismaDateTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

// ------------------------------------------------------------------------------------------ distributions
const METHODS = [["full", 20], ["lora", 45], ["qlora", 35]] as const;
const MODEL_WEIGHTS: Record<string, number> = {
  "llama-2-7b": 14, "llama-2-13b": 6, "llama-2-70b": 3, "llama-3.1-8b": 18, "llama-3.1-70b": 4, "llama-3.2-1b": 6, "llama-3.2-3b": 8,
  "mistral-7b": 12, "qwen2.5-7b": 10, "gemma-2-9b": 6, "phi-3-mini": 6, "tinyllama-1.1b": 4,
};
const catalogModels = models.filter((m) => MODEL_WEIGHTS[m.id]).map((m) => [m, MODEL_WEIGHTS[m.id]!] as const);
const HARDWARE_WEIGHTS: Record<string, number> = {
  "rtx-3060": 3, "rtx-3080": 2, "rtx-3090": 8, "rtx-4060": 2, "rtx-4090": 14, a6000: 8, "a100-40gb": 8, "a100-80gb": 20, "h100-80gb": 16, h200: 4, l40s: 6, a10g: 5, t4: 4,
};
const gpus = hardware.map((h) => [h, HARDWARE_WEIGHTS[h.id] ?? 1] as const);
const RANKS = [[4, 5], [8, 15], [16, 30], [32, 20], [64, 20], [128, 7], [256, 3]] as const;
const ATTENTION = ["q_proj", "k_proj", "v_proj", "o_proj"];
const MODULE_SETS: (readonly [readonly string[], number])[] = [[["q_proj", "v_proj"], 30], [ATTENTION, 30], [[...ATTENTION, "gate_proj", "up_proj", "down_proj"], 20], [["all-linear"], 20]];
// Models outside the catalog, logged as free text with their parameter count.
const CUSTOM_MODELS = [
  { name: "acme/support-bot-3b", params: 3.09e9 }, { name: "acme/code-assist-15b", params: 15.2e9 }, { name: "lab/distil-7b", params: 6.9e9 },
  { name: "lab/moe-8x1b", params: 8.4e9 }, { name: "acme/legal-20b", params: 20.1e9 }, { name: "lab/tiny-350m", params: 3.5e8 },
];
export const SYNTHETIC_TAGS = ["alpaca", "dolly", "oasst", "sweep", "baseline", "ablation", "prod", "chat", "code", "math", "long-context", "nightly"];
const DATASETS = ["alpaca-52k", "dolly-15k", "oasst1", "ultrachat-200k", "code-alpaca-20k", "gsm8k", "slimorca"];
const OPTIMIZERS = ["adamw", "adamw8bit", "paged_adamw", "paged_adamw8bit"];
const REVIEW_STATUSES = [["draft", 55], ["in_review", 12], ["accepted", 22], ["rejected", 5], ["needs_rerun", 6]] as const;
const ATTENTION_IMPLEMENTATIONS = [["sdpa", 50], ["flash", 35], ["eager", 15]] as const;

export const SYNTHETIC_RUN_COLUMNS = [
  "id", "name", "status", "notes", "createdAt", "updatedAt", "reviewStatus", "isBaseline", "method", "modelId", "modelName", "modelParams",
  "rank", "loraAlpha", "loraDropout", "targetModules", "quantization", "doubleQuant", "precision", "hardwareId", "hardwareLabel", "gpuCount",
  "batchSize", "gradientAccumulation", "seqLen", "gradientCheckpointing", "attention", "sharding", "optimizer", "learningRate", "epochs",
  "datasetName", "datasetSize", "oom", "throughputSamplesPerSec", "throughputTokensPerSec", "peakMemoryGb", "peakMemoryGbMin", "peakMemoryGbMax",
  "trainableParams", "mtBench", "mmlu", "trainLoss", "evalLoss", "wallTimeSec", "costUsd",
] as const;
/** One Run row as SQLite stores it: booleans as 0/1, DateTime as ISO text, targetModules as JSON text. */
export type SyntheticRunRow = Record<(typeof SYNTHETIC_RUN_COLUMNS)[number], string | number | null>;

export type SyntheticRunOptions = {
  /** PRNG seed; the bench database uses the default. */
  seed?: number;
  /** Run ids are `${idPrefix}${index padded to 6 digits}`. */
  idPrefix?: string;
  /** createdAt of run 0 in ms since the epoch; run i is created i minutes later (updatedAt one hour after that). */
  startMs?: number;
};

/**
 * A generator of synthetic runs: `next(i)` draws run number i (draws depend on call order, so call it with
 * i = 0, 1, 2, … for reproducible rows). Review status and baseline come from a second PRNG so that adding
 * them left every other drawn value of the bench database as it was.
 */
export function createSyntheticRunGenerator(options: SyntheticRunOptions = {}) {
  const seed = options.seed ?? 0x7e57ab1e;
  const { gaussian, chance, weighted, pick, random } = createRandom(seed);
  const review = createRandom(seed ^ 0x5eed);
  const idPrefix = options.idPrefix ?? "bench";
  const start = options.startMs ?? Date.UTC(2024, 0, 1);

  function next(i: number): { row: SyntheticRunRow; tags: string[] } {
    const method = weighted(METHODS);
    const freeText = chance(0.03);
    const model = weighted(catalogModels);
    const custom = pick(CUSTOM_MODELS);
    const params = freeText ? custom.params : model.totalParams;
    const billions = params / 1e9;
    const gpuCount = method === "full" ? (billions > 5 ? pick([4, 8, 8]) : billions > 2 ? pick([1, 2, 4]) : 1) : chance(0.1) ? 2 : 1;
    const rank = method === "full" ? null : weighted(RANKS);
    const seqLen = pick([512, 1024, 2048, 2048, 4096]);
    const batchSize = weighted([[1, 20], [2, 25], [4, 30], [8, 20], [16, 5]] as const);
    const checkpointing = chance(0.7);
    const status = weighted([["completed", 82], ["failed", 6], ["running", 7], ["planned", 5]] as const);

    // Peak memory per GPU in GB (1e9 bytes): weights + gradients + Adam states per parameter, sharded over GPUs
    // for full fine-tuning, plus activations that grow with tokens per batch and model width.
    const bytesPerParam = method === "full" ? 16 / gpuCount : method === "lora" ? 2.1 : 0.6;
    const activationsGb = ((batchSize * seqLen) / 2048) * Math.sqrt(billions / 7) * (checkpointing ? 0.6 : 2.5);
    const memoryGb = (billions * bytesPerParam + activationsGb + 1.2) * (1 + 0.08 * gaussian());
    // People mostly pick a GPU the job fits on; about one in ten runs is tried on one too small and runs out of memory.
    let gpu = chance(0.04) ? null : weighted(gpus);
    for (let retry = 0; gpu && memoryGb > gpu.memoryGb && retry < 4 && chance(0.85); retry += 1) gpu = weighted(gpus);
    const oom = status !== "planned" && gpu !== null && memoryGb > gpu.memoryGb;
    const finished = status === "completed" || (status === "failed" && !oom);
    const outcomes = status === "planned" || oom ? "none" : finished ? "all" : "partial";

    let peakMemoryGb: number | null = null, peakMemoryGbMin: number | null = null, peakMemoryGbMax: number | null = null;
    if (outcomes !== "none" && chance(0.9)) {
      const kind = weighted([["point", 85], ["range", 10], ["bound", 5]] as const);
      if (kind === "point") peakMemoryGb = round(Math.max(0.5, memoryGb), 2);
      else if (kind === "range") [peakMemoryGbMin, peakMemoryGbMax] = [Math.max(1, Math.floor(memoryGb * 0.9)), Math.ceil(memoryGb * 1.15) + 1];
      else peakMemoryGbMin = Math.max(1, Math.floor(memoryGb));
    }
    const tflops = gpu ? (gpu.bf16DenseTflops ?? gpu.fp16DenseTflops) : 100;
    const samplesPerSec = (0.4 * tflops * 1e12 * gpuCount) / (6 * params * seqLen) * (method === "lora" ? 1.4 : method === "qlora" ? 1.05 : 1) * (1 + 0.1 * gaussian());
    const quality = 0.35 * Math.log(billions / 7) + (method === "full" ? 0.3 : method === "qlora" ? -0.05 : 0) + (rank ? 0.08 * Math.log2(rank / 16) : 0);
    const mtBench = outcomes === "all" && chance(0.55) ? round(Math.min(10, Math.max(0, 6.3 + quality + 0.3 * gaussian())), 2) : null;
    const mmlu = outcomes === "all" && chance(0.45) ? round(Math.min(100, Math.max(0, 47 + 9 * quality + 1.5 * gaussian())), 1) : null;
    const trainLoss = outcomes !== "none" ? round(Math.max(0.2, 1.1 - 0.15 * quality + 0.1 * gaussian()), 3) : null;
    const wallTimeSec = outcomes === "all" ? round(20_000 / Math.max(samplesPerSec, 0.05), 0) : null;
    const modules = rank ? weighted(MODULE_SETS) : null;
    const createdAt = start + i * 60_000;
    const label = method === "full" ? "Full FT" : `${method === "lora" ? "LoRA" : "QLoRA"} r=${rank}`;
    const modelName = freeText ? custom.name : model.name;
    const row: SyntheticRunRow = {
      id: `${idPrefix}${String(i).padStart(6, "0")}`,
      name: `${label} · ${modelName} #${i}`,
      status: oom ? "failed" : status,
      notes: chance(0.3) ? pick(["lr sweep", "baseline config", "packing on", "flash-attn 2", "retry after OOM", "nightly job"]) : null,
      createdAt: prismaDateTime(createdAt),
      updatedAt: prismaDateTime(createdAt + 3_600_000),
      reviewStatus: review.weighted(REVIEW_STATUSES),
      isBaseline: review.chance(0.005) ? 1 : 0,
      method,
      modelId: freeText ? null : model.id,
      modelName,
      modelParams: params,
      rank,
      loraAlpha: rank ? rank * 2 : null,
      loraDropout: rank ? 0.05 : null,
      targetModules: modules ? JSON.stringify(modules) : null,
      quantization: method === "qlora" ? (chance(0.9) ? "nf4" : "fp4") : "none",
      doubleQuant: method === "qlora" && chance(0.5) ? 1 : 0,
      precision: pick(["bf16", "bf16", "bf16", "fp16"]),
      hardwareId: gpu ? gpu.id : null,
      hardwareLabel: gpu ? null : "TPU v5e-8",
      gpuCount,
      batchSize,
      gradientAccumulation: pick([1, 2, 4, 8]),
      seqLen,
      gradientCheckpointing: checkpointing ? 1 : 0,
      attention: review.weighted(ATTENTION_IMPLEMENTATIONS),
      sharding: method === "full" && gpuCount >= 2 ? (review.chance(0.5) ? "zero3" : "zero2") : null,
      optimizer: pick(OPTIMIZERS),
      learningRate: method === "full" ? 2e-5 : pick([1e-4, 2e-4, 3e-4]),
      epochs: pick([1, 2, 3]),
      datasetName: pick(DATASETS),
      datasetSize: pick([5_000, 15_000, 52_000, 200_000]),
      oom: oom ? 1 : 0,
      throughputSamplesPerSec: outcomes !== "none" && chance(0.8) ? round(Math.max(0.01, samplesPerSec), 3) : null,
      throughputTokensPerSec: outcomes !== "none" && chance(0.7) ? round(Math.max(1, samplesPerSec * seqLen), 1) : null,
      peakMemoryGb,
      peakMemoryGbMin,
      peakMemoryGbMax,
      trainableParams: outcomes === "none" ? null : rank ? round(params * rank * 1.2e-5, -3) : params,
      mtBench,
      mmlu,
      trainLoss,
      evalLoss: trainLoss !== null ? round(trainLoss + 0.05 + 0.03 * random(), 3) : null,
      wallTimeSec,
      costUsd: wallTimeSec !== null && gpu ? round((wallTimeSec / 3600) * gpu.hourlyPriceUsd * gpuCount, 2) : null,
    };
    const tags = SYNTHETIC_TAGS.filter(() => chance(0.12)).slice(0, 3);
    if (oom) tags.push("oom");
    return { row, tags };
  }
  return { next, gaussian, chance };
}

/** Prepared inserts for Run and RunTag rows on one connection. */
export function prepareRunInserts(db: Database.Database) {
  const insertRun = db.prepare(
    `INSERT INTO "Run" (${SYNTHETIC_RUN_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${SYNTHETIC_RUN_COLUMNS.map(() => "?").join(", ")})`,
  );
  const insertTag = db.prepare(`INSERT INTO "RunTag" ("runId", "tag") VALUES (?, ?)`);
  return {
    insert({ row, tags }: { row: SyntheticRunRow; tags: string[] }) {
      insertRun.run(SYNTHETIC_RUN_COLUMNS.map((column) => row[column])); // positional binding: faster than 46 named ones
      for (const tag of tags) insertTag.run(row.id, tag);
    },
  };
}

/**
 * Runs `write` in one transaction with the secondary indexes and triggers of Run and RunTag dropped and rebuilt
 * afterwards: building an index once from sorted rows is about twice as fast as updating thirteen indexes (five of
 * them wide covering ones) row by row, and the full-text index's triggers would rewrite a run's document once per
 * tag. The runs `write` added (rowids above the largest before it) are then indexed for free-text search in one
 * statement (RUN_SEARCH_DOCUMENT_SQL, the document the triggers build). SQLite's DDL is transactional, so a failure
 * leaves the schema and the rows as they were.
 */
export function withRunIndexesRebuilt<T>(db: Database.Database, write: () => T): T {
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Run', 'RunTag') AND sql IS NOT NULL`)
    .all() as { name: string; sql: string }[];
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('Run', 'RunTag')`).all() as { name: string; sql: string }[];
  const searchable = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'RunSearch'`).get() !== undefined;
  return db.transaction(() => {
    const lastRowid = (db.prepare(`SELECT COALESCE(MAX(rowid), 0) AS n FROM "Run"`).get() as { n: number }).n;
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
    const result = write();
    for (const index of indexes) db.exec(index.sql);
    for (const trigger of triggers) db.exec(trigger.sql);
    if (searchable) db.exec(indexRunsAfterSql(lastRowid));
    return result;
  })();
}

/** Inserts runs 0 … count-1 of one generator in a single transaction and returns how many rows went in. */
export function insertSyntheticRuns(db: Database.Database, count: number, options: SyntheticRunOptions = {}): { runs: number; tags: number } {
  const generator = createSyntheticRunGenerator(options);
  const inserts = prepareRunInserts(db);
  let tags = 0;
  withRunIndexesRebuilt(db, () => {
    for (let i = 0; i < count; i += 1) {
      const run = generator.next(i);
      inserts.insert(run);
      tags += run.tags.length;
    }
  });
  return { runs: count, tags };
}
