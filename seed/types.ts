// Typed shapes of the seed data. Every seeded number keeps its provenance: a source, a table and the
// verbatim cell text it was read from.

export type Method = "full" | "lora" | "qlora";

/** A base model's architecture as its config.json states it. Parameter counts are exact integers. */
export type ModelSeed = {
  id: string; // stable slug, e.g. "llama-2-7b"
  hfId: string | null; // Hugging Face repository id; null for the articles' generic "7B LLaMA"
  name: string;
  family: string;
  hiddenSize: number;
  intermediateSize: number;
  numLayers: number;
  numAttentionHeads: number;
  numKeyValueHeads: number;
  headDim: number; // hidden / heads for most models; Gemma-2 sets it explicitly (256)
  vocabSize: number;
  tiedEmbeddings: boolean;
  /** Biases on q/k/v projections (Qwen2.5) change the exact parameter count. */
  attentionBias?: boolean;
  /** Norm weight vectors per decoder layer: 2 for Llama-style, 4 for Gemma-2. */
  normsPerLayer?: number;
  totalParams: number;
  isGeneric?: boolean;
  notes?: string;
  citation: string;
};

export type HardwareSeed = {
  id: string; // stable slug, e.g. "a100-80gb"
  name: string;
  vendor: string;
  memoryGb: number; // GB as marketed (1e9 bytes; NVIDIA's "80GB" is in fact 80 GiB-ish, see notes)
  bf16DenseTflops: number | null; // dense (no sparsity) tensor-core TFLOP/s
  fp16DenseTflops: number;
  memoryBandwidthGbs: number; // GB/s
  hourlyPriceUsd: number; // typical on-demand price for one GPU
  priceSource: string;
  specSource: string;
  aliases: string[]; // names articles use for it
};

/** A table as printed: `header` is row 0, `rows` the body; every string verbatim. */
export type TableSeed = {
  id: string;
  title: string;
  caption?: string;
  kind: string;
  header: string[];
  rows: string[][];
};

export type SourceSeed = {
  id: string;
  /** measurement: a training framework's own published benchmark table (issue 11). */
  kind: "article" | "paper" | "user" | "measurement";
  /** Where the original is: its address; for a file in a repository also owner/name, the path and the commit read. */
  url?: string;
  repository?: string;
  path?: string;
  commit?: string;
  title: string;
  author?: string;
  publisher?: string;
  publishedAt?: string;
  seedFile?: string;
  summary?: string;
  /** How cells are joined on one line of the raw text: "" for articles whose tables lost their separators. */
  rawCellSeparator?: string;
  tables: TableSeed[];
};

/** Address of one cell: table id, body row (1-based, row 0 is the header) and column. */
export type CellRef = { table: string; row: number; col: number };

export type RunSeed = {
  externalId: string;
  name: string;
  sourceId: string;
  method: Method;
  modelId: string;
  rank?: number;
  loraAlpha?: number;
  targetModules?: string[];
  quantization?: "nf4" | "fp4" | "int8" | "none";
  precision?: "bf16" | "fp16" | "fp32";
  hardwareId?: string;
  hardwareLabel?: string;
  gpuCount?: number;
  gradientCheckpointing?: boolean;
  oom?: boolean;
  throughputSamplesPerSec?: number;
  peakMemoryGb?: number;
  peakMemoryGbMin?: number;
  peakMemoryGbMax?: number;
  trainableParams?: number;
  mtBench?: number;
  mmlu?: number;
  notes?: string;
  tags?: string[];
  /** The cells each field was read from; "config" marks cells that define the configuration. */
  cells: { field: string; cell: CellRef }[];
  // Issue 11's measured rows set these too (every one maps to a Run column of the same name).
  framework?: "transformers" | "torchtune" | "litgpt" | "axolotl" | "unsloth" | "llama-factory" | "ms-swift" | "other";
  loraDropout?: number;
  doubleQuant?: boolean;
  batchSize?: number;
  gradientAccumulation?: number;
  seqLen?: number;
  attention?: "eager" | "sdpa" | "flash";
  sharding?: "none" | "zero2" | "zero3";
  optimizer?: "adamw" | "adamw8bit" | "paged_adamw" | "paged_adamw8bit" | "sgd" | "adafactor" | "lion";
  datasetName?: string;
  packing?: boolean;
  chunkedLoss?: boolean;
  activationOffloading?: boolean;
  torchCompile?: boolean;
  optimizerInBackward?: boolean;
  masterWeights?: boolean;
  peakMemoryMeasure?: "allocated" | "reserved" | "nvidia-smi" | "fits-in";
  peakMemoryScope?: "per-gpu" | "total";
  peakMemoryOriginal?: string;
  isEstimate?: boolean;
  throughputTokensPerSec?: number;
  wallTimeSec?: number;
};

/** How the sequence length of a measured row relates to the tokens each sample really had. */
export type SeqLenKind =
  | "packed" // rows packed to exactly seqLen tokens
  | "fixed" // every sample exactly seqLen (synthetic or profiling inputs)
  | "truncated" // a cap most samples hit (dataset mostly longer than seqLen)
  | "padded-longest" // padded to the longest sample of each batch, at most seqLen
  | "max-fits" // the largest length that fitted: the memory figure is the card's capacity
  | "unknown";

/**
 * A published measurement (or estimate) as seeded: a reference run plus the facts of its row that have no Run
 * column, which the calibration (lib/predict/measured.ts) reads.
 */
export type MeasurementSeed = RunSeed & {
  measurement: {
    /** The row or sentence as the source prints it. */
    quote: string;
    /** The training stack as the source names it ("ms-swift 1.x (HF Trainer + PEFT)"). */
    frameworkLabel: string;
    seqLenKind: SeqLenKind;
    /** Mean tokens per sample when the source states the dataset's lengths (turns samples/s into tokens/s). */
    meanTokensPerSample?: number;
    /** The throughput figure as printed ("1.0 s/it", "9.88 samples/s", "1,040 s for the run"). */
    throughputOriginal?: string;
    /** What one "it" of an it/s figure is, in samples, when the source says (Qwen: an optimizer step of 8). */
    samplesPerIteration?: number;
    /** Parameter count in billions as the row states it, and whether that is the marketing size ("7B"). */
    paramsB: number;
    paramsNominal: boolean;
    /** The model's architecture is in the catalog but not a decoder-only one the estimator handles (T5, mT5, BLOOM). */
    unrepresentable?: string;
  };
};

export type ClaimSeed = {
  id: string;
  title: string;
  subject: string;
  quantity: "memory" | "speed" | "quality" | "hardware" | "parameters";
  unit?: string;
  description: string;
  evidence: {
    sourceId: string;
    cell?: CellRef;
    quote: string; // verbatim: the cell text, or a sentence of the article's prose
    /** Numeric reading in the claim's unit: a value, a range, "X+" (valueMax null) or an upper bound (valueMax only). */
    valueMin?: number;
    valueMax?: number | null; // null: open-ended lower bound; set without valueMin: an upper bound [0, valueMax]
    /** Free-text explanation shown next to the quote ("r=16, gradient checkpointing, BF16"); never compared. */
    note?: string;
    /**
     * The evidence's answer to a qualitative question, as a short canonical string that IS compared across
     * sources ("QLoRA slower than LoRA"): identical answers must use identical strings. Unset for evidence that
     * is only context (the LoRA figure next to QLoRA's) or that answers with a number.
     */
    position?: string;
  }[];
};
