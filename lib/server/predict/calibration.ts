import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  BYTES_PER_GB, DEFAULT_EFFICIENCY, estimateMemoryBytes, type HeldOutSummary, median, memoryOptionsOf, type MetricModel, OBSERVATION_DEFAULT_SEQ_LEN, predictThroughput,
  rangeErrorPct, resolveArchitecture, type EfficiencyFit, type EfficiencyPoint,
} from "@/lib/predict";
import {
  type CalibrationResponse, type CalibrationRow, type ErrorStats, type IgnoredRunEntry, type MeasuredEvaluationResponse, predictConfigSchema, predictInputFromRun, type QualityFitSummary,
  type RunConfigFields,
} from "@/lib/schemas/predict";
import { ATTENTION_IMPLEMENTATIONS, FRAMEWORKS, METHODS, OPTIMIZERS, PRECISIONS, QUANTIZATIONS, type Run, SHARDING } from "@/lib/schemas/run";
import { isPostgres } from "@/lib/server/db/client";
import { readRows } from "@/lib/server/db/raw-read";
import { measurementSources } from "@/seed/measurements";
import { loadMeasuredEvaluation, loadPredictContext, withoutIndex } from "./context";

/** Logged runs the calibration reads, newest first (every reference run is read): enough for the statistics, small enough to draw. */
export const MAX_CALIBRATION_LOGGED_RUNS = 500;
/** Sequence length a memory prediction assumes when a run records none: the contract's default. */
const MEMORY_DEFAULT_SEQ_LEN = 2048;

type CalibrationSqlRow = {
  id: string; name: string; method: string; modelId: string; sourceId: string | null; hardwareId: string | null; rank: unknown; loraDropout: unknown;
  targetModules: string | null; quantization: string; doubleQuant: unknown; precision: string | null; gpuCount: unknown; batchSize: unknown;
  seqLen: unknown; gradientCheckpointing: unknown; attention: string | null; sharding: string | null; optimizer: string | null; datasetSize: unknown; epochs: unknown; peakMemoryGb: unknown;
  peakMemoryGbMin: unknown; peakMemoryGbMax: unknown; throughputSamplesPerSec: unknown; throughputTokensPerSec: unknown;
  framework: string | null; packing: unknown; chunkedLoss: unknown; activationOffloading: unknown; torchCompile: unknown; optimizerInBackward: unknown; masterWeights: unknown;
};

const COLUMN_NAMES = [
  "id", "name", "method", "modelId", "sourceId", "hardwareId", "rank", "loraDropout", "targetModules", "quantization", "doubleQuant", "precision", "gpuCount",
  "batchSize", "seqLen", "gradientCheckpointing", "attention", "sharding", "optimizer", "datasetSize", "epochs", "peakMemoryGb", "peakMemoryGbMin", "peakMemoryGbMax",
  "throughputSamplesPerSec", "throughputTokensPerSec", "framework", "packing", "chunkedLoss", "activationOffloading", "torchCompile", "optimizerInBackward", "masterWeights",
] as const;
const COLUMNS = Prisma.raw(COLUMN_NAMES.map((name) => `r."${name}"`).join(", "));
// Measured outcomes of a live (not soft-deleted, not rejected in review) run on a catalogued model that did not run out of memory.
const MEASURED = Prisma.sql`r."deletedAt" IS NULL AND r."reviewStatus" <> 'rejected' AND r."modelId" IS NOT NULL AND r."oom" = FALSE
  AND (r."peakMemoryGb" IS NOT NULL OR r."peakMemoryGbMin" IS NOT NULL
  OR (r."hardwareId" IS NOT NULL AND (r."throughputSamplesPerSec" IS NOT NULL OR r."throughputTokensPerSec" IS NOT NULL)))`;

/** COLLATE "C" on PostgreSQL: text compared byte by byte, as SQLite compares it by default. */
const bytewise = isPostgres ? Prisma.raw(`COLLATE "C"`) : Prisma.empty;

