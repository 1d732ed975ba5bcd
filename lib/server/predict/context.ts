import "server-only";
import { type Model, Prisma } from "@/lib/generated/prisma/client";
import {
  calibrateOnMeasurements, countParameters, fitEfficiency, type MeasuredCalibration, type MeasuredEvaluation, fitQualityModel, toQualityObservations, toThroughputObservations,
  type EfficiencyFit, type GpuSpec, type ModelArchitecture, type PredictContext, type QualityModel, type RunRecord,
} from "@/lib/predict";
import { METHODS, PRECISIONS, QUANTIZATIONS, type Run } from "@/lib/schemas/run";
import { isPostgres, prisma } from "@/lib/server/db/client";
import { readRows } from "@/lib/server/db/raw-read";
import { hardware as catalogGpus } from "@/seed/catalog/hardware";
import { models as catalogModels } from "@/seed/catalog/models";
import { measuredRuns } from "@/seed/measurements";

/**
 * How many logged runs each fit reads, newest first; reference runs are always read. The quality model's
 * leave-one-out refits once per run, so its cost grows with the square of the runs: 2,000 take 5 s, 300 about
 * 0.3 s (measured on bench/generate-runs.mts's 100,000-run database). Each outlier the quality fit sets aside
 * costs one more leave-one-out pass, at most 5 per metric (bench/predict-fits.mts). The efficiency fit is a median, cheap.
 */
export const MAX_LOGGED_RUNS = { quality: 300, throughput: 2_000 } as const;

export type LoadedContext = {
  context: PredictContext & { efficiency: EfficiencyFit; qualityModel: QualityModel | null; calibration: MeasuredCalibration };
  /** The data version the fits were made at: changes whenever a run that the fits read changes. */
  version: string;
  observations: { quality: number; throughput: number };
};

// ---------------------------------------------------------------------------------------------- catalog

/**
 * The Model table stores no attentionBias and normsPerLayer; the exact parameter count it does store settles
 * them (Qwen2's q/k/v biases, Gemma-2's four norms per layer), the Llama-style defaults otherwise.
 */
export function toArchitecture(row: Model): ModelArchitecture {
  const base: ModelArchitecture = {
    id: row.id,
    hfId: row.hfId,
    name: row.name,
    hiddenSize: row.hiddenSize,
    intermediateSize: row.intermediateSize,
    numLayers: row.numLayers,
    numAttentionHeads: row.numAttentionHeads,
    numKeyValueHeads: row.numKeyValueHeads,
    headDim: row.headDim,
    vocabSize: row.vocabSize,
    tiedEmbeddings: row.tiedEmbeddings,
  };
  for (const normsPerLayer of [2, 4, 1, 3]) {
    for (const attentionBias of [false, true]) {
      const candidate = { ...base, attentionBias, normsPerLayer };
      if (countParameters(candidate).total === row.totalParams) return candidate;
    }
  }
  return { ...base, attentionBias: false, normsPerLayer: 2 };
}

export async function loadCatalog(): Promise<{ models: ModelArchitecture[]; gpus: GpuSpec[] }> {
  const [models, gpus] = await Promise.all([
    prisma.model.findMany({ orderBy: [{ isGeneric: "asc" }, { family: "asc" }, { totalParams: "asc" }] }),
    prisma.hardware.findMany({
      select: { id: true, name: true, memoryGb: true, bf16DenseTflops: true, fp16DenseTflops: true, hourlyPriceUsd: true },
      orderBy: [{ memoryGb: "asc" }, { name: "asc" }],
    }),
  ]);
  return { models: models.map(toArchitecture), gpus };
}

// ---------------------------------------------------------------------------------------------- runs

/** The columns the observation converters read, as raw SQL returns them (booleans may be 0/1). */
type ObservationRow = {
  id: string; name: string; method: string; modelId: string | null; modelParams: unknown; rank: unknown; targetModules: string | null;
  quantization: string | null; precision: string | null; hardwareId: string | null; gpuCount: unknown; seqLen: unknown; batchSize: unknown;
  gradientCheckpointing: unknown; oom: unknown; throughputSamplesPerSec: unknown; throughputTokensPerSec: unknown; mtBench: unknown; mmlu: unknown;
  reviewStatus: string | null; sourceId: string | null;
};

/** The Run columns the fits select. */
const OBSERVATION_COLUMN_NAMES = [
  "id", "name", "method", "modelId", "modelParams", "rank", "targetModules", "quantization", "precision", "hardwareId", "gpuCount", "seqLen", "batchSize",
  "gradientCheckpointing", "oom", "throughputSamplesPerSec", "throughputTokensPerSec", "mtBench", "mmlu", "reviewStatus", "sourceId",
] as const;
/**
 * Every Run column the fits read (selected, filtered or ordered on): an update that sets one of them bumps the data
 * version (the trigger "Run_data_version_update" of migration 20261130113328_sign_in_throttle watches exactly these;
 * tests/api/predict.test.ts checks that it does), and an update that sets none (a heartbeat) does not refit.
 */
