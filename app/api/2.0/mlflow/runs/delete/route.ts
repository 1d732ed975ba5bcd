import { runIdOf, runRefRequest } from "@/lib/mlflow/requests";
import { deleteMlflowRun } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/delete – MLflow DeleteRun: soft delete
export const POST = mlflowRoute("write", runRefRequest, (input, { actor }) => deleteMlflowRun(runIdOf(input), { actorId: actor?.userId ?? null }));
