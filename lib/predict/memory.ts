// Peak training memory per GPU, in bytes and in GB (1e9 bytes). Every term is a closed formula of the
// architecture and the configuration; the total is the sum of the breakdown, a conservative peak: it assumes the
// forward's saved activations, the gradients and the optimizer states are all resident at once. The estimate is of
// torch's ALLOCATED peak (max_memory_allocated); the calibration converts to reserved or nvidia-smi figures.
// How the run trains (precision regime, loss, packing, offloading) comes from lib/predict/frameworks.ts: the
// request's overrides, else the framework's documented defaults, resolved here so every caller gets one rule.
import { describeSetting, FRAMEWORK_DEFAULTS, FUSED_LORA_MLP, trainingOf, type TrainingSettings } from "./frameworks";
import { countLoraParameters, countParameters, expandTargetModules, largestTrainableTensor, PROJECTIONS, projectionShapes, type AdaptedModules } from "./params";
import type { ModelArchitecture, TrainingConfig } from "./types";

export const BYTES_PER_GB = 1e9;
export const DTYPE_BYTES = { bf16: 2, fp16: 2, fp32: 4 } as const;
/**
 * PEFT creates LoRA A/B in fp32 and keeps them there on a 16-bit base (get_peft_model, autocast_adapter_dtype=True):
 * the AMP regime (masterWeights). Pure bf16 stacks (torchtune dtype: bf16, LitGPT bf16-true) keep them in bf16.
 */
export const ADAPTER_BYTES = 4;
/** QLoRA paper (Dettmers et al. 2023, §2): one absmax constant per block of 64 weights. */
export const QUANT_BLOCK = 64;
/** Double quantization: the 8-bit absmax constants are themselves block-quantized, one fp32 per 256 (§2). */
export const DOUBLE_QUANT_BLOCK = 256;
/** CUDA context, cuBLAS/cuDNN workspaces: a fixed term. Not calibrated (no seeded figure states enough). */
export const OVERHEAD_FIXED_BYTES = 0.5e9;
/** Caching-allocator fragmentation, as a share of everything else. A convention, not a measurement. */
export const OVERHEAD_FRACTION = 0.05;

/**
 * Optimizer state bytes per trainable parameter. adamw: fp32 first and second moments (Loshchilov & Hutter;
 * torch.optim.AdamW). adamw8bit: bitsandbytes 8-bit moments, 1 byte each (Dettmers et al. 2022, "8-bit
 * Optimizers via Block-wise Quantization"; its fp32 block constants, 1 per 2048, are left out: < 0.2%).
 * paged_*: the same states in CUDA unified memory; they count here because they live on the GPU until memory
 * runs short, then page to CPU RAM. sgd: 0, no momentum buffer (torch.optim.SGD's default momentum=0, which
 * Hugging Face's "sgd" keeps). lion: one fp32 momentum. adafactor: see adafactorStateBytes.
 */
export const OPTIMIZER_BYTES_PER_PARAM = { adamw: 8, paged_adamw: 8, adamw8bit: 2, paged_adamw8bit: 2, sgd: 0, lion: 4, adafactor: Number.NaN } as const;

/**
 * Optimizer state bytes per trainable parameter when the trainable weights are held in `weightBytes` (2 for pure
 * bf16, 4 for AMP's fp32). torch.optim.AdamW and Lion create their states with zeros_like(param), so a bf16
 * parameter has bf16 moments: AdamW 2 x 2 = 4 bytes, Lion 2. bitsandbytes' 32-bit paged AdamW allocates fp32
 * states whatever the parameter's dtype (8); its 8-bit ones 1 byte per moment (2). Adafactor as Hugging Face runs
 * it upcasts to fp32 (adafactorStateBytes).
 */
export function optimizerBytesPerParam(optimizer: TrainingConfig["optimizer"], weightBytes: number): number {
  if (optimizer === "adamw") return 2 * weightBytes;
  if (optimizer === "lion") return weightBytes;
  return OPTIMIZER_BYTES_PER_PARAM[optimizer];
}

