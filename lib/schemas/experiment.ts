// Experiments: MLflow's experiment, W&B's project: a named group of runs. One set of zod schemas for the REST
// handlers, the /experiments page, the OpenAPI document and the tests.
import { z } from "zod";

/** MLflow's default experiment id: clients that name no experiment log to "0", and every older run lives there. */
export const DEFAULT_EXPERIMENT_ID = "0";

/** MLflow's limits (mlflow/utils/validation.py): experiment tag keys 250 characters, tag values 5,000. */
export const EXPERIMENT_NAME_MAX = 250;
export const EXPERIMENT_DESCRIPTION_MAX = 5_000;
export const EXPERIMENT_TAG_KEY_MAX = 250;
export const EXPERIMENT_TAG_VALUE_MAX = 5_000;

const name = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(EXPERIMENT_NAME_MAX, `must be at most ${EXPERIMENT_NAME_MAX} characters`)
  .describe("Unique, case-sensitive (as in MLflow)");
const description = z.string().max(EXPERIMENT_DESCRIPTION_MAX, `must be at most ${EXPERIMENT_DESCRIPTION_MAX} characters`);
export const experimentTagKeySchema = z.string().min(1, "must not be empty").max(EXPERIMENT_TAG_KEY_MAX, `must be at most ${EXPERIMENT_TAG_KEY_MAX} characters`);
export const experimentTagValueSchema = z.string().max(EXPERIMENT_TAG_VALUE_MAX, `must be at most ${EXPERIMENT_TAG_VALUE_MAX} characters`);

export const experimentCreateSchema = z.strictObject({
  name,
  description: description.nullable().optional(),
  tags: z.record(experimentTagKeySchema, experimentTagValueSchema).optional().describe("Key-value tags, MLflow's experiment tags"),
});
export type ExperimentCreate = z.output<typeof experimentCreateSchema>;

export const experimentPatchSchema = z
  .strictObject({
    name: name.optional(),
    description: description.nullable().optional().describe("null clears it"),
    archived: z.boolean().optional().describe('true archives (hidden from lists, refuses new runs, keeps its runs); false restores. Default ("0") cannot be archived'),
  })
  .refine((value) => value.name !== undefined || value.description !== undefined || value.archived !== undefined, { message: "send name, description or archived" });
export type ExperimentPatch = z.output<typeof experimentPatchSchema>;

export const experimentListQuerySchema = z.object({
  includeArchived: z.enum(["true", "false"]).optional().describe("true: archived experiments too"),
});

export const experimentSchema = z.object({
  id: z.string().describe('"0" is Default, where runs logged without an experiment go'),
  name: z.string(),
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  runCount: z.number().int().describe("Runs in it, deleted runs left out"),
  lastActivityAt: z.string().nullable().describe("The newest updatedAt or lastSeenAt of its runs; null when it has none"),
});
export type Experiment = z.infer<typeof experimentSchema>;

export const experimentListSchema = z.object({ items: z.array(experimentSchema) });
