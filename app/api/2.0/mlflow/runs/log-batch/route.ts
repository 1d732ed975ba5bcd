import { logBatchRequest, runIdOf } from "@/lib/mlflow/requests";
import { logMlflowBatch } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/log-batch – MLflow LogBatch: up to 1,000 metrics, 100 params, 100 tags, 1 MB
export const POST = mlflowRoute("write", logBatchRequest, (input) => logMlflowBatch(runIdOf(input), input));