export type Quantization = "nf4" | "fp4" | "int8" | "none";
export type MemoryOptions = {
  /**
   * AMP (fp32 master weights, fp32 adapters and states) or pure bf16. The config's masterWeights wins over this;
   * left out of both, the framework's default applies (lib/predict/frameworks.ts).
   */
  fp32MasterWeights?: boolean;
  /** LoRA dropout probability, 0 to below 1. Default 0 (PEFT then uses nn.Identity and saves nothing extra). */
  loraDropout?: number;
  /** The fixed overhead, bytes: the calibration's fit (lib/predict/measured.ts) when there is one, else OVERHEAD_FIXED_BYTES. */
  overheadFixedBytes?: number;
  /** The allocator's share: the calibration's fit when there is one, else OVERHEAD_FRACTION. */
  overheadFraction?: number;
};

/** The settings that decide memory for this config: its overrides, else the framework's defaults. */
export function memorySettings(config: TrainingConfig, options: MemoryOptions = {}): TrainingSettings {
  return trainingOf({ ...config, masterWeights: config.masterWeights ?? options.fp32MasterWeights });
}

/**
 * Tokens per row the activations and logits are sized for. Packed rows are seqLen long. Unpacked rows are padded
 * to the longest sample in their batch, at most seqLen; tokensPerExample is taken as that length (a single
 * figure cannot tell a batch's longest from its mean: give the longest for a safe estimate).
 */
export function activationSeqLen(config: Pick<TrainingConfig, "seqLen" | "tokensPerExample">, packing: boolean): number {
  if (packing || config.tokensPerExample === undefined) return config.seqLen;
  return Math.min(config.seqLen, config.tokensPerExample);
}

export type MemoryBreakdownBytes = {
  weights: number;
  quantizationConstants: number;
  adapterWeights: number;
  gradients: number;
  optimizerStates: number;
  masterWeights: number;
  activations: number;
  logits: number;
  overhead: number;
};

export type MemoryBytes = {
  bytes: MemoryBreakdownBytes;
  totalBytes: number;
  totalParams: number;
  trainableParams: number;
  quantizedParams: number;
};

export function resolveQuantization(config: Pick<TrainingConfig, "method" | "quantization">): Quantization {
  if (config.method !== "qlora") return "none";
  return config.quantization && config.quantization !== "none" ? config.quantization : "nf4";
}

/**
 * Bytes of the quantized projection weights and of their constants, tensor by tensor (blocks never straddle
 * tensors). nf4/fp4: 0.5 byte per weight + one fp32 absmax per 64 (32/64 = 0.5 bit per weight); with double
 * quantization one 8-bit absmax per 64 + one fp32 per 256 blocks (8/64 + 32/(64*256) = 0.127 bit per weight;
 * the per-tensor fp32 offset is left out). int8 (LLM.int8, Dettmers et al. 2022): 1 byte per weight + one fp32
 * scale per output row.
 */
export function quantizedWeightBytes(arch: ModelArchitecture, quantization: Quantization, doubleQuant: boolean): { data: number; constants: number } {
  if (quantization === "none") return { data: 0, constants: 0 };
  const shapes = projectionShapes(arch);
  let data = 0;
  let constants = 0;
  for (const name of PROJECTIONS) {
    const { dIn, dOut } = shapes[name];
    const weights = dIn * dOut;
    if (quantization === "int8") {
      data += weights;
      constants += dOut * 4;
      continue;
    }
    const blocks = Math.ceil(weights / QUANT_BLOCK);
    data += weights / 2;
    constants += doubleQuant ? blocks + Math.ceil(blocks / DOUBLE_QUANT_BLOCK) * 4 : blocks * 4;
  }
  return { data: data * arch.numLayers, constants: constants * arch.numLayers };
}

