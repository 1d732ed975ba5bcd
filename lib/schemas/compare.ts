// Contracts of the comparison endpoints (GET /api/compare/*): the query each takes and the JSON each returns.
// Every endpoint takes the runs table's filters, so a chart shows the runs the runs table would list.
import { z } from "zod";
import { METHODS, maxPointsSchema, metricValueSchema, runListQuerySchema } from "@/lib/schemas/run";
import { GROUP_KEY_HELP, MAX_GROUP_FIELDS, MAX_GROUPS, groupByListSchema, groupIdentitySchema, outcomeStatsSchema } from "./groups";

/** The runs-table filters, without sorting or paging. */
export const compareFiltersSchema = runListQuerySchema.pick({
  method: true, model: true, hardware: true, source: true, evidence: true, experiment: true, tag: true, status: true, reviewStatus: true, baseline: true, rankMin: true, rankMax: true, q: true,
});
export type CompareFilters = z.output<typeof compareFiltersSchema>;

const method = z.enum(METHODS);

/** `groupBy=` on the grouped charts: draw each group's mean with error bars instead of its runs' points. */
const chartGroupBy = groupByListSchema
  .optional()
  .describe(`Comma-separated fields (at most ${MAX_GROUP_FIELDS}: ${GROUP_KEY_HELP}) to group the matching runs by; the answer adds \`groups\`, each over all its runs (not the sampled points)`);
const totalGroups = z.number().optional().describe(`With groupBy: groups in all; at most ${MAX_GROUPS} are listed, largest first`);

/** A measured point, a range, or a lower bound ("84GB+": max null) — as stored, never collapsed to one number. */
export const valueRangeSchema = z.object({
  value: z.number().nullable().describe("Measured or stated point value; null for a range or bound"),
  min: z.number().describe("Lower end (equals value for a point)"),
  max: z.number().nullable().describe("Upper end; null when open-ended"),
});
export type ValueRange = z.infer<typeof valueRangeSchema>;

