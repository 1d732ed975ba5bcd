// POST /api/import: files a training run already wrote (PEFT adapter_config.json, Hugging Face trainer_state.json, a
// model's config.json, torchtune or Axolotl recipe YAML) turned into one run, with a preview before anything is saved.
import { z } from "zod";
import { FRAMEWORKS } from "./run";

export const IMPORT_FILE_KINDS = ["adapter_config", "trainer_state", "model_config", "torchtune", "axolotl"] as const;

/** Files one import may combine into a run. */
export const MAX_IMPORT_FILES = 8;
/**
 * Byte cap of a POST /api/import body. A trainer_state.json of 100,000 log entries written as Trainer writes it
 * (json.dumps indent=2, sort_keys) is 16.1 MB, and 17.8 MB once escaped into the request's JSON string
 * (tests/unit/ingest-imports.test.ts builds it and checks it fits with room to spare).
 */
export const MAX_IMPORT_BODY_BYTES = 48_000_000;
/** Points written per transaction; the server yields between slices so other requests are served meanwhile. */
export const IMPORT_METRIC_SLICE = 10_000;

export const importRequestSchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        filename: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
        content: z.string().min(1, "the file is empty"),
      }),
    )
    .min(1, "send at least one file")
    .max(MAX_IMPORT_FILES, `at most ${MAX_IMPORT_FILES} files per import`),
  runId: z.string().trim().min(1).max(100).optional().describe("Import into this existing run instead of creating one"),
  experimentId: z.string().trim().min(1).max(100).optional().describe('Experiment of a new run; Default ("0") when left out'),
  name: z.string().trim().min(1).max(200).optional().describe("Name of a new run; derived from method, rank and model when left out"),
  model: z.string().trim().min(1).max(200).optional().describe("Base model when no file names it (or to override base_model_name_or_path)"),
  dryRun: z.boolean().default(false).describe("true: answer with the preview and write nothing"),
});
export type ImportRequest = z.output<typeof importRequestSchema>;

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  runId: z.string().nullable().describe("The run created or updated; null on a dry run of a new run, or for a config.json alone"),
  created: z.boolean().describe("A new run was (or, on a dry run, would be) created"),
  files: z.array(
    z.object({
      filename: z.string(),
      kind: z.enum(IMPORT_FILE_KINDS),
      framework: z.enum(FRAMEWORKS).nullable(),
      fieldsSet: z.array(z.string()),
      paramCount: z.number().int(),
      metricPoints: z.number().int(),
      warnings: z.array(z.string()),
    }),
  ),
  fields: z.record(z.string(), z.unknown()).describe("Run fields the import sets, by name (the run contract's names)"),
  from: z.record(z.string(), z.string()).describe('Where each field came from: "adapter_config.json: r"'),
  params: z.record(z.string(), z.string()).describe("Raw keys kept verbatim as the run's parameters"),
  tags: z.array(z.string()),
  metrics: z.object({
    points: z.number().int(),
    keys: z.array(z.object({ key: z.string(), points: z.number().int(), firstStep: z.number().int(), lastStep: z.number().int() })),
  }),
  model: z
    .object({ id: z.string(), hfId: z.string().nullable(), name: z.string(), totalParams: z.number(), status: z.enum(["added", "exists"]) })
    .nullable()
    .describe("The catalog model a config.json adds (or found already catalogued)"),
  warnings: z.array(z.string()),
});
export type ImportResult = z.output<typeof importResultSchema>;

/** One line of the application/x-ndjson answer: progress while metrics are written, then the result or the error. */
export type ImportProgressLine =
  | { type: "progress"; written: number; total: number }
  | { type: "done"; result: ImportResult }
  | { type: "error"; error: { code: string; message: string; issues?: { path: string; message: string }[] } };
