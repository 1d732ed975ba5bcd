// The MLflow-compatible operations for the OpenAPI document (lib/openapi.ts merges them in), generated from the
// same request schemas the routes parse with. Their bodies are MLflow's messages: unknown fields are ignored, not
// refused, and errors are MLflow's { error_code, message } (with Tuneboard's { error: { code, message } } beside).
import { z } from "zod";
import { MAX_REQUEST_BYTES } from "./limits";
import {
  createExperimentRequest, createRunRequest, deleteTagRequest, experimentIdRequest, getExperimentByNameRequest, getMetricHistoryBulkIntervalRequest,
  getMetricHistoryRequest, logBatchRequest, logMetricRequest, logParamRequest, runRefRequest, searchExperimentsRequest, searchRunsRequest,
  setExperimentTagRequest, setTagRequest, updateExperimentRequest, updateRunRequest,
} from "./requests";

export const MLFLOW_TAG = "MLflow-compatible";
export const MLFLOW_PREFIX = "/api/2.0/mlflow";

type Access = "public-read" | "member" | "admin";
type Op = { method: "get" | "post"; path: string; summary: string; schema: z.ZodType; access: Access; description?: string };

const ERROR_NOTE =
  "Errors are MLflow's { error_code, message } (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, " +
  "UNAUTHENTICATED 401, PERMISSION_DENIED 403; a body over 1 MB is a 413), with { error: { code, message } } beside them.";

const OPERATIONS: Op[] = [
  { method: "get", path: "experiments/get-by-name", summary: "Experiment by name (404 RESOURCE_DOES_NOT_EXIST when none)", schema: getExperimentByNameRequest, access: "public-read" },
  { method: "post", path: "experiments/create", summary: "Create an experiment (a taken name is RESOURCE_ALREADY_EXISTS, 400)", schema: createExperimentRequest, access: "member" },
  { method: "get", path: "experiments/get", summary: "Experiment by id", schema: experimentIdRequest, access: "public-read" },
  { method: "get", path: "experiments/search", summary: "Search experiments (filter on name, times, tags; view_type; pages)", schema: searchExperimentsRequest, access: "public-read" },
  { method: "post", path: "experiments/search", summary: "Search experiments, the request as JSON", schema: searchExperimentsRequest, access: "public-read" },
  { method: "post", path: "experiments/update", summary: "Rename an experiment", schema: updateExperimentRequest, access: "member" },
  { method: "post", path: "experiments/delete", summary: "Delete (archive) an experiment; Default cannot be deleted", schema: experimentIdRequest, access: "member" },
  { method: "post", path: "experiments/restore", summary: "Restore a deleted (archived) experiment", schema: experimentIdRequest, access: "member" },
  { method: "post", path: "experiments/set-experiment-tag", summary: "Set or overwrite an experiment tag", schema: setExperimentTagRequest, access: "member" },
  { method: "post", path: "runs/create", summary: "Create a run (name from run_name or the mlflow.runName tag; experiment 0 by default)", schema: createRunRequest, access: "member" },
  { method: "post", path: "runs/update", summary: "Update status (RUNNING → running, SCHEDULED → planned, FINISHED → completed, FAILED/KILLED → failed), end_time, run_name", schema: updateRunRequest, access: "member" },
  { method: "get", path: "runs/get", summary: "A run: info, the latest value of each metric, params and tags", schema: runRefRequest, access: "public-read" },
  { method: "post", path: "runs/delete", summary: "Soft-delete a run", schema: runRefRequest, access: "member" },
  { method: "post", path: "runs/restore", summary: "Restore a deleted run (admins, as POST /api/runs/{id}/restore)", schema: runRefRequest, access: "admin" },
  {
    method: "post", path: "runs/log-batch", summary: "Log up to 1,000 metrics, 100 params and 100 tags", schema: logBatchRequest, access: "member",
    description: "Params are write-once (the same value again is fine; another is INVALID_PARAMETER_VALUE). Tags overwrite. A metric point for a (key, step) already stored replaces it. NaN and ±Infinity are stored, also as bare tokens.",
  },
  { method: "post", path: "runs/log-metric", summary: "Log one metric point with its step and timestamp", schema: logMetricRequest, access: "member" },
  { method: "post", path: "runs/log-parameter", summary: "Log one param (write-once)", schema: logParamRequest, access: "member" },
  { method: "post", path: "runs/set-tag", summary: "Set or overwrite one run tag", schema: setTagRequest, access: "member" },
  { method: "post", path: "runs/delete-tag", summary: "Delete one run tag (RESOURCE_DOES_NOT_EXIST when absent)", schema: deleteTagRequest, access: "member" },
  {
    method: "post", path: "runs/search", summary: "Search runs", schema: searchRunsRequest, access: "public-read",
    description: "filter: clauses joined by AND on metrics.<key> (numbers), params.<key> and tags.<key> (quoted strings; =, !=, LIKE, ILIKE) and attributes run_id, run_name, status, user_id, start_time, end_time; keys with odd characters in backticks. order_by: '<entity>.<key> [ASC|DESC]'. Pages: max_results and page_token.",
  },
  { method: "get", path: "metrics/get-history", summary: "Every point of one metric of a run, paged by max_results and page_token", schema: getMetricHistoryRequest, access: "public-read" },
  { method: "get", path: "metrics/get-history-bulk-interval", summary: "One metric of up to 100 runs at a shared sample of at most max_results steps", schema: getMetricHistoryBulkIntervalRequest, access: "public-read" },
];

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const mlflowError = (description: string) => ({
  description,
  content: { "application/json": { schema: { type: "object", properties: { error_code: { type: "string" }, message: { type: "string" } }, required: ["error_code", "message"] } } },
});

/** Path items for the OpenAPI document, keyed by path. */
export function mlflowOpenApiPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const document = jsonSchema(op.schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    const request =
      op.method === "get"
        ? {
            parameters: Object.entries(document.properties ?? {}).map(([name, schema]) => ({
              name, in: "query", required: document.required?.includes(name) ?? false, schema, description: "A repeated field is sent as a repeated key",
            })),
          }
        : {
            requestBody: {
              required: true,
              description: `MLflow's request message as JSON, at most 1 MB (${MAX_REQUEST_BYTES} bytes); a larger body is a 413. Unknown fields are ignored, as MLflow ignores them.`,
              "x-max-bytes": MAX_REQUEST_BYTES,
              "x-unknown-fields": "ignored",
              content: { "application/json": { schema: document } },
            },
          };
    (paths[`${MLFLOW_PREFIX}/${op.path}`] ??= {})[op.method] = {
      tags: [MLFLOW_TAG],
      summary: op.summary,
      description: [op.description, ERROR_NOTE].filter(Boolean).join(" "),
      ...request,
      responses: { 200: { description: "MLflow's response message (a JSON object; {} when empty)" }, 400: mlflowError("INVALID_PARAMETER_VALUE or RESOURCE_ALREADY_EXISTS"), 404: mlflowError("RESOURCE_DOES_NOT_EXIST") },
    };
  }
  return paths;
}

/** Who may call each MLflow operation, in lib/openapi.ts's "<METHOD> <path>" form (reads that are POSTs included). */
export const MLFLOW_PERMISSIONS: Record<string, Access> = Object.fromEntries(
  OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${MLFLOW_PREFIX}/${op.path}`, op.access]),
);
