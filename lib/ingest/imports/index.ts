// One entry point for imported files: detection by name and content, then the parser of that kind; and the merge
// of several files (adapter_config.json + trainer_state.json + a model config.json) into one run's fields.
import { quoteNonFiniteNumbers } from "@/lib/api/body";
import { ModelConfigError, modelFromConfigJson, type ModelFromConfig } from "@/lib/ingest/model-config";
import type { Framework } from "@/lib/schemas/run";
import { parseAdapterConfig } from "./adapter-config";
import { parseRecipe, parseYaml, recipeKind } from "./recipe-yaml";
import { parseTrainerState } from "./trainer-state";
import { type ImportedFields, type ImportedMetricPoint, ImportFileError, isRecord, type ParsedImport } from "./types";

export * from "./types";

/** The kind a file name announces, or null for any other name (detection then goes by content alone). */
function kindByName(filename: string): "adapter_config" | "trainer_state" | "model_config" | "yaml" | null {
  const base = filename.split(/[\\/]/).pop()!.toLowerCase();
  if (base === "adapter_config.json") return "adapter_config";
  if (base === "trainer_state.json") return "trainer_state";
  if (base === "config.json") return "model_config";
  if (base.endsWith(".yaml") || base.endsWith(".yml")) return "yaml";
  return null;
}

const looksLikeModelConfig = (json: Record<string, unknown>) =>
  typeof json.model_type === "string" || (Array.isArray(json.architectures) && ("hidden_size" in json || "num_hidden_layers" in json));

function parseModelConfig(json: Record<string, unknown>, filename: string): ParsedImport {
  const params: Record<string, string> = {};
  const fields: ImportedFields = {};
  const from: ParsedImport["from"] = {};
  if (typeof json._name_or_path === "string" && json._name_or_path.includes("/")) {
    fields.model = json._name_or_path;
    from.model = "_name_or_path";
  }
  return { kind: "model_config", filename, framework: null, fields, from, params, tags: [], modelConfig: json, warnings: [] };
}

/**
 * Parses one file. JSON is recognised by its keys whatever its name (peft_type, log_history, model_type); anything
 * else is read as YAML. A file named for one kind but shaped like another is read as what it is, with a warning; a
 * file of no known kind is an ImportFileError naming what was looked for.
 */
export function parseImportFile(filename: string, content: string): ParsedImport {
  const byName = kindByName(filename);
  const trimmed = content.trimStart();
  if (!trimmed) throw new ImportFileError(filename, `${filename} is empty`);
  if (trimmed.startsWith("{") || trimmed.startsWith("[") || (byName !== null && byName !== "yaml")) {
    let json: unknown;
    try {
      // Python's json.dumps writes NaN and Infinity bare (a diverged loss); they arrive as the strings "NaN", ...
      json = JSON.parse(quoteNonFiniteNumbers(content));
    } catch (error) {
      throw new ImportFileError(filename, `${filename} is not valid JSON: ${(error as Error).message}`);
    }
    if (!isRecord(json)) throw new ImportFileError(filename, `${filename} must hold a JSON object`);
    const parsed = "peft_type" in json ? parseAdapterConfig(json, filename)
      : "log_history" in json ? parseTrainerState(json, filename)
      : looksLikeModelConfig(json) ? parseModelConfig(json, filename)
      : null;
    if (!parsed) {
      if (byName === "adapter_config") return parseAdapterConfig(json, filename); // throws: no peft_type
      if (byName === "trainer_state") return parseTrainerState(json, filename); // throws: no log_history
      throw new ImportFileError(filename, `${filename} is not an adapter_config.json (no peft_type), a trainer_state.json (no log_history) or a model's config.json (no model_type)`);
    }
    if (byName && byName !== "yaml" && byName !== parsed.kind) parsed.warnings.push(`the file is named ${filename} but holds a ${parsed.kind.replace("_", " ")}; read as that`);
    return parsed;
  }
  const config = parseYaml(content, filename);
  if (!isRecord(config)) throw new ImportFileError(filename, `${filename} must be a YAML mapping of settings`);
  const kind = recipeKind(config);
  if (!kind) throw new ImportFileError(filename, `${filename} is neither a torchtune recipe (no model._component_) nor an Axolotl config (no base_model with adapter, sequence_len or micro_batch_size)`);
  return parseRecipe(config, kind, filename);
}

