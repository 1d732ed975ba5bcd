// PEFT's adapter_config.json: the LoRA settings Hugging Face's Trainer never logs. Field names and defaults follow
// LoraConfig in huggingface/peft src/peft/tuners/lora/config.py (read at 5d602fdb): r (default 8), lora_alpha
// (default 8), lora_dropout (default 0.0), target_modules (a list of names, a regex string, or "all-linear"),
// use_rslora, use_dora; base_model_name_or_path and peft_type come from PeftConfig in src/peft/config.py.
import { type ImportedFields, ImportFileError, isRecord, paramValue, type ParsedImport } from "./types";
import { TARGET_MODULES } from "@/lib/schemas/run";

type TargetModule = (typeof TARGET_MODULES)[number];
const KNOWN_MODULES = new Set<string>(TARGET_MODULES);

/** Base-model names that say the weights were loaded in 4 bits (bitsandbytes), which makes the run QLoRA. */
const FOUR_BIT_NAME = /(?:bnb[-_]?4bit|[-_]4bit\b|\bnf4\b)/i;

/** PEFT_TYPE as words: PREFIX_TUNING → "prefix-tuning". */
const peftTypeWords = (peftType: string) => peftType.toLowerCase().replace(/_/g, "-");

/**
 * target_modules in Tuneboard's names. A list keeps the names Tuneboard knows and reports the rest; a regex string
 * is searched for known names (PEFT matches it against full module paths, so it cannot be read exactly).
 */
export function readTargetModules(value: unknown, warnings: string[]): TargetModule[] | undefined {
  if (value === null || value === undefined) {
    warnings.push("target_modules is not set: PEFT chose the modules from the model architecture, which the file does not record");
    return undefined;
  }
  if (typeof value === "string") {
    if (value === "all-linear") return ["all-linear"];
    const found = TARGET_MODULES.filter((name) => name !== "all-linear" && value.includes(name));
    warnings.push(`target_modules is a regular expression (${value}); read as ${found.length ? found.join(", ") : "no known module"}`);
    return found.length ? found : undefined;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new Error("target_modules must be a list of module names, a regular expression or \"all-linear\"");
  }
  // Full paths such as model.layers.0.self_attn.q_proj name the module by their last part.
  const names = [...new Set(value.map((name) => name.split(".").at(-1)!))];
  const known = names.filter((name): name is TargetModule => KNOWN_MODULES.has(name));
  const unknown = names.filter((name) => !KNOWN_MODULES.has(name));
  if (unknown.length) warnings.push(`target_modules ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not among Tuneboard's modules (${TARGET_MODULES.join(", ")}); kept in the parameters only`);
  if (known.includes("all-linear") && known.length > 1) return ["all-linear"];
  // Sorted in Tuneboard's order: PEFT saves a set, so the file's order means nothing.
  return known.length ? TARGET_MODULES.filter((name) => known.includes(name)) : undefined;
}

function numberAt(config: Record<string, unknown>, key: string, filename: string): number | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new ImportFileError(filename, `${filename}: ${key} must be a number, not ${JSON.stringify(value)}`);
  return value;
}

export function parseAdapterConfig(config: Record<string, unknown>, filename: string): ParsedImport {
  const peftType = config.peft_type;
  if (typeof peftType !== "string") throw new ImportFileError(filename, `${filename} has no peft_type: it is not a PEFT adapter_config.json`);
  if (peftType.toUpperCase() !== "LORA") {
    throw new ImportFileError(filename, `${filename}: this is an adapter_config.json of a ${peftTypeWords(peftType)} adapter: only LoRA adapters are understood`);
  }
  const warnings: string[] = [];
  const fields: ImportedFields = { method: "lora" };
  const from: ParsedImport["from"] = { method: "peft_type" };
  const set = <K extends keyof ImportedFields>(field: K, value: ImportedFields[K] | undefined, key: string) => {
    if (value === undefined) return;
    fields[field] = value;
    from[field] = key;
  };
  const rank = numberAt(config, "r", filename);
  if (rank !== undefined && (!Number.isInteger(rank) || rank < 1)) throw new ImportFileError(filename, `${filename}: r must be a whole number of 1 or more, not ${rank}`);
  set("rank", rank, "r");
  set("loraAlpha", numberAt(config, "lora_alpha", filename), "lora_alpha");
  set("loraDropout", numberAt(config, "lora_dropout", filename), "lora_dropout");
  try {
    set("targetModules", readTargetModules(config.target_modules, warnings), "target_modules");
  } catch (error) {
    throw new ImportFileError(filename, `${filename}: ${(error as Error).message}`);
  }
  const base = config.base_model_name_or_path;
  if (typeof base === "string" && base.trim()) {
    set("model", base.trim(), "base_model_name_or_path");
    if (FOUR_BIT_NAME.test(base)) {
      set("method", "qlora", "base_model_name_or_path");
      warnings.push(`the base model ${base} is a 4-bit checkpoint, so the run is QLoRA; the file does not say the 4-bit type`);
    }
  } else warnings.push("base_model_name_or_path is not set: choose the base model before importing");
  const tags: string[] = [];
  if (config.use_dora === true) tags.push("dora");
  if (config.use_rslora === true) tags.push("rslora");
  if (isRecord(config.rank_pattern) && Object.keys(config.rank_pattern).length) warnings.push("rank_pattern gives some layers another rank; the run records r only");
  // Prefixed as the MLflow routes store an uploaded adapter_config.json, so both read alike and no recipe key collides.
  const params = Object.fromEntries(Object.entries(config).map(([key, value]) => [`peft.${key}`, paramValue(value)]));
  return { kind: "adapter_config", filename, framework: null, fields, from, params, tags, warnings };
}
