import { getMetricHistoryRequest, runIdOf } from "@/lib/mlflow/requests";
import { getMlflowMetricHistory } from "@/lib/server/mlflow/history";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// GET /api/2.0/mlflow/metrics/get-history – MLflow GetMetricHistory: every point of one metric, paged by max_results / page_token
export const GET = mlflowRoute("read", getMetricHistoryRequest, (input) => getMlflowMetricHistory({ runId: runIdOf(input), metricKey: input.metric_key, maxResults: input.max_results, pageToken: input.page_token }));
