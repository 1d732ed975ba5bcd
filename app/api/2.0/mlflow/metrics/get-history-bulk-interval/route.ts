import { getMetricHistoryBulkIntervalRequest } from "@/lib/mlflow/requests";
import { getMlflowMetricHistoryBulkInterval } from "@/lib/server/mlflow/history";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// GET /api/2.0/mlflow/metrics/get-history-bulk-interval – MLflow GetMetricHistoryBulkInterval: up to 100 runs at a shared sample of steps
export const GET = mlflowRoute("read", getMetricHistoryBulkIntervalRequest, (input) => getMlflowMetricHistoryBulkInterval(input));
