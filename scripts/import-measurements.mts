// Converts the published fine-tuning measurements (a JSONL file of rows read from frameworks' own benchmark
// tables) into committed seed data: seed/measurements/generated/ (one file per original document). Run it once
// when the rows change:
//
//   npx tsx scripts/import-measurements.mts <path/to/published.jsonl> <git mirrors>
//
// <git mirrors> holds a git directory per cited repository (<mirrors>/<owner>+<name>/repo): the verbatim tables
// and sentences are read from the original documents at the cited commits.
//
// The project never reads the JSONL at run time or in tests: what it needs is written out here, citing each
// original document (repository, file, commit, table), never the JSONL. Our own words (names, notes, summaries)
// are written from the structured fields; only the quoted table rows and sentences are kept verbatim.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CellRef, MeasurementSeed, SeqLenKind, SourceSeed, TableSeed } from "../seed/types";

type Row = {
  source: string;
  kind: "measured" | "estimate";
  model: string;
  params_b: number;
  method: "full" | "lora" | "qlora" | "other";
  rank: number | null;
  alpha: number | null;
  target_modules: string[] | string | null;
  quant: string | null;
  precision: string | null;
  batch_size: number | null;
  grad_accum: number | null;
  seq_len: number | null;
  grad_checkpointing: boolean | null;
  optimizer: string | null;
  hardware: string | null;
  gpus: number | null;
  peak_memory_gb: number | null;
  throughput_value: number | null;
  throughput_unit: string | null;
  notes: string;
  framework: string;
  dataset: string | null;
  seq_len_kind: string | null;
  memory_unit: string;
  memory_metric: string;
  memory_scope: string;
  oom: boolean;
  peak_memory_is_upper_bound: boolean;
  params_b_is_nominal: boolean;
  source_commit: string;
};

export type UnrepresentedRow = { id: string; source: string; quote: string; reason: string };

const GIB_TO_GB = 1.073741824;
const round = (value: number, digits = 4) => Number(value.toFixed(digits));

// ------------------------------------------------------------------------------------------------ sources
// One Source per original document (section) the rows are grouped by. Commits are the full hashes of the
// commits the tables were read at.
const MS_SWIFT = "ms-swift-benchmark";
const QWEN = "qwen-profiling";
const UNSLOTH_DEC23 = "unsloth-benchmarks-2023";
const UNSLOTH_CONTEXT = "unsloth-context-length";
const LF_VIA_UNSLOTH = "llama-factory-performance-comparison";
const LF_HARDWARE = "llama-factory-hardware-requirement";
const PEFT_README = "peft-readme-consumer-hardware";
const PEFT_FSDP = "peft-accelerate-fsdp";
const PEFT_DEEPSPEED = "peft-accelerate-deepspeed";
const QLORA = "qlora-readme";

type SourceInfo = Omit<SourceSeed, "tables">;

const SOURCES: Record<string, SourceInfo> = {
  [MS_SWIFT]: {
    id: MS_SWIFT,
    kind: "measurement",
    url: "https://github.com/modelscope/ms-swift/blob/145bf08311c67bca2ffcd33ecf487938160d447a/docs/source/LLM/Benchmark.md",
    repository: "modelscope/ms-swift",
    path: "docs/source/LLM/Benchmark.md",
    commit: "145bf08311c67bca2ffcd33ecf487938160d447a",
    title: "ms-swift 1.x training benchmark (Benchmark.md)",
    publisher: "ModelScope",
    summary:
      "ms-swift's own sweeps of LoRA and full fine-tuning on an A100 (CUDA 11.8, torch 2.1.1, flash_attn 2.3.4): " +
      "model and maximum length, quantized bases, batch size, flash attention and gradient checkpointing, LoRA rank " +
      "and targets, gradient accumulation, and a comparison of tuners. Defaults unless a column varies them: " +
      "max_length 2048, batch size 1, gradient checkpointing and flash attention on, LoRA rank 8 on the model's " +
      "default targets, gradient accumulation 16, dataset cls-fudan-news-zh (3234.4 ± 2547.5 tokens per sample, " +
      "91 to 19,548; samples longer than max_length are dropped, not cut: truncation_strategy 'delete' in " +
      "swift/llm/utils/argument.py and template.py at this commit). Speed is samples/s; memory is torch.cuda.max_memory_reserved in " +
      "GiB, summed over the visible GPUs (get_max_cuda_memory in swift/trainers/mixin.py at this commit; two " +
      "figures joined by '+' for the 2-GPU model-parallel rows). Unstated settings are ms-swift's defaults at this " +
      "commit (swift/llm/utils/argument.py): lora_alpha 32, lora_dropout 0.05, adamw_torch, bf16, NF4 with double " +
      "quantization for 4-bit bitsandbytes.",
  },
  [QWEN]: {
    id: QWEN,
    kind: "measurement",
    url: "https://github.com/QwenLM/Qwen/blob/2df8e8ac450fa185c421a08b0090ef81826caa6e/README.md#profiling-of-memory-and-speed",
    repository: "QwenLM/Qwen",
    path: "README.md",
    commit: "2df8e8ac450fa185c421a08b0090ef81826caa6e",
    title: "Qwen (v1) README: Profiling of Memory and Speed",
    publisher: "Qwen team, Alibaba Cloud",
    summary:
      "Peak GPU memory and seconds per iteration of Qwen v1 1.8B, 7B, 14B and 72B fine-tuned with the repository's " +
      "finetune.py (HF Trainer, PEFT, DeepSpeed) on A100-SXM4-80G GPUs, at fixed input lengths 256 to 8192, batch " +
      "size 1 and gradient accumulation 8, flash attention 2. LoRA is rank 64 on all linear layers; 'LoRA (emb)' " +
      "also trains the embedding and output matrices; Q-LoRA fine-tunes the GPTQ Int4 chat checkpoints. Memory is " +
      "printed as 'G' without saying GB or GiB or how it was read; multi-GPU figures exceed one card, so they are " +
      "totals over the GPUs.",
  },
  [UNSLOTH_DEC23]: {
    id: UNSLOTH_DEC23,
    kind: "measurement",
    url: "https://github.com/unslothai/unsloth/blob/d6fdf151a5f54dc77a6167136120b593242f9f1e/README.md",
    repository: "unslothai/unsloth",
    path: "README.md",
    commit: "d6fdf151a5f54dc77a6167136120b593242f9f1e",
    title: "Unsloth README: Detailed Benchmarking Tables (December 2023)",
    publisher: "Unsloth AI",
    summary:
      "QLoRA (bitsandbytes 4-bit) fine-tuning runs of a fixed length on four datasets, timed in seconds with peak " +
      "memory in MB, for Hugging Face, Hugging Face with Flash Attention 2 (SDPA on T4), Unsloth's open-source " +
      "kernels and 'Unsloth Equal', on one A100 40GB, one T4 and two T4s (DDP). The tables name no model: the " +
      "vendor's blog describes them as Llama 7B runs (Mistral 7B and Code Llama 34B have their own tables). The T4 " +
      "tables state batch size 2, gradient accumulation 4 and the 8-bit AdamW optimizer; A100 settings are not " +
      "stated. Read at the commit that first published them (December 2023); later versions of the README keep " +
      "only some of the tables (the A100 Alpaca table is unchanged at 1d4ae059).",
  },
  [UNSLOTH_CONTEXT]: {
    id: UNSLOTH_CONTEXT,
    kind: "measurement",
    url: "https://github.com/unslothai/unsloth/blob/05fdaff9706ce45c83431688a3d505a4358378db/README.md",
    repository: "unslothai/unsloth",
    path: "README.md",
    commit: "05fdaff9706ce45c83431688a3d505a4358378db",
    title: "Unsloth README: context length benchmarks",
    publisher: "Unsloth AI",
    summary:
      "The longest context that fits, per VRAM budget, for 4-bit QLoRA of Llama 3.1 8B Instruct and Llama 3.3 70B " +
      "Instruct on all linear layers at rank 32 and batch size 1, sequences padded to the tested length, with " +
      "Unsloth (offloaded gradient checkpointing, chunked cross-entropy) and with Hugging Face + Flash Attention 2. " +
      "Each figure is an upper bound: the run fitted in that much memory.",
  },
  [LF_VIA_UNSLOTH]: {
    id: LF_VIA_UNSLOTH,
    kind: "measurement",
    url: "https://github.com/unslothai/unsloth/blob/1d4ae059c569ea6fd0bcd20efde6b6e52119a223/README.md#llama-factory-3rd-party-benchmarking",
    repository: "unslothai/unsloth",
    path: "README.md",
    commit: "1d4ae059c569ea6fd0bcd20efde6b6e52119a223",
    title: "LLaMA-Factory performance comparison (as quoted in Unsloth's README)",
    author: "LLaMA-Factory (hiyouga)",
    publisher: "Unsloth AI",
    summary:
      "LLaMA-Factory's comparison of Hugging Face, Hugging Face with Flash Attention 2 and Unsloth for LoRA (16-bit) " +
      "and QLoRA (4-bit) of LLaMA2-7B on one A100: batch size 4, gradient accumulation 2, LoRA rank 8, max length " +
      "1024. Throughput is tokens per GPU per second (TGS); memory (GRAM) is rounded to whole GB. Quoted in Unsloth's " +
      "README from LLaMA-Factory's wiki page 'Performance Comparison'.",
  },
  [LF_HARDWARE]: {
    id: LF_HARDWARE,
    kind: "measurement",
    url: "https://github.com/hiyouga/LLaMA-Factory/blob/ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30/README.md#hardware-requirement",
    repository: "hiyouga/LLaMA-Factory",
    path: "README.md",
    commit: "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30",
    title: "LLaMA-Factory README: Hardware Requirement (estimates)",
    publisher: "LLaMA-Factory (hiyouga)",
    summary:
      "LLaMA-Factory's rule-of-thumb GPU memory per method and bit width for 7B to 70B models, marked 'estimated' " +
      "by the README: not measurements. Seeded as estimates and never used as measured points. No batch size, " +
      "sequence length or optimizer is stated.",
  },
  [PEFT_README]: {
    id: PEFT_README,
    kind: "measurement",
    url: "https://github.com/huggingface/peft/blob/5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40/README.md#high-performance-on-consumer-hardware",
    repository: "huggingface/peft",
    path: "README.md",
    commit: "5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40",
    title: "PEFT README: High performance on consumer hardware",
    publisher: "Hugging Face",
    summary:
      "Peak GPU memory (torch.cuda.max_memory_allocated in the example scripts) of full fine-tuning, LoRA, and LoRA " +
      "with DeepSpeed ZeRO-3 CPU offloading for T0_3B, mt0-xxl and bloomz-7b1 on the RAFT twitter_complaints " +
      "dataset, on an A100 80GB with more than 64 GB of CPU RAM; models loaded in fp32, LoRA r=8, alpha 32, " +
      "dropout 0.1, batch size 8 (the example scripts). The T0_3B and mt0-xxl rows date from December 2022 " +
      "(5de17518), the bloomz-7b1 row from the day after; read at the commit cited.",
  },
  [PEFT_FSDP]: {
    id: PEFT_FSDP,
    kind: "measurement",
    url: "https://github.com/huggingface/peft/blob/5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40/docs/source/accelerate/fsdp.md",
    repository: "huggingface/peft",
    path: "docs/source/accelerate/fsdp.md",
    commit: "5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40",
    title: "PEFT docs: Fully Sharded Data Parallel (LoRA and QLoRA of Llama 2 70B)",
    publisher: "Hugging Face",
    summary:
      "Per-GPU memory read from nvidia-smi screenshots while fine-tuning Llama-2-70b with the PEFT SFT example " +
      "(TRL SFTTrainer through Accelerate, FSDP full shard, packing to 2048 tokens, bf16, flash attention, gradient " +
      "checkpointing): LoRA on 8 H100 80GB, and QLoRA on 2 GPUs with and without CPU offloading of parameters.",
  },
  [PEFT_DEEPSPEED]: {
    id: PEFT_DEEPSPEED,
    kind: "measurement",
    url: "https://github.com/huggingface/peft/blob/5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40/docs/source/accelerate/deepspeed.md",
    repository: "huggingface/peft",
    path: "docs/source/accelerate/deepspeed.md",
    commit: "5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40",
    title: "PEFT docs: DeepSpeed (LoRA and QLoRA of Llama 2 70B)",
    publisher: "Hugging Face",
    summary:
      "Per-GPU memory read from nvidia-smi screenshots while fine-tuning Llama-2-70b with the PEFT SFT example and " +
      "DeepSpeed ZeRO-3 (packing to 2048 tokens, bf16, gradient checkpointing): LoRA on 8 H100 80GB and QLoRA on two " +
      "40GB GPUs.",
  },
  [QLORA]: {
    id: QLORA,
    kind: "measurement",
    url: "https://github.com/artidoro/qlora/blob/7f4e95a68dc076bea9b3a413d2b512eca6d004e5/README.md",
    repository: "artidoro/qlora",
    path: "README.md",
    commit: "7f4e95a68dc076bea9b3a413d2b512eca6d004e5",
    title: "QLoRA README (abstract of Dettmers et al. 2023)",
    author: "Tim Dettmers, Artidoro Pagnoni, Ari Holtzman, Luke Zettlemoyer",
    summary:
      "The claim that QLoRA fine-tunes a 65B model on a single 48GB GPU, with the configuration of the repository's " +
      "Guanaco 65B script (NF4 with double quantization, LoRA r=64 on all linear layers, paged AdamW, batch size 1, " +
      "gradient accumulation 16). An upper bound, not a measured peak.",
  },
};

