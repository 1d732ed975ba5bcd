// The OpenAPI 3.1 document, generated from the same zod schemas the handlers parse with, so the two cannot drift.
import { z } from "zod";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/body";
import { formatBytes } from "@/lib/format-bytes";
import { claimListQuerySchema, errorSchema, exportQuerySchema } from "@/lib/schemas/common";
import {
  compareFiltersSchema, diffQuerySchema, diffResponseSchema, lossCurvesQuerySchema, lossCurvesResponseSchema, memoryBySizeResponseSchema,
  qualityMemoryQuerySchema, qualityMemoryResponseSchema, rankQualityQuerySchema, rankQualityResponseSchema, targetModulesResponseSchema, throughputResponseSchema,
} from "@/lib/schemas/compare";
import {
  MAX_BATCH_BODY_BYTES, MAX_METRIC_BODY_BYTES, metricPointsSchema, metricQuerySchema, metricSeriesResponseSchema, runBatchSchema, runCreateSchema, runDetailSchema, runListQuerySchema,
  runPageSchema, runPatchSchema, runSchema,
} from "@/lib/schemas/run";
import {
  calibrationQuerySchema, calibrationResponseSchema, predictConfigSchema, predictionSchema, recommendRequestSchema, recommendResponseSchema, sweepRequestSchema,
  sweepResponseSchema,
} from "@/lib/schemas/predict";

import {
  REVIEW_STATUSES, activityQuerySchema, runDeletedQuerySchema, commentCreateSchema, commentPatchSchema, commentSchema, reviewPutSchema, reviewSchema, runEventPageSchema,
  personSchema, savedViewCreateSchema, savedViewSchema,
} from "@/lib/schemas/collab";
import { artifactListSchema, mlflowListArtifactsQuerySchema } from "@/lib/schemas/artifact";
import { experimentCreateSchema, experimentListQuerySchema, experimentPatchSchema, experimentSchema } from "@/lib/schemas/experiment";
import { hardwareCreateSchema, hardwarePriceUpdateSchema, modelCreateSchema } from "@/lib/schemas/catalog-input";
import { importRequestSchema, importResultSchema, MAX_IMPORT_BODY_BYTES } from "@/lib/schemas/import";
import { MLFLOW_PERMISSIONS, mlflowOpenApiPaths } from "@/lib/mlflow/openapi";
import { metricSummaryQuerySchema, metricSummaryResponseSchema, runGroupsQuerySchema, runGroupsResponseSchema } from "@/lib/schemas/run-table";
import { runColumnKeysSchema } from "@/lib/schemas/run-columns";
import {
  apiTokenInfoSchema, createdTokenSchema, meSchema, passwordChangeSchema, signInSchema, tokenCreateSchema, userCreateSchema, userPatchSchema, userSchema,
} from "@/lib/schemas/auth";

type JsonSchema = Record<string, unknown>;

const COMMENT_NOTE =
  "html is the body rendered from Markdown: raw HTML is escaped and only http(s), mailto and relative links are kept, so it is safe to insert as is. " +
  "@username of an existing person becomes a link to /activity?user=<username>; other @names stay text.";

/**
 * Who may call an operation; tests/api/permissions.test.ts reads it from every operation.
 * public-read: anyone, unless TUNEBOARD_PUBLIC_READS=false (then any signed-in role); member / admin: that role
 * or higher, by session cookie or Bearer token; owner-or-admin: a member acting on a record they own (their
 * comment, saved view or token), or an admin on anyone's; signed-in: any role, acting on their own account;
 * self: anyone (sign-in, sign-out, me act on the caller only).
 */
export const PERMISSIONS = ["public-read", "signed-in", "member", "owner-or-admin", "admin", "self"] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const WRITE_METHODS = ["post", "put", "patch", "delete"] as const;
const SIGNED_IN = [{ bearerAuth: [] }, { sessionCookie: [] }] as const;
const SECURITY: Record<Permission, readonly object[]> = {
  "public-read": [{}, ...SIGNED_IN],
  "signed-in": SIGNED_IN,
  member: SIGNED_IN,
  "owner-or-admin": SIGNED_IN,
  admin: SIGNED_IN,
  self: [{}, { sessionCookie: [] }],
};

