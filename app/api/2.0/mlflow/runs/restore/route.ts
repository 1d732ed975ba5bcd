import { runIdOf, runRefRequest } from "@/lib/mlflow/requests";
import { restoreMlflowRun } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/restore – MLflow RestoreRun: admins only, as POST /api/runs/{id}/restore
export const POST = mlflowRoute("admin", runRefRequest, (input, { actor }) => restoreMlflowRun(runIdOf(input), { actorId: actor?.userId ?? null }));
