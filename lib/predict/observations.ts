// Observations for the fits from run records: the API's Run shape (lib/schemas/run.ts) passes as it is; seed
// runs map onto it. The caller loads the runs; these functions only select and convert.
import type { RunSeed } from "@/seed/types";
import { countParameters } from "./params";
import type { SourcedQualityObservation } from "./quality";
import type { Method, ModelArchitecture, TargetModule, ThroughputObservation, TrainingConfig } from "./types";

export type RunRecord = {
  id: string;
  name: string;
  method: Method;
  modelId?: string | null;
  modelParams?: number | null;
  rank?: number | null;
  targetModules?: readonly TargetModule[] | null;
  quantization?: TrainingConfig["quantization"] | null;
  precision?: TrainingConfig["precision"] | null;
  hardware?: string | null;
  gpuCount?: number | null;
  seqLen?: number | null;
  batchSize?: number | null;
  gradientCheckpointing?: boolean | null;
  oom?: boolean;
  throughputSamplesPerSec?: number | null;
  throughputTokensPerSec?: number | null;
  mtBench?: number | null;
  mmlu?: number | null;
  /** Team review status (draft, in_review, accepted, rejected, needs_rerun); the fits leave out `rejected` runs. */
  reviewStatus?: string | null;
  /** The document a reference run came from; null for a logged run. The quality intervals count sources, not cells. */
  sourceId?: string | null;
};

/** A seeded reference run as a RunRecord (the seed's field names differ slightly from the API's). */
export function runRecordFromSeed(run: RunSeed): RunRecord {
  return {
    id: run.externalId,
    name: run.name,
    method: run.method,
    modelId: run.modelId,
    rank: run.rank ?? null,
    targetModules: (run.targetModules as TargetModule[] | undefined) ?? null,
    quantization: run.quantization ?? null,
    precision: run.precision ?? null,
    hardware: run.hardwareId ?? null,
    gpuCount: run.gpuCount ?? null,
    gradientCheckpointing: run.gradientCheckpointing ?? null,
    oom: run.oom ?? false,
    throughputSamplesPerSec: run.throughputSamplesPerSec ?? null,
    mtBench: run.mtBench ?? null,
    mmlu: run.mmlu ?? null,
    sourceId: run.sourceId,
  };
}

function modelOf(run: RunRecord, models: readonly ModelArchitecture[]): { arch?: ModelArchitecture; params: number | null } {
  const arch = run.modelId ? models.find((m) => m.id === run.modelId) : undefined;
  return { arch, params: run.modelParams ?? (arch ? countParameters(arch).total : null) };
}

/** Runs on catalogued hardware that report samples/s or tokens/s and did not run out of memory. */
export function toThroughputObservations(runs: readonly RunRecord[], models: readonly ModelArchitecture[]): ThroughputObservation[] {
  return runs.flatMap((run): ThroughputObservation[] => {
    const samples = run.throughputSamplesPerSec ?? null;
    const tokens = run.throughputTokensPerSec ?? null;
    if (run.oom || !run.hardware || (samples === null && tokens === null)) return [];
    const { arch, params } = modelOf(run, models);
    if (params === null) return [];
    return [
      {
        runId: run.id,
        hardwareId: run.hardware,
        method: run.method,
        modelParams: params,
        ...(arch ? { arch } : {}),
        rank: run.rank ?? null,
        targetModules: run.targetModules ? [...run.targetModules] : null,
        quantization: run.quantization ?? null,
        precision: run.precision ?? null,
        gpuCount: run.gpuCount ?? null,
        seqLen: run.seqLen ?? null,
        batchSize: run.batchSize ?? null,
        gradientCheckpointing: run.gradientCheckpointing ?? null,
        samplesPerSec: samples,
        tokensPerSec: tokens,
        name: run.name,
        reviewStatus: run.reviewStatus ?? null,
      },
    ];
  });
}

/** Runs that report MT-Bench or MMLU and whose model size is known. */
export function toQualityObservations(runs: readonly RunRecord[], models: readonly ModelArchitecture[]): SourcedQualityObservation[] {
  return runs.flatMap((run): SourcedQualityObservation[] => {
    const mtBench = run.mtBench ?? null;
    const mmlu = run.mmlu ?? null;
    if (mtBench === null && mmlu === null) return [];
    const { params } = modelOf(run, models);
    if (params === null) return [];
    return [
      {
        runId: run.id,
        name: run.name,
        method: run.method,
        modelParams: params,
        rank: run.rank ?? null,
        targetModules: run.targetModules ? [...run.targetModules] : null,
        mtBench,
        mmlu,
        reviewStatus: run.reviewStatus ?? null,
        sourceId: run.sourceId ?? null,
      },
    ];
  });
}
