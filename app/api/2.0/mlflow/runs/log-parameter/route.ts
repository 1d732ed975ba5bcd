import { logParamRequest, runIdOf } from "@/lib/mlflow/requests";
import { logMlflowBatch } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/log-parameter – MLflow LogParam: write-once (the same value again is fine)
export const POST = mlflowRoute("write", logParamRequest, (input) => logMlflowBatch(runIdOf(input), { metrics: [], params: [input], tags: [] }));
