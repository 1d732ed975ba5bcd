import { runIdOf, updateRunRequest } from "@/lib/mlflow/requests";
import { updateMlflowRun } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/update – MLflow UpdateRun: status, end_time, run_name
export const POST = mlflowRoute("write", updateRunRequest, (input, { actor }) => updateMlflowRun(runIdOf(input), input, { actorId: actor?.userId ?? null }));
