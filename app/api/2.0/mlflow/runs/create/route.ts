import { createRunRequest } from "@/lib/mlflow/requests";
import { createMlflowRun } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/create – MLflow CreateRun: name from run_name or the mlflow.runName tag; experiment "0" when none
export const POST = mlflowRoute("write", createRunRequest, (input, { actor }) => createMlflowRun(input, { actorId: actor?.userId ?? null }));
