import { runIdOf, setTagRequest } from "@/lib/mlflow/requests";
import { logMlflowBatch } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/set-tag – MLflow SetTag: sets or overwrites one key tag
export const POST = mlflowRoute("write", setTagRequest, (input) => logMlflowBatch(runIdOf(input), { metrics: [], params: [], tags: [input] }));