/** Several files' findings as one run: fields, params and tags merged, metrics concatenated, the model config resolved. */
export type ImportPlan = {
  files: ParsedImport[];
  framework: Framework | null;
  fields: ImportedFields;
  from: Partial<Record<keyof ImportedFields, string>>;
  params: Record<string, string>;
  tags: string[];
  metrics: ImportedMetricPoint[];
  model: ModelFromConfig | null;
  warnings: string[];
};

/** A conflict between two files, reported per file index so the 422 names the file: `files.1`. */
export type ImportConflict = { index: number; message: string };

/** Files first in an order where the more specific say come last: config → adapter → recipe → state. */
const KIND_ORDER: Record<ParsedImport["kind"], number> = { model_config: 0, torchtune: 1, axolotl: 1, adapter_config: 2, trainer_state: 3 };

export function mergeImports(files: ParsedImport[]): { plan: ImportPlan; conflicts: ImportConflict[] } {
  const conflicts: ImportConflict[] = [];
  const fields: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  const fieldFile: Record<string, number> = {};
  const params: Record<string, string> = {};
  const paramFile: Record<string, number> = {};
  const warnings: string[] = [];
  const order = files.map((file, index) => ({ file, index })).sort((a, b) => KIND_ORDER[a.file.kind] - KIND_ORDER[b.file.kind]);
  for (const { file, index } of order) {
    for (const [field, value] of Object.entries(file.fields)) {
      if (value === undefined || value === null) continue;
      const previous = fields[field];
      const same = JSON.stringify(previous) === JSON.stringify(value);
      // QLoRA is LoRA on 4-bit weights: a file that says only LoRA does not contradict one that says QLoRA.
      const isMethodRefinement = field === "method" && [previous, value].includes("qlora") && [previous, value].includes("lora");
      if (previous !== undefined && !same && !isMethodRefinement) {
        conflicts.push({ index, message: `${field} is ${JSON.stringify(value)} here but ${JSON.stringify(previous)} in ${files[fieldFile[field]!]!.filename}` });
        continue;
      }
      if (isMethodRefinement && previous === "qlora") continue;
      fields[field] = value;
      from[field] = `${file.filename}: ${file.from[field as keyof ImportedFields] ?? field}`;
      fieldFile[field] = index;
    }
    for (const [key, value] of Object.entries(file.params)) {
      if (params[key] !== undefined && params[key] !== value) {
        warnings.push(`parameter ${key} is ${value} in ${file.filename} but ${params[key]} in ${files[paramFile[key]!]!.filename}; the first is kept`);
        continue;
      }
      params[key] = value;
      paramFile[key] = index;
    }
    warnings.push(...file.warnings.map((warning) => `${file.filename}: ${warning}`));
  }
  let model: ModelFromConfig | null = null;
  for (const [index, file] of files.entries()) {
    if (!file.modelConfig) continue;
    const hfId = typeof fields.model === "string" && fields.model.includes("/") ? fields.model : undefined;
    try {
      model = modelFromConfigJson(file.modelConfig, { hfId });
    } catch (error) {
      if (!(error instanceof ModelConfigError)) throw error;
      conflicts.push({ index, message: error.problems.join("; ") });
    }
    // The config's own params stay out of the run: they describe the model, which the catalog keeps.
  }
  if (model && fields.model === undefined) fields.model = model.hfId ?? model.id;
  return {
    plan: {
      files,
      framework: files.map((file) => file.framework).find((framework) => framework !== null) ?? null,
      fields: fields as ImportedFields,
      from: from as ImportPlan["from"],
      params,
      tags: [...new Set(files.flatMap((file) => file.tags))],
      metrics: files.flatMap((file) => file.metrics ?? []),
      model,
      warnings,
    },
    conflicts,
  };
}