type Operation = Record<string, unknown>;
type PathItem = Record<string, unknown>;

/** Stamps x-permission and security on each operation of a path item; read-only computations stay public-read. */
function withPermissions(paths: Record<string, PathItem>, overrides: Record<string, Permission> = {}): Record<string, PathItem> {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => {
          if (method === "parameters") return [method, operation];
          const permission = overrides[`${method.toUpperCase()} ${path}`] ?? ((WRITE_METHODS as readonly string[]).includes(method) ? "member" : "public-read");
          const security = SECURITY[permission];
          const statuses = permission === "self" ? [] : permission === "public-read" || permission === "signed-in" ? [401] : [401, 403];
          const op = operation as Operation;
          // Every body is read through a byte cap and a strict schema: 413 beyond the cap, 422 on an unknown field.
          const bodyErrors = op.requestBody ? { ...errors(400, 422), 413: { ...errors(413)["413"], description: "Payload too large: the body exceeds the cap in requestBody.description" } } : {};
          return [method, { ...op, security, "x-permission": permission, responses: { ...(op.responses as object), ...bodyErrors, ...errors(...statuses) } }];
        }),
      ),
    ]),
  );
}

/**
 * Team review (issue #5): only admins restore runs. Editing or deleting a comment, a saved view or a token needs
 * its owner or an admin: another member gets 403 (tests/api/permissions.test.ts checks each such operation).
 */
const COLLAB_PERMISSIONS: Record<string, Permission> = {
  "POST /api/runs/{id}/restore": "admin",
  "PATCH /api/comments/{id}": "owner-or-admin",
  "DELETE /api/comments/{id}": "owner-or-admin",
  "DELETE /api/views/{id}": "owner-or-admin",
  "DELETE /api/tokens/{id}": "owner-or-admin",
};
const OWNER_OR_ADMIN = "Its owner (the comment's author, the view's or token's owner) or an admin only: another member gets 403 and nothing changes.";

/** POSTs that compute an answer and store nothing: treated as reads. */
const PERMISSION_OVERRIDES: Record<string, Permission> = {
  "POST /api/predict": "public-read",
  "POST /api/predict/sweep": "public-read",
  "POST /api/recommend": "public-read",
  "POST /api/auth/sign-in": "self",
  "POST /api/auth/sign-out": "self",
  "POST /api/auth/password": "signed-in",
  "GET /api/auth/me": "self",
  "GET /api/openapi.json": "self",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "POST /api/hardware": "admin",
  "PATCH /api/hardware/{id}": "admin",
  "POST /api/models": "admin",
  "PATCH /api/users/{id}": "admin",
  // Tokens carry their owner's role, so viewers have them too: with TUNEBOARD_PUBLIC_READS=false a script needs one to read.
  "GET /api/tokens": "signed-in",
  "POST /api/tokens": "signed-in",
  ...COLLAB_PERMISSIONS,
  ...MLFLOW_PERMISSIONS,
};

