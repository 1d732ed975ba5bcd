import { describe, it, expect } from "vitest";
import type { ModelSeed } from "../../seed/types";
import { models } from "../../seed/catalog/models";
import { hardware } from "../../seed/catalog/hardware";

/**
 * Exact parameter count of a decoder-only transformer from its config fields:
 *   embeddings = vocab * hidden
 *   per layer: q = hidden * (heads * headDim), k = v = hidden * (kvHeads * headDim), o = (heads * headDim) * hidden,
 *              mlp = 3 * hidden * intermediate (gated: gate, up, down), norms = normsPerLayer * hidden,
 *              biases (attentionBias) = heads * headDim + 2 * kvHeads * headDim
 *   final norm = hidden; lm_head = vocab * hidden unless the embeddings are tied.
 * All intermediate values stay far below 2^53, so plain numbers are exact.
 */
function computeParams(m: ModelSeed): number {
  const h = m.hiddenSize;
  const qDim = m.numAttentionHeads * m.headDim;
  const kvDim = m.numKeyValueHeads * m.headDim;
  const embeddings = m.vocabSize * h;
  const q = h * qDim;
  const k = h * kvDim;
  const v = h * kvDim;
  const o = qDim * h;
  const mlp = 3 * h * m.intermediateSize;
  const norms = (m.normsPerLayer ?? 2) * h;
  const biases = m.attentionBias ? qDim + 2 * kvDim : 0;
  const perLayer = q + k + v + o + mlp + norms + biases;
  const finalNorm = h;
  const lmHead = m.tiedEmbeddings ? 0 : m.vocabSize * h;
  return embeddings + m.numLayers * perLayer + finalNorm + lmHead;
}

function byId(id: string): ModelSeed {
  const m = models.find((x) => x.id === id);
  if (!m) throw new Error(`model ${id} missing from the catalog`);
  return m;
}

const REQUIRED_MODELS: Record<string, string> = {
  "llama-2-7b": "meta-llama/Llama-2-7b-hf",
  "llama-2-13b": "meta-llama/Llama-2-13b-hf",
  "llama-2-70b": "meta-llama/Llama-2-70b-hf",
  "llama-3.1-8b": "meta-llama/Llama-3.1-8B",
  "llama-3.1-70b": "meta-llama/Llama-3.1-70B",
  "llama-3.2-1b": "meta-llama/Llama-3.2-1B",
  "llama-3.2-3b": "meta-llama/Llama-3.2-3B",
  "mistral-7b": "mistralai/Mistral-7B-v0.1",
  "qwen2.5-7b": "Qwen/Qwen2.5-7B",
  "gemma-2-9b": "google/gemma-2-9b",
  "phi-3-mini": "microsoft/Phi-3-mini-4k-instruct",
};

const GENERIC_IDS = ["llama-7b", "llama-13b", "llama-34b", "llama-70b"];

describe("model catalog", () => {
  it("has unique ids", () => {
    const ids = models.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has unique non-null hfIds", () => {
    const hfIds = models.map((m) => m.hfId).filter((x): x is string => x !== null);
    expect(new Set(hfIds).size).toBe(hfIds.length);
  });

  it("has at least 12 non-generic models, including every required one with its repository", () => {
    const concrete = models.filter((m) => !m.isGeneric);
    expect(concrete.length).toBeGreaterThanOrEqual(12);
    for (const [id, hfId] of Object.entries(REQUIRED_MODELS)) {
      const m = byId(id);
      expect(m.isGeneric ?? false, id).toBe(false);
      expect(m.hfId, id).toBe(hfId);
    }
    const tiny = byId("tinyllama-1.1b");
    expect([
      "TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T",
      "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
    ]).toContain(tiny.hfId);
  });

  it("has the four generic sizes, flagged isGeneric", () => {
    for (const id of GENERIC_IDS) {
      expect(byId(id).isGeneric, id).toBe(true);
    }
    expect(byId("llama-7b").hfId).toBe("huggyllama/llama-7b");
    expect(byId("llama-13b").hfId).toBe("huggyllama/llama-13b");
    expect(byId("llama-34b").hfId).toBe("codellama/CodeLlama-34b-hf");
    expect(byId("llama-70b").hfId).toBeNull();
    expect(byId("llama-34b").notes).toMatch(/Code Llama/);
  });

  it("gives every model a citation and integer, positive architecture fields", () => {
    for (const m of models) {
      expect(m.citation.trim().length, m.id).toBeGreaterThan(20);
      for (const v of [
        m.hiddenSize,
        m.intermediateSize,
        m.numLayers,
        m.numAttentionHeads,
        m.numKeyValueHeads,
        m.headDim,
        m.vocabSize,
        m.totalParams,
      ]) {
        expect(Number.isSafeInteger(v), m.id).toBe(true);
        expect(v, m.id).toBeGreaterThan(0);
      }
      // Query heads are shared evenly among KV heads (MHA or GQA).
      expect(m.numAttentionHeads % m.numKeyValueHeads, m.id).toBe(0);
    }
  });

  it("reproduces the worked Llama-2-7B check: 6,738,415,616", () => {
    const worked = 32000 * 4096 * 2 + 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008 + 2 * 4096) + 4096;
    expect(worked).toBe(6_738_415_616);
    expect(byId("llama-2-7b").totalParams).toBe(6_738_415_616);
    expect(computeParams(byId("llama-2-7b"))).toBe(6_738_415_616);
  });

  describe("totalParams equals the count computed from the architecture fields", () => {
    for (const m of models) {
      it(`${m.id}`, () => {
        expect(computeParams(m)).toBe(m.totalParams);
      });
    }
  });

  it("the count check is sensitive to a single mistyped field", () => {
    const base = byId("qwen2.5-7b");
    const mutations: Partial<ModelSeed>[] = [
      { intermediateSize: base.intermediateSize + 1 },
      { numKeyValueHeads: base.numKeyValueHeads * 2 },
      { headDim: base.headDim / 2 },
      { vocabSize: base.vocabSize - 1 },
      { tiedEmbeddings: !base.tiedEmbeddings },
      { attentionBias: !base.attentionBias },
      { normsPerLayer: 4 },
    ];
    for (const patch of mutations) {
      expect(computeParams({ ...base, ...patch }), JSON.stringify(patch)).not.toBe(base.totalParams);
    }
  });

  it("generic sizes share their reference architecture's count", () => {
    expect(byId("llama-7b").totalParams).toBe(byId("llama-2-7b").totalParams);
    expect(byId("llama-13b").totalParams).toBe(byId("llama-2-13b").totalParams);
    expect(byId("llama-70b").totalParams).toBe(byId("llama-2-70b").totalParams);
  });
});

