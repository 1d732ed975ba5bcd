import { z } from "zod";
import { compareFiltersSchema } from "./compare";
import { runListQuerySchema } from "./run";

/** Route params of /api/<resource>/{id}. */
export const idParamsSchema = z.object({ id: z.string().trim().min(1, "must not be empty").max(200, "is too long") });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/**
 * GET /api/export query: the runs table's filters (the same parameters as GET /api/runs, without sorting or
 * paging) and the format. Runs come oldest first, streamed page by page, however many there are.
 */
export const exportQuerySchema = compareFiltersSchema.extend({
  format: z
    .enum(["csv", "json"])
    .default("json")
    .describe('csv: one line per run, text cells beginning with = + - @ tab or CR prefixed with \' (CSV injection); json: {"items":[...]}'),
  columns: runListQuerySchema.shape.columns.describe(
    "The runs table's columns (same ids as GET /api/runs?columns=). CSV: exactly these columns in this order after the run id, headed by their ids; " +
      "JSON: each run also gets `values` for the param, tag and metric columns. Left out: every field, as before.",
  ),
});
export type RunExportQuery = z.output<typeof exportQuerySchema>;
export type RunExportFormat = RunExportQuery["format"];
export type RunExportFilters = Omit<RunExportQuery, "format" | "columns">;
export const claimListQuerySchema = z.object({
  disagreeing: z.enum(["true", "false"]).optional().describe("true: only claims on which sources contradict each other"),
});