function sourceIdOf(row: Row): string {
  const s = row.source;
  if (s.includes("modelscope/ms-swift")) return MS_SWIFT;
  if (s.includes("QwenLM/Qwen")) return QWEN;
  if (s.includes("llama-factory-3rd-party")) return LF_VIA_UNSLOTH;
  if (s.includes("#context-length-benchmarks")) return UNSLOTH_CONTEXT;
  if (s.includes("unslothai/unsloth")) return UNSLOTH_DEC23;
  if (s.includes("hiyouga/LLaMA-Factory")) return LF_HARDWARE;
  if (s.includes("accelerate/fsdp.md")) return PEFT_FSDP;
  if (s.includes("accelerate/deepspeed.md")) return PEFT_DEEPSPEED;
  if (s.includes("huggingface/peft")) return PEFT_README;
  if (s.includes("artidoro/qlora")) return QLORA;
  throw new Error(`unknown source: ${s}`);
}

// ------------------------------------------------------------------------------------------------ mapping
const MODEL_IDS: [RegExp, string][] = [
  [/^(Qwen-1\.8B|qwen-1_8b-chat)/, "qwen-1.8b"],
  [/^(Qwen-7B|qwen-7b-chat)/, "qwen-7b"],
  [/^(Qwen-14B|qwen-14b-chat)/, "qwen-14b"],
  [/^(Qwen-72B|qwen-72b-chat)/, "qwen-72b"],
  [/^Llama-2-7B$/, "llama-2-7b"],
  [/^Llama-2-70B$/, "llama-2-70b"],
  [/^Llama-3\.1-8B$/, "llama-3.1-8b"],
  [/^Llama-3-8B$/, "llama-3-8b"],
  [/^Llama-3\.3-70B$/, "llama-3.3-70b"],
  [/^Mistral-7B-v0\.1$/, "mistral-7b"],
  [/^CodeLlama-34B$/, "llama-34b"],
  [/^huggyllama\/llama-65b$/, "llama-65b"],
  [/^chatglm3-6b$/, "chatglm3-6b"],
  [/^yi-6b-chat$/, "yi-6b"],
  [/^yi-34b-chat$/, "yi-34b"],
  [/^baichuan2-7b-chat$/, "baichuan2-7b"],
  [/^baichuan2-13b-chat$/, "baichuan2-13b"],
  [/^generic 7B$/, "llama-7b"],
  [/^generic 70B$/, "llama-70b"],
];

function modelIdOf(row: Row): string | null {
  return MODEL_IDS.find(([pattern]) => pattern.test(row.model))?.[1] ?? null;
}

/** Why a row cannot become a run, or null when it can. */
function unrepresentableReason(row: Row, modelId: string | null): string | null {
  if (/T0_3B|mt0-xxl/.test(row.model))
    return `${row.model} is an encoder-decoder (T5-family) model; the estimator and the catalog cover decoder-only transformers.`;
  if (/bloomz/.test(row.model))
    return `${row.model} is a BLOOM model (ALiBi, fused query_key_value, 250k vocabulary) that is not in the catalog; the row is kept out rather than mapped to a different architecture.`;
  if (row.method === "other")
    return `The tuner is not full fine-tuning, LoRA or QLoRA (${tunerName(row)}); Tuneboard's methods cannot express it.`;
  const quant = row.quant ?? "";
  if (/gptq|GPTQ/.test(quant)) return `The base model is GPTQ-quantized (${quant}); the estimator models bitsandbytes NF4/FP4/int8 only.`;
  if (/AWQ/.test(quant)) return `The base model is AWQ-quantized (${quant}); the estimator models bitsandbytes NF4/FP4/int8 only.`;
  if (/AQLM|2-bit/.test(quant)) return `The base model is quantized to 2 bits (${quant}); the estimator models 4-bit and 8-bit bases only.`;
  if (Array.isArray(row.target_modules) && row.target_modules.some((m) => m.includes("modules_to_save")))
    return "'LoRA (emb)' also trains the full embedding and output matrices (modules_to_save), which a LoRA run's fields cannot express.";
  if (/openbuddy-zephyr/.test(row.model))
    return "openbuddy-zephyr-7b-v14.1 has the Mistral 7B layer shapes but an extended vocabulary whose size could not be read from its config.json, so it is not catalogued.";
  if (/use_dora=True/.test(row.notes) || /exp_name dora:/.test(row.notes))
    return "DoRA (weight-decomposed LoRA) adds a magnitude vector and a norm per adapted matrix and trains at about half LoRA's speed here; a LoRA run's fields cannot express it.";
  if (!modelId)
    return `No catalogued model stands for '${row.model}': the catalog's generic sizes are 7B, 13B, 34B and 70B (LLaMA-Factory's rule of thumb is per billion parameters, not about a particular model).`;
  return null;
}

function tunerName(row: Row): string {
  const match = /exp_name ([^:]+):/.exec(row.notes);
  return match?.[1]?.trim() ?? "other";
}