const REQUIRED_HARDWARE = [
  "rtx-3060",
  "rtx-3080",
  "rtx-3090",
  "rtx-4060",
  "rtx-4090",
  "a6000",
  "a100-40gb",
  "a100-80gb",
  "h100-80gb",
  "h200",
  "l40s",
  "a10g",
  "t4",
];

const REQUIRED_ALIASES: Record<string, string[]> = {
  "rtx-3060": ["RTX 3060", "3060"],
  "rtx-3080": ["RTX 3080"],
  "rtx-3090": ["RTX 3090", "3090"],
  "rtx-4060": ["RTX 4060", "4060"],
  "rtx-4090": ["RTX 4090", "4090"],
  a6000: ["A6000 48GB", "A6000"],
  "a100-40gb": ["A100 40GB"],
  "a100-80gb": ["A100 80GB", "A100"],
  "h100-80gb": ["H100"],
};

describe("hardware catalog", () => {
  it("has unique ids", () => {
    const ids = hardware.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has every required id", () => {
    const ids = new Set(hardware.map((h) => h.id));
    for (const id of REQUIRED_HARDWARE) expect(ids.has(id), id).toBe(true);
  });

  it("has positive memory, throughput, bandwidth and price", () => {
    for (const h of hardware) {
      expect(h.memoryGb, h.id).toBeGreaterThan(0);
      expect(h.fp16DenseTflops, h.id).toBeGreaterThan(0);
      if (h.bf16DenseTflops !== null) expect(h.bf16DenseTflops, h.id).toBeGreaterThan(0);
      expect(h.memoryBandwidthGbs, h.id).toBeGreaterThan(0);
      expect(h.hourlyPriceUsd, h.id).toBeGreaterThan(0);
      expect(h.priceSource.trim().length, h.id).toBeGreaterThan(10);
      expect(h.specSource.trim().length, h.id).toBeGreaterThan(10);
    }
  });

  it("has bf16 for every card except the T4 and the V100s (Turing and Volta have no BF16 tensor path)", () => {
    for (const h of hardware) {
      if (["t4", "v100-16gb", "v100-32gb"].includes(h.id)) expect(h.bf16DenseTflops, h.id).toBeNull();
      else expect(h.bf16DenseTflops, h.id).not.toBeNull();
    }
  });

  it("has aliases unique across entries", () => {
    const all = hardware.flatMap((h) => h.aliases);
    expect(new Set(all).size).toBe(all.length);
  });

  it("carries the aliases the articles use", () => {
    for (const [id, aliases] of Object.entries(REQUIRED_ALIASES)) {
      const h = hardware.find((x) => x.id === id);
      expect(h, id).toBeDefined();
      for (const a of aliases) expect(h?.aliases, id).toContain(a);
    }
  });

  it("has the expected memory sizes", () => {
    const mem = Object.fromEntries(hardware.map((h) => [h.id, h.memoryGb]));
    expect(mem).toMatchObject({
      "rtx-3060": 12,
      "rtx-3080": 10,
      "rtx-3090": 24,
      "rtx-4060": 8,
      "rtx-4090": 24,
      a6000: 48,
      "a100-40gb": 40,
      "a100-80gb": 80,
      "h100-80gb": 80,
      h200: 141,
      l40s: 48,
      a10g: 24,
      t4: 16,
    });
  });
});