/**
 * Adafactor (Shazeer & Stern 2018) as Hugging Face runs it (beta1 None: no first moment): a factored second
 * moment, one fp32 per row and per column of every matrix, and a full fp32 copy for vectors. Approximate: the
 * per-tensor RMS scalars are left out.
 */
export function adafactorStateBytes(arch: ModelArchitecture, method: TrainingConfig["method"], rank: number, adapted: AdaptedModules): number {
  const shapes = projectionShapes(arch);
  if (method !== "full") {
    // LoRA A is r x d_in, B is d_out x r: rows + columns of each.
    let perLayer = 0;
    for (const name of adapted.projections) perLayer += 2 * rank + shapes[name].dIn + shapes[name].dOut;
    const head = adapted.lmHead ? 2 * rank + arch.hiddenSize + arch.vocabSize : 0;
    return 4 * (arch.numLayers * perLayer + head);
  }
  let perLayer = 0;
  for (const name of PROJECTIONS) perLayer += shapes[name].dIn + shapes[name].dOut;
  const counts = countParameters(arch);
  const embeddingMatrices = (arch.tiedEmbeddings ? 1 : 2) * (arch.vocabSize + arch.hiddenSize);
  return 4 * (arch.numLayers * perLayer + embeddingMatrices + counts.normsAndBiases);
}

type ActivationConfig = Pick<TrainingConfig, "batchSize" | "seqLen" | "gradientCheckpointing" | "attention" | "precision"> & {
  /** Saved activations live in CPU memory (torchtune's OffloadActivations, Unsloth's offloaded checkpoints). */
  activationOffloading?: boolean;
};

/**
 * Activation bytes saved for the backward pass. Method of Korthikanti et al. 2022, "Reducing Activation
 * Recomputation in Large Transformer Models", §4.1 and eq. 2 (s·b·h·(34 + 5·a·s/h) bytes per GPT layer in
 * 16-bit), re-derived tensor by tensor for a Llama-style layer as Hugging Face transformers runs it
 * (e = bytes per element of the compute dtype, t = s·b tokens):
 *   norm inputs            normsPerLayer · t·h·e   (RMSNorm saves its input, like Korthikanti's LayerNorm)
 *   q/k/v input            t·h·e                   (shared by the three projections)
 *   Q, K, V for attention  t·(qDim + 2·kEff)·e     eager: kEff = qDim (repeat_kv materialises GQA copies);
 *                                                  flash/sdpa: kEff = kvDim (kernels read grouped heads)
 *   o_proj input           t·qDim·e
 *   MLP input              t·h·e
 *   gated MLP              4·t·i·e                 (gate out = SiLU in, SiLU out, up out, product = down in)
 *   attention scores       eager: (4 + e)·a·s²·b   (HF upcasts the softmax to fp32 and saves it, then the
 *                                                  16-bit probabilities for attn·V; e = 4 adds no copy)
 *                          flash/sdpa: 4·a·s·b     (only the fp32 log-sum-exp: O(s), FlashAttention-2 §3)
 * Departures from Korthikanti: no dropout masks (Llama's attention_dropout is 0 and it has no hidden dropout),
 * a gated MLP of width i instead of 4h, GQA widths, the fp32 softmax. The RMSNorm's internal fp32 upcast is
 * counted as 16-bit like Korthikanti's LayerNorm. Inputs of frozen projections are counted for adapters too
 * (an upper bound: they are mostly saved anyway by the neighbouring ops). LoRA adds its r-wide intermediate
 * x·A per adapted matrix. With LoRA dropout > 0 each adapted matrix runs its own nn.Dropout on its input, which
 * saves a bool mask (1 byte per element) and hands lora_A a new tensor it saves for its weight gradient
 * (e bytes per element): (e + 1)·t·d_in per adapted matrix; with dropout 0 PEFT uses nn.Identity and neither
 * exists. A fused LoRA MLP (Unsloth's LoRA_MLP, see FUSED_LORA_MLP) saves only its input and the gate and up
 * outputs, recomputing SiLU and the product in the backward: 2·t·i instead of 4·t·i, and no x·A intermediates for
 * gate, up and down. Gradient checkpointing (Chen et al. 2016; HF checkpoints every decoder layer)
 * keeps each layer's input t·h·e plus one layer's full set while it is recomputed. Outside the layers: the
 * final norm's and lm_head's inputs, 2·t·h·e. Activation offloading moves what the forward saves to CPU memory
 * and brings it back layer by layer in the backward (torchtune training/_activation_offloading.py overlaps one
 * transfer with compute): the GPU holds about one layer's full set plus the next one in flight; with
 * checkpointing too, the offloaded tensors are the checkpoints, so one recomputed layer plus one checkpoint.
 */