const HARDWARE: [RegExp, { hardwareId?: string; hardwareLabel?: string; note?: string }][] = [
  [/^A100-SXM4-80G$|^A100 80GB$/, { hardwareId: "a100-80gb" }],
  [
    /^A100 \(80GB presumed\)$|^A100 \(presumed, per doc env\)$|^A100 \(presumed\)$/,
    { hardwareId: "a100-80gb", note: "The source says only 'A100'; the 80GB part is presumed (its tables print up to 78.76 GiB on one card)." },
  ],
  [/^A100$/, { hardwareId: "a100-80gb", note: "The source says only 'A100'; the 80GB part is presumed." }],
  [/^A100 40GB$/, { hardwareId: "a100-40gb" }],
  [/^40GB GPU \(A100 40GB presumably\)$/, { hardwareId: "a100-40gb", hardwareLabel: "40GB GPU", note: "The source says '40GB GPUs'; an A100 40GB is presumed." }],
  [/^T4 16GB/, { hardwareId: "t4" }],
  [/^H100 80GB$/, { hardwareId: "h100-80gb", note: "The source says 'H100 80GB'; the SXM part is presumed." }],
  [/^A100 80GB \((\d+) GB VRAM budget\)$/, { hardwareId: "a100-80gb" }],
  [/^(\d+) GB GPU VRAM class$/, {}],
  [/^24GB GPU \(unspecified\)$/, { hardwareLabel: "24GB GPU" }],
  [/^48GB GPU \(single\)$/, { hardwareLabel: "48GB GPU" }],
];

function hardwareOf(row: Row): { hardwareId?: string; hardwareLabel?: string; note?: string } {
  if (!row.hardware)
    return row.kind === "estimate" ? {} : { hardwareLabel: "GPU not stated", note: "The source does not name the GPU (two cards of more than 35.6 GB each)." };
  for (const [pattern, value] of HARDWARE) {
    const match = pattern.exec(row.hardware);
    if (!match) continue;
    if (/VRAM class/.test(row.hardware)) return { hardwareLabel: `${match[1]} GB GPU`, note: `A VRAM budget of ${match[1]} GB, not a named GPU.` };
    if (/VRAM budget/.test(row.hardware))
      return { ...value, note: `Run on an A100 80GB with the memory limited to a ${match[1]} GB budget.` };
    return value;
  }
  throw new Error(`unknown hardware: ${row.hardware}`);
}

function frameworkOf(row: Row): MeasurementSeed["framework"] {
  const label = row.framework;
  if (/^ms-swift 1\.x \+ unsloth$/.test(label)) return "unsloth";
  if (/^ms-swift/.test(label)) return "ms-swift";
  if (/^Unsloth|Unsloth\+FA2/.test(label)) return "unsloth";
  if (/^LLaMA-Factory \(HF/.test(label)) return "llama-factory";
  if (/^LLaMA-Factory$/.test(label)) return "llama-factory";
  return "transformers";
}

function attentionOf(row: Row, sourceId: string): { attention?: "flash" | "sdpa" | "eager"; note?: string } {
  if (sourceId === MS_SWIFT && /use_flash_attn false|flash_attn False/.test(row.notes))
    return { attention: "eager", note: "Flash attention is off: Qwen v1's own (eager) attention computes the full score matrix." };
  // ms-swift passes use_flash_attn only to models registered with support_flash_attn=True (swift/llm/utils/model.py
  // at the cited commit); ChatGLM3 and Baichuan2 are not, so they run the attention of their own remote code.
  if (sourceId === MS_SWIFT && /chatglm|baichuan/i.test(row.model))
    return { note: "ms-swift at this commit registers this model without support_flash_attn (swift/llm/utils/model.py), so --use_flash_attn does not reach it: it runs the attention of its own modeling code, which the source does not describe; the attention is left unrecorded." };
  if (sourceId === MS_SWIFT || sourceId === QWEN) return { attention: "flash" };
  if (/FA2|Flash Attention 2|flash attn/.test(row.framework) || /flash attn/.test(row.notes)) {
    // A T4 (Turing) cannot run FlashAttention 2: its "Flash Attention" column is PyTorch SDPA.
    if (/^T4/.test(row.hardware ?? "")) return { attention: "sdpa", note: "On a T4 the 'Flash Attention' column is PyTorch's SDPA (FlashAttention 2 needs Ampere or newer)." };
    return { attention: "flash" };
  }
  return {};
}

function precisionOf(row: Row, hardwareId: string | undefined): { precision?: "bf16" | "fp16" | "fp32"; masterWeights?: boolean; note?: string } {
  const p = row.precision ?? "";
  if (/^fp16 \(T4\) \/ bf16 \(A100\) presumed$/.test(p))
    return hardwareId === "t4"
      ? { precision: "fp16", note: "Compute in fp16 is presumed (a T4 has no bf16)." }
      : { precision: "bf16", note: "Compute in bf16 is presumed on the A100 (the table does not say)." };
  if (/^pure bf16$/.test(p)) return { precision: "bf16", masterWeights: false };
  if (/fp32 master weights/.test(p)) return { precision: "bf16", masterWeights: true };
  if (/^bf16\/fp16/.test(p)) return { precision: "bf16", note: "The source says 16-bit (bf16 or fp16); bf16 is presumed." };
  if (/^bf16/.test(p)) return { precision: "bf16" };
  if (/^fp16$/.test(p)) return { precision: "fp16" };
  if (/^fp32/.test(p)) return { precision: "fp32" };
  return {};
}

function quantizationOf(row: Row): { quantization: "nf4" | "int8" | "none"; doubleQuant?: boolean; note?: string } {
  const q = row.quant ?? "";
  if (!q) return { quantization: "none" };
  if (/double quant/.test(q)) return { quantization: "nf4", doubleQuant: true };
  if (/^8-bit$/.test(q)) return { quantization: "int8" };
  if (/^int4 \(bnb\)$/.test(q)) return { quantization: "nf4", doubleQuant: true };
  if (/4-bit|int4 \(bnb\)/.test(q))
    return { quantization: "nf4", note: /nf4 presumed|4-bit \(bnb\)$|^4-bit$|int4|via unsloth/.test(q) ? "bitsandbytes 4-bit is taken as NF4 (the usual QLoRA data type); the source does not name the 4-bit type." : undefined };
  throw new Error(`unknown quantization: ${q}`);
}

function optimizerOf(row: Row): MeasurementSeed["optimizer"] {
  const o = row.optimizer ?? "";
  if (/paged_adamw_32bit/.test(o)) return "paged_adamw";
  if (/adamw_8bit/.test(o)) return "adamw8bit";
  if (/AdamW/i.test(o)) return "adamw";
  return undefined;
}

function shardingOf(row: Row, sourceId: string): "zero2" | "zero3" | undefined {
  if (/ZeRO-3/.test(row.optimizer ?? "")) return "zero3";
  if (/ZeRO-2/.test(row.optimizer ?? "")) return "zero2";
  if (sourceId === PEFT_FSDP) return "zero3";
  if (sourceId === PEFT_DEEPSPEED) return "zero3";
  if (sourceId === PEFT_README && /DeepSpeed/.test(row.notes.split("This point:")[1] ?? "")) return "zero3";
  return undefined;
}

const ALL_LINEAR = ["all-linear"];
const FUSED =
  "One adapter on a fused matrix has r x (d_in + d_q + d_k + d_v) parameters, fewer than three separate adapters (r x 2 x d each); the difference is a few MB.";
const QKV = ["q_proj", "k_proj", "v_proj"];

/** Canonical target modules and a sentence saying how they were mapped. */
function targetsOf(row: Row, modelId: string): { targetModules?: string[]; note?: string } {
  const t = row.target_modules;
  if (t === null) return {};
  if (t === "all-linear" || t === "all-linear (lora_modules all)") return { targetModules: ALL_LINEAR };
  const list = t as string[];
  const key = list.join(",");
  if (key === "c_attn")
    return { targetModules: QKV, note: `Qwen v1's fused c_attn (query, key and value) is recorded as q_proj, k_proj, v_proj. ${FUSED}` };
  if (key === "c_attn,c_proj,w1,w2")
    return {
      targetModules: ALL_LINEAR,
      note: "Qwen v1's c_attn (fused q, k, v), c_proj (PEFT matches module names by suffix, so both the attention output attn.c_proj and the MLP output mlp.c_proj), w1 and w2 (up and gate) are all seven linear projections of a block: recorded as all-linear.",
    };
  if (key === "query_key_value") return { targetModules: QKV, note: `ChatGLM3's fused query_key_value is recorded as q_proj, k_proj, v_proj. ${FUSED}` };
  if (key === "W_pack") return { targetModules: QKV, note: `Baichuan2's fused W_pack (query, key and value) is recorded as q_proj, k_proj, v_proj. ${FUSED}` };
  if (key === QKV.join(",")) return { targetModules: QKV, note: modelId.startsWith("yi") || modelId.includes("zephyr") ? "ms-swift's DEFAULT targets for this model are q_proj, k_proj, v_proj." : undefined };
  if (key === "q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj") return { targetModules: ALL_LINEAR };
  throw new Error(`unknown target modules: ${key}`);
}

function seqLenKindOf(row: Row): SeqLenKind {
  const k = row.seq_len_kind ?? "";
  if (k.startsWith("packed")) return "packed";
  if (k.startsWith("fixed input length")) return "fixed";
  if (k.startsWith("max_len_truncation")) return "truncated";
  if (k.startsWith("padded_fixed (max context")) return "max-fits";
  if (k === "padded_fixed") return "fixed";
  if (k.startsWith("max_len (cutoff")) return "padded-longest";
  if (k.startsWith("source_max_len")) return "padded-longest";
  return "unknown";
}

function measureOf(row: Row): MeasurementSeed["peakMemoryMeasure"] {
  const m = row.memory_metric;
  if (/max_memory_reserved/.test(m)) return "reserved";
  if (/max_memory_allocated/.test(m)) return "allocated";
  if (/nvidia-smi/.test(m)) return "nvidia-smi";
  if (/fits-in/.test(m)) return "fits-in";
  if (/^swift memory$/.test(m)) return "reserved";
  return undefined;
}

// ------------------------------------------------------------------------------------------------ originals
// The verbatim text comes from the original documents at the cited commits, read from local git mirrors of the
// cited repositories (<mirrors>/<owner>+<name>/repo, a git directory).
let mirrors = "";

function readOriginal(repository: string, commit: string, path: string): string {
  const gitDir = join(mirrors, repository.replace("/", "+"), "repo");
  return execFileSync("git", ["--git-dir", gitDir, "show", `${commit}:${path}`], { encoding: "utf8", maxBuffer: 64 << 20 });
}

const originalCache = new Map<string, string>();
function original(sourceId: string): string {
  const info = SOURCES[sourceId]!;
  const key = `${info.repository}@${info.commit}:${info.path}`;
  if (!originalCache.has(key)) originalCache.set(key, readOriginal(info.repository!, info.commit!, info.path!));
  return originalCache.get(key)!;
}

/** A table as printed: header and body rows of cell texts; `lines` holds each body row's source line (markdown). */
type Grid = { heading: string; header: string[]; rows: string[][]; lines: string[] };

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .trim();

/** Cells of a markdown table line: split on pipes that are not escaped, outer pipes dropped. */
function markdownCells(line: string): string[] {
  const cells = line.trim().replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/);
  return cells.map((cell) => cell.trim());
}

