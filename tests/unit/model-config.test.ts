import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelConfigError, modelFromConfigJson, slugFromHfId } from "@/lib/ingest/model-config";
import { models } from "../../seed/catalog/models";

// The fixtures are the checkpoints' config.json files as published on the Hugging Face Hub, byte for byte.
const config = (file: string) => JSON.parse(readFileSync(join(__dirname, "../fixtures/hf-configs", file), "utf8")) as Record<string, unknown>;
const seeded = (id: string) => models.find((model) => model.id === id)!;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ModelConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ModelConfigError");
}

describe("modelFromConfigJson", () => {
  it.each([
    ["llama-3.1-8b.config.json", "llama-3.1-8b", "meta-llama/Llama-3.1-8B"],
    ["qwen2.5-7b.config.json", "qwen2.5-7b", "Qwen/Qwen2.5-7B"],
    ["mistral-7b-v0.1.config.json", "mistral-7b", "mistralai/Mistral-7B-v0.1"],
    ["gemma-2-9b.config.json", "gemma-2-9b", "google/gemma-2-9b"],
  ])("reads %s into the seeded catalog's architecture and exact parameter count", (file, id, hfId) => {
    const model = modelFromConfigJson(config(file), { id, hfId });
    const expected = seeded(id);
    expect(model.totalParams).toBe(expected.totalParams);
    expect(model).toMatchObject({
      id,
      hfId,
      hiddenSize: expected.hiddenSize,
      intermediateSize: expected.intermediateSize,
      numLayers: expected.numLayers,
      numAttentionHeads: expected.numAttentionHeads,
      numKeyValueHeads: expected.numKeyValueHeads,
      headDim: expected.headDim,
      vocabSize: expected.vocabSize,
      tiedEmbeddings: expected.tiedEmbeddings,
      attentionBias: expected.attentionBias ?? false,
      normsPerLayer: expected.normsPerLayer ?? 2,
    });
  });

  it("defaults num_key_value_heads to the head count and head_dim to hidden / heads", () => {
    const base = config("llama-3.1-8b.config.json");
    const { num_key_value_heads: _kv, ...multiHead } = base;
    const model = modelFromConfigJson({ ...multiHead, intermediate_size: 11008, vocab_size: 32000 }, { id: "llama-2-7b-like" });
    expect(model.numKeyValueHeads).toBe(32);
    expect(model.headDim).toBe(128);
    // Llama 2 7B: same shape, multi-head attention.
    expect(model.totalParams).toBe(seeded("llama-2-7b").totalParams);
  });

  it("takes the family's default for tie_word_embeddings when config.json leaves it out", () => {
    const gemma = config("gemma-2-9b.config.json");
    expect(gemma.tie_word_embeddings).toBeUndefined();
    expect(modelFromConfigJson(gemma, { id: "g" }).tiedEmbeddings).toBe(true);
    const { tie_word_embeddings: _t, ...llama } = config("llama-3.1-8b.config.json");
    expect(modelFromConfigJson(llama, { id: "l" }).tiedEmbeddings).toBe(false);
  });

  it("names every missing field in one error", () => {
    const { hidden_size: _h, num_hidden_layers: _n, vocab_size: _v, ...rest } = config("mistral-7b-v0.1.config.json");
    expect(problemsOf(() => modelFromConfigJson(rest, { id: "x" }))).toEqual(["missing hidden_size", "missing num_hidden_layers", "missing vocab_size"]);
  });

  it("refuses a non-integer field with its value", () => {
    const problems = problemsOf(() => modelFromConfigJson({ ...config("mistral-7b-v0.1.config.json"), intermediate_size: "14336" }, { id: "x" }));
    expect(problems).toEqual(['intermediate_size must be a positive integer (got "14336")']);
  });

  it("refuses a mixture-of-experts config, naming the key that marks it", () => {
    const problems = problemsOf(() => modelFromConfigJson(config("mixtral-8x7b-v0.1.config.json"), { id: "mixtral" }));
    expect(problems[0]).toContain("num_local_experts");
    expect(problems[0]).toContain("mixture-of-experts");
  });

  it("refuses a model_type the count does not model, listing the supported ones", () => {
    const problems = problemsOf(() => modelFromConfigJson({ ...config("llama-3.1-8b.config.json"), model_type: "gpt_neox" }, { id: "x" }));
    expect(problems[0]).toMatch(/model_type 'gpt_neox' is not supported; supported: llama, mistral, qwen2/);
  });

  it("refuses a model_type that names an object property rather than a family", () => {
    expect(problemsOf(() => modelFromConfigJson({ ...config("llama-3.1-8b.config.json"), model_type: "constructor" }, { id: "x" }))[0]).toMatch(/model_type 'constructor' is not supported/);
  });

  it("refuses what is not a JSON object", () => {
    expect(problemsOf(() => modelFromConfigJson([1, 2], { id: "x" }))[0]).toMatch(/expected a JSON object/);
  });

  it("derives the id and name from _name_or_path when none is given", () => {
    const model = modelFromConfigJson({ ...config("qwen2.5-7b.config.json"), _name_or_path: "Qwen/Qwen2.5-7B-Instruct" });
    expect(model).toMatchObject({ id: "qwen2.5-7b-instruct", hfId: "Qwen/Qwen2.5-7B-Instruct", name: "Qwen2.5-7B-Instruct", family: "qwen2" });
    expect(slugFromHfId("meta-llama/Llama-3.1-8B")).toBe("llama-3.1-8b");
  });

  it("asks for an id when neither options nor the config give one", () => {
    expect(problemsOf(() => modelFromConfigJson(config("mistral-7b-v0.1.config.json")))[0]).toMatch(/no id given/);
  });
});
