// The request messages of MLflow's tracking service (mlflow/protos/service.proto, mlflow/mlflow at
// 0007c018091c370eac5bea5cc09038f0af736303) as zod schemas. Not strict: MLflow ignores fields it does not know, and
// newer clients send some this server has no use for. GET requests carry their fields as query parameters (a list
// as a repeated key), POSTs as JSON; int64 fields may arrive as numbers or as strings (proto3 JSON writes int64 as a
// string), doubles also as "NaN" / "Infinity" / "-Infinity" or as Python's bare NaN tokens (read in ./body.ts).
import { z } from "zod";
import { invalidParameter } from "./errors";
import { MAX_RESULTS_PER_RUN, MAX_RUNS_GET_METRIC_HISTORY_BULK } from "./limits";

const int64 = z
  .union([z.number().int(), z.string().trim().regex(/^[-+]?\d+$/, "must be an integer")], { error: "must be an integer" })
  .transform((value) => Number(value))
  .refine((value) => Number.isSafeInteger(value), "must be an integer within ±2^53");
const double = z
  .union([z.number(), z.string().trim().regex(/^([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|NaN|[-+]?Infinity|[-+]?inf)$/i, "must be a number")], { error: "must be a number" })
  .transform((value) => (typeof value === "number" ? value : /^[-+]?inf$/i.test(value) ? (value.startsWith("-") ? -Infinity : Infinity) : Number(value)));
const text = z.string({ error: "must be a string" });
/** A string field; numbers and booleans are taken as their text (a client that logs a param as 16 means "16"). */
const textish = z.union([z.string(), z.number(), z.boolean()], { error: "must be a string" }).transform((value) => String(value));
/** A repeated field: a GET with one value gives a string, with several an array. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((value) => (typeof value === "string" ? [value] : value), z.array(item));

const keyValue = z.object({ key: textish, value: textish.default("") });
export type KeyValue = z.output<typeof keyValue>;

/** run_id, or the deprecated run_uuid that older clients still send beside it. */
const runRef = { run_id: text.optional(), run_uuid: text.optional() };
const withRunId = <T extends { run_id?: string; run_uuid?: string }>(value: T, context: z.RefinementCtx) => {
  if (!value.run_id && !value.run_uuid) context.addIssue({ code: "custom", path: ["run_id"], message: "missing" });
};
export const runIdOf = (value: { run_id?: string; run_uuid?: string }): string => (value.run_id || value.run_uuid)!;

export const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;
/** ViewType as its name or its proto number (1, 2, 3). */
const viewType = z
  .union([z.enum(VIEW_TYPES), z.enum(["1", "2", "3"]), z.literal(1), z.literal(2), z.literal(3)], { error: `must be one of ${VIEW_TYPES.join(", ")}` })
  .transform((value) => (typeof value === "number" || /^\d$/.test(value) ? VIEW_TYPES[Number(value) - 1]! : (value as (typeof VIEW_TYPES)[number])));
export type ViewType = (typeof VIEW_TYPES)[number];

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export type MlflowRunStatus = (typeof RUN_STATUSES)[number];

export const getExperimentByNameRequest = z.object({ experiment_name: text });
export const createExperimentRequest = z.object({ name: text, artifact_location: text.optional(), tags: z.array(keyValue).optional() });
export const experimentIdRequest = z.object({ experiment_id: textish });
export const searchExperimentsRequest = z.object({
  max_results: int64.optional(),
  page_token: text.optional(),
  filter: text.optional(),
  order_by: list(text).optional(),
  view_type: viewType.optional(),
});
export const updateExperimentRequest = z.object({ experiment_id: textish, new_name: text.optional() });
export const setExperimentTagRequest = z.object({ experiment_id: textish, key: text, value: textish });

export const createRunRequest = z.object({
  experiment_id: textish.optional(),
  user_id: text.optional(),
  run_name: text.optional(),
  start_time: int64.optional(),
  tags: z.array(keyValue).optional(),
});
export const updateRunRequest = z
  .object({ ...runRef, status: z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(", ")}` }).optional(), end_time: int64.optional(), run_name: text.optional() })
  .superRefine(withRunId);
export const runRefRequest = z.object(runRef).superRefine(withRunId);

const metric = z.object({ key: text, value: double, timestamp: int64, step: int64.default(0) });
export type MetricInput = z.output<typeof metric>;
export const logBatchRequest = z
  .object({ ...runRef, metrics: z.array(metric).default([]), params: z.array(keyValue).default([]), tags: z.array(keyValue).default([]) })
  .superRefine(withRunId);
export const logMetricRequest = z.object({ ...runRef, key: text, value: double, timestamp: int64, step: int64.default(0) }).superRefine(withRunId);
export const logParamRequest = z.object({ ...runRef, key: text, value: textish }).superRefine(withRunId);
export const setTagRequest = z.object({ ...runRef, key: text, value: textish }).superRefine(withRunId);
export const deleteTagRequest = z.object({ ...runRef, key: text }).superRefine(withRunId);

export const searchRunsRequest = z.object({
  experiment_ids: list(textish).default([]),
  filter: text.optional(),
  run_view_type: viewType.optional(),
  max_results: int64.optional(),
  order_by: list(text).optional(),
  page_token: text.optional(),
});
export const getMetricHistoryRequest = z
  .object({ ...runRef, metric_key: text, max_results: int64.optional(), page_token: text.optional() })
  .superRefine(withRunId);
export const getMetricHistoryBulkIntervalRequest = z.object({
  run_ids: list(text)
    .refine((ids) => ids.length >= 1, "must name at least one run")
    .refine((ids) => ids.length <= MAX_RUNS_GET_METRIC_HISTORY_BULK, `GetMetricHistoryBulkInterval request must specify at most ${MAX_RUNS_GET_METRIC_HISTORY_BULK} run_ids.`),
  metric_key: text,
  start_step: int64.optional(),
  end_step: int64.optional(),
  max_results: int64.refine((n) => n >= 1 && n <= MAX_RESULTS_PER_RUN, `max_results must be between 1 and ${MAX_RESULTS_PER_RUN}.`).optional(),
});

/** A request's fields by the schema, or INVALID_PARAMETER_VALUE naming the first bad field in MLflow's words. */
export function parseMlflowRequest<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String).join(".") || "(body)";
  const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
  if (missing || issue.message === "missing") throw invalidParameter(`Missing value for required parameter '${path}'. See the API docs for more information about request parameters.`);
  throw invalidParameter(`Invalid value for parameter '${path}' supplied: ${issue.message}`);
}

/** Query parameters as an object: one value as a string, a repeated key as an array of its values. */
export function queryFields(url: string | URL): Record<string, string | string[]> {
  const params = new URL(url).searchParams;
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}