function headingsBefore(lines: string[], index: number): string {
  const chain: string[] = [];
  let level = 7;
  for (let i = index; i >= 0 && level > 2; i--) {
    const match = /^(#{2,4})\s+(.*)$/.exec(lines[i]!);
    if (match && match[1]!.length < level) {
      level = match[1]!.length;
      chain.unshift(match[2]!.trim());
    }
  }
  return chain.join(" / ");
}

function markdownTables(text: string): Grid[] {
  const lines = text.split("\n");
  const grids: Grid[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\|/.test(lines[i]!) || !/^\s*\|[\s:|-]+\|?\s*$/.test(lines[i + 1] ?? "")) continue;
    const header = markdownCells(lines[i]!);
    const grid: Grid = { heading: headingsBefore(lines, i), header, rows: [], lines: [] };
    let j = i + 2;
    for (; j < lines.length && /^\s*\|/.test(lines[j]!); j++) {
      const cells = markdownCells(lines[j]!);
      // Ragged rows: trailing empty cells beyond the header are dropped, short rows padded.
      while (cells.length > header.length && cells[cells.length - 1] === "") cells.pop();
      while (cells.length < header.length) cells.push("");
      if (cells.length !== header.length) throw new Error(`ragged row: ${lines[j]}`);
      grid.rows.push(cells);
      grid.lines.push(lines[j]!.trim());
    }
    grids.push(grid);
    i = j;
  }
  return grids;
}

