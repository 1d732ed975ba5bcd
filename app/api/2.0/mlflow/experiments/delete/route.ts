import { experimentIdRequest } from "@/lib/mlflow/requests";
import { deleteMlflowExperiment } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/experiments/delete – MLflow DeleteExperiment: archives it (runs kept, restorable)
export const POST = mlflowRoute("write", experimentIdRequest, (input) => deleteMlflowExperiment(input.experiment_id));
