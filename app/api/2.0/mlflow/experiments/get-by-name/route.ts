import { getExperimentByNameRequest } from "@/lib/mlflow/requests";
import { getMlflowExperimentByName } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// GET /api/2.0/mlflow/experiments/get-by-name – MLflow GetExperimentByName: an unknown name is a 404 RESOURCE_DOES_NOT_EXIST, which is how clients decide to create it
export const GET = mlflowRoute("read", getExperimentByNameRequest, (input) => getMlflowExperimentByName(input.experiment_name));