/** HTML tables with rowspan/colspan expanded into a grid; `headerRows` rows of <th> cells form the header. */
function htmlTables(text: string): Grid[] {
  const grids: Grid[] = [];
  const lines = text.split("\n");
  for (const table of text.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    const lineIndex = text.slice(0, table.index).split("\n").length - 1;
    const spans: (string | undefined)[][] = [];
    const rowsHtml = [...table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
    rowsHtml.forEach((rowHtml, r) => {
      spans[r] ??= [];
      let c = 0;
      const cells = [...rowHtml.matchAll(/<(t[hd])([^>]*)>([\s\S]*?)<\/t[hd]>/g)];
      for (const cell of cells) {
        while (spans[r]![c] !== undefined) c++;
        const rowspan = Number(/rowspan="(\d+)"/.exec(cell[2]!)?.[1] ?? 1);
        const colspan = Number(/colspan="(\d+)"/.exec(cell[2]!)?.[1] ?? 1);
        const value = decode(cell[3]!);
        for (let dr = 0; dr < rowspan; dr++)
          for (let dc = 0; dc < colspan; dc++) {
            spans[r + dr] ??= [];
            spans[r + dr]![c + dc] = colspan > 1 && dr === 0 ? `\u0000${value}` : value;
          }
        c += colspan;
      }
    });
    // The header is the leading rows of <th> cells (two for Qwen's table: spans and sequence lengths), else row 0.
    let headerRows = 0;
    while (headerRows < rowsHtml.length && /<th/.test(rowsHtml[headerRows]!) && !/<td/.test(rowsHtml[headerRows]!)) headerRows++;
    if (headerRows === 0) headerRows = 1;
    const width = Math.max(...spans.map((row) => row.length));
    const header = Array.from({ length: width }, (_, c) => {
      const values = spans.slice(0, headerRows).map((row) => row[c] ?? "");
      const plain = values.filter((value) => !value.startsWith("\u0000"));
      return plain[plain.length - 1] ?? values[0]!.replace("\u0000", "");
    });
    const rows = spans.slice(headerRows).map((row) => Array.from({ length: width }, (_, c) => (row[c] ?? "").replace("\u0000", "")));
    grids.push({ heading: headingsBefore(lines, lineIndex), header, rows, lines: [] });
  }
  return grids;
}

function findGrid(grids: Grid[], test: (grid: Grid) => boolean, what: string): Grid {
  const found = grids.filter(test);
  if (found.length !== 1) throw new Error(`${what}: ${found.length} tables match`);
  return found[0]!;
}

function findRow(grid: Grid, test: (cells: string[]) => boolean, what: string): number {
  const found = grid.rows.map((cells, index) => (test(cells) ? index : -1)).filter((index) => index >= 0);
  if (found.length !== 1) throw new Error(`${what}: ${found.length} rows match in '${grid.heading}'`);
  return found[0]!;
}

/** The first sentence of the original that contains `needle` (verbatim, markdown emphasis kept). */
function sentenceWith(text: string, needle: string): string {
  const line = text.split("\n").find((l) => l.includes(needle));
  if (!line) throw new Error(`no line with ${needle}`);
  const sentences = line.match(/[^.!?]*?(?:\d\.\d[^.!?]*?)*[^.!?]*(?:[.!?](?=\s|$)|$)/g) ?? [line];
  const sentence = sentences.find((s) => s.includes(needle));
  if (!sentence) throw new Error(`no sentence with ${needle}`);
  return sentence.trim();
}

// ------------------------------------------------------------------------------------------------ tables
/** Tables of each source, registered whole from the original, with the body rows the runs cite. */
class Tables {
  private bySource = new Map<string, Map<string, TableSeed>>();

  add(sourceId: string, slug: string, title: string, grid: Grid, caption?: string, keepRow: (cells: string[]) => boolean = () => true): TableSeed {
    const tablesOfSource = this.bySource.get(sourceId) ?? new Map<string, TableSeed>();
    this.bySource.set(sourceId, tablesOfSource);
    const id = `${sourceId}/${slug}`;
    const existing = tablesOfSource.get(id);
    if (existing) return existing;
    const table: TableSeed = { id, title, kind: "measurement", header: grid.header, rows: grid.rows.filter(keepRow), ...(caption ? { caption } : {}) };
    tablesOfSource.set(id, table);
    return table;
  }

  /** Address of a body cell: the row of `table` equal to `cells` (1-based), column `col`. */
  ref(table: TableSeed, cells: string[], col: number): CellRef {
    const index = table.rows.findIndex((row) => row.join("\u0000") === cells.join("\u0000"));
    if (index < 0) throw new Error(`${table.id}: row not registered: ${cells.join(" | ")}`);
    return { table: table.id, row: index + 1, col };
  }

  of(sourceId: string): TableSeed[] {
    return [...(this.bySource.get(sourceId)?.values() ?? [])];
  }
}

const tables = new Tables();
const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

// ------------------------------------------------------------------------------------------------ per source
type Built = { cells: MeasurementSeed["cells"]; quote: string; key: string; memoryText?: string; throughputText?: string; trainableText?: string };
type Field = MeasurementSeed["cells"][number]["field"];

const ROWSPAN = "A cell that spans several rows in the original (rowspan) is repeated on each of them here.";
const HTML_QUOTE = "The original is an HTML table: a run's quote is its row's cells joined by ' | '.";

function memoryField(row: Row): Field {
  return row.oom ? "oom" : row.peak_memory_is_upper_bound ? "peakMemoryGbMax" : "peakMemoryGb";
}

function buildMsSwift(row: Row): Built {
  const text = original(MS_SWIFT);
  const html = htmlTables(text);
  const md = markdownTables(text);
  const section = /#([^ ]+)$/.exec(row.source.trim())?.[1] ?? "";
  const after = row.notes.slice(row.notes.indexOf("Table '"));
  const fromHtml = (heading: RegExp, slug: string, title: string, match: (cells: string[]) => boolean, fields: [Field, number][], key: string): Built => {
    const grid = findGrid(html, (g) => heading.test(g.heading), title);
    const table = tables.add(MS_SWIFT, slug, title, grid, `${ROWSPAN} ${HTML_QUOTE}`);
    const cells = grid.rows[findRow(grid, match, `${title} ${key}`)]!;
    const speedCol = grid.header.findIndex((h) => /Training Speed/.test(h));
    const memoryCol = grid.header.findIndex((h) => /GPU Memory/.test(h));
    const trainableCol = grid.header.findIndex((h) => /Trainable Params \(M\)/.test(h));
    return {
      ...(trainableCol >= 0 ? { trainableText: cells[trainableCol] } : {}),
      cells: fields.map(([field, col]) => ({ field, cell: tables.ref(table, cells, col) })),
      quote: cells.join(" | "),
      key,
      memoryText: `${cells[memoryCol]} GiB`,
      throughputText: `${cells[speedCol]} samples/s`,
    };
  };
  const speedMemory = (grid: number): [Field, number][] =>
    row.oom ? [["oom", grid + 1]] : [["throughputSamplesPerSec", grid], ["peakMemoryGb", grid + 1]];
  switch (section) {
    case "model-type--max-length":
      return fromHtml(/^Model Type & Max Length \/ LoRA$/, "model-type-max-length-lora", "Model Type & Max Length: LoRA", (c) => c[0]!.split(" ")[0] === row.model && c[1] === String(row.seq_len), [...speedMemory(2), ["config", 1]], `max-length-lora:${row.model}:${row.seq_len}`);
    case "full":
      return fromHtml(/^Model Type & Max Length \/ Full$/, "model-type-max-length-full", "Model Type & Max Length: Full", (c) => c[0]!.split(" ")[0] === row.model && c[1] === String(row.seq_len), [...speedMemory(2), ["config", 1]], `max-length-full:${row.model}:${row.seq_len}`);
    case "量化": {
      const quant = /\| (int\d \((?:gptq|bnb)\)) \|/.exec(after)?.[1] ?? "";
      return fromHtml(/^量化$/, "quantization", "量化 (Quantization)", (c) => c[0] === row.model && c[1] === quant, [...speedMemory(2), ["config", 1]], `quantization:${row.model}:${slugify(quant)}`);
    }
    case "batch-size":
      return fromHtml(/^Batch Size$/, "batch-size", "Batch Size", (c) => c[1] === String(row.batch_size), [...speedMemory(2), ["config", 1]], `batch-size:${row.batch_size}`);
    case "use-flash-attn--gradient-checkpointing": {
      const mark = (on: boolean) => (on ? "\u2714" : "\u2718");
      const flash = /flash_attn (True|False)/.exec(after)?.[1] === "True";
      return fromHtml(/^Use Flash Attn & Gradient Checkpointing$/, "flash-attn-gradient-checkpointing", "Use Flash Attn & Gradient Checkpointing", (c) => c[1] === mark(flash) && c[2] === mark(row.grad_checkpointing === true), [...speedMemory(3), ["config", 1], ["config", 2]], `flash-gc:${flash ? "flash" : "no-flash"}:${row.grad_checkpointing ? "gc" : "no-gc"}`);
    }
    case "lora-rank--lora-target-modules": {
      const all = row.target_modules === "all-linear";
      return fromHtml(/^LoRA Rank & LoRA Target Modules$/, "lora-rank-target-modules", "LoRA Rank & LoRA Target Modules", (c) => c[1] === String(row.rank) && (all ? c[2]!.startsWith("ALL") : c[2]!.startsWith("DEFAULT")), [...speedMemory(3), ["trainableParams", 5], ["config", 1], ["config", 2]], `lora-rank:${row.rank}:${all ? "all" : "default"}`);
    }
    case "gradient-accumulation-steps": {
      const ga = /GA (\d+) \|/.exec(after)?.[1] ?? "";
      return fromHtml(/^Gradient Accumulation Steps$/, "gradient-accumulation-steps", "Gradient Accumulation Steps", (c) => c[1] === ga, [...speedMemory(2), ["config", 1]], `gradient-accumulation:${ga}`);
    }
  }
  // Markdown tables: Tuners, unsloth, AWQ, AQLM.
  const heading = { tuners: "Tuners", unsloth: "unsloth", awq: "AWQ", aqlm: "AQLM" }[section];
  if (!heading) throw new Error(`unknown ms-swift section ${section}`);
  const grid = findGrid(md, (g) => g.heading === heading, heading);
  const table = tables.add(MS_SWIFT, slugify(heading), heading, grid);
  const name = /exp_name ([^:]+):/.exec(row.notes)?.[1]?.trim() ?? grid.rows[0]![0]!;
  const index = findRow(grid, (c) => c[0] === name, `${heading} ${name}`);
  const cells = grid.rows[index]!;
  const memoryCol = grid.header.indexOf("memory");
  const speedCol = grid.header.indexOf("train speed(samples/s)");
  const trainableCol = grid.header.indexOf("trainable params(M)");
  return {
    cells: [
      { field: "peakMemoryGb", cell: tables.ref(table, cells, memoryCol) },
      { field: "throughputSamplesPerSec", cell: tables.ref(table, cells, speedCol) },
      { field: "trainableParams", cell: tables.ref(table, cells, trainableCol) },
      { field: "config", cell: tables.ref(table, cells, 5) },
    ],
    quote: grid.lines[index]!,
    key: `${slugify(heading)}:${slugify(name.replace(/\+/g, " plus "))}`,
    memoryText: cells[memoryCol],
    throughputText: cells[speedCol],
    trainableText: cells[trainableCol],
  };
}

function buildQwen(row: Row): Built {
  const cell = /Cell: Model ([\d.]+B) \| ([^|]+?) \| #Nodes (\d+) \| #GPUs per node (\d+) \| seq (\d+):/.exec(row.notes);
  if (!cell) throw new Error(`Qwen row without a cell: ${row.notes.slice(-200)}`);
  const [, size, method, nodes, perNode, seq] = cell as unknown as string[];
  const grid = findGrid(htmlTables(original(QWEN)), (g) => g.header.includes("#Nodes"), "Qwen profiling");
  const table = tables.add(QWEN, "profiling", "Profiling of Memory and Speed", grid, `Each length cell reads 'memory / seconds per iteration'. ${ROWSPAN}`);
  const index = findRow(grid, (c) => c[0] === size && c[1] === method && c[2] === nodes && c[3] === perNode, `Qwen ${size} ${method}`);
  const cells = grid.rows[index]!;
  const col = grid.header.indexOf(seq!);
  const text = cells[col]!;
  return {
    cells: [
      { field: "peakMemoryGb", cell: tables.ref(table, cells, col) },
      { field: "throughputSamplesPerSec", cell: tables.ref(table, cells, col) },
      { field: "config", cell: tables.ref(table, cells, 1) },
      { field: "gpuCount", cell: tables.ref(table, cells, 3) },
    ],
    quote: text,
    key: `${slugify(size!)}:${slugify(method!)}:${nodes}x${perNode}:${seq}`,
    memoryText: text.split(" / ")[0],
    throughputText: text.split(" / ")[1],
  };
}

const UNSLOTH_HARDWARE: Record<string, string> = { "A100 40GB": "1 A100 40GB", "T4 16GB": "1 T4 16GB", "T4 16GB (2x, DDP)": "2 T4 DDP" };
const UNSLOTH_COLUMNS: Record<string, number> = { "Hugging Face": 1, "Flash Attention 2 (HF + FA2/SDPA)": 2, "Unsloth Open": 3, "Unsloth Equal (Pro preview)": 4 };

function buildUnslothDec(row: Row): Built {
  const match = /Table '([^|']+) \| ([^']+)' column '([^']+)'/.exec(row.notes);
  if (!match) throw new Error(`Unsloth row without a table: ${row.notes.slice(-200)}`);
  const [, hardware, dataset, column] = match as unknown as string[];
  const first = row.model.startsWith("Mistral") ? `Mistral 7B ${dataset}` : row.model.startsWith("CodeLlama") ? "Code Llama 34B" : dataset!;
  const grid = findGrid(
    markdownTables(original(UNSLOTH_DEC23)),
    (g) => g.header[0] === UNSLOTH_HARDWARE[hardware!.trim()] && g.rows[0]?.[0] === first && g.rows.some((r) => r[0] === "seconds"),
    `Unsloth ${hardware} ${first}`,
  );
  const title = `${grid.header[0]}: ${first}`;
  const table = tables.add(UNSLOTH_DEC23, slugify(title), title, grid, "The row of notebook links ('code') is left out.", (cells) => cells[0] !== "code");
  const col = UNSLOTH_COLUMNS[column!];
  if (col === undefined) throw new Error(`unknown Unsloth column ${column}`);
  const seconds = grid.rows.findIndex((r) => r[0] === "seconds");
  const memory = grid.rows.findIndex((r) => r[0] === "memory MB");
  const secondsCells = grid.rows[seconds]!;
  const memoryCells = grid.rows[memory]!;
  return {
    cells: row.oom
      ? [{ field: "oom", cell: tables.ref(table, memoryCells, col) }, { field: "oom", cell: tables.ref(table, grid.rows[0]!, col) }]
      : [{ field: "wallTimeSec", cell: tables.ref(table, secondsCells, col) }, { field: "peakMemoryGb", cell: tables.ref(table, memoryCells, col) }],
    quote: `${row.oom ? `${grid.lines[0]}\n` : ""}${grid.lines[seconds]}\n${grid.lines[memory]}`,
    key: `${slugify(title)}:${slugify(grid.header[col]!)}`,
    memoryText: `${memoryCells[col]} MB`,
    throughputText: `${secondsCells[col]} s`,
  };
}

function buildContextLength(row: Row): Built {
  const is70 = row.model.includes("70B");
  const grid = findGrid(markdownTables(original(UNSLOTH_CONTEXT)), (g) => g.heading.endsWith(is70 ? "Llama 3.3 (70B) max. context length" : "Llama 3.1 (8B) max. context length"), "Unsloth context length");
  const title = is70 ? "Llama 3.3 (70B) max. context length" : "Llama 3.1 (8B) max. context length";
  const table = tables.add(UNSLOTH_CONTEXT, slugify(title), title, grid);
  const vram = /^(\d+) GB/.exec(row.hardware!.replace(/^A100 80GB \((\d+) GB VRAM budget\)$/, "$1 GB"))?.[1];
  const index = findRow(grid, (c) => c[0] === `${vram} GB`, `${title} ${vram}`);
  const cells = grid.rows[index]!;
  const col = /This point: Unsloth/.test(row.notes) ? 1 : 2;
  return {
    cells: [
      { field: memoryField(row), cell: tables.ref(table, cells, 0) },
      ...(row.oom ? [] : [{ field: "seqLen", cell: tables.ref(table, cells, col) }]),
      { field: row.oom ? "oom" : "config", cell: tables.ref(table, cells, col) },
    ],
    quote: grid.lines[index]!,
    key: `${is70 ? "llama-3.3-70b" : "llama-3.1-8b"}:${vram}gb:${col === 1 ? "unsloth" : "hf-fa2"}`,
    memoryText: cells[0],
  };
}