export function activationBytes(arch: ModelArchitecture, config: ActivationConfig, lora?: { rank: number; adapted: AdaptedModules; dropout?: number; fusedMlp?: boolean }): number {
  const e = DTYPE_BYTES[config.precision];
  const tokens = config.seqLen * config.batchSize;
  const h = arch.hiddenSize;
  const qDim = arch.numAttentionHeads * arch.headDim;
  const kvDim = Math.min(arch.numKeyValueHeads * arch.headDim, qDim);
  const isEager = config.attention === "eager";
  const kEff = isEager ? qDim : kvDim;
  const norms = arch.normsPerLayer ?? 2;
  const isFusedMlp = lora?.fusedMlp === true;
  const mlpTensors = isFusedMlp ? 2 : 4;
  const tensors = tokens * (h * (norms + 2) + 2 * qDim + 2 * kEff + mlpTensors * arch.intermediateSize) * e;
  const scores = isEager
    ? (4 + (e === 4 ? 0 : e)) * arch.numAttentionHeads * config.seqLen * tokens
    : 4 * arch.numAttentionHeads * tokens;
  const hasDropout = lora !== undefined && (lora.dropout ?? 0) > 0;
  const shapes = projectionShapes(arch);
  const dropoutPerLayer = hasDropout ? tokens * (e + 1) * lora.adapted.projections.reduce((sum, name) => sum + shapes[name].dIn, 0) : 0;
  const savedIntermediates = lora ? lora.adapted.projections.length - (isFusedMlp ? 3 : 0) : 0;
  const loraPerLayer = lora ? tokens * lora.rank * savedIntermediates * e + dropoutPerLayer : 0;
  const perLayer = tensors + scores + loraPerLayer;
  const layerInput = tokens * h * e;
  // The recomputed layer's own saved input is the stored checkpoint, so it is not counted twice.
  const layers = config.activationOffloading
    ? config.gradientCheckpointing
      ? perLayer + Math.min(1, arch.numLayers - 1) * layerInput
      : Math.min(2, arch.numLayers) * perLayer
    : config.gradientCheckpointing
      ? arch.numLayers * layerInput + perLayer - layerInput
      : arch.numLayers * perLayer;
  const outside = 2 * tokens * h * e + (lora?.adapted.lmHead ? tokens * lora.rank * e + (hasDropout ? tokens * h * (e + 1) : 0) : 0);
  return layers + outside;
}

export type LossSettings = Pick<TrainingSettings, "chunkedLoss" | "chunkedLossKind" | "lossChunking" | "logitsUpcast">;
/** Hugging Face's ForCausalLMLoss: one cross-entropy over all the logits, upcast to fp32 first. */
export const FULL_LOGITS_LOSS: LossSettings = { chunkedLoss: false, chunkedLossKind: "fused", lossChunking: { chunks: 1 }, logitsUpcast: true };

/** The share of the b·s tokens one loss chunk holds, 0..1. */
export function lossChunkShare(chunking: TrainingSettings["lossChunking"], tokens: number): number {
  if ("chunks" in chunking) return 1 / Math.max(1, Math.min(chunking.chunks, tokens));
  return Math.min(1, chunking.tokensPerChunk / Math.max(1, tokens));
}

