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
  kind: "article" | "paper" | "user";
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