function buildLlamaFactoryComparison(row: Row): Built {
  const quoted = markdownCells(/Row: '(\|.*?\|)'/.exec(row.notes)![1]!);
  const grid = findGrid(markdownTables(original(LF_VIA_UNSLOTH)), (g) => g.header.join("|") === "Method|Bits|TGS|GRAM|Speed", "LLaMA-Factory comparison");
  const table = tables.add(LF_VIA_UNSLOTH, "performance-comparison", "Llama-Factory 3rd party benchmarking (LLaMA2-7B, 1 A100)", grid);
  const index = findRow(grid, (c) => c[0] === quoted[0] && c[1] === quoted[1], "LLaMA-Factory row");
  const cells = grid.rows[index]!;
  return {
    cells: [
      { field: "throughputTokensPerSec", cell: tables.ref(table, cells, 2) },
      { field: "peakMemoryGb", cell: tables.ref(table, cells, 3) },
      { field: "config", cell: tables.ref(table, cells, 0) },
      { field: "config", cell: tables.ref(table, cells, 1) },
    ],
    quote: grid.lines[index]!,
    key: `${slugify(cells[0]!)}:${cells[1]}bit`,
    memoryText: cells[3],
    throughputText: `${cells[2]} tokens/s per GPU (TGS)`,
  };
}

function buildLlamaFactoryHardware(row: Row): Built {
  const quoted = markdownCells(/Row: '(.*?)'/.exec(row.notes)![1]!);
  const grid = findGrid(markdownTables(original(LF_HARDWARE)), (g) => g.heading.endsWith("Hardware Requirement"), "LLaMA-Factory hardware");
  const table = tables.add(LF_HARDWARE, "hardware-requirement", "Hardware Requirement (* estimated)", grid);
  const index = findRow(grid, (c) => c[0] === quoted[0] && c[1] === quoted[1], "LLaMA-Factory estimate");
  const cells = grid.rows[index]!;
  const size = /generic (\d+)B/.exec(row.model)![1];
  const col = grid.header.indexOf(`${size}B`);
  return {
    cells: [
      { field: "peakMemoryGb", cell: tables.ref(table, cells, col) },
      { field: "config", cell: tables.ref(table, cells, 0) },
      { field: "config", cell: tables.ref(table, cells, 1) },
    ],
    quote: grid.lines[index]!,
    key: `${slugify(cells[0]!)}:${cells[1]}bit:${size}b`,
    memoryText: cells[col],
  };
}

function buildPeftReadme(row: Row): Built {
  const grid = findGrid(markdownTables(original(PEFT_README)), (g) => g.rows.some((c) => c[0]!.startsWith("bigscience/T0_3B")), "PEFT README memory");
  const table = tables.add(PEFT_README, "memory", "GPU memory on ought/raft/twitter_complaints (A100 80GB)", grid);
  const index = findRow(grid, (c) => c[0]!.startsWith(`${row.model} `), `PEFT ${row.model}`);
  const cells = grid.rows[index]!;
  const point = /This point: ([^.]+)\./.exec(row.notes)?.[1] ?? "";
  const col = point.startsWith("full") ? 1 : point.includes("DeepSpeed") ? 3 : 2;
  return {
    cells: [{ field: memoryField(row), cell: tables.ref(table, cells, col) }],
    quote: grid.lines[index]!,
    key: `${slugify(row.model.split("/")[1]!)}:${["", "full", "lora", "lora-deepspeed-offload"][col]}`,
    memoryText: cells[col]!.split(" / ")[0],
  };
}

/** Sentence sources: the figure as printed, the sentence that states it, and the run's key. */
const SENTENCES: { sourceId: string; test: (row: Row) => boolean; needle: string; key: string; memoryText: string }[] = [
  { sourceId: PEFT_FSDP, test: (r) => r.method === "lora", needle: "72-80 GB", key: "llama-2-70b:lora:8xh100", memoryText: "72-80 GB" },
  { sourceId: PEFT_FSDP, test: (r) => r.peak_memory_gb === 19.6, needle: "**19.6 GB**", key: "llama-2-70b:qlora:2x24gb:cpu-offload", memoryText: "19.6 GB" },
  { sourceId: PEFT_FSDP, test: (r) => r.peak_memory_gb === 35.6, needle: "**35.6 GB/ GPU**", key: "llama-2-70b:qlora:2gpu:no-offload", memoryText: "35.6 GB" },
  { sourceId: PEFT_DEEPSPEED, test: (r) => r.method === "lora", needle: "64 GB (80%)", key: "llama-2-70b:lora:8xh100", memoryText: "64 GB" },
  { sourceId: PEFT_DEEPSPEED, test: (r) => r.method === "qlora", needle: "**36.6 GB**", key: "llama-2-70b:qlora:2x40gb", memoryText: "36.6 GB" },
  { sourceId: QLORA, test: () => true, needle: "single 48GB GPU", key: "guanaco-65b", memoryText: "48GB" },
];

function buildSentence(row: Row, sourceId: string): Built {
  const spec = SENTENCES.find((s) => s.sourceId === sourceId && s.test(row));
  if (!spec) throw new Error(`no sentence for a row of ${sourceId}`);
  const sentence = sentenceWith(original(sourceId), spec.needle);
  const grid: Grid = { heading: "", header: ["Sentence"], rows: [], lines: [] };
  const table = tables.add(sourceId, "sentences", "Sentences quoted", grid, "Sentences of the document that state a measured figure, verbatim.");
  if (!table.rows.some((r) => r[0] === sentence)) table.rows.push([sentence]);
  return { cells: [{ field: memoryField(row), cell: tables.ref(table, [sentence], 0) }], quote: sentence, key: spec.key, memoryText: spec.memoryText };
}

function buildFor(row: Row, sourceId: string): Built {
  switch (sourceId) {
    case MS_SWIFT:
      return buildMsSwift(row);
    case QWEN:
      return buildQwen(row);
    case UNSLOTH_DEC23:
      return buildUnslothDec(row);
    case UNSLOTH_CONTEXT:
      return buildContextLength(row);
    case LF_VIA_UNSLOTH:
      return buildLlamaFactoryComparison(row);
    case LF_HARDWARE:
      return buildLlamaFactoryHardware(row);
    case PEFT_README:
      return buildPeftReadme(row);
    default:
      return buildSentence(row, sourceId);
  }
}

// ------------------------------------------------------------------------------------------------ runs
const METHOD_LABEL = { full: "Full FT", lora: "LoRA", qlora: "QLoRA" } as const;

function main() {
  const [file, mirrorRoot] = process.argv.slice(2);
  if (!file || !mirrorRoot) throw new Error("usage: npx tsx scripts/import-measurements.mts <published.jsonl> <git mirrors directory>");
  mirrors = resolve(mirrorRoot);
  const rows: Row[] = readFileSync(resolve(file), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);

  const runs: MeasurementSeed[] = [];
  const unrepresented: UnrepresentedRow[] = [];
  for (const row of rows) {
    const sourceId = sourceIdOf(row);
    const modelId = modelIdOf(row);
    const reason = unrepresentableReason(row, modelId);
    const built = buildFor(row, sourceId);
    if (reason || !modelId) unrepresented.push({ id: `${sourceId}:${built.key}`, source: SOURCES[sourceId]!.url!, quote: built.quote, reason: reason! });
    else runs.push(runOf(row, sourceId, modelId, built));
  }

  const ids = new Set<string>();
  for (const id of [...runs.map((r) => r.externalId), ...unrepresented.map((u) => `seed:${u.id}`)]) {
    if (ids.has(id)) throw new Error(`duplicate id ${id}`);
    ids.add(id);
  }

  const sources: SourceSeed[] = Object.values(SOURCES).map((info) => ({ ...info, tables: tables.of(info.id) }));
  writeGenerated(sources, runs, unrepresented, rows.length);
  console.log(`${rows.length} rows: ${runs.length} runs (${runs.filter((r) => r.isEstimate).length} estimates), ${unrepresented.length} not represented`);
}


