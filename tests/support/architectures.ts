// Architectures the prediction unit tests share.
import type { ModelArchitecture, QualityObservation, ThroughputObservation } from "@/lib/predict";

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

/** Parameters of Llama-2-7B, the size most seeded quality runs have. */
export const SEVEN_B = 6_738_415_616;

/** A 7B LoRA quality observation of the given rank; scores and anything else through `overrides`. */
export const loraObservation = (runId: string, rank: number, overrides: Partial<QualityObservation> = {}): QualityObservation => ({
  runId,
  name: runId,
  method: "lora",
  modelParams: SEVEN_B,
  rank,
  targetModules: null,
  mtBench: null,
  mmlu: null,
  ...overrides,
});

/**
 * A full fine-tune of a 1e9-parameter model without an architecture on the test GPU "gpu-x": 2 x 1e9 x 3 = 6e9
 * FLOPs per token, so on a 100 TFLOP/s GPU its efficiency is tokens/s x 6e-5.
 */
export const throughputObservation = (runId: string, tokensPerSec: number, overrides: Partial<ThroughputObservation> = {}): ThroughputObservation => ({
  runId,
  name: `run ${runId}`,
  hardwareId: "gpu-x",
  method: "full",
  modelParams: 1e9,
  rank: null,
  targetModules: null,
  gpuCount: 1,
  seqLen: 1024,
  batchSize: null,
  gradientCheckpointing: null,
  samplesPerSec: null,
  tokensPerSec,
  ...overrides,
});
