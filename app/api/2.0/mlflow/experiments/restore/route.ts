import { experimentIdRequest } from "@/lib/mlflow/requests";
import { restoreMlflowExperiment } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/experiments/restore – MLflow RestoreExperiment
export const POST = mlflowRoute("write", experimentIdRequest, (input) => restoreMlflowExperiment(input.experiment_id));
