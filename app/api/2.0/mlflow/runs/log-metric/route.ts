import { logMetricRequest, runIdOf } from "@/lib/mlflow/requests";
import { logMlflowBatch } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/log-metric – MLflow LogMetric: one point with its own step and timestamp
export const POST = mlflowRoute("write", logMetricRequest, (input) => logMlflowBatch(runIdOf(input), { metrics: [input], params: [], tags: [] }));
