// Contracts of the runs table's summaries (issue 13): groups of runs with the spread of their outcomes
// (GET /api/runs/groups, and grouped points on /compare), and a run's metric summaries
// (GET /api/runs/{id}/metrics/summary). Column ids and their grammar live in lib/runs/columns.ts.
import { z } from "zod";
import { compareFiltersSchema } from "./compare";
import { NON_FINITE_VALUES } from "./run";

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

const GROUP_KEY_HELP = `${GROUP_FIELDS.join(", ")} or param:<key>`;
export const groupKeySchema = z.string().refine((id) => (GROUP_FIELDS as readonly string[]).includes(id) || /^param:[^,]{1,250}$/.test(id), {
  error: (issue) => `cannot group by ${JSON.stringify(issue.input)}: use ${GROUP_KEY_HELP}`,
});

const groupByList = z
  .preprocess((value) => (typeof value === "string" ? value.split(",").map((part) => part.trim()).filter(Boolean) : value), z.array(groupKeySchema))
  .pipe(
    z
      .array(z.string())
      .min(1, "name at least one field to group by")
      .max(MAX_GROUP_FIELDS, `at most ${MAX_GROUP_FIELDS} fields`)
      .refine((fields) => new Set(fields).size === fields.length, "name each field once"),
  );

/** Outcomes every group summarises. Memory counts measured points only; ranges and bounds are counted apart. */
export const GROUP_OUTCOMES = ["peakMemoryGb", "throughputSamplesPerSec", "throughputTokensPerSec", "mtBench", "mmlu", "trainLoss", "evalLoss", "wallTimeSec", "costUsd"] as const;
export type GroupOutcome = (typeof GROUP_OUTCOMES)[number];

/** GET /api/runs/groups: the runs-table filters plus the grouping. */
export const runGroupsQuerySchema = compareFiltersSchema.extend({
  by: groupByList.describe(`Comma-separated fields to group by (at most ${MAX_GROUP_FIELDS}): ${GROUP_KEY_HELP}`),
});
export type RunGroupsQuery = z.output<typeof runGroupsQuerySchema>;

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

export const runGroupSchema = z.object({
  key: z.record(z.string(), groupKeyValueSchema).describe("The group's value of each grouped field (null: runs that have none)"),
  label: z.string().describe("The key as people read it, e.g. \"LoRA · r=8 · Llama 2 7B\""),
  count: z.number(),
  oomCount: z.number().describe("Runs of the group that ran out of memory"),
  memoryRangeCount: z.number().describe("Runs whose memory is a range or a bound, left out of peakMemoryGb's statistics"),
  outcomes: z.record(z.enum(GROUP_OUTCOMES), outcomeStatsSchema),
  runIds: z.array(z.string()).describe(`The group's runs, newest first, at most ${MAX_GROUP_IDS} (GET /api/runs?ids=)`),
});
export type RunGroup = z.infer<typeof runGroupSchema>;

export const runGroupsResponseSchema = z.object({
  by: z.array(z.string()),
  groups: z.array(runGroupSchema),
  totalGroups: z.number(),
  totalRuns: z.number(),
});
export type RunGroupsResponse = z.infer<typeof runGroupsResponseSchema>;

// ------------------------------------------------------------------------------------------ metric summaries

const metricValue = z.union([z.number(), z.enum(NON_FINITE_VALUES)]);
const stepValue = z.object({ step: z.number(), value: metricValue });

/** GET /api/runs/{id}/metrics/summary?step= */
export const metricSummaryQuerySchema = z.object({
  step: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(1e9, "must be at most 1000000000").optional().describe("Also give each metric's value at this step (or the nearest step before it)"),
});

export const metricSummarySchema = z.object({
  key: z.string(),
  count: z.number().describe("Points logged"),
  direction: z.enum(["min", "max"]).describe("Which end is best, from the metric's name (loss: min; accuracy: max)"),
  first: stepValue,
  last: stepValue,
  min: stepValue.nullable().describe("Smallest finite value and its step; null when none is finite"),
  max: stepValue.nullable(),
  best: stepValue.nullable().describe("min or max by direction"),
  at: stepValue.nullable().optional().describe("With ?step=: the value at that step or the nearest before it; null when the metric starts later"),
});
export type MetricSummary = z.infer<typeof metricSummarySchema>;

export const metricSummaryResponseSchema = z.object({ runId: z.string(), items: z.array(metricSummarySchema) });
export type MetricSummaryResponse = z.infer<typeof metricSummaryResponseSchema>;