export const provenanceSchema = z.object({
  runId: z.string(),
  runName: z.string(),
  sourceId: z.string().nullable(),
  sourceTitle: z.string().nullable(),
  cells: z.array(z.object({ field: z.string(), text: z.string(), tableTitle: z.string() })).describe("Verbatim source cells"),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/** GPU capacities drawn as vertical/horizontal reference lines (GB = 1e9 bytes, as marketed). */
export const GPU_CAPACITY_LINES = [
  { gb: 8, label: "8 GB (RTX 4060)" },
  { gb: 12, label: "12 GB (RTX 3060)" },
  { gb: 16, label: "16 GB (T4)" },
  { gb: 24, label: "24 GB (RTX 4090)" },
  { gb: 48, label: "48 GB (A6000 / L40S)" },
  { gb: 80, label: "80 GB (A100 / H100)" },
] as const;

/** What a chart point is: a claim (article, paper), a published measurement or estimate, or a logged run. */
export const POINT_ORIGINS = ["article", "paper", "measured", "estimate", "logged"] as const;
export type PointOrigin = (typeof POINT_ORIGINS)[number];

// ---------------------------------------------------------------------------------------------- 1
export const qualityMemoryQuerySchema = compareFiltersSchema.extend({
  metric: z.enum(["mtBench", "mmlu"]).default("mtBench").describe("Quality axis: MT-Bench (0–10) or MMLU (%)"),
  groupBy: chartGroupBy,
});
export const qualityMemoryGroupSchema = groupIdentitySchema.extend({
  memoryRangeCount: z.number().describe("Runs whose memory is a range or a bound: counted in the group, left out of x"),
  x: outcomeStatsSchema.describe("Peak memory per GPU (GB), measured points only"),
  y: outcomeStatsSchema.describe("The quality metric"),
});
export type QualityMemoryGroup = z.infer<typeof qualityMemoryGroupSchema>;
export const qualityMemoryPointSchema = z.object({
  id: z.string().describe("Stable point id (run id, or run ids joined with + when a source's memory and quality tables were paired)"),
  label: z.string(),
  method,
  modelName: z.string(),
  rank: z.number().nullable(),
  origin: z.enum(POINT_ORIGINS).describe("Marker shape: an article's or paper's claim, a published measurement, a published estimate, or a run logged by a user"),
  memoryGb: valueRangeSchema,
  quality: z.number(),
  isParetoOptimal: z.boolean(),
  provenance: z.array(provenanceSchema).describe("The run(s) the point was built from"),
});
export const qualityMemoryResponseSchema = z.object({
  metric: z.enum(["mtBench", "mmlu"]),
  points: z.array(qualityMemoryPointSchema),
  frontier: z.array(z.string()).describe("Point ids on the Pareto frontier (best quality for the memory), by memory ascending"),
  totalMatching: z.number().describe("Points before sampling; large sets are thinned to the frontier plus a spread sample"),
  gpuLines: z.array(z.object({ gb: z.number(), label: z.string() })),
  groups: z.array(qualityMemoryGroupSchema).optional().describe("With groupBy: the runs with both peak memory and the metric (not out of memory), grouped"),
  totalGroups,
});
export type QualityMemoryResponse = z.infer<typeof qualityMemoryResponseSchema>;

// ---------------------------------------------------------------------------------------------- 2
export const throughputResponseSchema = z.object({
  groups: z.array(
    z.object({
      hardwareId: z.string(),
      hardwareName: z.string(),
      method,
      runCount: z.number(),
      oomCount: z.number().describe("Runs of this hardware × method that ran out of memory"),
      samplesPerSec: z.number().nullable().describe("Median over runs that report it"),
      tokensPerSec: z.number().nullable().describe("Median over runs that report it"),
      runIds: z.array(z.string()),
    }),
  ),
});
export type ThroughputResponse = z.infer<typeof throughputResponseSchema>;

// ---------------------------------------------------------------------------------------------- 3
export const rankQualityQuerySchema = compareFiltersSchema.extend({ groupBy: chartGroupBy });
export const rankQualityGroupSchema = groupIdentitySchema.extend({
  x: outcomeStatsSchema.describe("LoRA rank r"),
  mmlu: outcomeStatsSchema,
  mtBench: outcomeStatsSchema,
});
export type RankQualityGroup = z.infer<typeof rankQualityGroupSchema>;
export const rankQualityResponseSchema = z.object({
  points: z.array(
    z.object({
      runId: z.string(),
      label: z.string(),
      method,
      modelName: z.string().describe("The base model: a rank sweep is drawn per model, so a line never jumps between models"),
      rank: z.number(),
      mmlu: z.number().nullable(),
      mtBench: z.number().nullable(),
      trainableParams: z.number().nullable(),
      sourceTitle: z.string().nullable(),
    }),
  ),
  fullFineTuning: z.array(
    z.object({ runId: z.string(), label: z.string(), mmlu: z.number().nullable(), mtBench: z.number().nullable(), trainableParams: z.number().nullable() }),
  ).describe("Full fine-tuning levels of the same sources and models, drawn as reference lines"),
  groups: z.array(rankQualityGroupSchema).optional().describe("With groupBy: the LoRA and QLoRA runs with a rank and MMLU or MT-Bench, grouped"),
  totalGroups,
});
export type RankQualityResponse = z.infer<typeof rankQualityResponseSchema>;

// ---------------------------------------------------------------------------------------------- 4
export const memoryBySizeResponseSchema = z.object({
  groups: z.array(
    z.object({
      sizeLabel: z.string().describe("Model size class, e.g. 7B"),
      params: z.number(),
      method,
      claims: z.array(
        z.object({
          sourceId: z.string().nullable(),
          sourceTitle: z.string().describe("Source title, or 'Logged runs' for runs logged by users (median)"),
          evidence: z.enum(["claim", "measured", "estimate", "logged"]).describe("An article's or paper's claim, a published measurement, a published estimate, or the logged runs' median; only claims can disagree"),
          memoryGb: valueRangeSchema,
          runIds: z.array(z.string()),
          cellText: z.string().nullable().describe("The verbatim cell, for a source's claim"),
        }),
      ),
      disagree: z.boolean().describe("Sources' claims for this size × method cannot all be true (disjoint ranges)"),
    }),
  ),
  gpuLines: z.array(z.object({ gb: z.number(), label: z.string() })),
});
export type MemoryBySizeResponse = z.infer<typeof memoryBySizeResponseSchema>;

// ---------------------------------------------------------------------------------------------- 5
export const TARGET_MODULE_SETS = ["q,v", "attention", "attention+mlp", "all-linear"] as const;
export const targetModulesResponseSchema = z.object({
  groups: z.array(
    z.object({
      set: z.enum(TARGET_MODULE_SETS),
      label: z.string(),
      trainableSharePct: valueRangeSchema.nullable().describe("Trainable parameters as % of the model"),
      qualityGainPct: valueRangeSchema.nullable().describe("Quality gain over q,v-only in %, as the source states it"),
      memoryText: z.string().nullable(),
      runIds: z.array(z.string()),
      cells: z.array(z.object({ field: z.string(), text: z.string() })),
    }),
  ),
});
export type TargetModulesResponse = z.infer<typeof targetModulesResponseSchema>;

// ---------------------------------------------------------------------------------------------- 6
export const MAX_COMPARED_RUNS = 6;
const runIdList = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((id) => id.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(200)).min(1, "name at least one run").max(MAX_COMPARED_RUNS, `at most ${MAX_COMPARED_RUNS} runs`));

export const lossCurvesQuerySchema = z.object({
  runIds: runIdList.describe("Comma-separated run ids (1–6)"),
  key: z.string().trim().min(1).max(100).default("train/loss"),
  maxPoints: maxPointsSchema.default(800).describe("Points per series after downsampling"),
});
export const lossCurvesResponseSchema = z.object({
  key: z.string(),
  series: z.array(
    z.object({
      runId: z.string(),
      runName: z.string(),
      method,
      totalPoints: z.number().describe("Points stored before downsampling"),
      points: z.array(z.object({ step: z.number(), value: metricValueSchema })),
    }),
  ),
});
export type LossCurvesResponse = z.infer<typeof lossCurvesResponseSchema>;

// ---------------------------------------------------------------------------------------------- 7
export const diffQuerySchema = z.object({
  ids: runIdList.pipe(z.array(z.string()).min(2, "select at least two runs")).describe("Comma-separated run ids (2–6)"),
});
export const diffResponseSchema = z.object({
  runs: z.array(z.record(z.string(), z.unknown())).describe("The runs, in the order asked for"),
  fields: z.array(
    z.object({
      field: z
        .string()
        .describe(
          'A run field, "param:<key>" / "tag:<key>" for a raw MLflow param or key-value tag (listed only where they differ), or "metric:<key>:best" / "metric:<key>" ' +
            "for a metric's best and last value (keys at least two runs logged, loss-like first, at most 10), each value { step, value } or null",
        ),
      label: z.string(),
      group: z.enum(["configuration", "outcome", "metrics", "params", "tags"]),
      values: z.array(z.unknown()),
      differs: z.boolean(),
      direction: z.enum(["min", "max"]).optional().describe("Metric rows: which end is best (loss: min; accuracy: max)"),
    }),
  ),
});
export type DiffResponse = z.infer<typeof diffResponseSchema>;
