import { setExperimentTagRequest } from "@/lib/mlflow/requests";
import { setMlflowExperimentTag } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/experiments/set-experiment-tag – MLflow SetExperimentTag: sets or overwrites one tag
export const POST = mlflowRoute("write", setExperimentTagRequest, (input) => setMlflowExperimentTag(input.experiment_id, input.key, input.value));
