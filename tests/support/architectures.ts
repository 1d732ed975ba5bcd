// Architectures the prediction unit tests share.
import type { ModelArchitecture } from "@/lib/predict";

/** h=8, i=16, 2 layers, 2 heads of 4, 1 KV head, vocab 10: small enough to count every tensor by hand. */
export const TINY_ARCHITECTURE: ModelArchitecture = {
  hiddenSize: 8,
  intermediateSize: 16,
  numLayers: 2,
  numAttentionHeads: 2,
  numKeyValueHeads: 1,
  headDim: 4,
  vocabSize: 10,
  tiedEmbeddings: false,
};