/**
 * Logits and loss buffers at their peak, for N = b·s·vocab logits, e bytes per 16-bit logit, an fp32 upcast copy
 * (4 bytes, when the loss upcasts and e < 4) and the log-softmax cross-entropy saves for its backward (u: 4 when
 * upcast, else e). Autograd keeps every chunk's log-softmax until the backward, so chunking alone saves only
 * what is transient, one chunk's share c at a time:
 *   full logits (Hugging Face's ForCausalLMLoss)   N·(e + 4 + 4) = 10 bytes per bf16 logit
 *   chunked over returned logits (LitGPT)          N·(e + u) + c·N·(upcast copy)
 *   lm_head inside a chunked loss (torchtune)      N·u + c·N·(e + upcast copy)
 *   fused (Unsloth, TRL chunked_nll, Liger)         c·N·(e + upcast copy + u): nothing outlives its chunk
 * 128k-256k vocabularies make this the largest activation term at short sequence lengths.
 */
export function logitsBytes(arch: ModelArchitecture, batchSize: number, seqLen: number, precision: TrainingConfig["precision"], loss: LossSettings = FULL_LOGITS_LOSS): number {
  const e = DTYPE_BYTES[precision];
  const logits = batchSize * seqLen * arch.vocabSize;
  const copy = loss.logitsUpcast && e < 4 ? 4 : 0;
  const saved = loss.logitsUpcast ? 4 : e;
  if (!loss.chunkedLoss) return logits * (e + copy + saved);
  const chunk = lossChunkShare(loss.lossChunking, batchSize * seqLen) * logits;
  switch (loss.chunkedLossKind) {
    case "logits":
      return logits * (e + saved) + chunk * copy;
    case "projection":
      return logits * saved + chunk * (e + copy);
    case "fused":
      return chunk * (e + copy + saved);
  }
}

/** Whether the framework's fused LoRA MLP runs for this config (FUSED_LORA_MLP: its conditions, with the source). */
export function hasFusedLoraMlp(config: Pick<TrainingConfig, "method">, training: Pick<TrainingSettings, "framework">, adapted: AdaptedModules, options: Pick<MemoryOptions, "loraDropout">): boolean {
  if (config.method === "full" || FUSED_LORA_MLP[training.framework] === undefined || (options.loraDropout ?? 0) > 0) return false;
  return (["gate_proj", "up_proj", "down_proj"] as const).every((name) => adapted.projections.includes(name));
}