const json = (schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

/** Query-string parameters from an object schema, one per property. */
function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const document = json(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(document.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: document.required?.includes(name) ?? false,
    description: property.description,
    schema: property,
  }));
}

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } };
/** A JSON request body: strict (additionalProperties false, an unknown field is a 422) and capped at maxBytes. */
const body = (schema: z.ZodType, maxBytes = MAX_JSON_BODY_BYTES) => ({
  required: true,
  description: `JSON of at most ${formatBytes(maxBytes)} (${maxBytes} bytes); a larger body is a 413 before it is read further. An unknown field is a 422 naming it.`,
  "x-max-bytes": maxBytes,
  content: { "application/json": { schema: json(schema, "input") } },
});
const ok = (description: string, schema?: JsonSchema) => ({ description, ...(schema ? { content: { "application/json": { schema } } } : {}) });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const listOf = (schema: JsonSchema) => ({ type: "object", properties: { items: { type: "array", items: schema } }, required: ["items"] });
const FILTERS_NOTE = "Takes the runs table's filters (GET /api/runs), so it aggregates the runs that list would show.";
const compare = (summary: string, description: string, query: z.ZodObject, response: string, statuses = [400]) => ({
  get: { summary, description, parameters: queryParameters(query), responses: { 200: ok(summary, ref(response)), ...errors(...statuses) } },
});

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Tuneboard API",
      version: "0.1.0",
      description:
        "Fine-tuning runs (full, LoRA, QLoRA) and the benchmark tables they were read from. Errors are always " +
        "{ error: { code, message, issues? } } with one issue per bad field. Request bodies are strict: an unknown field is a 422 " +
          "naming it (and the field it may mean, e.g. r → rank); a body over its cap (1 MB unless the operation says more) is a 413 " +
          "payload_too_large. Memory is in GB (1e9 bytes).",
    },
    servers: [{ url: "/" }],
    paths: withPermissions({
      "/api/runs": {
        get: { summary: "List runs", parameters: [...queryParameters(runListQuerySchema), ...queryParameters(runDeletedQuerySchema)], responses: { 200: ok("A page of runs", ref("RunPage")), ...errors(400) } },
        post: {
          summary: "Create a run",
          requestBody: body(runCreateSchema),
          description: "An externalId that belongs to a soft-deleted run is a 409 naming that run; an admin can restore it.",
          responses: { 201: ok("Created", ref("Run")), 200: ok("A run with this externalId already exists; it is returned unchanged", ref("Run")), ...errors(400, 409, 422) },
        },
      },
      "/api/runs/columns": {
        get: {
          summary: "Param, tag and metric keys to choose table columns from",
          description:
            "Every raw parameter key, key-value tag key and metric key that a live run has logged, with how many runs have it (counted up to countCap), most common " +
            "first, at most keyLimit per kind. Each becomes a column id for GET /api/runs?columns= and GET /api/export?columns=: param:<key>, tag:<key>, metric:<key>.",
          responses: { 200: ok("Keys by kind", json(runColumnKeysSchema)) },
        },
      },
      "/api/runs/groups": {
        get: {
          summary: "The filtered runs grouped, with each outcome's mean, std, min and max",
          description:
            "Takes the runs table's filters (GET /api/runs) and by: 1–4 fields (or param:<key>, a raw parameter's verbatim value). Per group: count, OOM runs, and " +
            "for each outcome n, mean, sample standard deviation, min and max over the runs that record it. Peak memory uses measured points only; runs with a " +
            "range or bound are counted in memoryRangeCount. At most 500 groups, largest first (totalGroups has them all), each with up to 200 run ids, newest " +
            "first, for GET /api/runs?ids=. Soft-deleted runs never count.",
          parameters: queryParameters(runGroupsQuerySchema),
          responses: { 200: ok("Groups, largest first", json(runGroupsResponseSchema)), ...errors(400) },
        },
      },
      "/api/runs/batch": {
        post: { summary: "Create up to 1,000 runs, all or nothing", requestBody: body(runBatchSchema, MAX_BATCH_BODY_BYTES), responses: { 201: ok("Created", listOf(ref("Run"))), ...errors(400, 409, 422) } },
      },
      "/api/import": {
        post: {
          summary: "Import a run from the files training wrote",
          description:
            "files: adapter_config.json (PEFT LoRA), trainer_state.json (Hugging Face Trainer: the whole log_history as metrics), a model's config.json (adds the " +
            "model to the catalog), torchtune recipe or Axolotl YAML; several files make one run. dryRun: true answers with the preview and writes nothing. " +
            "runId imports into that run (parameters are write-once). A bad file is a 422 whose issue path names it (files.1.content). With " +
            "Accept: application/x-ndjson the answer is a stream of {type: progress, written, total} lines and a final {type: done, result} or {type: error, error}.",
          requestBody: body(importRequestSchema, MAX_IMPORT_BODY_BYTES),
          responses: { 201: ok("Run created", json(importResultSchema)), 200: ok("Preview (dryRun), run updated, or model added", json(importResultSchema)), ...errors(400, 404, 409, 422) },
        },
      },
      "/api/runs/{id}": {
        parameters: [idParameter],
        get: { summary: "One run with its source cells", responses: { 200: ok("The run", ref("RunDetail")), ...errors(404) } },
        patch: { summary: "Change fields of a run (null clears a field)", requestBody: body(runPatchSchema), responses: { 200: ok("Updated", ref("Run")), ...errors(400, 404, 409, 422) } },
        delete: { summary: "Delete a run", responses: { 204: ok("Deleted"), ...errors(404) } },
      },
      "/api/runs/{id}/metrics": {
        parameters: [idParameter],
        get: {
          summary: "Metric history by key",
          description: "Every point with its time, or with maxPoints each series downsampled on the server (LTTB, first and last kept; no times) as the run page draws it.",
          parameters: queryParameters(metricQuerySchema),
          responses: { 200: ok("Series", json(metricSeriesResponseSchema)), ...errors(400, 404) },
        },
        post: {
          summary: "Append metric points",
          description:
            "Up to 10,000 points. value is a number or a non-finite value of a diverged run: NaN, Infinity and -Infinity are accepted as the strings " +
            '"NaN", "Infinity", "-Infinity" and also as the bare tokens Python\'s json.dumps writes ({"value": NaN}), on this endpoint only.',
          requestBody: body(metricPointsSchema, MAX_METRIC_BODY_BYTES),
          responses: { 201: ok("Written"), ...errors(400, 404, 422) },
        },
      },
      "/api/runs/{id}/metrics/summary": {
        parameters: [idParameter],
        get: {
          summary: "Each metric's last, min, max and best, with their steps",
          description:
            "One item per metric key: points logged, first and last (as logged, non-finite values spelled \"NaN\", \"Infinity\", \"-Infinity\"), min and max of the " +
            "finite values with the earliest step each was reached, and best (min for loss-like keys, max for accuracy and throughput). With step, also each " +
            "metric's value at that step or at the nearest step before it (null when the metric starts later).",
          parameters: queryParameters(metricSummaryQuerySchema),
          responses: { 200: ok("Summaries by key", json(metricSummaryResponseSchema)), ...errors(400, 404) },
        },
      },
      "/api/runs/{id}/artifacts": {
        parameters: [idParameter],
        get: {
          summary: "The run's artifacts",
          description: "Files uploaded through MLflow's artifact proxy (PUT /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>, up to 100 MB each), with size in bytes and sha256.",
          responses: { 200: ok("Artifacts by path", json(artifactListSchema)), ...errors(404) },
        },
      },
      // MLflow's artifact proxy (issue 10): bodies are a file's raw bytes, errors MLflow's { error_code, message }.
      "/api/2.0/mlflow-artifacts/artifacts/{path}": {
        parameters: [{ name: "path", in: "path", required: true, description: "<experiment>/<run>/artifacts/<file path>, '/'-separated, each segment percent-encoded", schema: { type: "string" } }],
        get: {
          tags: ["MLflow-compatible"],
          summary: "Download an artifact (always as an attachment)",
          description: "Without a path, GET /api/2.0/mlflow-artifacts/artifacts?path=<experiment>/<run>/artifacts/<folder> lists a folder: { files: [{ path: <name>, is_dir, file_size? }] }, {} when empty.",
          responses: { 200: { description: "The file's bytes", content: { "application/octet-stream": {} } }, ...errors(400, 404) },
        },
        put: {
          tags: ["MLflow-compatible"],
          summary: "Upload an artifact: the body is the file's raw bytes (any Content-Type), at most 100 MB (10^8 bytes)",
          description: "A larger body is a 413 and leaves nothing. A re-upload replaces the file. An adapter_config.json also records its keys as params peft.<key>.",
          responses: { 200: ok("{}"), ...errors(400, 404, 413) },
        },
      },
      "/api/2.0/mlflow/artifacts/list": {
        get: {
          tags: ["MLflow-compatible"],
          summary: "MLflow's ListArtifacts: a folder of a run's artifacts",
          parameters: queryParameters(mlflowListArtifactsQuerySchema),
          responses: { 200: ok("{ root_uri, files: [{ path, is_dir, file_size? }] } with paths from the run's artifact root"), ...errors(400, 404) },
        },
      },
      "/api/sources": {
        get: {
          summary: "Sources with their tables",
          description: "kind: article | paper | user | measurement (a training framework's own published benchmark table). url, repository, path and commit say where the original is (null when the source does not state it).",
          responses: { 200: ok("Sources") },
        },
      },
      "/api/sources/{id}": {
        parameters: [idParameter],
        get: {
          summary: "A source with every table cell verbatim",
          description: "With url, repository, path and commit of the original, runCount, estimateCount (runs the source publishes as estimates, never fitted) and, per cell, the runs read from it and whether one is an estimate.",
          responses: { 200: ok("Source"), ...errors(404) },
        },
      },
      "/api/claims": { get: { summary: "Claims with each source's answer", parameters: queryParameters(claimListQuerySchema), responses: { 200: ok("Claims"), ...errors(400) } } },
      "/api/claims/{id}": { parameters: [idParameter], get: { summary: "One claim, sources side by side", responses: { 200: ok("Claim"), ...errors(404) } } },
      "/api/models": {
        get: { summary: "Base-model catalog", responses: { 200: ok("Models") } },
        post: {
          summary: "Add a model from a Hugging Face config.json or from architecture fields",
          description:
            "Send config (the parsed config.json; id, hfId and name override what it says) or the architecture fields. totalParams is computed with the formula " +
            "the seeded counts are checked against. A mixture-of-experts or non-Llama-shaped config, or a missing field, is a 422 naming each problem; a taken id or hfId is a 409.",
          requestBody: body(modelCreateSchema),
          responses: { 201: ok("Created"), ...errors(400, 409, 422) },
        },
      },
      "/api/hardware": {
        get: { summary: "GPU catalog", responses: { 200: ok("Hardware") } },
        post: {
          summary: "Add a GPU to the catalog",
          description: "Memory in GB (1e9 bytes) as marketed, dense tensor TFLOP/s, bandwidth in GB/s, USD per GPU-hour. A taken id, or a name or alias that already means another GPU, is a 409.",
          requestBody: body(hardwareCreateSchema),
          responses: { 201: ok("Created"), ...errors(400, 409, 422) },
        },
      },
      "/api/hardware/{id}": {
        parameters: [idParameter],
        patch: { summary: "Update a GPU's hourly price and its source", requestBody: body(hardwarePriceUpdateSchema), responses: { 200: ok("Updated"), ...errors(400, 404, 422) } },
      },
      "/api/export": {
        get: {
          summary: "The runs matching the runs table's filters, with their sources, as CSV or JSON",
          description:
            "Takes the runs table's filters (GET /api/runs), so it exports the runs that list would show. Streamed in pages of 500 runs, oldest first," +
            " so any number of runs exports in bounded memory. " +
            "CSV text cells beginning with = + - @ tab or carriage return get a leading ' (OWASP CSV injection); numbers stay numbers.",
          parameters: queryParameters(exportQuerySchema),
          responses: { 200: { description: "Export", content: { "application/json": {}, "text/csv": {} } }, ...errors(400) },
        },
      },
      "/api/compare/quality-memory": compare(
        "Quality vs peak memory, with the Pareto frontier",
        `${FILTERS_NOTE} A point is a run that reports both (and did not run out of memory), or a source's memory and quality ` +
          "runs of one configuration paired (id = run ids joined with +). The frontier minimises memory (a range's lower end) and " +
          "maximises quality over every matching point; at most about 2,000 points come back: the frontier plus an even sample. With groupBy, " +
          "groups adds each group's memory (measured points only) and quality statistics over all matching runs that report both.",
        qualityMemoryQuerySchema,
        "QualityMemory",
      ),
      "/api/compare/throughput-by-hardware": compare(
        "Median throughput per GPU × method",
        `${FILTERS_NOTE} Counts runs that report a rate or ran out of memory; OOM runs are counted in oomCount, never as a rate. ` +
          "runIds lists up to 200 runs per group (runCount has them all).",
        compareFiltersSchema,
        "ThroughputByHardware",
      ),
      "/api/compare/rank-quality": compare(
        "LoRA rank vs MMLU and MT-Bench",
        `${FILTERS_NOTE} Every source's run, plus an even sample of logged runs up to 2,000 points; fullFineTuning holds the ` +
          "full fine-tuning runs of the same sources and models (filtered alike, except by method and rank). With groupBy, groups adds each group's " +
          "rank, MMLU and MT-Bench statistics over all matching runs.",
        rankQualityQuerySchema,
        "RankQuality",
      ),
      "/api/compare/memory-by-size": compare(
        "Peak memory per model size × method, source by source",
        `${FILTERS_NOTE} Each source's distinct values stay separate claims (ranges and "84GB+" bounds as such); logged runs ` +
          "are one claim, the median of their measured peaks, with up to 200 runIds. disagree: two sources' intervals are disjoint.",
        compareFiltersSchema,
        "MemoryBySize",
      ),
      "/api/compare/target-modules": compare(
        "Trainable share and quality gain per LoRA target-module set",
        `${FILTERS_NOTE} Read from the runs tagged target-modules or linked to a cell rating a module set; cells come back verbatim.`,
        compareFiltersSchema,
        "TargetModules",
      ),
      "/api/compare/loss-curves": compare(
        "Metric curves of up to six runs, downsampled",
        "Each series is reduced on the server with Largest-Triangle-Three-Buckets to maxPoints (first and last points kept); totalPoints is the stored count.",
        lossCurvesQuerySchema,
        "LossCurves",
        [400, 404],
      ),
      "/api/compare/diff": compare(
        "Two to six runs side by side",
        "The runs in the order given (as GET /api/runs/{id} without cells) and every configuration and outcome field, flagged where they differ.",
        diffQuerySchema,
        "RunDiff",
        [400, 404],
      ),
      // Prediction (issue #4): memory per GPU in GB = 1e9 bytes; fits, throughput, time, cost and quality on the latest fits.
      "/api/predict": {
        post: {
          summary: "Predict memory, fits, throughput, time, cost and quality for one configuration",
          description:
            "Field names follow the run schema; model takes a catalog id or Hugging Face id (or an explicit architecture). memory.totalGb is the peak " +
            "per GPU in GB (1e9 bytes), the sum of memory.breakdown; fits has one row per catalogued GPU. An unknown model or hardware is a 422 on that field.",
          requestBody: body(predictConfigSchema),
          responses: { 200: ok("The prediction with its reasoning", json(predictionSchema)), ...errors(400, 422) },
        },
      },
      "/api/predict/sweep": {
        post: {
          summary: "Vary one or two fields (rank, batchSize, seqLen, gpuCount) over a base configuration",
          description: "Every combination, at most 1,000 (more is a 422 on vary); each point has its memory, fit on the chosen hardware, throughput, time, cost and quality.",
          requestBody: body(sweepRequestSchema),
          responses: { 200: ok("One point per combination", json(sweepResponseSchema)), ...errors(400, 422) },
        },
      },
      "/api/recommend": {
        post: {
          summary: "Ranked configurations that fit the GPUs on hand",
          description: "Candidates from the seeded decision guide, rank and target-module tables, made to fit within 95% of the GPU, ranked by priority; each with its reasoning.",
          requestBody: body(recommendRequestSchema),
          responses: { 200: ok("Recommendations, best first", json(recommendResponseSchema)), ...errors(400, 422) },
        },
      },
      "/api/calibration": {
        get: {
          summary: "Predicted against measured peak memory and throughput over the runs, with error statistics",
          description: "Point measurements give signed % errors (MAPE, median, bias); stated ranges count as inside or outside. Throughput is predicted leave-one-out.",
          parameters: queryParameters(calibrationQuerySchema),
          responses: { 200: ok("Rows and statistics", json(calibrationResponseSchema)), ...errors(400) },
        },
      },
      "/api/openapi.json": { get: { summary: "This document (always public)", responses: { 200: ok("OpenAPI 3.1 document") } } },
      // Team review (issue #5): comments, review status, history, activity, saved views.
      "/api/runs/{id}/comments": {
        parameters: [idParameter],
        get: { summary: "A run's comments, oldest first", description: COMMENT_NOTE, responses: { 200: ok("Comments", listOf(json(commentSchema))), ...errors(404) } },
        post: { summary: "Comment on a run (Markdown; @username mentions)", description: COMMENT_NOTE, requestBody: body(commentCreateSchema), responses: { 201: ok("Created", json(commentSchema)), ...errors(400, 404, 422) } },
      },
      "/api/comments/{id}": {
        parameters: [idParameter],
        patch: { summary: "Edit a comment (its author or an admin)", description: OWNER_OR_ADMIN, requestBody: body(commentPatchSchema), responses: { 200: ok("Updated", json(commentSchema)), ...errors(400, 404, 422) } },
        delete: { summary: "Delete a comment (its author or an admin)", description: OWNER_OR_ADMIN, responses: { 204: ok("Deleted"), ...errors(404) } },
      },
      "/api/runs/{id}/review": {
        parameters: [idParameter],
        get: { summary: "Review status and baseline flag, with who changed them last", responses: { 200: ok("Review", json(reviewSchema)), ...errors(404) } },
        put: {
          summary: "Set the review status and/or baseline flag",
          description: `Statuses: ${REVIEW_STATUSES.join(", ")}. Each change is recorded in the run's history; an unchanged value records nothing.`,
          requestBody: body(reviewPutSchema),
          responses: { 200: ok("Review", json(reviewSchema)), ...errors(400, 404, 422) },
        },
      },
      "/api/runs/{id}/history": {
        parameters: [idParameter],
        get: {
          summary: "Every change to a run, oldest first",
          description:
            "kind created | updated (one event per changed field, old and new value) | status | baseline | deleted | restored | comment | comment_edited (old and new body) | comment_deleted (the body removed).",
          responses: { 200: ok("Events", json(runEventPageSchema)), ...errors(404) },
        },
      },
      "/api/runs/{id}/restore": {
        parameters: [idParameter],
        post: { summary: "Restore a soft-deleted run (admins)", responses: { 200: ok("Restored", ref("Run")), ...errors(404, 409) } },
      },
      "/api/people": {
        get: { summary: "Everyone's username and name, by name (no roles): the activity feed's person filter", responses: { 200: ok("People", listOf(json(personSchema))) } },
      },
      "/api/activity": {
        get: { summary: "Recent runs, comments and status changes across the team, newest first", parameters: queryParameters(activityQuerySchema), responses: { 200: ok("Events", json(runEventPageSchema)), ...errors(400) } },
      },
      "/api/views": {
        get: { summary: "Saved views, newest first", responses: { 200: ok("Views", listOf(json(savedViewSchema))) } },
        post: { summary: "Save a named view: a page and its URL state (filters, chart settings)", description: "Share it as /views/{id}, which redirects to url.", requestBody: body(savedViewCreateSchema), responses: { 201: ok("Created", json(savedViewSchema)), ...errors(400, 422) } },
      },
      "/api/views/{id}": {
        parameters: [idParameter],
        get: { summary: "One saved view", responses: { 200: ok("View", json(savedViewSchema)), ...errors(404) } },
        delete: { summary: "Delete a saved view (its owner or an admin)", description: OWNER_OR_ADMIN, responses: { 204: ok("Deleted"), ...errors(404) } },
      },
      // Experiments (issue 10): MLflow's experiment, W&B's project.
      "/api/experiments": {
        get: { summary: "Experiments by name, with run counts and last activity", parameters: queryParameters(experimentListQuerySchema), responses: { 200: ok("Experiments", listOf(ref("Experiment"))), ...errors(400) } },
        post: { summary: "Create an experiment", description: "Names are unique and case-sensitive (archived experiments keep theirs): a taken name is a 409.", requestBody: body(experimentCreateSchema), responses: { 201: ok("Created", ref("Experiment")), ...errors(400, 409, 422) } },
      },
      "/api/experiments/{id}": {
        parameters: [idParameter],
        get: { summary: "One experiment, archived or not", responses: { 200: ok("Experiment", ref("Experiment")), ...errors(404) } },
        patch: {
          summary: "Rename, describe, archive or restore an experiment",
          description: 'archived: true hides it from lists and refuses new runs in it (422 on experimentId); its runs stay. Default ("0") can be renamed, never archived (422). A taken name is a 409.',
          requestBody: body(experimentPatchSchema),
          responses: { 200: ok("Updated", ref("Experiment")), ...errors(400, 404, 409, 422) },
        },
      },
      // People, sessions and tokens (issue #5).
      "/api/auth/sign-in": {
        post: {
          summary: "Sign in with username and password",
          description:
            "Sets the tb_session cookie (HttpOnly, SameSite=Lax, 30 days). A wrong username or password is a 401; a disabled account with the right password a 403. The body must be Content-Type: application/json (400 otherwise) and a browser's cross-site request is a 403 (login CSRF). After 5 failures within 15 minutes from one client address the username is refused from that address for 5 minutes (429 with Retry-After), whatever the password; past 20 failures from all addresses together, addresses that never signed in to it get one attempt per 10 s.",
          requestBody: body(signInSchema),
          responses: { 200: ok("Signed in", { type: "object", properties: { user: ref("User") }, required: ["user"] }), ...errors(400, 401, 403, 422, 429) },
        },
      },
      "/api/auth/sign-out": { post: { summary: "End the session and clear its cookie", responses: { 204: ok("Signed out") } } },
      "/api/auth/password": {
        post: {
          summary: "Change your own password",
          description: "Any signed-in role. A wrong currentPassword is a 422 on that field. Your other sessions end; this one stays.",
          requestBody: body(passwordChangeSchema),
          responses: { 204: ok("Changed"), ...errors(400, 422) },
        },
      },
      "/api/auth/me": { get: { summary: "The signed-in user (null when signed out)", responses: { 200: ok("Who you are", json(meSchema)) } } },
      "/api/users": {
        get: { summary: "Every user", responses: { 200: ok("Users", listOf(ref("User"))) } },
        post: { summary: "Create a user with a role and an initial password", requestBody: body(userCreateSchema), responses: { 201: ok("Created", ref("User")), ...errors(400, 409, 422) } },
      },
      "/api/users/{id}": {
        parameters: [idParameter],
        patch: {
          summary: "Change a user's name, role or password, or disable them",
          description:
            "A new password ends the person's sessions. disabled: true refuses their sign-in, ends their sessions and makes their tokens answer 401 until disabled: false. The last enabled admin cannot be demoted or disabled, and nobody can disable themselves (409).",
          requestBody: body(userPatchSchema),
          responses: { 200: ok("Updated", ref("User")), ...errors(400, 404, 409, 422) },
        },
      },
      "/api/tokens": {
        get: { summary: "Your API tokens (prefix only, never the secret)", responses: { 200: ok("Tokens", listOf(ref("ApiToken"))) } },
        post: {
          summary: "Create a personal API token",
          description: "The secret comes back in this response only; it is stored as a sha256 hash. Send it as Authorization: Bearer <token>.",
          requestBody: body(tokenCreateSchema),
          responses: { 201: ok("Created", json(createdTokenSchema)), ...errors(400, 422) },
        },
      },
      "/api/tokens/{id}": {
        parameters: [idParameter],
        delete: { summary: "Revoke a token (your own; an admin may revoke any)", description: OWNER_OR_ADMIN, responses: { 200: ok("Revoked", ref("ApiToken")), ...errors(404) } },
      },
      // The MLflow-compatible tracking API (issue 10): lib/mlflow/openapi.ts.
      ...mlflowOpenApiPaths(),
    }, PERMISSION_OVERRIDES),
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token from POST /api/tokens or Settings → API tokens" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "tb_session", description: "Set by POST /api/auth/sign-in" },
      },
      schemas: {
        Run: json(runSchema),
        RunDetail: json(runDetailSchema),
        RunPage: json(runPageSchema),
        Error: json(errorSchema),
        QualityMemory: json(qualityMemoryResponseSchema),
        ThroughputByHardware: json(throughputResponseSchema),
        RankQuality: json(rankQualityResponseSchema),
        MemoryBySize: json(memoryBySizeResponseSchema),
        TargetModules: json(targetModulesResponseSchema),
        LossCurves: json(lossCurvesResponseSchema),
        RunDiff: json(diffResponseSchema),
        User: json(userSchema),
        ApiToken: json(apiTokenInfoSchema),
        Experiment: json(experimentSchema),
      },
    },
  };
}
