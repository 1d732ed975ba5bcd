import { searchExperimentsRequest } from "@/lib/mlflow/requests";
import { searchMlflowExperiments } from "@/lib/server/mlflow/experiments";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// GET /api/2.0/mlflow/experiments/search – MLflow SearchExperiments (query parameters)
export const GET = mlflowRoute("read", searchExperimentsRequest, (input) => searchMlflowExperiments(input));

// POST /api/2.0/mlflow/experiments/search – MLflow SearchExperiments (JSON body; what the Python client sends)
export const POST = mlflowRoute("read", searchExperimentsRequest, (input) => searchMlflowExperiments(input));
