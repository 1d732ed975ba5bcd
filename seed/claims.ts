// Claims: questions that several seeded articles answer, so the UI can show each source's answer side by
// side and flag contradictions.
//
// Conventions
// - evidence[].quote is verbatim: either the exact text of the cell named by `cell`, or (with `cell`
//   unset) a sentence or phrase that occurs character for character in the source's raw file.
// - valueMin/valueMax are the evidence's numeric reading in the claim's unit; valueMax null marks an
//   open-ended lower bound ("84GB+"); valueMax without valueMin an upper bound ("fits on a single 16GB GPU":
//   [0, 16]); a single value has valueMin === valueMax. Numbers in another unit (an MT-Bench score in a claim
//   about % accuracy loss, samples/s in a "which is faster" claim) are not values: they go in the `note`.
// - `note` is free text for the reader and is never compared. `position` is the evidence's answer to a
//   qualitative question as a short canonical string, and IS compared: two sources with different positions
//   disagree (lib/claims.ts, findDisagreements). Identical answers use identical strings; evidence that is only
//   context (the LoRA figure next to QLoRA's) has a note and no position.
import type { CellRef, ClaimSeed } from "./types";

const S000 = "lora-vs-qlora-vs-full";
const S001 = "qlora-vs-full-vram-tradeoff";
const S002 = "exploring-lora-qlora-full";

const cell = (source: string, slug: string, row: number, col: number): CellRef => ({
  table: `${source}/${slug}`,
  row,
  col,
});

