import { searchRunsRequest } from "@/lib/mlflow/requests";
import { searchMlflowRuns } from "@/lib/server/mlflow/search";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/search – MLflow SearchRuns: filter, order_by, max_results, page_token
export const POST = mlflowRoute("read", searchRunsRequest, (input) => searchMlflowRuns(input));
