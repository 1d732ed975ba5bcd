import { z } from "zod";

/** Route params of /api/<resource>/{id}. */
export const idParamsSchema = z.object({ id: z.string().trim().min(1, "must not be empty").max(200, "is too long") });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const exportQuerySchema = z.object({ format: z.enum(["csv", "json"]).default("json") });
export const claimListQuerySchema = z.object({
  disagreeing: z.enum(["true", "false"]).optional().describe("true: only claims on which sources contradict each other"),
});
