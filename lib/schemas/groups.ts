// The grouping vocabulary shared by GET /api/runs/groups and the grouped /compare charts (`groupBy=`): which
// fields runs can be grouped by, and an outcome's spread within a group. Apart from run-table.ts because
// compare.ts needs it too and run-table.ts imports compare.ts.
import { z } from "zod";

/**
 * Fields runs can be grouped by. Typed fields only (a group key is a column value, read by SQL's GROUP BY);
 * `param:<key>` groups by a raw parameter's verbatim value as well.
 */
export const GROUP_FIELDS = [
  "method", "modelName", "rank", "loraAlpha", "quantization", "precision", "hardware", "gpuCount", "framework", "optimizer", "batchSize",
  "gradientAccumulation", "seqLen", "learningRate", "epochs", "datasetName", "attention", "sharding", "gradientCheckpointing", "experiment", "source",
  "status", "reviewStatus",
] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];
/** Most fields one grouping may combine. */
export const MAX_GROUP_FIELDS = 4;
/** Most groups one answer lists, largest first; `totalGroups` says how many there were. */
export const MAX_GROUPS = 500;
/** Most run ids a group lists (GET /api/runs?ids= takes as many); `count` says how many runs it has. */
export const MAX_GROUP_IDS = 200;

export const GROUP_KEY_HELP = `${GROUP_FIELDS.join(", ")} or param:<key>`;
export const groupKeySchema = z.string().refine((id) => (GROUP_FIELDS as readonly string[]).includes(id) || /^param:[^,]{1,250}$/.test(id), {
  error: (issue) => `cannot group by ${JSON.stringify(issue.input)}: use ${GROUP_KEY_HELP}`,
});

/** 1–4 distinct group keys, comma-separated in a query string. */
export const groupByListSchema = z
  .preprocess((value) => (typeof value === "string" ? value.split(",").map((part) => part.trim()).filter(Boolean) : value), z.array(groupKeySchema))
  .pipe(
    z
      .array(z.string())
      .min(1, "name at least one field to group by")
      .max(MAX_GROUP_FIELDS, `at most ${MAX_GROUP_FIELDS} fields`)
      .refine((fields) => new Set(fields).size === fields.length, "name each field once"),
  );

/** An outcome's spread within a group; null fields when no run of the group has a value. */
export const outcomeStatsSchema = z.object({
  n: z.number().describe("Runs with a value"),
  mean: z.number().nullable(),
  std: z.number().nullable().describe("Sample standard deviation (n − 1); null below two values"),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type OutcomeStats = z.infer<typeof outcomeStatsSchema>;

export const groupKeyValueSchema = z.union([z.string(), z.number(), z.boolean()]).nullable();
export type GroupKeyValue = z.infer<typeof groupKeyValueSchema>;

/** What every group carries, on the runs page and on the charts. */
export const groupIdentitySchema = z.object({
  key: z.record(z.string(), groupKeyValueSchema).describe("The group's value of each grouped field (null: runs that have none)"),
  label: z.string().describe("The key as people read it, e.g. \"LoRA · r=8 · Llama 2 7B\""),
  keyLabels: z.record(z.string(), z.string()).describe("Each key value as people read it: \"r=8\"; hardware, experiments and sources by name"),
  count: z.number(),
  runIds: z.array(z.string()).describe(`The group's runs, newest first, at most ${MAX_GROUP_IDS} (GET /api/runs?ids=)`),
});