function runOf(input: Row, sourceId: string, modelId: string, built: Built): MeasurementSeed {
  // ms-swift's OOM rows of qwen-72b-chat sit under the model cell "qwen-72b-chat (2*A100)", like the rows above them
  // that did run split across two GPUs (device_map): the row itself says 2 GPUs, whatever the JSONL's gpus field.
  const isMsSwiftTwoGpus = sourceId === MS_SWIFT && /^[^|]*\(2\*A100\)/.test(built.quote);
  const row: Row = isMsSwiftTwoGpus ? { ...input, gpus: 2 } : input;
  const method = row.method as "full" | "lora" | "qlora";
  const hardware = hardwareOf(row);
  const precision = precisionOf(row, hardware.hardwareId);
  const quant = quantizationOf(row);
  const targets = targetsOf(row, modelId);
  const framework = frameworkOf(row);
  const isEstimate = row.kind === "estimate";
  const notes: string[] = [];
  const tags = new Set<string>([isEstimate ? "estimate" : "measured"]);

  // Memory, normalised to GB (1e9 bytes), with the figure as printed kept in peakMemoryOriginal.
  const memory: Partial<MeasurementSeed> = {};
  const measure = measureOf(row);
  if (row.oom) {
    memory.oom = true;
    notes.push("The source reports this configuration as out of memory: no memory or speed is recorded.");
    if (isMsSwiftTwoGpus) {
      notes.push("The model cell reads '(2*A100)': the layers were split across 2 GPUs with device_map (model parallel), and even so it ran out of memory.");
      tags.add("model-parallel");
    }
  } else if (row.peak_memory_gb !== null) {
    const unit = row.memory_unit;
    const printed = built.memoryText ?? `${row.peak_memory_gb} GB`;
    let gb = row.peak_memory_gb;
    if (unit === "GiB") {
      gb = round(row.peak_memory_gb * GIB_TO_GB);
      notes.push(`Memory is printed in GiB (${printed}): ${row.peak_memory_gb} GiB x 1.073741824 = ${gb} GB.`);
    } else if (unit.startsWith("G (")) {
      notes.push(`Memory is printed as '${printed}' without saying GB or GiB (nor how it was read); kept as stated, ${gb} GB.`);
    } else if (unit.startsWith("GB (from 'memory MB'")) {
      notes.push(`Memory is printed in MB (${printed}) and divided by 1000 here (the table does not say MB or MiB).`);
    } else if (unit === "GB (rounded)") {
      notes.push("Memory is printed rounded to whole GB.");
    } else if (row.peak_memory_is_upper_bound && /^fits-in/.test(row.memory_metric)) {
      // A card sold as "X GB" holds X GiB: an A100 80GB has 81,920 MiB, an RTX 4090 24,564 MiB, an A6000 48 GB
      // 49,140 MiB. A "fits in X GB" claim names the card's size, so the bound is X GiB (to 10 MB: it is a size).
      gb = round(row.peak_memory_gb * GIB_TO_GB, 2);
      notes.push(`The bound is a GPU's memory size (${printed}); cards sold as X GB hold X GiB (an A100 80GB has 81,920 MiB), so it is ${row.peak_memory_gb} x 1.073741824 = ${gb} GB.`);
    }
    memory.peakMemoryOriginal = printed;
    if (row.peak_memory_is_upper_bound) {
      memory.peakMemoryGbMax = gb;
      memory.peakMemoryMeasure = "fits-in";
      notes.push(`An upper bound: the run fitted in ${gb} GB; its actual peak is not reported.`);
    } else if (sourceId === PEFT_FSDP && row.method === "lora") {
      memory.peakMemoryGbMin = 72;
      memory.peakMemoryGbMax = 80;
      notes.push("The docs give a range (72-80 GB per GPU, read from an nvidia-smi screenshot), so no point value is set.");
      if (measure) memory.peakMemoryMeasure = measure;
    } else {
      memory.peakMemoryGb = gb;
      if (measure) memory.peakMemoryMeasure = measure;
    }
    if (/^total/.test(row.memory_scope)) {
      memory.peakMemoryScope = "total";
      notes.push(`The figure exceeds one 80 GB card, so it is the total over the ${row.gpus} GPUs (the source does not say).`);
    } else memory.peakMemoryScope = "per-gpu";
    const split = /max of ([\d.]+)\+([\d.]+) GiB/.exec(row.memory_scope);
    if (split) {
      notes.push(`Model parallel (the layers split across 2 GPUs with device_map, not data parallel): the GPUs peaked at ${split[1]} and ${split[2]} GiB; the larger is recorded per GPU.`);
      tags.add("model-parallel");
    }
    if (measure === "reserved") notes.push("Measured as torch.cuda.max_memory_reserved (the caching allocator's reserve, above the allocated peak).");
    if (measure === "allocated") notes.push("Measured as torch.cuda.max_memory_allocated.");
    if (measure === "nvidia-smi") notes.push("Read from nvidia-smi (process memory including the CUDA context).");
  }

  // Throughput: samples/s, tokens/s (the run's total), or a wall time.
  const throughput: Partial<MeasurementSeed> = {};
  let samplesPerIteration: number | undefined;
  let throughputOriginal: string | undefined;
  if (!row.oom && row.throughput_value !== null) {
    const unit = row.throughput_unit ?? "";
    throughputOriginal = built.throughputText;
    if (unit === "samples/s") {
      throughput.throughputSamplesPerSec = row.throughput_value;
      if (/2\*A100/.test(built.throughputText ?? "")) notes.push("Speed is for the 2-GPU model-parallel run.");
    } else if (unit.startsWith("it/s")) {
      const secondsPerIt = Number((built.throughputText ?? "").replace("s/it", ""));
      if (!(secondsPerIt > 0)) throw new Error(`no s/it in ${built.throughputText}`);
      samplesPerIteration = 8 * (row.gpus ?? 1);
      throughput.throughputSamplesPerSec = round(samplesPerIteration / secondsPerIt);
      throughput.throughputTokensPerSec = round((samplesPerIteration * (row.seq_len ?? 0)) / secondsPerIt, 1);
      notes.push(
        `Speed is printed as ${built.throughputText}. One iteration is taken as one optimizer step of batch 1 x gradient accumulation 8` +
          ((row.gpus ?? 1) > 1 ? ` on each of the ${row.gpus} data-parallel GPUs (${samplesPerIteration} samples)` : " (8 samples)") +
          `: ${samplesPerIteration} / ${secondsPerIt} = ${throughput.throughputSamplesPerSec} samples/s, and at the fixed length ${row.seq_len}, ${throughput.throughputTokensPerSec} tokens/s for the run.`,
      );
    } else if (unit.startsWith("tokens/s per GPU")) {
      throughput.throughputTokensPerSec = row.throughput_value * (row.gpus ?? 1);
      notes.push(`Throughput is printed as tokens per GPU per second (TGS); on ${row.gpus ?? 1} GPU that is the run's total.`);
    } else if (unit.startsWith("seconds for the benchmark run")) {
      throughput.wallTimeSec = row.throughput_value;
      notes.push("Speed is the wall time of the notebook's fixed run in seconds (lower is faster), not a rate.");
    } else throw new Error(`unknown throughput unit ${unit}`);
  }

  const attention = attentionOf(row, sourceId);
  if (attention.note) notes.push(attention.note);
  if (hardware.note) notes.push(hardware.note);
  if (precision.note) notes.push(precision.note);
  if (quant.note) notes.push(quant.note);
  if (targets.note) notes.push(targets.note);
  // Trainable parameters as ms-swift prints them, in millions ("4.19", "17.8913(0.2312%)").
  const trainable = /^[\d.]+/.exec(built.trainableText ?? "")?.[0];
  const sharding = shardingOf(row, sourceId);
  if (sharding) notes.push(sharding === "zero3" ? (sourceId === PEFT_FSDP ? "FSDP full shard is recorded as ZeRO-3 sharding." : "DeepSpeed ZeRO-3 shards parameters, gradients and optimizer states.") : "DeepSpeed ZeRO-2 shards gradients and optimizer states.");
  if (/CPU offload|fsdp_offload_params true|DeepSpeed with CPU Offloading|DeepSpeed ZeRO-3 with CPU offload/.test(row.notes) && !/When disabling CPU offloading/.test(row.notes) && (sourceId !== PEFT_README || /DeepSpeed/.test(row.notes.split("This point:")[1] ?? ""))) {
    tags.add("cpu-offload");
    notes.push("Parameters (or optimizer states) are offloaded to CPU memory, so the GPU figure understates what the run needs in total.");
  }
  if ((row.gpus ?? 1) > 1 && !tags.has("model-parallel")) {
    tags.add("multi-gpu");
    if (/DDP/.test(row.hardware ?? "")) notes.push(`Data parallel (DDP) on ${row.gpus} GPUs; the memory is the larger of the GPUs' peaks.`);
  }
  if (/paged/.test(row.optimizer ?? "")) notes.push("A paged optimizer can move its states to CPU memory under pressure, so the GPU figure can understate the need.");
  if (sourceId === MS_SWIFT)
    notes.push(
      "What the table does not vary is ms-swift's default at this commit (swift/llm/utils/argument.py): optim adamw_torch, dtype AUTO (bf16 on a GPU that has it)" +
        (row.rank !== null ? ", lora_alpha 32, lora_dropout 0.05" : "") +
        (quant.quantization === "nf4" ? ", bnb_4bit_quant_type nf4 with double quantization" : "") +
        ".",
    );
  else if (sourceId === QWEN && row.rank !== null)
    notes.push("LoRA settings are finetune.py's defaults at this commit (lora_r 64, lora_alpha 16, lora_dropout 0.05); its scripts pass --bf16 True and --gradient_checkpointing, and pad every sample to the set length.");
  else if (row.optimizer && /assumed/.test(row.optimizer)) notes.push("AdamW is assumed (the framework's default; the source does not name the optimizer).");
  // ms-swift 1.x drops a sample longer than max_length (SftArguments.truncation_strategy = 'delete'; Template.encode
  // returns {} and _single_map filters it out), so the JSONL's "max_len_truncation" does not describe these rows.
  const isMsSwiftDropped = sourceId === MS_SWIFT && row.dataset === "cls-fudan-news-zh";
  if (isMsSwiftDropped)
    notes.push(
      "The dataset's samples average 3234.4 tokens (± 2547.5, 91 to 19,548), but ms-swift at this commit drops every sample longer than max_length " +
        "(truncation_strategy 'delete', swift/llm/utils/argument.py and template.py) instead of cutting it: the samples trained on vary in length up to max_length, " +
        "the longest sets the peak, and their mean (not stated) is below both max_length and 3234.4.",
    );
  if (/Unsloth Equal/.test(row.framework))
    notes.push("'Unsloth Equal' is the README's preview of Unsloth's paid version with its code left out; settings and loss curve are said to be the same as the others'.");
  if (sourceId === UNSLOTH_DEC23 && modelId === "llama-2-7b") notes.push("The table names no model: the vendor's blog describes these runs as Llama 7B (Llama 2 7B presumed).");
  if (sourceId === UNSLOTH_DEC23 && row.oom && modelId === "llama-34b")
    notes.push("The table marks Hugging Face 'OOM ❌' for Code Llama 34B on the 40 GB card, yet prints 1953 seconds and 40000 MB (the card's capacity) in that column; recorded as OOM.");
  if (isEstimate) notes.push("LLaMA-Factory marks this table as estimated: a rule of thumb, not a measurement.");
  if (row.model.includes("zephyr")) notes.push("openbuddy-zephyr-7b is a fine-tune with the Mistral 7B architecture.");
  if (modelId === "llama-34b") notes.push("Code Llama 34B is recorded as the catalog's 34B LLaMA entry, whose architecture is Code Llama 34B's config.");
  if (modelId === "llama-3.3-70b") notes.push("Llama 3.3 70B has the Llama 3.1 70B architecture.");

  const packedByTuner = /packing=True/.test(built.quote);
  const seqLenKind = packedByTuner ? "packed" : isMsSwiftDropped ? "padded-longest" : seqLenKindOf(row);
  if (packedByTuner) notes.push("Samples are packed (packing=True in the tuner parameters).");
  const quote = built.quote;
  const description = describe(row, method, modelId);
  const summary = `${description}. Source: ${SOURCES[sourceId]!.title}.`;

  const cells = built.cells;

  const run: MeasurementSeed = {
    externalId: `seed:${sourceId}:${built.key}`,
    name: nameOf(row, method, sourceId),
    sourceId,
    method,
    modelId,
    ...(row.rank !== null ? { rank: row.rank } : {}),
    ...(row.alpha !== null ? { loraAlpha: row.alpha } : {}),
    ...(loraDropoutOf(row, sourceId) !== undefined ? { loraDropout: loraDropoutOf(row, sourceId) } : {}),
    ...(targets.targetModules ? { targetModules: targets.targetModules } : {}),
    quantization: quant.quantization,
    ...(quant.doubleQuant !== undefined ? { doubleQuant: quant.doubleQuant } : {}),
    ...(precision.precision ? { precision: precision.precision } : {}),
    ...(precision.masterWeights !== undefined ? { masterWeights: precision.masterWeights } : {}),
    ...(hardware.hardwareId ? { hardwareId: hardware.hardwareId } : {}),
    ...(hardware.hardwareLabel ? { hardwareLabel: hardware.hardwareLabel } : {}),
    ...(row.gpus !== null ? { gpuCount: row.gpus } : {}),
    ...(row.batch_size !== null ? { batchSize: row.batch_size } : {}),
    ...(row.grad_accum !== null ? { gradientAccumulation: row.grad_accum } : {}),
    ...(row.seq_len !== null ? { seqLen: row.seq_len } : {}),
    ...(row.grad_checkpointing !== null ? { gradientCheckpointing: row.grad_checkpointing } : {}),
    ...(attention.attention ? { attention: attention.attention } : {}),
    ...(sharding ? { sharding } : {}),
    ...(optimizerOf(row) ? { optimizer: optimizerOf(row) } : {}),
    framework,
    ...(seqLenKind === "packed" ? { packing: true } : {}),
    ...(row.dataset ? { datasetName: row.dataset } : {}),
    ...(trainable ? { trainableParams: Math.round(Number(trainable) * 1e6) } : {}),
    ...memory,
    ...throughput,
    ...(isEstimate ? { isEstimate: true } : {}),
    notes: [summary, ...notes].join(" "),
    tags: [...tags],
    cells,
    measurement: {
      quote,
      frameworkLabel: row.framework,
      seqLenKind,
      ...(throughputOriginal ? { throughputOriginal } : {}),
      ...(samplesPerIteration ? { samplesPerIteration } : {}),
      paramsB: row.params_b,
      paramsNominal: row.params_b_is_nominal,
    },
  };
  return run;
}

