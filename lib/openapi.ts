// The OpenAPI 3.1 document, generated from the same zod schemas the handlers parse with, so the two cannot drift.
import { z } from "zod";
import { claimListQuerySchema, errorSchema, exportQuerySchema } from "@/lib/schemas/common";
import {
  metricPointsSchema, metricQuerySchema, runBatchSchema, runCreateSchema, runDetailSchema, runListQuerySchema,
  runPageSchema, runPatchSchema, runSchema,
} from "@/lib/schemas/run";

type JsonSchema = Record<string, unknown>;

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
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: json(schema, "input") } } });
const ok = (description: string, schema?: JsonSchema) => ({ description, ...(schema ? { content: { "application/json": { schema } } } : {}) });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const listOf = (schema: JsonSchema) => ({ type: "object", properties: { items: { type: "array", items: schema } }, required: ["items"] });

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Tuneboard API",
      version: "0.1.0",
      description:
        "Fine-tuning runs (full, LoRA, QLoRA) and the benchmark tables they were read from. Errors are always " +
        "{ error: { code, message, issues? } } with one issue per bad field. Memory is in GB (1e9 bytes).",
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/runs": {
        get: { summary: "List runs", parameters: queryParameters(runListQuerySchema), responses: { 200: ok("A page of runs", ref("RunPage")), ...errors(400) } },
        post: {
          summary: "Create a run",
          requestBody: body(runCreateSchema),
          responses: { 201: ok("Created", ref("Run")), 200: ok("A run with this externalId already exists; it is returned unchanged", ref("Run")), ...errors(400, 422) },
        },
      },
      "/api/runs/batch": {
        post: { summary: "Create up to 1,000 runs, all or nothing", requestBody: body(runBatchSchema), responses: { 201: ok("Created", listOf(ref("Run"))), ...errors(400, 422) } },
      },
      "/api/runs/{id}": {
        parameters: [idParameter],
        get: { summary: "One run with its source cells", responses: { 200: ok("The run", ref("RunDetail")), ...errors(404) } },
        patch: { summary: "Change fields of a run (null clears a field)", requestBody: body(runPatchSchema), responses: { 200: ok("Updated", ref("Run")), ...errors(400, 404, 409, 422) } },
        delete: { summary: "Delete a run", responses: { 204: ok("Deleted"), ...errors(404) } },
      },
      "/api/runs/{id}/metrics": {
        parameters: [idParameter],
        get: { summary: "Metric history by key", parameters: queryParameters(metricQuerySchema), responses: { 200: ok("Series"), ...errors(400, 404) } },
        post: { summary: "Append metric points", requestBody: body(metricPointsSchema), responses: { 201: ok("Written"), ...errors(400, 404, 422) } },
      },
      "/api/sources": { get: { summary: "Sources with their tables", responses: { 200: ok("Sources") } } },
      "/api/sources/{id}": { parameters: [idParameter], get: { summary: "A source with every table cell verbatim", responses: { 200: ok("Source"), ...errors(404) } } },
      "/api/claims": { get: { summary: "Claims with each source's answer", parameters: queryParameters(claimListQuerySchema), responses: { 200: ok("Claims"), ...errors(400) } } },
      "/api/claims/{id}": { parameters: [idParameter], get: { summary: "One claim, sources side by side", responses: { 200: ok("Claim"), ...errors(404) } } },
      "/api/models": { get: { summary: "Base-model catalog", responses: { 200: ok("Models") } } },
      "/api/hardware": { get: { summary: "GPU catalog", responses: { 200: ok("Hardware") } } },
      "/api/export": {
        get: {
          summary: "Every run with its source, as CSV or JSON",
          parameters: queryParameters(exportQuerySchema),
          responses: { 200: { description: "Export", content: { "application/json": {}, "text/csv": {} } }, ...errors(400) },
        },
      },
      "/api/openapi.json": { get: { summary: "This document", responses: { 200: ok("OpenAPI 3.1 document") } } },
    },
    components: {
      schemas: {
        Run: json(runSchema),
        RunDetail: json(runDetailSchema),
        RunPage: json(runPageSchema),
        Error: json(errorSchema),
      },
    },
  };
}
