import { updateExperimentRequest } from "@/lib/mlflow/requests";
import { renameMlflowExperiment } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/experiments/update – MLflow UpdateExperiment: rename
export const POST = mlflowRoute("write", updateExperimentRequest, (input) => renameMlflowExperiment(input.experiment_id, input.new_name));
