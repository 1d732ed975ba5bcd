import { createExperimentRequest } from "@/lib/mlflow/requests";
import { createMlflowExperiment } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/experiments/create – MLflow CreateExperiment: a taken name is RESOURCE_ALREADY_EXISTS (400)
export const POST = mlflowRoute("write", createExperimentRequest, (input) => createMlflowExperiment(input));
