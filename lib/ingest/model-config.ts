// A catalog model from a Hugging Face config.json. Pure: the parameter count is lib/predict's countParameters, the
// same formula tests/unit/seed-catalog.test.ts checks every seeded model's count against, so a model added here
// predicts exactly like a seeded one.
import { countParameters } from "@/lib/predict/params";
import type { ModelArchitecture } from "@/lib/predict/types";

/** The model fields Tuneboard stores (the Model table) plus the two the count needs but the table does not keep. */
export type ModelFromConfig = Required<Pick<ModelArchitecture, "hiddenSize" | "intermediateSize" | "numLayers" | "numAttentionHeads" | "numKeyValueHeads" | "headDim" | "vocabSize" | "tiedEmbeddings" | "attentionBias" | "normsPerLayer">> & {
  id: string;
  hfId: string | null;
  name: string;
  family: string;
  totalParams: number;
  notes: string;
  citation: string;
};

export class ModelConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`This config.json cannot become a catalog model: ${problems.join("; ")}`);
    this.name = "ModelConfigError";
  }
}

/**
 * Decoder families whose weights are exactly the Llama layout the count models (q/k/v/o, gated MLP, per-layer norms,
 * embeddings, optional untied head), with what differs: Qwen2 puts biases on q/k/v; Gemma-2 has four norms per layer;
 * Phi-3 fuses qkv and gate/up into single matrices of the same total size. tiedDefault is the config class's own
 * default for tie_word_embeddings, used when config.json leaves it out.
 */
const FAMILIES: Record<string, { attentionBias: boolean; normsPerLayer: number; tiedDefault: boolean }> = {
  llama: { attentionBias: false, normsPerLayer: 2, tiedDefault: false },
  mistral: { attentionBias: false, normsPerLayer: 2, tiedDefault: false },
  qwen2: { attentionBias: true, normsPerLayer: 2, tiedDefault: false },
  gemma: { attentionBias: false, normsPerLayer: 2, tiedDefault: true },
  gemma2: { attentionBias: false, normsPerLayer: 4, tiedDefault: true },
  phi3: { attentionBias: false, normsPerLayer: 2, tiedDefault: false },
};

/** Keys that mark a mixture-of-experts model: its MLP is many experts plus a router, which the count does not model. */
const MOE_KEYS = ["num_local_experts", "num_experts", "n_routed_experts", "moe_intermediate_size"];

const REQUIRED = {
  hidden_size: "hiddenSize",
  intermediate_size: "intermediateSize",
  num_hidden_layers: "numLayers",
  num_attention_heads: "numAttentionHeads",
  vocab_size: "vocabSize",
} as const;

const isPositiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/** "meta-llama/Llama-3.1-8B" → "llama-3.1-8b": the catalog's id style. */
export function slugFromHfId(hfId: string): string {
  const last = hfId.split("/").pop() ?? hfId;
  return last.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * Reads hidden_size, intermediate_size, num_hidden_layers, num_attention_heads, num_key_value_heads (default: the
 * head count, i.e. multi-head attention), head_dim (default hidden / heads), vocab_size and tie_word_embeddings
 * (default: the family's). Throws ModelConfigError naming every missing or invalid field, or the reason the family
 * is refused (mixture of experts, an unsupported model_type, a multimodal wrapper).
 */
export function modelFromConfigJson(json: unknown, options: { id?: string; hfId?: string | null; name?: string } = {}): ModelFromConfig {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ModelConfigError(["expected a JSON object (the contents of the model's config.json)"]);
  }
  const config = json as Record<string, unknown>;
  const problems: string[] = [];

  const modelType = typeof config.model_type === "string" ? config.model_type : null;
  const moeKey = MOE_KEYS.find((key) => config[key] !== undefined && config[key] !== null && config[key] !== 0);
  if (moeKey) {
    throw new ModelConfigError([`'${moeKey}' marks a mixture-of-experts model${modelType ? ` (${modelType})` : ""}; predictions model dense Llama-style decoders only`]);
  }
  if (config.text_config !== undefined && config.hidden_size === undefined) {
    throw new ModelConfigError([`this is a multimodal wrapper config${modelType ? ` (${modelType})` : ""}; paste a text-only decoder's config.json`]);
  }
  const family = modelType === null ? FAMILIES.llama! : Object.hasOwn(FAMILIES, modelType) ? FAMILIES[modelType] : undefined;
  if (!family) {
    throw new ModelConfigError([`model_type '${modelType}' is not supported; supported: ${Object.keys(FAMILIES).join(", ")} (Llama-shaped dense decoders)`]);
  }

  const values: Partial<Record<(typeof REQUIRED)[keyof typeof REQUIRED], number>> = {};
  for (const [key, field] of Object.entries(REQUIRED) as [keyof typeof REQUIRED, (typeof REQUIRED)[keyof typeof REQUIRED]][]) {
    const value = config[key];
    if (value === undefined || value === null) problems.push(`missing ${key}`);
    else if (!isPositiveInteger(value)) problems.push(`${key} must be a positive integer (got ${JSON.stringify(value)})`);
    else values[field] = value;
  }
  const optionalInteger = (key: string): number | undefined => {
    const value = config[key];
    if (value === undefined || value === null) return undefined;
    if (!isPositiveInteger(value)) problems.push(`${key} must be a positive integer (got ${JSON.stringify(value)})`);
    return isPositiveInteger(value) ? value : undefined;
  };
  const kvHeads = optionalInteger("num_key_value_heads");
  const headDim = optionalInteger("head_dim");
  const tied = config.tie_word_embeddings;
  if (tied !== undefined && typeof tied !== "boolean") problems.push(`tie_word_embeddings must be true or false (got ${JSON.stringify(tied)})`);
  // LlamaConfig's attention_bias also puts a bias on o_proj, and mlp_bias on every MLP matrix: neither is in the count.
  if (config.attention_bias === true && modelType !== "qwen2") problems.push("attention_bias true (a bias on o_proj too) is not supported by the parameter count");
  if (config.mlp_bias === true) problems.push("mlp_bias true is not supported by the parameter count");
  if (problems.length > 0) throw new ModelConfigError(problems);

  const { hiddenSize, intermediateSize, numLayers, numAttentionHeads, vocabSize } = values as Required<typeof values>;
  if (headDim === undefined && hiddenSize % numAttentionHeads !== 0) {
    throw new ModelConfigError([`head_dim is missing and hidden_size ${hiddenSize} is not divisible by num_attention_heads ${numAttentionHeads}`]);
  }
  const numKeyValueHeads = kvHeads ?? numAttentionHeads;
  if (numAttentionHeads % numKeyValueHeads !== 0) {
    throw new ModelConfigError([`num_attention_heads ${numAttentionHeads} is not a multiple of num_key_value_heads ${numKeyValueHeads}`]);
  }

  const architecture = {
    hiddenSize,
    intermediateSize,
    numLayers,
    numAttentionHeads,
    numKeyValueHeads,
    headDim: headDim ?? hiddenSize / numAttentionHeads,
    vocabSize,
    tiedEmbeddings: typeof tied === "boolean" ? tied : family.tiedDefault,
    attentionBias: family.attentionBias,
    normsPerLayer: family.normsPerLayer,
  };
  const nameOrPath = typeof config._name_or_path === "string" && config._name_or_path.includes("/") ? config._name_or_path : null;
  const hfId = options.hfId ?? nameOrPath;
  const id = options.id ?? (hfId ? slugFromHfId(hfId) : null);
  if (!id) throw new ModelConfigError(["no id given and the config has no _name_or_path to derive one from"]);
  const totalParams = countParameters(architecture).total;
  const attention = numKeyValueHeads === numAttentionHeads ? "multi-head attention" : `GQA ${numAttentionHeads}/${numKeyValueHeads}`;
  return {
    id,
    hfId: hfId ?? null,
    name: options.name ?? (hfId ? (hfId.split("/").pop() ?? hfId) : id),
    family: modelType ?? "llama",
    ...architecture,
    totalParams,
    notes:
      `Added from a config.json (model_type ${modelType ?? "absent, read as llama"}): ${attention}, ` +
      `${architecture.tiedEmbeddings ? "tied" : "untied"} embeddings${family.attentionBias ? ", q/k/v biases" : ""}` +
      `${family.normsPerLayer !== 2 ? `, ${family.normsPerLayer} norms per layer` : ""}.`,
    citation:
      `config.json of ${hfId ?? id}; parameter count ${totalParams.toLocaleString("en-US")} computed from its architecture ` +
      "fields with lib/predict/params.ts countParameters (the formula the seeded counts are checked against).",
  };
}
