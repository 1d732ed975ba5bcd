// Query-key factories: one per resource, so a mutation can invalidate exactly what it changed.
import type { RunListFilters } from "@/lib/runs/filters";
import type { ActivityQuery } from "@/lib/schemas/collab";
import type { CompareFilters, QualityMemoryResponse } from "@/lib/schemas/compare";
import type { PredictConfigInput, RecommendRequestInput, SweepRequestInput } from "@/lib/schemas/predict";

export const runKeys = {
  all: ["runs"] as const,
  lists: () => [...runKeys.all, "list"] as const,
  list: (filters: RunListFilters) => [...runKeys.lists(), filters] as const,
  /** Soft-deleted runs (admins); under lists() so that deleting or restoring a run refreshes it too. */
  deleted: () => [...runKeys.lists(), "deleted"] as const,
  detail: (id: string) => [...runKeys.all, "detail", id] as const,
  metrics: (id: string) => [...runKeys.all, "metrics", id] as const,
};

export const sourceKeys = {
  all: ["sources"] as const,
  detail: (id: string) => [...sourceKeys.all, id] as const,
};

export const claimKeys = {
  all: ["claims"] as const,
  list: (disagreeing: boolean) => [...claimKeys.all, "list", disagreeing] as const,
  detail: (id: string) => [...claimKeys.all, "detail", id] as const,
};

export const catalogKeys = {
  models: ["catalog", "models"] as const,
  hardware: ["catalog", "hardware"] as const,
};

/** Comparison aggregations: each keyed by the filters (and chart options) the server aggregates over. */
export const compareKeys = {
  all: ["compare"] as const,
  qualityMemory: (filters: CompareFilters, metric: QualityMemoryResponse["metric"]) => [...compareKeys.all, "quality-memory", filters, metric] as const,
  throughputByHardware: (filters: CompareFilters) => [...compareKeys.all, "throughput-by-hardware", filters] as const,
  rankQuality: (filters: CompareFilters) => [...compareKeys.all, "rank-quality", filters] as const,
  memoryBySize: (filters: CompareFilters) => [...compareKeys.all, "memory-by-size", filters] as const,
  targetModules: (filters: CompareFilters) => [...compareKeys.all, "target-modules", filters] as const,
  lossCurves: (runIds: string[], key: string, maxPoints: number) => [...compareKeys.all, "loss-curves", runIds, key, maxPoints] as const,
  diff: (ids: string[]) => [...compareKeys.all, "diff", ids] as const,
};

/** Predictions: keyed by the request itself, so an unchanged form reuses its answer. */
export const predictKeys = {
  all: ["predict"] as const,
  prediction: (input: PredictConfigInput) => [...predictKeys.all, "prediction", input] as const,
  sweep: (request: SweepRequestInput) => [...predictKeys.all, "sweep", request] as const,
  recommend: (request: RecommendRequestInput) => [...predictKeys.all, "recommend", request] as const,
  /** One run's rows are keyed by its updatedAt too, so an edited run is compared afresh. */
  calibration: (runId?: string, updatedAt?: string) => [...predictKeys.all, "calibration", runId ?? "all", updatedAt ?? null] as const,
};

/** Team review: a run's comments, review and history, the activity feed and saved views. */
export const collabKeys = {
  all: ["collab"] as const,
  comments: (runId: string) => [...collabKeys.all, "comments", runId] as const,
  review: (runId: string) => [...collabKeys.all, "review", runId] as const,
  histories: () => [...collabKeys.all, "history"] as const,
  history: (runId: string) => [...collabKeys.histories(), runId] as const,
  activities: () => [...collabKeys.all, "activity"] as const,
  activity: (filters: Omit<ActivityQuery, "cursor" | "limit">) => [...collabKeys.activities(), filters] as const,
  views: () => [...collabKeys.all, "views"] as const,
  people: () => [...collabKeys.all, "people"] as const,
};

/** Experiments: the list (with or without archived ones) and each experiment. */
export const experimentKeys = {
  all: ["experiments"] as const,
  list: (includeArchived: boolean) => [...experimentKeys.all, "list", includeArchived] as const,
  detail: (id: string) => [...experimentKeys.all, "detail", id] as const,
};