function loraDropoutOf(row: Row, sourceId: string): number | undefined {
  if (row.method === "full") return undefined;
  if (sourceId === QWEN || (sourceId === MS_SWIFT && row.rank !== null)) return 0.05;
  if (sourceId === PEFT_README || sourceId === PEFT_FSDP || sourceId === PEFT_DEEPSPEED) return 0.1;
  return undefined;
}

function describe(row: Row, method: "full" | "lora" | "qlora", modelId: string): string {
  const parts = [`${METHOD_LABEL[method]} of ${row.model}`];
  if (row.rank !== null) parts.push(`rank ${row.rank}`);
  if (row.seq_len !== null) parts.push(`sequence length ${row.seq_len}`);
  if (row.batch_size !== null) parts.push(`batch ${row.batch_size}`);
  if (row.grad_accum !== null) parts.push(`gradient accumulation ${row.grad_accum}`);
  if (row.gpus !== null) parts.push(`${row.gpus} GPU${row.gpus > 1 ? "s" : ""}`);
  void modelId;
  return parts.join(", ");
}

function nameOf(row: Row, method: "full" | "lora" | "qlora", sourceId: string): string {
  const bits = [row.model.replace(/ \(Qwen v1.*\)$/, " (Qwen v1)"), METHOD_LABEL[method]];
  if (row.rank !== null) bits.push(`r=${row.rank}`);
  const tuner = /exp_name ([^:]+):/.exec(row.notes)?.[1];
  if (tuner) bits.push(tuner);
  if (/int\d \(bnb\)|8-bit|4-bit/.test(row.quant ?? "")) bits.push(row.quant!.replace(/ \(.*$/, ""));
  if (row.seq_len !== null) bits.push(`seq ${row.seq_len}`);
  if (row.batch_size !== null && row.batch_size > 1) bits.push(`bs ${row.batch_size}`);
  if (sourceId === MS_SWIFT && row.grad_accum !== null && row.grad_accum !== 16) bits.push(`GA ${row.grad_accum}`);
  if (row.grad_checkpointing === false) bits.push("no checkpointing");
  if (sourceId === MS_SWIFT && /flash_attn False|use_flash_attn false/.test(row.notes)) bits.push("no flash attention");
  if (sourceId === MS_SWIFT && row.target_modules === "all-linear" && row.method !== "full") bits.push("all-linear");
  if (row.precision === "pure bf16") bits.push("pure bf16");
  if (/fp32 master weights/.test(row.precision ?? "")) bits.push("mixed precision");
  if (sourceId === PEFT_FSDP) bits.push(/offload_params true/.test(row.notes) ? "FSDP + CPU offload" : "FSDP");
  if (sourceId === PEFT_DEEPSPEED) bits.push("DeepSpeed ZeRO-3");
  if ((row.gpus ?? 1) > 1) bits.push(`${row.gpus} GPUs`);
  if (row.hardware) bits.push(row.hardware.replace(/ \(.*\)$/, ""));
  if (row.dataset && sourceId === UNSLOTH_DEC23) bits.push(row.dataset);
  return `${bits.join(" · ")} · ${row.framework}`;
}

// ------------------------------------------------------------------------------------------------ output
function writeGenerated(sources: SourceSeed[], runs: MeasurementSeed[], unrepresented: UnrepresentedRow[], rowCount: number) {
  const header =
    "// GENERATED by scripts/import-measurements.mts from the published fine-tuning measurements; do not edit by\n" +
    "// hand: change the script and run it again. The source cites the original document (repository, file, commit);\n" +
    "// quotes and table cells are verbatim, everything else is our own wording.\n";
  const dir = resolve("seed/measurements/generated");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  for (const source of sources) {
    const own = (id: string) => id.startsWith(`${source.id}:`);
    const body =
      `${header}import type { MeasurementSeed, SourceSeed } from "../../types";\n\n` +
      `export const source: SourceSeed = ${JSON.stringify(source, null, 2)};\n\n` +
      `export const runs: MeasurementSeed[] = ${JSON.stringify(runs.filter((run) => run.sourceId === source.id), null, 2)};\n\n` +
      `export const unrepresented: { id: string; source: string; quote: string; reason: string }[] = ${JSON.stringify(unrepresented.filter((row) => own(row.id)), null, 2)};\n`;
    writeFileSync(join(dir, `${source.id}.ts`), body);
  }
  const index =
    `${header}import type { MeasurementSeed, SourceSeed } from "../../types";\n` +
    sources.map((source) => `import * as ${camel(source.id)} from "./${source.id}";\n`).join("") +
    `\nconst all = [${sources.map((source) => camel(source.id)).join(", ")}];\n\n` +
    `/** Rows in the input the script read: every one is either a run or listed in generatedUnrepresentedRows. */\n` +
    `export const GENERATED_ROW_COUNT = ${rowCount};\n` +
    `export const generatedSources: SourceSeed[] = all.map((file) => file.source);\n` +
    `export const generatedRuns: MeasurementSeed[] = all.flatMap((file) => file.runs);\n` +
    `export const generatedUnrepresentedRows: { id: string; source: string; quote: string; reason: string }[] = all.flatMap((file) => file.unrepresented);\n`;
  writeFileSync(join(dir, "index.ts"), index);
}

main();
