// Exact parameter counts from an architecture. All products stay far below 2^53, so plain numbers are exact.
import type { Architecture } from "@/lib/schemas/predict";
import type { ModelArchitecture, TargetModule } from "./types";

/** The seven linear projections of a Llama-style decoder layer, the set PEFT's "all-linear" adapts. */
export const PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"] as const;
export type Projection = (typeof PROJECTIONS)[number];

export type MatrixShape = { dIn: number; dOut: number };

/** An architecture from the API's explicit form: headDim defaults to hidden / heads, no biases, two norms. */
export function fromArchitectureInput(input: Architecture): ModelArchitecture {
  return { ...input, headDim: input.headDim ?? Math.floor(input.hiddenSize / input.numAttentionHeads) };
}

/**
 * Input and output widths of each projection. Grouped-query attention makes k and v narrower
 * (numKeyValueHeads x headDim); headDim may differ from hidden / heads (Gemma-2: 16 x 256 = 4096 > 3584).
 * Fused checkpoints (Phi-3's qkv_proj, gate_up_proj) hold the same weights, so the shapes still apply.
 */
export function projectionShapes(arch: ModelArchitecture): Record<Projection, MatrixShape> {
  const h = arch.hiddenSize;
  const qDim = arch.numAttentionHeads * arch.headDim;
  const kvDim = arch.numKeyValueHeads * arch.headDim;
  const i = arch.intermediateSize;
  return {
    q_proj: { dIn: h, dOut: qDim },
    k_proj: { dIn: h, dOut: kvDim },
    v_proj: { dIn: h, dOut: kvDim },
    o_proj: { dIn: qDim, dOut: h },
    gate_proj: { dIn: h, dOut: i },
    up_proj: { dIn: h, dOut: i },
    down_proj: { dIn: i, dOut: h },
  };
}

export type ParameterCount = {
  total: number;
  embedding: number;
  /** 0 when the output head shares the embedding matrix. */
  lmHead: number;
  /** Weights of the seven projections over all layers: what 4-bit / 8-bit quantization replaces. */
  linearWeights: number;
  /** Norm vectors (per layer and final) and q/k/v biases: small, always kept in 16-bit. */
  normsAndBiases: number;
  perLayer: number;
};

/**
 * Exact parameter count (what `sum(p.numel() for p in model.parameters())` gives in transformers):
 * embeddings vocab x hidden; per layer q, k, v, o (GQA widths), gated MLP 3 x hidden x intermediate,
 * normsPerLayer x hidden, q/k/v biases when attentionBias; final norm hidden; lm_head vocab x hidden unless tied.
 */
export function countParameters(arch: ModelArchitecture): ParameterCount {
  const shapes = projectionShapes(arch);
  let linearPerLayer = 0;
  for (const name of PROJECTIONS) linearPerLayer += shapes[name].dIn * shapes[name].dOut;
  const biasesPerLayer = arch.attentionBias ? shapes.q_proj.dOut + shapes.k_proj.dOut + shapes.v_proj.dOut : 0;
  const normsPerLayer = (arch.normsPerLayer ?? 2) * arch.hiddenSize;
  const perLayer = linearPerLayer + biasesPerLayer + normsPerLayer;
  const embedding = arch.vocabSize * arch.hiddenSize;
  const lmHead = arch.tiedEmbeddings ? 0 : embedding;
  const normsAndBiases = arch.numLayers * (biasesPerLayer + normsPerLayer) + arch.hiddenSize;
  const linearWeights = arch.numLayers * linearPerLayer;
  return { total: embedding + lmHead + linearWeights + normsAndBiases, embedding, lmHead, linearWeights, normsAndBiases, perLayer };
}

export type AdaptedModules = { projections: Projection[]; lmHead: boolean };

/** "all-linear" means the seven projections: PEFT leaves the output head out of all-linear. */
export function expandTargetModules(modules: readonly TargetModule[]): AdaptedModules {
  const set = new Set<Projection>();
  for (const module of modules) {
    if (module === "all-linear") PROJECTIONS.forEach((name) => set.add(name));
    else if (module !== "lm_head") set.add(module);
  }
  return { projections: PROJECTIONS.filter((name) => set.has(name)), lmHead: modules.includes("lm_head") };
}

/** Share of the seven projections adapted, 0..1 (q,v = 2/7; all-linear = 1). */
export function targetBreadth(modules: readonly TargetModule[]): number {
  return expandTargetModules(modules).projections.length / PROJECTIONS.length;
}

/**
 * Trainable LoRA parameters: A is r x d_in and B is d_out x r, so r x (d_in + d_out) per adapted matrix
 * (Hu et al. 2021, §4.1), per layer; lm_head adds r x (hidden + vocab) once. Llama-2-7B, r=16 on q,k,v,o:
 * 32 layers x 4 x 16 x (4096 + 4096) = 16,777,216.
 */
export function countLoraParameters(arch: ModelArchitecture, rank: number, modules: readonly TargetModule[]): number {
  const shapes = projectionShapes(arch);
  const adapted = expandTargetModules(modules);
  let perLayer = 0;
  for (const name of adapted.projections) perLayer += rank * (shapes[name].dIn + shapes[name].dOut);
  const head = adapted.lmHead ? rank * (arch.hiddenSize + arch.vocabSize) : 0;
  return arch.numLayers * perLayer + head;
}

/**
 * Elements of the largest trainable tensor: what an optimizer step fused into the backward keeps as gradient at
 * once (torchtune's optimizer_in_bwd frees each gradient right after its parameter's step). Full fine-tuning: the
 * largest of the embedding (vocab x hidden), the untied lm_head and a projection. LoRA: A (r x d_in) and B
 * (d_out x r) are separate tensors; lm_head's adapter is r x vocab at its largest.
 */
export function largestTrainableTensor(arch: ModelArchitecture, method: "full" | "lora" | "qlora", rank: number, modules: readonly TargetModule[]): number {
  const shapes = projectionShapes(arch);
  if (method === "full") {
    return Math.max(arch.vocabSize * arch.hiddenSize, ...PROJECTIONS.map((name) => shapes[name].dIn * shapes[name].dOut));
  }
  const adapted = expandTargetModules(modules);
  const sizes = adapted.projections.map((name) => rank * Math.max(shapes[name].dIn, shapes[name].dOut));
  if (adapted.lmHead) sizes.push(rank * Math.max(arch.hiddenSize, arch.vocabSize));
  return Math.max(0, ...sizes);
}