export const DATA_VERSION_RUN_COLUMNS = [...OBSERVATION_COLUMN_NAMES, "isEstimate", "deletedAt", "createdAt"] as const;

const OBSERVATION_COLUMNS = Prisma.raw(OBSERVATION_COLUMN_NAMES.map((name) => `r."${name}"`).join(", "));

/**
 * A column as an ORDER BY / WHERE operand that SQLite must not pick an index for (its unary +, see
 * findObservationRuns); PostgreSQL's planner chooses from statistics, and + does not apply to text there.
 */
export function withoutIndex(column: Prisma.Sql): Prisma.Sql {
  return isPostgres ? column : Prisma.sql`+${column}`;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => ((values as readonly (string | null)[]).includes(value) ? (value as T) : null);
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const booleanOrNull = (value: unknown): boolean | null => (value === null || value === undefined ? null : Boolean(Number(value)));

/** A database row in the shape lib/predict/observations.ts converts; unknown enum text reads as missing. */
export function toRunRecord(row: ObservationRow): RunRecord | null {
  const method = oneOf(METHODS, row.method);
  if (!method) return null;
  return {
    id: row.id,
    name: row.name,
    method,
    modelId: row.modelId,
    modelParams: numberOrNull(row.modelParams),
    rank: numberOrNull(row.rank),
    targetModules: row.targetModules ? (JSON.parse(row.targetModules) as NonNullable<Run["targetModules"]>) : null,
    quantization: oneOf(QUANTIZATIONS, row.quantization),
    precision: oneOf(PRECISIONS, row.precision),
    hardware: row.hardwareId,
    gpuCount: numberOrNull(row.gpuCount),
    seqLen: numberOrNull(row.seqLen),
    batchSize: numberOrNull(row.batchSize),
    gradientCheckpointing: booleanOrNull(row.gradientCheckpointing),
    oom: booleanOrNull(row.oom) ?? false,
    throughputSamplesPerSec: numberOrNull(row.throughputSamplesPerSec),
    throughputTokensPerSec: numberOrNull(row.throughputTokensPerSec),
    mtBench: numberOrNull(row.mtBench),
    mmlu: numberOrNull(row.mmlu),
    reviewStatus: row.reviewStatus,
    sourceId: row.sourceId,
  };
}

/**
 * Published estimates are shown, never fitted. The measured benchmark rows (runs of a Source of kind
 * "measurement") are fitted once, by the measured calibration below, from seed/measurements: the per-GPU
 * efficiency fit over database runs leaves them out so that nothing is fitted twice.
 */
const NOT_ESTIMATE = Prisma.sql`r."isEstimate" = FALSE`;
const NOT_MEASUREMENT_SOURCE = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Source" s WHERE s."id" = r."sourceId" AND s."kind" = 'measurement')`;
const QUALITY_WHERE = Prisma.sql`(r."mtBench" IS NOT NULL OR r."mmlu" IS NOT NULL) AND ${NOT_ESTIMATE}`;
const THROUGHPUT_WHERE = Prisma.sql`r."oom" = FALSE AND r."hardwareId" IS NOT NULL AND (r."throughputSamplesPerSec" IS NOT NULL OR r."throughputTokensPerSec" IS NOT NULL)
  AND ${NOT_ESTIMATE} AND ${NOT_MEASUREMENT_SOURCE}`;

/**
 * createdAt as the window's bound is read back and compared: on SQLite as the stored text, so that the bound compares
 * exactly as the index orders it; on PostgreSQL as the timestamp itself.
 */
const CREATED_AT_KEY = isPostgres ? Prisma.sql`r."createdAt"` : Prisma.sql`CAST(r."createdAt" AS TEXT)`;

/**
 * Every reference run matching `where`, and the `maxLogged` newest logged ones that are not rejected in review;
 * then the rejected logged runs as new as those (at most `maxLogged`), which the fits list as ignored. Rejected
 * runs are kept out of the window so that they cannot crowd good runs out of it. Raw SQL because the newest are
 * found by walking the (createdAt, id) index backwards; the unary + keeps SQLite off the sourceId index, which
 * matches nearly every row of a large database and would make it sort them all (2 ms instead of 280 ms at 100,000).
 */
export async function findObservationRuns(where: Prisma.Sql, maxLogged: number): Promise<RunRecord[]> {
  const logged = withoutIndex(Prisma.sql`r."sourceId"`);
  const [reference, recent] = await Promise.all([
    readRows<ObservationRow>(Prisma.sql`SELECT ${OBSERVATION_COLUMNS} FROM "Run" r WHERE ${where} AND r."deletedAt" IS NULL AND r."sourceId" IS NOT NULL`),
    readRows<ObservationRow & { createdAtKey: string | Date }>(
      Prisma.sql`SELECT ${OBSERVATION_COLUMNS}, ${CREATED_AT_KEY} AS "createdAtKey" FROM "Run" r WHERE ${where} AND r."deletedAt" IS NULL AND ${logged} IS NULL AND r."reviewStatus" <> 'rejected'
        ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${maxLogged}`,
    ),
  ]);
  // Bounded by the window's oldest run, so that a database with few rejected runs is not walked to its start.
  const oldest = recent.length === maxLogged ? recent[recent.length - 1]!.createdAtKey : null;
  const rejected = await readRows<ObservationRow>(
    Prisma.sql`SELECT ${OBSERVATION_COLUMNS} FROM "Run" r WHERE ${where} AND r."deletedAt" IS NULL AND ${logged} IS NULL AND r."reviewStatus" = 'rejected'
      ${oldest === null ? Prisma.empty : Prisma.sql`AND r."createdAt" >= ${oldest}`} ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${maxLogged}`,
  );
  return [...reference, ...recent, ...rejected].flatMap((row) => toRunRecord(row) ?? []);
}

// ---------------------------------------------------------------------------------------------- cache

/**
 * The data version: a counter in the database (DataVersion, id 1) that triggers bump in the transaction of every
 * write that changes what the fits read (a run deleted, or updated in DATA_VERSION_RUN_COLUMNS; any change to Source,
 * Model or Hardware; on PostgreSQL a run inserted too), whichever app instance or tool writes it (issue 12), with the
 * largest Run rowid, which every insert raises (SQLite bumps no counter per inserted run: see the migration). Read
 * before the fits' own reads, so a fit cached under a version holds at least everything committed up to it. A
 * timestamp aggregate would not do: an instance whose clock runs behind, or a transaction that commits after a later
 * one, writes an updatedAt below the maximum, and the edit would never refit.
 */
export async function readDataVersion(): Promise<string> {
  const [row] = await readRows<{ version: number | null; lastRun: number | null }>(
    Prisma.sql`SELECT (SELECT "version" FROM "DataVersion" WHERE "id" = 1) AS "version", (SELECT MAX("rowid") FROM "Run") AS "lastRun"`,
  );
  return `${row?.version ?? 0}|${row?.lastRun ?? 0}`;
}

// ---------------------------------------------------------------------------------------------- measured calibration

const measuredCache = globalThis as unknown as { tuneboardMeasuredEvaluation?: MeasuredEvaluation };

/**
 * The calibration on the published measurements and its leave-one-source-out evaluation. The rows and the
 * catalog they are predicted with are static seed data (seed/measurements, seed/catalog), not the database, so
 * it is computed once per process (about half a second) and is the same on every machine.
 */
export function loadMeasuredEvaluation(): MeasuredEvaluation {
  measuredCache.tuneboardMeasuredEvaluation ??= calibrateOnMeasurements(measuredRuns, { models: catalogModels, gpus: catalogGpus });
  return measuredCache.tuneboardMeasuredEvaluation;
}

async function buildContext(version: string): Promise<LoadedContext> {
  const [{ models, gpus }, qualityRuns, throughputRuns] = await Promise.all([
    loadCatalog(),
    findObservationRuns(QUALITY_WHERE, MAX_LOGGED_RUNS.quality),
    findObservationRuns(THROUGHPUT_WHERE, MAX_LOGGED_RUNS.throughput),
  ]);
  const quality = toQualityObservations(qualityRuns, models);
  const throughput = toThroughputObservations(throughputRuns, models);
  return {
    context: {
      models, gpus, efficiency: fitEfficiency(throughput, gpus), qualityModel: quality.length ? fitQualityModel(quality) : null, calibration: loadMeasuredEvaluation().calibration,
    },
    version,
    observations: { quality: quality.length, throughput: throughput.length },
  };
}

// Kept on globalThis like the Prisma client, so that dev-server reloads share one fit.
const cache = globalThis as unknown as { tuneboardPredictContext?: { version: string; loaded: Promise<LoadedContext> } };

/**
 * The catalog, the efficiency fit and the quality model, refitted only when the data version changes: logging
 * or editing a run with MT-Bench, MMLU or throughput refits on the next request. Concurrent requests share
 * one refit.
 */
export async function loadPredictContext(): Promise<LoadedContext> {
  const version = await readDataVersion();
  const cached = cache.tuneboardPredictContext;
  if (cached?.version === version) return cached.loaded;
  const loaded = buildContext(version);
  cache.tuneboardPredictContext = { version, loaded };
  loaded.catch(() => {
    if (cache.tuneboardPredictContext?.loaded === loaded) cache.tuneboardPredictContext = undefined;
  });
  return loaded;
}