/** The breakdown as numbers only: the fast path the limit searches and sweeps call. */
export function estimateMemoryBytes(config: TrainingConfig, arch: ModelArchitecture, options: MemoryOptions = {}): MemoryBytes {
  const training = memorySettings(config, options);
  const e = DTYPE_BYTES[config.precision];
  // AMP keeps trainable weights (LoRA adapters, the master copy of a full fine-tune) and their states in fp32.
  const isAmp = training.masterWeights && e < 4;
  const trainableBytes = isAmp ? 4 : e;
  const counts = countParameters(arch);
  const quantization = resolveQuantization(config);
  const isFull = config.method === "full";
  const adapted = expandTargetModules(config.targetModules);
  const loraParams = isFull ? 0 : countLoraParameters(arch, config.rank, config.targetModules);
  const trainable = isFull ? counts.total : loraParams;

  const quantized = quantizedWeightBytes(arch, quantization, config.doubleQuant || training.alwaysDoubleQuant);
  const quantizedParams = quantization === "none" ? 0 : counts.linearWeights;
  // Embeddings, lm_head, norms and biases stay in the compute dtype when the projections are quantized.
  const weights = quantization === "none" ? counts.total * e : quantized.data + (counts.total - counts.linearWeights) * e;
  const adapterWeights = loraParams * (isAmp ? ADAPTER_BYTES : e);
  // A full fine-tune's gradients come out in the weights' 16-bit dtype; adapters' in theirs. With the optimizer
  // stepped inside the backward only the largest tensor's gradient is resident at once.
  const gradientBytes = isFull ? e : isAmp ? ADAPTER_BYTES : e;
  const gradientElements = training.optimizerInBackward ? largestTrainableTensor(arch, config.method, config.rank, config.targetModules) : trainable;
  const gradients = gradientElements * gradientBytes;
  const optimizerStates =
    config.optimizer === "adafactor"
      ? adafactorStateBytes(arch, config.method, config.rank, adapted)
      : trainable * optimizerBytesPerParam(config.optimizer, trainableBytes);
  const masterWeights = isFull && isAmp ? counts.total * 4 : 0;
  const rowTokens = activationSeqLen(config, training.packing);
  const shaped = { ...config, seqLen: rowTokens, gradientCheckpointing: training.gradientCheckpointing, activationOffloading: training.activationOffloading };

  // ZeRO (Rajbhandari et al. 2020, §5): stage 2 partitions optimizer states, which include the fp32 master
  // copy, and gradients across GPUs; stage 3 (and FSDP full sharding) also the 16-bit weights, but gathers
  // one layer at a time, here two (the current one and the prefetched next), capped at the unsharded size.
  const n = config.sharding === "none" ? 1 : config.gpuCount;
  const shardStates = config.sharding !== "none";
  const shardWeights = config.sharding === "zero3";
  const layerWeightBytes = ((counts.total - counts.embedding - counts.lmHead) * e) / arch.numLayers;
  const layerQuantBytes = quantization === "none" ? 0 : (quantized.data + quantized.constants) / arch.numLayers;
  const shard = (bytes: number, gathered: number) => (shardWeights ? Math.min(bytes, bytes / n + gathered) : bytes);
  const gatheredLayer = quantization === "none" ? layerWeightBytes : layerQuantBytes;

  const bytes: MemoryBreakdownBytes = {
    weights: shard(weights, 2 * gatheredLayer),
    quantizationConstants: shard(quantized.constants, 0),
    adapterWeights: shard(adapterWeights, 0),
    gradients: shardStates ? gradients / n : gradients,
    optimizerStates: shardStates ? optimizerStates / n : optimizerStates,
    masterWeights: shardStates ? masterWeights / n : masterWeights,
    activations: activationBytes(arch, shaped, isFull ? undefined : { rank: config.rank, adapted, dropout: options.loraDropout, fusedMlp: hasFusedLoraMlp(config, training, adapted, options) }),
    logits: logitsBytes(arch, config.batchSize, rowTokens, config.precision, training),
    overhead: 0,
  };
  // bitsandbytes dequantizes one projection at a time to the compute dtype for its matmul.
  const shapes = projectionShapes(arch);
  const dequantWorkspace =
    quantization === "none" ? 0 : Math.max(...PROJECTIONS.map((name) => shapes[name].dIn * shapes[name].dOut)) * e;
  const subtotal =
    bytes.weights + bytes.quantizationConstants + bytes.adapterWeights + bytes.gradients + bytes.optimizerStates +
    bytes.masterWeights + bytes.activations + bytes.logits;
  bytes.overhead = (options.overheadFixedBytes ?? OVERHEAD_FIXED_BYTES) + dequantWorkspace + (options.overheadFraction ?? OVERHEAD_FRACTION) * subtotal;
  return { bytes, totalBytes: subtotal + bytes.overhead, totalParams: counts.total, trainableParams: trainable, quantizedParams };
}

export type MemoryBreakdownGb = { [K in keyof MemoryBreakdownBytes as `${K}Gb`]: number };

export type MemoryEstimate = MemoryBytes & {
  totalGb: number;
  breakdownGb: MemoryBreakdownGb;
  assumptions: string[];
};

const toGb = (bytes: number) => bytes / BYTES_PER_GB;

