// GET /api/runs/columns: the raw param, key-value tag and metric keys runs have logged, for the runs table's column
// chooser. Column ids themselves (param:<key>, tag:<key>, metric:<key>...) are lib/runs/columns.ts.
import { z } from "zod";

/** Runs are counted up to this many per key: counting is a walk of the key's index entries, so it stops there. */
export const RUN_KEY_COUNT_CAP = 1000;
/** Most keys listed per kind, most common first. */
export const MAX_LISTED_KEYS = 500;

export const runKeyCountSchema = z.object({
  key: z.string(),
  runs: z.number().describe(`Runs that logged the key, counted up to ${RUN_KEY_COUNT_CAP} (${RUN_KEY_COUNT_CAP} means that many or more); soft-deleted runs included in the count`),
});
export type RunKeyCount = z.infer<typeof runKeyCountSchema>;

export const runColumnKeysSchema = z.object({
  params: z.array(runKeyCountSchema).describe("Raw parameter keys (MLflow params), most common first"),
  tags: z.array(runKeyCountSchema).describe("Key-value tag keys (MLflow tags)"),
  metrics: z.array(runKeyCountSchema).describe("Metric keys"),
  countCap: z.number().describe("The cap of each count"),
  keyLimit: z.number().describe("Most keys listed per kind"),
});
export type RunColumnKeys = z.infer<typeof runColumnKeysSchema>;