async function findMeasuredRuns(runId: string | undefined): Promise<CalibrationSqlRow[]> {
  if (runId !== undefined) return readRows<CalibrationSqlRow>(Prisma.sql`SELECT ${COLUMNS} FROM "Run" r WHERE ${MEASURED} AND r."id" = ${runId}`);
  const [reference, logged] = await Promise.all([
    // Names in bytewise order on both engines (PostgreSQL's default collation orders by language rules).
    readRows<CalibrationSqlRow>(Prisma.sql`SELECT ${COLUMNS} FROM "Run" r WHERE ${MEASURED} AND r."sourceId" IS NOT NULL ORDER BY r."name" ${bytewise}, r."id"`),
    // withoutIndex: walk the (createdAt, id) index for the newest rows instead of sorting every logged run (see context.ts).
    readRows<CalibrationSqlRow>(
      Prisma.sql`SELECT ${COLUMNS} FROM "Run" r WHERE ${MEASURED} AND ${withoutIndex(Prisma.sql`r."sourceId"`)} IS NULL ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${MAX_CALIBRATION_LOGGED_RUNS}`,
    ),
  ]);
  return [...logged, ...reference];
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const bool = (value: unknown): boolean | null => (value === null || value === undefined ? null : Boolean(Number(value)));
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => ((values as readonly (string | null)[]).includes(value) ? (value as T) : null);

function toRunConfig(row: CalibrationSqlRow): RunConfigFields | null {
  const method = oneOf(METHODS, row.method);
  if (!method) return null;
  return {
    method,
    modelId: row.modelId,
    rank: num(row.rank),
    loraDropout: num(row.loraDropout),
    targetModules: row.targetModules ? (JSON.parse(row.targetModules) as NonNullable<Run["targetModules"]>) : null,
    quantization: oneOf(QUANTIZATIONS, row.quantization) ?? "none",
    doubleQuant: bool(row.doubleQuant) ?? false,
    precision: oneOf(PRECISIONS, row.precision),
    hardware: row.hardwareId,
    gpuCount: num(row.gpuCount),
    batchSize: num(row.batchSize),
    seqLen: num(row.seqLen),
    gradientCheckpointing: bool(row.gradientCheckpointing),
    attention: oneOf(ATTENTION_IMPLEMENTATIONS, row.attention),
    sharding: oneOf(SHARDING, row.sharding),
    optimizer: oneOf(OPTIMIZERS, row.optimizer),
    datasetSize: num(row.datasetSize),
    epochs: num(row.epochs),
    // How the run trained: what it does not record, its framework's defaults supply (and predictInputFromRun says so).
    framework: oneOf(FRAMEWORKS, row.framework),
    packing: bool(row.packing),
    chunkedLoss: bool(row.chunkedLoss),
    activationOffloading: bool(row.activationOffloading),
    torchCompile: bool(row.torchCompile),
    optimizerInBackward: bool(row.optimizerInBackward),
    masterWeights: bool(row.masterWeights),
  };
}

/**
 * The efficiency the fit would give this run without its own measurement: the median of the other runs on the
 * same GPU and method, else on the same GPU, else the default. So no run predicts itself.
 */
function leaveOneOutFit(points: readonly EfficiencyPoint[], runId: string, hardwareId: string, method: Run["method"]): EfficiencyFit {
  const others = points.filter((point) => point.runId !== runId && point.hardwareId === hardwareId);
  const sameMethod = others.filter((point) => point.method === method).map((point) => point.efficiency);
  const group = (values: number[]) => (values.length ? { efficiency: median(values), count: values.length } : undefined);
  const exact = group(sameMethod);
  const hardware = group(others.map((point) => point.efficiency));
  return {
    points: [],
    byHardwareMethod: exact ? { [`${hardwareId}|${method}`]: exact } : {},
    byHardware: hardware ? { [hardwareId]: hardware } : {},
    defaultEfficiency: DEFAULT_EFFICIENCY,
    ignored: [],
  };
}

function summarize(model: MetricModel | null): QualityFitSummary | null {
  if (!model) return null;
  return { runs: model.points.length, leaveOneOutRmse: model.looRmse, nearestFolds: model.nearestFolds };
}

const percentError = (predicted: number, measured: number) => ((predicted - measured) / measured) * 100;

export function errorStats(errorsPct: readonly number[]): ErrorStats {
  if (errorsPct.length === 0) return { count: 0, mapePct: null, medianAbsPct: null, biasPct: null };
  const absolute = errorsPct.map(Math.abs);
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { count: errorsPct.length, mapePct: mean(absolute), medianAbsPct: median(absolute), biasPct: mean(errorsPct) };
}

const SOURCE_TITLES = new Map(measurementSources.map((source) => [source.id, source.title]));

function toQuantity(summary: HeldOutSummary): MeasuredEvaluationResponse["memory"] {
  return {
    overall: summary.overall,
    bySource: summary.bySource.map((row) => ({ ...row, title: SOURCE_TITLES.get(row.sourceId) ?? row.sourceId })),
    upperBounds: summary.upperBounds,
    outOfMemory: summary.outOfMemory,
    interval: { lowFactor: Math.exp(summary.interval.p10), highFactor: Math.exp(summary.interval.p90), n: summary.interval.n, sources: summary.interval.sources },
  };
}

/** The published measurements, each source predicted by a calibration fitted on the others (lib/predict/measured.ts). */
export function getMeasuredEvaluation(): MeasuredEvaluationResponse {
  const evaluation = loadMeasuredEvaluation();
  const inside = new Map<string, boolean | null>();
  for (const summary of [evaluation.memory, evaluation.throughput]) for (const row of summary.marked) inside.set(`${row.quantity}|${row.id}`, row.isInsideInterval ?? null);
  const { memory, throughput } = evaluation.calibration;
  return {
    sources: measurementSources.map((source) => ({ id: source.id, title: source.title })),
    memory: toQuantity(evaluation.memory),
    throughput: toQuantity(evaluation.throughput),
    rows: evaluation.residuals.map((row) => ({
      id: row.id, name: row.name, sourceId: row.sourceId, quantity: row.quantity, unit: row.quantity === "memory" ? "GB" : "tokens/s", predicted: row.predicted,
      measured: row.measured, kind: row.kind, isConsistent: row.isConsistent, isInsideInterval: inside.get(`${row.quantity}|${row.id}`) ?? null,
    })),
    unpredicted: evaluation.unpredicted,
    fitted: {
      overheadFixedGb: memory.overheadFixedBytes / BYTES_PER_GB,
      overheadFraction: memory.overheadFraction,
      measureFactors: memory.measureFactors,
      efficiencyRows: throughput.efficiency?.n ?? 0,
    },
    notes: [
      "Each source (one original document) is predicted by a calibration fitted on all the other sources, never by a random split: rows of one table share their script, measure and GPU.",
      "For the same reason every source counts once in a fit, however many rows its table has: a row weighs 1 / its source's rows.",
      "The 80 % interval of a held-out source comes from the other sources' residuals only; coverage is the share of its measurements that fell inside.",
      "Memory is per GPU in GB (1e9 bytes; GiB figures converted); a total over GPUs is divided by their count. Throughput is tokens/s over all the row's GPUs; samples/s become tokens/s with the tokens a sample really had (see each source's sequence lengths).",
      "\"Fits in X\" rows are upper bounds (a violation only when the prediction exceeds X) and rows that ran out of memory should be predicted above the card: both are checked, neither is fitted. Estimates are never used as measurements.",
    ],
  };
}

/**
 * Predicted against measured memory (points and stated ranges) and throughput, per run, with error statistics;
 * with runId, that run's rows only (the run page's "Predicted vs measured").
 */
export async function getCalibration(options: { runId?: string } = {}): Promise<CalibrationResponse> {
  const [{ context }, measured] = await Promise.all([loadPredictContext(), findMeasuredRuns(options.runId)]);
  const rows: CalibrationRow[] = [];
  for (const sqlRow of measured) {
    const run = toRunConfig(sqlRow);
    if (!run) continue;
    const identity = { runId: sqlRow.id, name: sqlRow.name, method: run.method, modelId: sqlRow.modelId, hardwareId: sqlRow.hardwareId, sourceId: sqlRow.sourceId };

    const peak = num(sqlRow.peakMemoryGb);
    const low = num(sqlRow.peakMemoryGbMin);
    const memoryRequest = predictInputFromRun(run, { seqLen: MEMORY_DEFAULT_SEQ_LEN });
    const memoryConfig = memoryRequest && (peak !== null || low !== null) ? predictConfigSchema.safeParse({ ...memoryRequest.input, hardware: undefined }) : null;
    if (memoryRequest && memoryConfig?.success) {
      const { arch } = resolveArchitecture(memoryConfig.data, context.models);
      const predicted = estimateMemoryBytes(memoryConfig.data, arch, memoryOptionsOf(memoryConfig.data)).totalBytes / BYTES_PER_GB;
      const high = num(sqlRow.peakMemoryGbMax);
      const errorPct = peak !== null ? percentError(predicted, peak) : rangeErrorPct(predicted, low!, high);
      rows.push({
        ...identity, quantity: "memory", unit: "GB", predicted, measured: peak, measuredMin: peak === null ? low : null, measuredMax: peak === null ? high : null,
        errorPct, isInsideRange: peak === null ? errorPct === 0 : null, assumed: memoryRequest.assumed,
      });
    }

    const samples = num(sqlRow.throughputSamplesPerSec);
    const tokens = num(sqlRow.throughputTokensPerSec);
    const gpu = context.gpus.find((candidate) => candidate.id === sqlRow.hardwareId);
    // Throughput is predicted at the sequence length the efficiency fit assumed for the same run (512 when unrecorded).
    const throughputRequest = gpu && (samples !== null || tokens !== null) ? predictInputFromRun(run, { seqLen: OBSERVATION_DEFAULT_SEQ_LEN }) : null;
    const throughputConfig = throughputRequest ? predictConfigSchema.safeParse(throughputRequest.input) : null;
    if (gpu && throughputRequest && throughputConfig?.success) {
      const config = throughputConfig.data;
      const { arch } = resolveArchitecture(config, context.models);
      const fit = leaveOneOutFit(context.efficiency.points, sqlRow.id, gpu.id, run.method);
      const estimate = predictThroughput(arch, { ...config, tokensPerExample: config.tokensPerExample ?? config.seqLen }, gpu, fit);
      const [unit, predicted, value] = samples !== null ? (["samples/s", estimate.samplesPerSec, samples] as const) : (["tokens/s", estimate.tokensPerSec, tokens!] as const);
      if (value > 0) {
        rows.push({
          ...identity, quantity: "throughput", unit, predicted, measured: value, measuredMin: null, measuredMax: null,
          errorPct: percentError(predicted, value), isInsideRange: null, assumed: [...throughputRequest.assumed, `efficiency ${estimate.efficiencySource.replace(/^fitted: /, "")}, this run left out`],
        });
      }
    }
  }

  const memoryPoints = rows.filter((row) => row.quantity === "memory" && row.measured !== null);
  const memoryRanges = rows.filter((row) => row.quantity === "memory" && row.measured === null);
  const inside = memoryRanges.filter((row) => row.isInsideRange).length;
  const loggedCount = measured.filter((row) => row.sourceId === null).length;
  const ignored: IgnoredRunEntry[] = [...(context.qualityModel?.ignored ?? []), ...context.efficiency.ignored].filter(
    (run) => options.runId === undefined || run.runId === options.runId,
  );
  return {
    measured: options.runId === undefined ? getMeasuredEvaluation() : null,
    rows,
    stats: {
      memory: errorStats(memoryPoints.map((row) => row.errorPct)),
      throughput: errorStats(rows.filter((row) => row.quantity === "throughput").map((row) => row.errorPct)),
      memoryRanges: { count: memoryRanges.length, inside, outside: memoryRanges.length - inside },
    },
    quality: { mtBench: summarize(context.qualityModel?.mtBench ?? null), mmlu: summarize(context.qualityModel?.mmlu ?? null) },
    ignored,
    notes: [
      `Runs on a catalogued model that did not run out of memory and report peak memory or throughput: every reference run, and ${
        options.runId !== undefined ? `only run ${options.runId}` : loggedCount === 0 ? "no logged run yet" : loggedCount === MAX_CALIBRATION_LOGGED_RUNS ? `the newest ${MAX_CALIBRATION_LOGGED_RUNS} logged runs (there are more)` : `all ${loggedCount} logged run(s)`
      }.`,
      `Memory is predicted with the run's own configuration; what it does not record takes the contract's defaults (batch 1, sequence ${MEMORY_DEFAULT_SEQ_LEN}, no checkpointing, AdamW, bf16, r=16 on q_proj, v_proj), listed per run.`,
      "Peak memory stated as a range or a bound (\"24-32 GB\", \"84GB+\") is not a point: those runs count as inside or outside the range and stay out of the error statistics.",
      `Throughput is predicted leave-one-out: with the median efficiency of the other runs on the same GPU and method (else the same GPU, else the default ${DEFAULT_EFFICIENCY}), so no run predicts itself; an unrecorded sequence length is read as ${OBSERVATION_DEFAULT_SEQ_LEN}, as the efficiency fit reads it.`,
      "Errors are (predicted - measured) / measured: a positive bias means the estimator over-predicts.",
      "Runs rejected in review are left out here and of every fit. The fits also leave out an MMLU of 1 or less (a fraction where percent is stored) and outliers (beyond 3.5 robust standard deviations, 1.4826 x MAD, of what the other runs predict); each is listed under \"Runs the fits ignored\" with its reason.",
    ],
  };
}
