// Tuneboard records in the shape of MLflow's entities (mlflow/protos/service.proto: Run, RunInfo, RunData,
// Experiment, Metric), as the Python client's parse_dict reads them. Times are epoch milliseconds; metric values
// that are not finite go out as "NaN" / "Infinity" / "-Infinity", as protobuf's JSON printer writes doubles.
import { encodeMetricValue } from "@/lib/compare/metric-values";
import type { MlflowRunStatus } from "./requests";

export type TuneboardRunStatus = "planned" | "running" | "completed" | "failed" | "reported";

/** MLflow status → Tuneboard status: FAILED and KILLED both end a run as failed. */
export const STATUS_FROM_MLFLOW: Record<MlflowRunStatus, TuneboardRunStatus> = {
  RUNNING: "running",
  SCHEDULED: "planned",
  FINISHED: "completed",
  FAILED: "failed",
  KILLED: "failed",
};

export const STATUS_TO_MLFLOW: Record<TuneboardRunStatus, MlflowRunStatus> = {
  running: "RUNNING",
  planned: "SCHEDULED",
  completed: "FINISHED",
  failed: "FAILED",
  reported: "FINISHED",
};

/** The run-name tag MLflow keeps beside run_name (Lightning sends only the tag). */
export const RUN_NAME_TAG = "mlflow.runName";
export const USER_TAG = "mlflow.user";

/** Where a run's artifacts live, as MLflow's proxied artifact store names them (served under /api/2.0/mlflow-artifacts). */
export const artifactUriFor = (experimentId: string, runId: string) => `mlflow-artifacts:/${experimentId}/${runId}/artifacts`;
export const experimentArtifactLocation = (experimentId: string) => `mlflow-artifacts:/${experimentId}`;

export type RunRecord = {
  id: string;
  name: string;
  status: TuneboardRunStatus;
  experimentId: string;
  userId: string;
  startTime: number;
  endTime: number | null;
  deleted: boolean;
};

export type MetricRecord = { key: string; value: number; timestamp: number; step: number };
export type MlflowMetric = { key: string; value: number | string; timestamp: number; step: number };

export const toMlflowMetric = (metric: MetricRecord): MlflowMetric => ({ key: metric.key, value: encodeMetricValue(metric.value), timestamp: metric.timestamp, step: metric.step });

export function toRunInfo(run: RunRecord) {
  return {
    run_id: run.id,
    run_uuid: run.id,
    run_name: run.name,
    experiment_id: run.experimentId,
    user_id: run.userId,
    status: STATUS_TO_MLFLOW[run.status],
    start_time: run.startTime,
    ...(run.endTime !== null ? { end_time: run.endTime } : {}),
    artifact_uri: artifactUriFor(run.experimentId, run.id),
    lifecycle_stage: run.deleted ? "deleted" : "active",
  };
}
export type MlflowRunInfo = ReturnType<typeof toRunInfo>;

/** A whole run: info plus the latest value of each metric, every param and every key tag (mlflow.runName included). */
export function toRun(run: RunRecord, data: { metrics: MetricRecord[]; params: Map<string, string>; tags: Map<string, string> }) {
  const tags = new Map(data.tags);
  tags.set(RUN_NAME_TAG, run.name);
  const pairs = (map: Map<string, string>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
  return {
    info: toRunInfo(run),
    data: { metrics: data.metrics.map(toMlflowMetric), params: pairs(data.params), tags: pairs(tags) },
    inputs: {},
  };
}

export type ExperimentRecord = { id: string; name: string; archivedAt: string | null; createdAt: string; updatedAt: string; tags: Record<string, string> };

export function toExperiment(experiment: ExperimentRecord) {
  return {
    experiment_id: experiment.id,
    name: experiment.name,
    artifact_location: experimentArtifactLocation(experiment.id),
    lifecycle_stage: experiment.archivedAt ? "deleted" : "active",
    creation_time: Date.parse(experiment.createdAt),
    last_update_time: Date.parse(experiment.updatedAt),
    tags: Object.entries(experiment.tags).map(([key, value]) => ({ key, value })),
  };
}
