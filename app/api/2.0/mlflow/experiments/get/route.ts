import { experimentIdRequest } from "@/lib/mlflow/requests";
import { getMlflowExperiment } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// GET /api/2.0/mlflow/experiments/get – MLflow GetExperiment
export const GET = mlflowRoute("read", experimentIdRequest, (input) => getMlflowExperiment(input.experiment_id));