/** Peak memory per GPU with its breakdown in bytes and GB (1e9 bytes), and the assumptions behind each term. */
export function estimateMemory(config: TrainingConfig, arch: ModelArchitecture, options: MemoryOptions = {}): MemoryEstimate {
  const result = estimateMemoryBytes(config, arch, options);
  const b = result.bytes;
  const breakdownGb: MemoryBreakdownGb = {
    weightsGb: toGb(b.weights),
    quantizationConstantsGb: toGb(b.quantizationConstants),
    adapterWeightsGb: toGb(b.adapterWeights),
    gradientsGb: toGb(b.gradients),
    optimizerStatesGb: toGb(b.optimizerStates),
    masterWeightsGb: toGb(b.masterWeights),
    activationsGb: toGb(b.activations),
    logitsGb: toGb(b.logits),
    overheadGb: toGb(b.overhead),
  };
  return { ...result, totalGb: toGb(result.totalBytes), breakdownGb, assumptions: describeAssumptions(config, options) };
}

function describeLogits(loss: LossSettings, e: number): string {
  const copy = loss.logitsUpcast && e < 4 ? 4 : 0;
  const saved = loss.logitsUpcast ? 4 : e;
  if (!loss.chunkedLoss) return `Logits: batch × seq × vocab × ${e + copy + saved} bytes (logits${copy ? ", fp32 upcast for the loss" : ""}, ${saved === 4 ? "fp32" : "16-bit"} log-softmax).`;
  const chunking = "chunks" in loss.lossChunking ? `${loss.lossChunking.chunks} chunks` : `${loss.lossChunking.tokensPerChunk}-token chunks`;
  switch (loss.chunkedLossKind) {
    case "logits":
      return `Logits: chunked loss (${chunking}) over returned logits: batch × seq × vocab × ${e + saved} bytes (logits, saved log-softmax)${copy ? ` + one chunk's fp32 upcast` : ""}.`;
    case "projection":
      return `Logits: lm_head inside a chunked loss (${chunking}): batch × seq × vocab × ${saved} bytes of saved log-softmax + one chunk's ${e + copy} bytes per logit.`;
    case "fused":
      return `Logits: fused chunked loss (${chunking}): only one chunk's logits at a time, ${e + copy + saved} bytes per logit of the chunk.`;
  }
}

