import { runIdOf, runRefRequest } from "@/lib/mlflow/requests";
import { getMlflowRun } from "@/lib/server/mlflow/records";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// GET /api/2.0/mlflow/runs/get – MLflow GetRun: info, latest value of each metric, params and tags
export const GET = mlflowRoute("read", runRefRequest, (input) => getMlflowRun(runIdOf(input)));
