// Training recipes written as YAML: torchtune's recipe configs (components named by `_component_`, e.g.
// model._component_: torchtune.models.llama3_1.lora_llama3_1_8b) and Axolotl's flat configs (base_model, adapter,
// lora_r, sequence_len, micro_batch_size). Both are flattened to dotted keys the way torchtune's MLFlowLogger logs
// them, then mapped by the same rule table that maps what MLflow clients send (lib/ingest/derive.ts).
import { LineCounter, parseDocument } from "yaml";
import { deriveRunFields } from "@/lib/ingest/derive";
import { flattenConfig } from "@/lib/ingest/flatten";
import { type ImportedFields, ImportFileError, isRecord, type ParsedImport } from "./types";

/** The YAML text as JavaScript values; its first problem is an ImportFileError "YAML line 12: ...". */
export function parseYaml(text: string, filename: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const error = document.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new ImportFileError(filename, `${filename}: YAML${line ? ` line ${line}` : ""}: ${reason}`);
  }
  return document.toJS({ maxAliasCount: 1000 }) as unknown;
}

/** torchtune recipes name components by import path; Axolotl configs name the base model at the top. */
export function recipeKind(config: Record<string, unknown>): "torchtune" | "axolotl" | null {
  const component = isRecord(config.model) ? config.model._component_ : undefined;
  if (typeof component === "string") return "torchtune";
  if (typeof config.base_model === "string" && ["adapter", "sequence_len", "micro_batch_size", "datasets", "lora_r", "load_in_4bit", "num_epochs"].some((key) => key in config)) return "axolotl";
  return null;
}

export function parseRecipe(config: Record<string, unknown>, kind: "torchtune" | "axolotl", filename: string): ParsedImport {
  const params = flattenConfig(config);
  const derived = deriveRunFields({ params, tags: {}, latestMetrics: {} });
  const warnings: string[] = [];
  const fields = { ...derived.fields } as ImportedFields & { hardware?: string };
  const from = { ...derived.from } as ParsedImport["from"];
  if (!fields.method) {
    // A torchtune recipe without a LoRA model builder, or an Axolotl config without `adapter`, trains every weight.
    const component = isRecord(config.model) ? String(config.model._component_) : "";
    const fullFrom = kind === "torchtune" ? (/lora/i.test(component) ? null : "model._component_") : config.adapter ? null : "adapter (not set)";
    if (fullFrom) {
      fields.method = "full";
      from.method = fullFrom;
    } else warnings.push("the method (LoRA, QLoRA or full) could not be read");
  }
  if (!fields.model) warnings.push("the base model is not named in a key Tuneboard reads: choose it before importing");
  return { kind, filename, framework: derived.framework ?? kind, fields, from, params, tags: [], warnings };
}