export const claims: ClaimSeed[] = [
  // ------------------------------------------------------------------------------------------- memory
  {
    id: "memory-7b-full",
    title: "Peak memory of a 7B full fine-tune",
    subject: "llama-7b · full",
    quantity: "memory",
    unit: "GB",
    description:
      "How much GPU memory full fine-tuning of a 7B model needs. The answers range from over 28GB to 100-120GB: one source's \"28-32GB+\" and another's \"84GB+\" are both open-ended, so both could be true, but their lower bounds are three times apart.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "memory-by-size", 1, 1), quote: "84GB+", valueMin: 84, valueMax: null },
      {
        sourceId: S000,
        quote: "7B model: 7B × 12 bytes = 84GB (plus activations)",
        valueMin: 84,
        valueMax: null,
        note: "weights, gradients and AdamW states alone; activations come on top",
      },
      { sourceId: S001, cell: cell(S001, "comparison", 2, 1), quote: "100 - 120 GB", valueMin: 100, valueMax: 120 },
      {
        sourceId: S001,
        quote:
          "To update all parameters in a 7B model like Llama 3 or Mistral, you need roughly 120GB of VRAM to handle optimizer states, gradients, and the model itself.",
        valueMin: 120,
        valueMax: 120,
      },
      {
        sourceId: S001,
        quote: "A full fine-tune of a standard 7-billion parameter model swallows over 100GB of VRAM",
        valueMin: 100,
        valueMax: null,
      },
      {
        sourceId: S002,
        cell: cell(S002, "comparison", 1, 1),
        quote: "28-32GB+",
        valueMin: 28,
        valueMax: null,
        note: "open-ended: 28-32GB or more",
      },
      {
        sourceId: S002,
        quote: "Over 28GB of GPU memory (FP16), or 56GB (FP32)",
        valueMin: 28,
        valueMax: null,
        note: "more than 28GB in FP16; 56GB in FP32",
      },
    ],
  },
  {
    id: "memory-7b-lora",
    title: "Peak memory of a 7B LoRA fine-tune",
    subject: "llama-7b · lora",
    quantity: "memory",
    unit: "GB",
    description:
      "How much GPU memory LoRA on a 7B model needs: from about 10GB to 24-32GB depending on the source, ranges that do not overlap.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "memory-by-size", 1, 2), quote: "16GB", valueMin: 16, valueMax: 16, note: "r=16, gradient checkpointing, BF16" },
      {
        sourceId: S000,
        quote: "Total: ~15GB (plus activations)",
        valueMin: 15,
        valueMax: null,
        note: "LLaMA-7B, r=16 on attention layers; activations come on top",
      },
      { sourceId: S001, cell: cell(S001, "comparison", 2, 2), quote: "24 - 32 GB", valueMin: 24, valueMax: 32 },
      { sourceId: S001, quote: "You drop your VRAM requirement down to roughly 24GB.", valueMin: 24, valueMax: 24 },
      {
        sourceId: S002,
        cell: cell(S002, "lora-aspects", 1, 1),
        quote: "~10-12GB (for 7B models, FP16)",
        valueMin: 10,
        valueMax: 12,
      },
      { sourceId: S002, cell: cell(S002, "comparison", 2, 1), quote: "10-12GB", valueMin: 10, valueMax: 12 },
      {
        sourceId: S002,
        quote: "can fine-tune a 7B model on a single 16GB GPU",
        valueMax: 16,
        note: "fits on a single 16GB GPU: at most 16GB",
      },
    ],
  },
  {
    id: "memory-7b-qlora",
    title: "Peak memory of a 7B QLoRA fine-tune",
    subject: "llama-7b · qlora",
    quantity: "memory",
    unit: "GB",
    description:
      "How much GPU memory QLoRA on a 7B model needs: from about 5GB to 8-12GB depending on the source; one source's 6GB lies below another's 8-12GB.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "memory-by-size", 1, 3), quote: "6GB", valueMin: 6, valueMax: 6 },
      {
        sourceId: S000,
        quote: "Total: ~5GB (plus activations)",
        valueMin: 5,
        valueMax: null,
        note: "4-bit model plus LoRA weights; activations come on top",
      },
      { sourceId: S001, cell: cell(S001, "comparison", 2, 3), quote: "8 - 12 GB", valueMin: 8, valueMax: 12 },
      {
        sourceId: S001,
        quote: "This aggressive compression shrinks the VRAM footprint of a 7B model down to an astonishing 8-10GB.",
        valueMin: 8,
        valueMax: 10,
      },
      {
        sourceId: S002,
        cell: cell(S002, "qlora-aspects", 1, 1),
        quote: "~5-7GB (7B model, 4-bit quantized)",
        valueMin: 5,
        valueMax: 7,
      },
      { sourceId: S002, cell: cell(S002, "comparison", 3, 1), quote: "5-7GB", valueMin: 5, valueMax: 7 },
    ],
  },
  {
    id: "memory-70b-full",
    title: "Peak memory of a 70B full fine-tune",
    subject: "llama-70b · full",
    quantity: "memory",
    unit: "GB",
    description:
      "How much GPU memory full fine-tuning of a 70B model needs. One source says 840GB or more; another puts the top of its 7B-70B range at 80+ GB, an order of magnitude less. Both are open-ended, so both could be true, but they tell a reader very different things.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "memory-by-size", 4, 1), quote: "840GB+", valueMin: 840, valueMax: null },
      {
        sourceId: S002,
        cell: cell(S002, "full-aspects", 1, 1),
        quote: "28-80+ GB (for 7B-70B models)",
        valueMin: 80,
        valueMax: null,
        note: "the upper end of a 7B-70B range, read as the 70B figure: 80+ GB",
      },
    ],
  },
  {
    id: "memory-34b-qlora",
    title: "Memory of a QLoRA fine-tune of a 33-34B model",
    subject: "llama-34b · qlora",
    quantity: "memory",
    unit: "GB",
    description: "Whether QLoRA of a ~34B model fits in 24GB: both sources that address it say yes.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "memory-by-size", 3, 3), quote: "24GB", valueMin: 24, valueMax: 24, note: "34B model" },
      {
        sourceId: S002,
        quote: "you can fine-tune a 33B parameter LLM on a single consumer GPU with 24GB VRAM",
        valueMax: 24,
        note: "33B model fits on one 24GB consumer GPU",
      },
    ],
  },

  // -------------------------------------------------------------------------------------------- speed
  // Both questions are comparisons: the articles' samples/s figures are context for the position (the QLoRA
  // figure next to LoRA's on the same GPU says which is faster), not readings in a unit of the claim.
  {
    id: "speed-qlora-vs-lora",
    title: "Is QLoRA slower or faster to train than LoRA?",
    subject: "qlora vs lora · training speed",
    quantity: "speed",
    description:
      "Two sources say QLoRA trains slower than LoRA (dequantization overhead); the third rates QLoRA the fastest method.",
    evidence: [
      {
        sourceId: S000,
        quote: "QLoRA is slower than LoRA due to quantization/dequantization overhead.",
        note: "quantization/dequantization overhead",
        position: "QLoRA slower than LoRA",
      },
      { sourceId: S000, cell: cell(S000, "speed-by-hardware", 1, 2), quote: "18.2", note: "LoRA on A100 80GB: 18.2 samples/s" },
      {
        sourceId: S000,
        cell: cell(S000, "speed-by-hardware", 1, 3),
        quote: "14.1",
        note: "QLoRA on A100 80GB: 14.1 samples/s vs 18.2 for LoRA",
        position: "QLoRA slower than LoRA",
      },
      { sourceId: S000, cell: cell(S000, "speed-by-hardware", 2, 2), quote: "8.6", note: "LoRA on RTX 4090: 8.6 samples/s" },
      {
        sourceId: S000,
        cell: cell(S000, "speed-by-hardware", 2, 3),
        quote: "7.2",
        note: "QLoRA on RTX 4090: 7.2 samples/s vs 8.6 for LoRA",
        position: "QLoRA slower than LoRA",
      },
      { sourceId: S000, cell: cell(S000, "speed-by-hardware", 3, 2), quote: "10.4", note: "LoRA on A6000 48GB: 10.4 samples/s" },
      {
        sourceId: S000,
        cell: cell(S000, "speed-by-hardware", 3, 3),
        quote: "9.8",
        note: "QLoRA on A6000 48GB: 9.8 samples/s vs 10.4 for LoRA",
        position: "QLoRA slower than LoRA",
      },
      {
        sourceId: S001,
        quote: "However, QLoRA introduces a slight training speed penalty.",
        note: "a slight penalty",
        position: "QLoRA slower than LoRA",
      },
      {
        sourceId: S001,
        quote: "Dequantizing the weights on the fly during training requires more compute overhead than standard LoRA.",
        note: "dequantization overhead",
        position: "QLoRA slower than LoRA",
      },
      { sourceId: S002, cell: cell(S002, "qlora-aspects", 3, 1), quote: "Fastest", note: "QLoRA rated Fastest, LoRA Fast", position: "QLoRA faster than LoRA" },
      { sourceId: S002, cell: cell(S002, "lora-aspects", 3, 1), quote: "Fast", note: "LoRA rated Fast" },
      { sourceId: S002, cell: cell(S002, "comparison", 3, 2), quote: "Fastest", note: "QLoRA rated Fastest, LoRA Fast", position: "QLoRA faster than LoRA" },
      { sourceId: S002, cell: cell(S002, "comparison", 2, 2), quote: "Fast", note: "LoRA rated Fast" },
    ],
  },
  {
    id: "speed-full-vs-lora",
    title: "Is LoRA faster to train than full fine-tuning?",
    subject: "full vs lora · training speed",
    quantity: "speed",
    description: "Both sources that address it say LoRA trains faster than full fine-tuning.",
    evidence: [
      { sourceId: S000, quote: "LoRA is often faster than full fine-tuning", position: "LoRA faster than full FT" },
      { sourceId: S000, cell: cell(S000, "speed-by-hardware", 1, 1), quote: "12.4", note: "Full FT on A100 80GB: 12.4 samples/s" },
      {
        sourceId: S000,
        cell: cell(S000, "speed-by-hardware", 1, 2),
        quote: "18.2",
        note: "LoRA on A100 80GB: 18.2 samples/s vs 12.4 for full FT",
        position: "LoRA faster than full FT",
      },
      { sourceId: S000, cell: cell(S000, "speed-by-hardware", 2, 1), quote: "OOM", note: "Full FT does not fit on an RTX 4090" },
      { sourceId: S000, cell: cell(S000, "speed-by-hardware", 3, 1), quote: "OOM", note: "Full FT does not fit on an A6000 48GB" },
      { sourceId: S002, cell: cell(S002, "full-aspects", 3, 1), quote: "Slowest", note: "Full FT rated Slowest of the three methods", position: "LoRA faster than full FT" },
      { sourceId: S002, cell: cell(S002, "comparison", 1, 2), quote: "Slow", note: "Full FT rated Slow" },
      { sourceId: S002, cell: cell(S002, "lora-aspects", 3, 1), quote: "Fast", note: "LoRA rated Fast, full FT Slowest", position: "LoRA faster than full FT" },
      { sourceId: S002, cell: cell(S002, "comparison", 2, 2), quote: "Fast", note: "LoRA rated Fast, full FT Slow", position: "LoRA faster than full FT" },
    ],
  },

  // ----------------------------------------------------------------------------------------- hardware
  // Read as numbers: the 7B LoRA/QLoRA questions in GB of memory of the GPU named (RTX 4090/3090 24GB, RTX 3080
  // 10GB, RTX 4060 8GB, RTX 3060 12GB), the full fine-tuning questions as a count of data-center GPUs
  // ("multiple" and "a cluster" are at least 2).
  {
    id: "hardware-7b-full",
    title: "Minimum hardware for a 7B full fine-tune",
    subject: "llama-7b · full",
    quantity: "hardware",
    unit: "GPUs",
    description: "One source says a single A100 80GB suffices; the others call for several data-center GPUs.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "min-gpu", 1, 1), quote: "A100 80GB", valueMin: 1, valueMax: 1, note: "one A100 80GB" },
      {
        sourceId: S001,
        cell: cell(S001, "comparison", 5, 1),
        quote: "Multiple A100/H100",
        valueMin: 2,
        valueMax: null,
        note: "several A100/H100: at least 2",
      },
      {
        sourceId: S001,
        quote: "effectively demanding a cluster of data center GPUs",
        valueMin: 2,
        valueMax: null,
        note: "a cluster of data-center GPUs: at least 2",
      },
      {
        sourceId: S002,
        quote: "Access to multiple high-memory GPUs (A100, H100, or similar)",
        valueMin: 2,
        valueMax: null,
        note: "several high-memory GPUs: at least 2 (said of full fine-tuning in general, not of 7B only)",
      },
    ],
  },
  {
    id: "hardware-7b-lora",
    title: "Minimum hardware for a 7B LoRA fine-tune",
    subject: "llama-7b · lora",
    quantity: "hardware",
    unit: "GB of GPU memory",
    description: "Two sources name a 24GB RTX 4090/3090 as the minimum; the third says a single 16GB GPU is enough.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "min-gpu", 1, 2), quote: "RTX 4090", valueMin: 24, valueMax: 24, note: "one RTX 4090 (24GB)" },
      {
        sourceId: S001,
        cell: cell(S001, "comparison", 5, 2),
        quote: "1x RTX 4090 / 3090",
        valueMin: 24,
        valueMax: 24,
        note: "one RTX 4090 or 3090 (24GB either way)",
      },
      {
        sourceId: S002,
        quote: "can fine-tune a 7B model on a single 16GB GPU",
        valueMin: 16,
        valueMax: 16,
        note: "one 16GB GPU (the GPU's size, so an exact figure)",
      },
    ],
  },
  {
    id: "hardware-7b-qlora",
    title: "Minimum hardware for a 7B QLoRA fine-tune",
    subject: "llama-7b · qlora",
    quantity: "hardware",
    unit: "GB of GPU memory",
    description: "Both sources that name a GPU put 7B QLoRA on a mid-range consumer card with 8-12GB.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "min-gpu", 1, 3), quote: "RTX 3080", valueMin: 10, valueMax: 10, note: "one RTX 3080 (10GB)" },
      {
        sourceId: S001,
        cell: cell(S001, "comparison", 5, 3),
        quote: "1x RTX 4060 / 3060",
        valueMin: 8,
        valueMax: 12,
        note: "one RTX 4060 (8GB) or 3060 (12GB)",
      },
      {
        sourceId: S001,
        quote: "This means you can fine-tune highly capable models locally on a standard RTX 3060 or 4060.",
        valueMin: 8,
        valueMax: 12,
        note: "one RTX 3060 (12GB) or 4060 (8GB)",
      },
    ],
  },
  {
    id: "hardware-70b-full",
    title: "Hardware for a 70B full fine-tune",
    subject: "llama-70b · full",
    quantity: "hardware",
    unit: "GPUs",
    description: "Both sources that address it call for about eight high-end GPUs.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "min-gpu", 3, 1), quote: "8× A100", valueMin: 8, valueMax: 8, note: "eight A100s" },
      {
        sourceId: S002,
        quote: "Training a 13B or 70B model might require distributed training and 8+ high-end GPUs.",
        valueMin: 8,
        valueMax: null,
        note: "8+ high-end GPUs (said of 13B or 70B)",
      },
    ],
  },

  // --------------------------------------------------------------------------------------- parameters
  {
    id: "params-lora",
    title: "Share of parameters LoRA trains",
    subject: "lora · trainable parameters",
    quantity: "parameters",
    unit: "%",
    description:
      "What share of the model's parameters LoRA trains: from 0.04% to about 5% depending on the source; one article's 0.04-0.48% lies entirely below another's ~1-5%.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "target-modules", 1, 1), quote: "0.04%", valueMin: 0.04, valueMax: 0.04, note: "q,v only" },
      { sourceId: S000, cell: cell(S000, "target-modules", 2, 1), quote: "0.12%", valueMin: 0.12, valueMax: 0.12, note: "all attention" },
      { sourceId: S000, cell: cell(S000, "target-modules", 3, 1), quote: "0.24%", valueMin: 0.24, valueMax: 0.24, note: "attention + MLP" },
      { sourceId: S000, cell: cell(S000, "target-modules", 4, 1), quote: "0.48%", valueMin: 0.48, valueMax: 0.48, note: "all linear" },
      { sourceId: S001, cell: cell(S001, "comparison", 1, 2), quote: "~1-5%", valueMin: 1, valueMax: 5 },
      { sourceId: S002, cell: cell(S002, "lora-aspects", 2, 1), quote: "0.1-2%", valueMin: 0.1, valueMax: 2 },
      {
        sourceId: S002,
        quote: "a 7B model can be adapted with less than 1% additional parameters",
        valueMax: 1,
        note: "less than 1%",
      },
    ],
  },
  {
    id: "params-qlora",
    title: "Share of parameters QLoRA trains",
    subject: "qlora · trainable parameters",
    quantity: "parameters",
    unit: "%",
    description:
      "What share of the model's parameters QLoRA trains: ~1-5% or 0.1-2% depending on the source. The ranges overlap at 1-2% and neither is open-ended, so they are not flagged as disagreeing, though one leans an order of magnitude lower.",
    evidence: [
      { sourceId: S001, cell: cell(S001, "comparison", 1, 3), quote: "~1-5%", valueMin: 1, valueMax: 5 },
      { sourceId: S002, cell: cell(S002, "qlora-aspects", 2, 1), quote: "0.1-2% (adapters only)", valueMin: 0.1, valueMax: 2 },
    ],
  },
  {
    id: "params-full",
    title: "Share of parameters full fine-tuning trains",
    subject: "full · trainable parameters",
    quantity: "parameters",
    unit: "%",
    description: "Full fine-tuning updates every parameter; the sources agree.",
    evidence: [
      { sourceId: S000, quote: "Updates every parameter in the model:", valueMin: 100, valueMax: 100 },
      { sourceId: S001, cell: cell(S001, "comparison", 1, 1), quote: "100%", valueMin: 100, valueMax: 100 },
      { sourceId: S002, cell: cell(S002, "full-aspects", 2, 1), quote: "All (100%)", valueMin: 100, valueMax: 100 },
    ],
  },

  // ------------------------------------------------------------------------------------------ quality
  // MT-Bench scores are not "% accuracy loss": they are notes, and the evidence that says how close the
  // methods come takes a position.
  {
    id: "quality-qlora-vs-full",
    title: "How much quality QLoRA loses against full fine-tuning",
    subject: "qlora vs full · quality",
    quantity: "quality",
    unit: "% accuracy loss vs full FT",
    description:
      "All sources say QLoRA comes close to full fine-tuning; one quantifies the loss at ~1-2%, another shows a 0.3-point MT-Bench gap at every size.",
    evidence: [
      { sourceId: S000, cell: cell(S000, "mt-bench-by-size", 2, 1), quote: "6.8", note: "Full FT, LLaMA-7B: MT-Bench 6.8" },
      {
        sourceId: S000,
        cell: cell(S000, "mt-bench-by-size", 5, 1),
        quote: "6.5",
        note: "QLoRA r=64, LLaMA-7B: MT-Bench 6.5, 0.3 below full FT",
        position: "QLoRA close to full FT",
      },
      { sourceId: S000, cell: cell(S000, "mt-bench-by-size", 2, 2), quote: "7.2", note: "Full FT, LLaMA-13B: MT-Bench 7.2" },
      {
        sourceId: S000,
        cell: cell(S000, "mt-bench-by-size", 5, 2),
        quote: "6.9",
        note: "QLoRA r=64, LLaMA-13B: MT-Bench 6.9, 0.3 below full FT",
        position: "QLoRA close to full FT",
      },
      { sourceId: S000, cell: cell(S000, "mt-bench-by-size", 2, 3), quote: "7.9", note: "Full FT, LLaMA-70B: MT-Bench 7.9" },
      {
        sourceId: S000,
        cell: cell(S000, "mt-bench-by-size", 5, 3),
        quote: "7.6",
        note: "QLoRA r=64, LLaMA-70B: MT-Bench 7.6, 0.3 below full FT",
        position: "QLoRA close to full FT",
      },
      {
        sourceId: S001,
        cell: cell(S001, "comparison", 4, 3),
        quote: "Slight (~1-2%)",
        valueMin: 1,
        valueMax: 2,
        note: "slight loss",
        position: "QLoRA close to full FT",
      },
      {
        sourceId: S001,
        quote: "You sacrifice a tiny sliver of accuracy-usually around 1% on standard benchmarks-but you gain the ability to iterate at zero marginal API cost.",
        valueMin: 1,
        valueMax: 1,
        note: "around 1% loss",
        position: "QLoRA close to full FT",
      },
      { sourceId: S002, cell: cell(S002, "comparison", 3, 3), quote: "Near full-tune", note: "QLoRA rated near full fine-tuning", position: "QLoRA close to full FT" },
      {
        sourceId: S002,
        quote: "LoRA and QLoRA have been shown to achieve >95% of full fine-tuning performance on standard benchmarks",
        valueMax: 5,
        note: "more than 95% of full fine-tuning performance: a loss under 5%",
        position: "QLoRA close to full FT",
      },
    ],
  },
  {
    id: "quality-lora-vs-full",
    title: "How much quality LoRA loses against full fine-tuning",
    subject: "lora vs full · quality",
    quantity: "quality",
    unit: "% accuracy loss vs full FT",
    description: "All sources say LoRA nearly matches full fine-tuning, with a small gap that shrinks with higher rank.",
    evidence: [
      {
        sourceId: S000,
        cell: cell(S000, "mt-bench-by-size", 3, 1),
        quote: "6.6",
        note: "LoRA r=64, LLaMA-7B: MT-Bench 6.6 vs 6.8 for full FT",
        position: "LoRA close to full FT",
      },
      {
        sourceId: S000,
        cell: cell(S000, "rank-impact", 6, 3),
        quote: "6.7",
        note: "LoRA r=128, 7B: MT-Bench 6.7 vs 6.8 for full FT",
        position: "LoRA close to full FT",
      },
      { sourceId: S000, quote: "LoRA with higher rank approaches full FT performance", note: "the gap shrinks with rank", position: "LoRA close to full FT" },
      {
        sourceId: S001,
        cell: cell(S001, "comparison", 4, 2),
        quote: "Minimal (<1%)",
        valueMax: 1,
        note: "minimal loss: under 1%",
        position: "LoRA close to full FT",
      },
      { sourceId: S001, quote: "You get nearly identical accuracy to full fine-tuning", note: "nearly identical", position: "LoRA close to full FT" },
      { sourceId: S002, cell: cell(S002, "comparison", 2, 3), quote: "Near full-tune", note: "LoRA rated near full fine-tuning", position: "LoRA close to full FT" },
    ],
  },
  {
    id: "quality-qlora-vs-lora",
    title: "Does QLoRA lose quality against LoRA?",
    subject: "qlora vs lora · quality",
    quantity: "quality",
    description:
      "Sources agree the 4-bit base costs little: MT-Bench 0.1 below LoRA, a \"Slight\" rather than \"Minimal\" accuracy loss, or the same \"Near full-tune\" rating.",
    evidence: [
      {
        sourceId: S000,
        quote: "QLoRA matches LoRA quality (4-bit quantization doesn't hurt much)",
        note: "matches LoRA",
        position: "QLoRA close to LoRA",
      },
      { sourceId: S000, cell: cell(S000, "mt-bench-by-size", 3, 1), quote: "6.6", note: "LoRA r=64, LLaMA-7B: MT-Bench 6.6" },
      {
        sourceId: S000,
        cell: cell(S000, "mt-bench-by-size", 5, 1),
        quote: "6.5",
        note: "QLoRA r=64, LLaMA-7B: MT-Bench 6.5, 0.1 below LoRA",
        position: "QLoRA close to LoRA",
      },
      { sourceId: S001, cell: cell(S001, "comparison", 4, 2), quote: "Minimal (<1%)", note: "LoRA: minimal loss (<1%)" },
      {
        sourceId: S001,
        cell: cell(S001, "comparison", 4, 3),
        quote: "Slight (~1-2%)",
        note: "QLoRA: slight loss (~1-2%), a little more than LoRA",
        position: "QLoRA close to LoRA",
      },
      { sourceId: S002, cell: cell(S002, "comparison", 2, 3), quote: "Near full-tune", note: "LoRA: near full-tune" },
      {
        sourceId: S002,
        cell: cell(S002, "comparison", 3, 3),
        quote: "Near full-tune",
        note: "QLoRA: the same rating as LoRA",
        position: "QLoRA close to LoRA",
      },
    ],
  },
];
