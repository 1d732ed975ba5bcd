// What every import parser returns: the typed run fields a file says, its raw keys kept verbatim, and its curves.
import type { Framework, RunFields } from "@/lib/schemas/run";

export const IMPORT_KINDS = ["adapter_config", "trainer_state", "model_config", "torchtune", "axolotl"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  adapter_config: "PEFT adapter_config.json",
  trainer_state: "Hugging Face trainer_state.json",
  model_config: "model config.json",
  torchtune: "torchtune recipe YAML",
  axolotl: "Axolotl config YAML",
};

/** Run fields an import may set. `hardware` is a device name as written in the file, resolved against the catalog by the server. */
export type ImportedFields = Partial<Omit<RunFields, "name" | "externalId" | "status" | "notes" | "experimentId" | "tags">>;

export type ImportedMetricPoint = { key: string; step: number; value: number };

export type ParsedImport = {
  kind: ImportKind;
  filename: string;
  framework: Framework | null;
  fields: ImportedFields;
  /** Which file key each field came from ("rank" ← "r"), for the preview. */
  from: Partial<Record<keyof ImportedFields, string>>;
  /** Every key of the file, values as strings, as written (nested keys dotted). */
  params: Record<string, string>;
  /** Labels for the run (dora, rslora). */
  tags: string[];
  metrics?: ImportedMetricPoint[];
  /** A model config.json, as parsed: the server turns it into a catalog model. */
  modelConfig?: Record<string, unknown>;
  warnings: string[];
};

/** A file that cannot be imported; the message names the file and the problem. */
export class ImportFileError extends Error {
  constructor(
    readonly filename: string,
    message: string,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

/** A raw value as a param string: strings as they are, everything else as JSON (lists, numbers, booleans, null). */
export function paramValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "null";
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
