import { describe, expect, it } from "vitest";
import { models } from "../../seed/catalog/models";
import {
  countLoraParameters,
  countParameters,
  expandTargetModules,
  fromArchitectureInput,
  PROJECTIONS,
  projectionShapes,
  targetBreadth,
  type ModelArchitecture,
} from "@/lib/predict";

const model = (id: string): ModelArchitecture => {
  const found = models.find((m) => m.id === id);
  if (!found) throw new Error(`${id} missing from the catalog`);
  return found;
};

describe("countParameters", () => {
  it("gives every catalogued checkpoint's published parameter count exactly", () => {
    for (const m of models) expect(countParameters(m).total, m.id).toBe(m.totalParams);
  });

  it("splits Llama-2-7B into embeddings, lm_head, projections and norms", () => {
    const counts = countParameters(model("llama-2-7b"));
    expect(counts.embedding).toBe(131_072_000); // 32000 x 4096
    expect(counts.lmHead).toBe(131_072_000); // untied
    // 32 x (4 x 4096² + 3 x 4096 x 11008) = 32 x (67,108,864 + 135,266,304)
    expect(counts.linearWeights).toBe(6_476_005_376);
    expect(counts.normsAndBiases).toBe(266_240); // 32 x 2 x 4096 + 4096
  });

  it("counts Qwen2.5's q/k/v biases", () => {
    // per layer: biases 3584 + 2 x 512 = 4,608 and norms 2 x 3584 = 7,168; plus the final norm 3,584
    expect(countParameters(model("qwen2.5-7b")).normsAndBiases).toBe(28 * (4_608 + 7_168) + 3_584);
  });

  it("counts a tied output head once and uses Gemma-2's explicit headDim", () => {
    const gemma = model("gemma-2-9b");
    expect(countParameters(gemma).lmHead).toBe(0);
    expect(projectionShapes(gemma).q_proj).toEqual({ dIn: 3584, dOut: 4096 }); // 16 heads x 256
    expect(projectionShapes(gemma).k_proj).toEqual({ dIn: 3584, dOut: 2048 }); // 8 KV heads x 256
  });
});

describe("countLoraParameters", () => {
  it("gives 16,777,216 for r=16 on q,k,v,o of Llama-2-7B", () => {
    // 32 layers x 4 matrices x 16 x (4096 + 4096)
    expect(countLoraParameters(model("llama-2-7b"), 16, ["q_proj", "k_proj", "v_proj", "o_proj"])).toBe(16_777_216);
  });

  it("uses the grouped-query key/value width of Llama-3.1-8B", () => {
    // q 16 x (4096 + 4096) = 131,072; k and v 16 x (4096 + 1024) = 81,920 each; o 131,072 → 425,984 per layer
    expect(countLoraParameters(model("llama-3.1-8b"), 16, ["q_proj", "k_proj", "v_proj", "o_proj"])).toBe(32 * 425_984);
    expect(countLoraParameters(model("llama-3.1-8b"), 16, ["q_proj", "k_proj", "v_proj", "o_proj"])).toBe(13_631_488);
  });

  it("uses the MLP's own shapes under all-linear", () => {
    // attention 425,984 + gate, up, down 3 x 16 x (4096 + 14336) = 884,736 → 1,310,720 per layer x 32
    expect(countLoraParameters(model("llama-3.1-8b"), 16, ["all-linear"])).toBe(41_943_040);
    expect(countLoraParameters(model("llama-3.1-8b"), 16, [...PROJECTIONS])).toBe(41_943_040);
  });

  it("uses Gemma-2's headDim of 256 for q and v", () => {
    // q 8 x (3584 + 4096) = 61,440; v 8 x (3584 + 2048) = 45,056 → 106,496 per layer x 42 layers
    expect(countLoraParameters(model("gemma-2-9b"), 8, ["q_proj", "v_proj"])).toBe(4_472_832);
  });

  it("adds r x (hidden + vocab) once for lm_head, which all-linear leaves out", () => {
    // q,v: 32 x (131,072 + 81,920) = 6,815,744; lm_head 16 x (4096 + 128,256) = 2,117,632
    expect(countLoraParameters(model("llama-3.1-8b"), 16, ["q_proj", "v_proj", "lm_head"])).toBe(8_933_376);
    expect(expandTargetModules(["all-linear"]).lmHead).toBe(false);
  });

  it("grows linearly with rank", () => {
    const arch = model("mistral-7b");
    expect(countLoraParameters(arch, 64, ["all-linear"])).toBe(4 * countLoraParameters(arch, 16, ["all-linear"]));
  });
});

describe("architecture helpers", () => {
  it("reads target-module breadth as the share of the seven projections", () => {
    expect(targetBreadth(["q_proj", "v_proj"])).toBeCloseTo(2 / 7, 12);
    expect(targetBreadth(["all-linear"])).toBe(1);
    expect(targetBreadth(["lm_head"])).toBe(0);
  });

  it("defaults an explicit architecture's headDim to hidden / heads", () => {
    const arch = fromArchitectureInput({
      hiddenSize: 4096,
      intermediateSize: 11008,
      numLayers: 32,
      numAttentionHeads: 32,
      numKeyValueHeads: 32,
      vocabSize: 32000,
      tiedEmbeddings: false,
      attentionBias: false,
      normsPerLayer: 2,
    });
    expect(arch.headDim).toBe(128);
    expect(countParameters(arch).total).toBe(6_738_415_616);
  });
});
