// Contracts of the runs table's summaries (issue 13): groups of runs with the spread of their outcomes
// (GET /api/runs/groups, and grouped points on /compare), and a run's metric summaries
// (GET /api/runs/{id}/metrics/summary). Column ids and their grammar live in lib/runs/columns.ts.
import { z } from "zod";
import { compareFiltersSchema } from "./compare";
import { GROUP_KEY_HELP, MAX_GROUP_FIELDS, MAX_GROUPS, groupByListSchema, groupIdentitySchema, outcomeStatsSchema } from "./groups";
import { NON_FINITE_VALUES } from "./run";

export { GROUP_FIELDS, type GroupField, MAX_GROUP_FIELDS, MAX_GROUPS, MAX_GROUP_IDS, groupKeySchema, outcomeStatsSchema, type OutcomeStats, groupKeyValueSchema } from "./groups";

/** Outcomes every group summarises. Memory counts measured points only; ranges and bounds are counted apart. */
export const GROUP_OUTCOMES = ["peakMemoryGb", "throughputSamplesPerSec", "throughputTokensPerSec", "mtBench", "mmlu", "trainLoss", "evalLoss", "wallTimeSec", "costUsd"] as const;
export type GroupOutcome = (typeof GROUP_OUTCOMES)[number];

/** GET /api/runs/groups: the runs-table filters plus the grouping. */
export const runGroupsQuerySchema = compareFiltersSchema.extend({
  by: groupByListSchema.describe(`Comma-separated fields to group by (at most ${MAX_GROUP_FIELDS}): ${GROUP_KEY_HELP}`),
});
export type RunGroupsQuery = z.output<typeof runGroupsQuerySchema>;

export const runGroupSchema = groupIdentitySchema.extend({
  oomCount: z.number().describe("Runs of the group that ran out of memory"),
  memoryRangeCount: z.number().describe("Runs whose memory is a range or a bound, left out of peakMemoryGb's statistics"),
  outcomes: z.record(z.enum(GROUP_OUTCOMES), outcomeStatsSchema).describe("Each outcome's statistics over the group's runs that record it"),
});
export type RunGroup = z.infer<typeof runGroupSchema>;

export const runGroupsResponseSchema = z.object({
  by: z.array(z.string()),
  groups: z.array(runGroupSchema),
  totalGroups: z.number().describe(`Groups in all; at most ${MAX_GROUPS} are listed, largest first`),
  totalRuns: z.number().describe("Runs matching the filters, in all groups"),
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