function describeAssumptions(config: TrainingConfig, options: MemoryOptions): string[] {
  const training = memorySettings(config, options);
  const e = DTYPE_BYTES[config.precision];
  const isAmp = training.masterWeights && e < 4;
  const quantization = resolveQuantization(config);
  const isFull = config.method === "full";
  const framework = FRAMEWORK_DEFAULTS[training.framework].label;
  const rowTokens = activationSeqLen(config, training.packing);
  const optimizerBytes = config.optimizer === "adafactor" ? Number.NaN : optimizerBytesPerParam(config.optimizer, isAmp ? 4 : e);
  const lines = [
    "Units: GB = 1e9 bytes, per GPU; the total is the sum of the terms (a conservative peak of allocated memory).",
    `Training as ${framework} runs it: ${describeSetting("masterWeights", training.masterWeights, training, config.method)}, ${describeSetting("chunkedLoss", training.chunkedLoss, training)}, ` +
      `${describeSetting("gradientCheckpointing", training.gradientCheckpointing)}, ${describeSetting("packing", training.packing)}` +
      (training.activationOffloading ? `, ${describeSetting("activationOffloading", true)}` : "") +
      (training.optimizerInBackward ? `, ${describeSetting("optimizerInBackward", true)}` : "") +
      ".",
    quantization === "none"
      ? `Weights: ${e} bytes/param (${config.precision}).`
      : quantization === "int8"
        ? `Weights: projections int8 (1 byte/param + one fp32 scale per output row); embeddings, lm_head and norms ${e} bytes/param.`
        : `Weights: projections ${quantization} (0.5 byte/param) + block constants ${config.doubleQuant || training.alwaysDoubleQuant ? `with double quantization (0.127 bit/param${config.doubleQuant ? "" : `, always in ${framework}`})` : "one fp32 absmax per 64 (0.5 bit/param)"} (Dettmers et al. 2023, §2); embeddings, lm_head and norms ${e} bytes/param.`,
    (isFull
      ? `Gradients: ${e} bytes per trainable param (${config.precision}).`
      : isAmp
        ? "Adapters: fp32 LoRA weights and gradients, 4 bytes each per trainable param (PEFT's default on a 16-bit base)."
        : `Adapters: LoRA weights and gradients in ${config.precision}, ${e} bytes each per trainable param (pure ${config.precision}).`) +
      (training.optimizerInBackward ? " Optimizer stepped in the backward: only the largest tensor's gradient is resident." : ""),
    config.optimizer === "adafactor"
      ? "Optimizer: Adafactor, factored fp32 second moment (one value per row and column), no first moment."
      : `Optimizer: ${config.optimizer}, ${optimizerBytes} bytes per trainable param${config.optimizer.startsWith("paged") ? " (paged: counted on the GPU; it spills to CPU RAM only under pressure)" : ""}${config.optimizer === "sgd" ? " (no momentum)" : ""}${(config.optimizer === "adamw" || config.optimizer === "lion") && !isAmp && e < 4 ? ` (states in ${config.precision}, like the weights)` : ""}.`,
    isFull && e < 4
      ? isAmp
        ? "Master weights: fp32 copy, 4 bytes/param (mixed-precision Adam, ZeRO paper §3.1: 2 + 2 + 4 + 8 = 16 bytes/param)."
        : `No fp32 master weights: pure ${config.precision} training (2 + 2 + ${optimizerBytes} bytes/param with ${config.optimizer}).`
      : "No separate master weights (the trainable weights are already fp32 or adapters).",
    `Activations: per-layer tensor count after Korthikanti et al. 2022, eq. 2, for a Llama-style layer at ${rowTokens} tokens per row` +
      `${rowTokens < config.seqLen ? " (unpacked rows padded to the batch's longest: tokensPerExample)" : ""}; ` +
      `${config.attention === "eager" ? "eager attention stores the s² score matrices" : `${config.attention} attention stores O(s), not O(s²)`}` +
      `${training.gradientCheckpointing ? "; gradient checkpointing keeps each layer's input plus one recomputed layer" : ""}` +
      `${training.activationOffloading ? "; offloaded to CPU: about one layer's worth stays on the GPU" : ""}` +
      `${hasFusedLoraMlp(config, training, expandTargetModules(config.targetModules), options) ? `; ${framework}'s fused LoRA MLP saves its input, gate and up outputs only (2 of the MLP's 4 intermediate-width tensors)` : ""}` +
      (!isFull && (options.loraDropout ?? 0) > 0 ? `; LoRA dropout ${options.loraDropout} saves a dropped-out copy of each adapted matrix's input and its mask (${e + 1} bytes per element).` : "."),
    describeLogits(training, e),
    `Overhead: ${(options.overheadFixedBytes ?? OVERHEAD_FIXED_BYTES) / BYTES_PER_GB} GB CUDA context and workspaces + ${((options.overheadFraction ?? OVERHEAD_FRACTION) * 100).toFixed(1)}% allocator fragmentation${quantization === "none" ? "" : " + one dequantized projection"}; ` +
      `${options.overheadFixedBytes === undefined && options.overheadFraction === undefined ? "uncalibrated" : "fitted to the measured benchmark rows"}.`,
  ];
  if (config.sharding !== "none") {
    lines.push(
      config.sharding === "zero2"
        ? `ZeRO-2 over ${config.gpuCount} GPUs: gradients, optimizer states and master weights divided by ${config.gpuCount}.`
        : `ZeRO-3 / FSDP over ${config.gpuCount} GPUs: weights too are divided, plus two gathered layers.`,
    );
  } else if (config.gpuCount > 1) {
    lines.push(`Data parallel over ${config.gpuCount} GPUs without sharding: every GPU holds a full copy (DDP's gradient buckets are not counted).`);
  }
  return lines;
}
