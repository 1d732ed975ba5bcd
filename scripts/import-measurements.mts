// Converts the published fine-tuning measurements (a JSONL file of rows read from frameworks' own benchmark
// tables) into committed seed data: seed/measurements/generated.ts. Run it once when the rows change:
//
//   npx tsx scripts/import-measurements.mts <path/to/published.jsonl>
//
// The project never reads the JSONL at run time or in tests: what it needs is written out here, citing each
// original document (repository, file, commit, table), never the JSONL. Our own words (names, notes, summaries)
// are written from the structured fields; only the quoted table rows and sentences are kept verbatim.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
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
      "so most samples are cut at max_length). Speed is samples/s; memory is torch.cuda.max_memory_reserved in " +
      "GiB, summed over the visible GPUs (two figures joined by '+' for the 2-GPU model-parallel rows).",
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
    url: "https://github.com/unslothai/unsloth/blob/1d4ae059c569ea6fd0bcd20efde6b6e52119a223/README.md#-detailed-benchmarking-tables",
    repository: "unslothai/unsloth",
    path: "README.md",
    commit: "1d4ae059c569ea6fd0bcd20efde6b6e52119a223",
    title: "Unsloth README: Detailed Benchmarking Tables (December 2023)",
    publisher: "Unsloth AI",
    summary:
      "QLoRA (bitsandbytes 4-bit) fine-tuning runs of a fixed length on four datasets, timed in seconds with peak " +
      "memory in MB, for Hugging Face, Hugging Face with Flash Attention 2 (SDPA on T4), Unsloth's open-source " +
      "kernels and 'Unsloth Equal', on one A100 40GB, one T4 and two T4s (DDP). The tables name no model: the " +
      "vendor's blog describes them as Llama 7B runs (Mistral 7B and Code Llama 34B have their own tables). The T4 " +
      "tables state batch size 2, gradient accumulation 4 and the 8-bit AdamW optimizer; A100 settings are not " +
      "stated. First published in December 2023 (d6fdf151a5), read at the commit cited.",
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
    url: "https://github.com/huggingface/peft/blob/5de175184/README.md#high-performance-on-consumer-hardware",
    repository: "huggingface/peft",
    path: "README.md",
    commit: "5de175184",
    title: "PEFT README: High performance on consumer hardware",
    publisher: "Hugging Face",
    summary:
      "Peak GPU memory (torch.cuda.max_memory_allocated in the example scripts) of full fine-tuning, LoRA, and LoRA " +
      "with DeepSpeed ZeRO-3 CPU offloading for T0_3B, mt0-xxl and bloomz-7b1 on the RAFT twitter_complaints " +
      "dataset, on an A100 80GB with more than 64 GB of CPU RAM; models loaded in fp32, LoRA r=8, alpha 32, " +
      "dropout 0.1, batch size 8.",
  },
  [PEFT_FSDP]: {
    id: PEFT_FSDP,
    kind: "measurement",
    url: "https://github.com/huggingface/peft/blob/5d602fd/docs/source/accelerate/fsdp.md",
    repository: "huggingface/peft",
    path: "docs/source/accelerate/fsdp.md",
    commit: "5d602fd",
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
    url: "https://github.com/huggingface/peft/blob/5d602fd/docs/source/accelerate/deepspeed.md",
    repository: "huggingface/peft",
    path: "docs/source/accelerate/deepspeed.md",
    commit: "5d602fd",
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
    url: "https://github.com/artidoro/qlora/blob/7f4e95a/README.md",
    repository: "artidoro/qlora",
    path: "README.md",
    commit: "7f4e95a",
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

// ------------------------------------------------------------------------------------------------ tables
class Tables {
  private tables = new Map<string, Map<string, TableSeed>>();

  /** Adds (or finds) the row of cells in the table and returns its address; equal rows are stored once. */
  cell(sourceId: string, slug: string, title: string, header: string[], cells: string[], col: number, caption?: string): CellRef {
    const bySource = this.tables.get(sourceId) ?? new Map<string, TableSeed>();
    this.tables.set(sourceId, bySource);
    const id = `${sourceId}/${slug}`;
    const table = bySource.get(id) ?? { id, title, kind: "measurement", header, rows: [], ...(caption ? { caption } : {}) };
    bySource.set(id, table);
    if (cells.length !== header.length) throw new Error(`${id}: row of ${cells.length} cells under a header of ${header.length}`);
    let index = table.rows.findIndex((row) => row.join("\u0000") === cells.join("\u0000"));
    if (index < 0) {
      table.rows.push(cells);
      index = table.rows.length - 1;
    }
    return { table: id, row: index + 1, col };
  }

  of(sourceId: string): TableSeed[] {
    return [...(this.tables.get(sourceId)?.values() ?? [])];
  }
}

const tables = new Tables();

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
  if (!modelId) return `No catalogued model stands for '${row.model}' (the catalog has no generic model of that nominal size).`;
  return null;
}

function tunerName(row: Row): string {
  const match = /exp_name ([^:]+):/.exec(row.notes);
  return match?.[1]?.trim() ?? "other";
}

const HARDWARE: [RegExp, { hardwareId?: string; hardwareLabel?: string; note?: string }][] = [
  [/^A100-SXM4-80G$|^A100 80GB$/, { hardwareId: "a100-80gb" }],
  [/^A100 \(80GB presumed\)$|^A100 \(presumed, per doc env\)$|^A100 \(presumed\)$/, { hardwareId: "a100-80gb", note: "The source says only 'A100'; the 80GB part is presumed." }],
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
  if (!row.hardware) return {};
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

function attentionOf(row: Row, sourceId: string): "flash" | "eager" | undefined {
  if (sourceId === MS_SWIFT) return /use_flash_attn false|flash_attn False/.test(row.notes) ? undefined : "flash";
  if (sourceId === QWEN) return "flash";
  if (/FA2|Flash Attention 2|flash attn/.test(row.framework) || /flash attn/.test(row.notes)) return "flash";
  if (sourceId === UNSLOTH_DEC23 && /Unsloth/.test(row.framework)) return undefined;
  return undefined;
}

function precisionOf(row: Row, hardwareId: string | undefined): { precision?: "bf16" | "fp16" | "fp32"; masterWeights?: boolean; note?: string } {
  const p = row.precision ?? "";
  if (/^fp16 \(T4\) \/ bf16 \(A100\) presumed$/.test(p))
    return hardwareId === "t4"
      ? { precision: "fp16", note: "Compute in fp16 is presumed (a T4 has no bf16)." }
      : { precision: "bf16", note: "Compute in bf16 is presumed on the A100 (the table does not say)." };
  if (/^pure bf16$/.test(p)) return { precision: "bf16", masterWeights: false };
  if (/fp32 master weights/.test(p)) return { precision: "bf16", masterWeights: true };
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
const QKV = ["q_proj", "k_proj", "v_proj"];

/** Canonical target modules and a sentence saying how they were mapped. */
function targetsOf(row: Row, modelId: string): { targetModules?: string[]; note?: string } {
  const t = row.target_modules;
  if (t === null) return {};
  if (t === "all-linear" || t === "all-linear (lora_modules all)") return { targetModules: ALL_LINEAR };
  const list = t as string[];
  const key = list.join(",");
  if (key === "c_attn")
    return { targetModules: QKV, note: "Qwen v1's fused c_attn (query, key and value) is recorded as q_proj, k_proj, v_proj." };
  if (key === "c_attn,c_proj,w1,w2")
    return {
      targetModules: ALL_LINEAR,
      note: "Qwen v1's c_attn, c_proj, w1 and w2 are every linear layer of a block except the MLP's output c_proj (recorded as all-linear: q/k/v, o, up and gate; Qwen v1 names the MLP output mlp.c_proj, which the pattern 'c_proj' also matches).",
    };
  if (key === "query_key_value") return { targetModules: QKV, note: "ChatGLM3's fused query_key_value is recorded as q_proj, k_proj, v_proj." };
  if (key === "W_pack") return { targetModules: QKV, note: "Baichuan2's fused W_pack (query, key and value) is recorded as q_proj, k_proj, v_proj." };
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

// ------------------------------------------------------------------------------------------------ quotes
const single = (text: string) => /'([^']*\d[^']*)'/.exec(text)?.[1];

/** The first quoted table row ("Row: '| … |'") of a row's notes. */
function quotedRow(notes: string): string | undefined {
  return /Row: '(\|.*?\|)'/.exec(notes)?.[1] ?? /Row: '(.*?)'(?: \(|\. |$)/.exec(notes)?.[1];
}

const splitMarkdownRow = (row: string) =>
  row
    .replace(/^\s*\|/, "")
    .replace(/\|\s*$/, "")
    .split("|")
    .map((cell) => cell.trim());

// The LLaMA-Factory README's estimate table as printed at the cited commit (the input abbreviates its rows).
const LF_HARDWARE_ROWS = [
  "| Full (`bf16` or `fp16`)             |  32  | 120GB | 240GB | 600GB | 1200GB | `18x`GB |",
  "| Full (`pure_bf16`)                  |  16  |  60GB | 120GB | 300GB |  600GB |  `8x`GB |",
  "| Freeze/LoRA/GaLore/APOLLO/BAdam/OFT |  16  |  16GB |  32GB |  64GB |  160GB |  `2x`GB |",
  "| QLoRA / QOFT                        |   8  |  10GB |  20GB |  40GB |   80GB |   `x`GB |",
  "| QLoRA / QOFT                        |   4  |   6GB |  12GB |  24GB |   48GB | `x/2`GB |",
  "| QLoRA / QOFT                        |   2  |   4GB |   8GB |  16GB |   24GB | `x/4`GB |",
];

// ------------------------------------------------------------------------------------------------ per source
type Built = { cells: MeasurementSeed["cells"]; quote: string; key: string; memoryText?: string; throughputText?: string };

function buildMsSwift(row: Row, index: number): Built {
  const table = /Table '([^']+)'/.exec(row.notes)?.[1] ?? "";
  const after = row.notes.slice(row.notes.indexOf(`Table '${table}'`));
  const model = /qwen|chatglm|yi-|openbuddy|baichuan/.exec(row.model) ? row.model : row.model;
  const speed = /\| ([\d.]+(?: \(2\*A100\))?) samples\/s/.exec(after)?.[1];
  const memory = /\| ([\d.+]+) GiB/.exec(after)?.[1];
  const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  if (table.startsWith("Model Type & Max Length")) {
    const full = table.endsWith("Full");
    const header = [`Model Type [${full ? "FULL" : "LoRA"}]`, "Max Length", "Training Speed (samples/s)", "GPU Memory (GiB)"];
    const speedCell = row.oom ? "-" : speed!;
    const memoryCell = row.oom ? "OOM" : memory!;
    const cells = [model, String(row.seq_len), speedCell, memoryCell];
    const slug = full ? "model-type-max-length-full" : "model-type-max-length-lora";
    const at = (col: number) => tables.cell(MS_SWIFT, slug, `Model Type & Max Length (${full ? "Full" : "LoRA"})`, header, cells, col, "The model name spans its five rows in the original (rowspan); it is repeated on every row here.");
    return {
      cells: row.oom ? [{ field: "oom", cell: at(3) }, { field: "config", cell: at(1) }] : [{ field: "throughputSamplesPerSec", cell: at(2) }, { field: "peakMemoryGb", cell: at(3) }, { field: "config", cell: at(1) }],
      quote: cells.join(" | "),
      key: `${slug.replace("model-type-", "")}:${row.model}:${row.seq_len}`,
      memoryText: memoryCell,
      throughputText: speedCell,
    };
  }
  if (table === "量化") {
    const quant = /\| (int\d \((?:gptq|bnb)\)) \|/.exec(after)?.[1] ?? "";
    const header = ["Model Type [LoRA]", "Quantization", "Training Speed (samples/s)", "GPU Memory (GiB)"];
    const cells = [row.model, quant, speed!, memory!];
    const at = (col: number) => tables.cell(MS_SWIFT, "quantization", "量化 (Quantization)", header, cells, col, "The model name spans its four rows in the original (rowspan); it is repeated on every row here.");
    return { cells: [{ field: "throughputSamplesPerSec", cell: at(2) }, { field: "peakMemoryGb", cell: at(3) }, { field: "config", cell: at(1) }], quote: cells.join(" | "), key: `quantization:${row.model}:${slugOf(quant)}`, memoryText: memory, throughputText: speed };
  }
  if (table === "Batch Size") {
    const header = ["Model Type [LoRA]", "Batch Size", "Training Speed (samples/s)", "GPU Memory (GiB)"];
    const cells = ["qwen-7b-chat", String(row.batch_size), speed!, memory!];
    const at = (col: number) => tables.cell(MS_SWIFT, "batch-size", "Batch Size", header, cells, col);
    return { cells: [{ field: "throughputSamplesPerSec", cell: at(2) }, { field: "peakMemoryGb", cell: at(3) }, { field: "config", cell: at(1) }], quote: cells.join(" | "), key: `batch-size:${row.batch_size}`, memoryText: memory, throughputText: speed };
  }
  if (table === "Use Flash Attn & Gradient Checkpointing") {
    const flash = /flash_attn (True|False)/.exec(after)?.[1] === "True";
    const header = ["Model Type [LoRA]", "Use Flash Attn", "Gradient Checkpointing", "Training Speed (samples/s)", "GPU Memory (GiB)"];
    const mark = (on: boolean) => (on ? "\u2714" : "\u2718");
    const cells = ["qwen-7b-chat", mark(flash), mark(row.grad_checkpointing === true), speed!, memory!];
    const at = (col: number) => tables.cell(MS_SWIFT, "flash-attn-gradient-checkpointing", "Use Flash Attn & Gradient Checkpointing", header, cells, col, "The original prints the marks as the HTML entities &#x2714; (on) and &#x2718; (off).");
    return { cells: [{ field: "throughputSamplesPerSec", cell: at(3) }, { field: "peakMemoryGb", cell: at(4) }, { field: "config", cell: at(1) }, { field: "config", cell: at(2) }], quote: cells.join(" | "), key: `flash-gc:${flash ? "flash" : "noflash"}:${row.grad_checkpointing ? "gc" : "nogc"}`, memoryText: memory, throughputText: speed };
  }
  if (table === "LoRA Rank & LoRA Target Modules") {
    const trainable = /trainable params ([\d.]+)M/.exec(after)?.[1] ?? "";
    const targets = row.target_modules === "all-linear" ? "ALL (all linear)" : row.rank === 2 ? "DEFAULT (c_attn)" : "DEFAULT";
    const header = ["Model Type [LoRA]", "LoRA Rank", "LoRA Target Modules", "Training Speed (samples/s)", "GPU Memory (GiB)", "Trainable Params (M)"];
    const cells = ["qwen-7b-chat", String(row.rank), targets, speed!, memory!, trainable];
    const at = (col: number) => tables.cell(MS_SWIFT, "lora-rank-target-modules", "LoRA Rank & LoRA Target Modules", header, cells, col);
    return { cells: [{ field: "throughputSamplesPerSec", cell: at(3) }, { field: "peakMemoryGb", cell: at(4) }, { field: "trainableParams", cell: at(5) }, { field: "config", cell: at(1) }, { field: "config", cell: at(2) }], quote: cells.join(" | "), key: `lora-rank:${row.rank}:${slugOf(targets)}`, memoryText: memory, throughputText: speed };
  }
  if (table === "Gradient Accumulation Steps") {
    const ga = /GA (\d+) \|/.exec(after)?.[1] ?? "";
    const header = ["Model Type [LoRA]", "Gradient Accumulation Steps", "Training Speed (samples/s)", "GPU Memory (GiB)"];
    const cells = ["qwen-7b-chat", ga, speed!, memory!];
    const at = (col: number) => tables.cell(MS_SWIFT, "gradient-accumulation-steps", "Gradient Accumulation Steps", header, cells, col);
    return { cells: [{ field: "throughputSamplesPerSec", cell: at(2) }, { field: "peakMemoryGb", cell: at(3) }, { field: "config", cell: at(1) }], quote: cells.join(" | "), key: `gradient-accumulation:${ga}`, memoryText: memory, throughputText: speed };
  }
  // Tuners and the single-row tables (unsloth, AWQ, AQLM): markdown rows; the notes give the figures.
  const name = tunerName(row) === "other" ? (/\| (unsloth\+lora\+q4) \|/.exec(row.notes)?.[1] ?? `row-${index}`) : tunerName(row);
  const mem = /memory ([\d.]+GiB(?:\*2)?)/.exec(row.notes)?.[1] ?? /\| ([\d.]+GiB) \|/.exec(row.notes)?.[1] ?? `${row.peak_memory_gb}GiB`;
  const spd = /train speed ([\d.]+)/.exec(row.notes)?.[1] ?? /\| ([\d.]+)\(\d+ samples/.exec(row.notes)?.[1] ?? String(row.throughput_value);
  const header = ["exp_name", "model_type", "memory", "train speed(samples/s)"];
  const cells = [name, row.model, mem, spd];
  const slug = /#tuners/.test(row.source) ? "tuners" : /#unsloth/.test(row.source) ? "unsloth" : /#awq/.test(row.source) ? "awq" : "aqlm";
  const at = (col: number) => tables.cell(MS_SWIFT, slug, slug === "tuners" ? "Tuners" : slug.toUpperCase(), header, cells, col);
  return { cells: [{ field: "peakMemoryGb", cell: at(2) }, { field: "throughputSamplesPerSec", cell: at(3) }], quote: cells.join(" | "), key: `${slug}:${name}`, memoryText: mem, throughputText: spd };
}

function buildQwen(row: Row): Built {
  const cell = /Cell: Model ([\d.]+B) \| ([^|]+?) \| #Nodes (\d+) \| #GPUs per node (\d+) \| seq (\d+): '([^']+)'/.exec(row.notes);
  if (!cell) throw new Error(`Qwen row without a cell: ${row.notes.slice(-200)}`);
  const [, size, method, nodes, perNode, seq, text] = cell as unknown as [string, string, string, string, string, string, string];
  const lengths = ["256", "512", "1024", "2048", "4096", "8192"];
  const header = ["Model Size", "Method", "#Nodes", "#GPUs per node", ...lengths];
  const slug = `${size.toLowerCase().replace(".", "-")}`;
  // Each table row holds six lengths; cells of the lengths not yet read stay empty until their run is built.
  const key = `${size}|${method}|${nodes}|${perNode}`;
  const rowCells = qwenRows.get(key) ?? [size, method, nodes, perNode, "", "", "", "", "", ""];
  qwenRows.set(key, rowCells);
  const col = 4 + lengths.indexOf(seq);
  rowCells[col] = text;
  return {
    cells: [{ field: "peakMemoryGb", cell: { table: `${QWEN}/profiling`, row: -1, col } }, { field: "throughputSamplesPerSec", cell: { table: `${QWEN}/profiling`, row: -1, col } }],
    quote: text,
    key: `${slug}:${method.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "")}:${nodes}x${perNode}:${seq}`,
    memoryText: text.split(" / ")[0],
    throughputText: text.split(" / ")[1],
    ...{ qwenKey: key, header },
  } as Built & { qwenKey: string; header: string[] };
}
const qwenRows = new Map<string, string[]>();

function buildUnslothDec(row: Row): Built {
  const match = /Table '([^']+)' column '([^']+)': seconds (\S+), memory MB (\S+)\./.exec(row.notes);
  if (!match) throw new Error(`Unsloth row without a table: ${row.notes.slice(-200)}`);
  const [, title, column, seconds, memory] = match as unknown as [string, string, string, string, string];
  const model = row.model.startsWith("Mistral") ? "mistral-7b " : row.model.startsWith("CodeLlama") ? "" : "";
  const slug = `${model}${title}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const columns = ["Hugging Face", "Flash Attention 2 (HF + FA2/SDPA)", "Unsloth Open", "Unsloth Equal (Pro preview)"];
  const header = [title.split(" | ")[0]!, ...columns];
  const key = slug;
  const cellsBy = unslothRows.get(key) ?? { seconds: ["seconds", "", "", "", ""], memory: ["memory MB", "", "", "", ""], title: `${model ? "Mistral 7B · " : ""}${title}`, header, slug };
  unslothRows.set(key, cellsBy);
  const col = 1 + columns.indexOf(column);
  if (col < 1) throw new Error(`unknown Unsloth column ${column}`);
  cellsBy.seconds[col] = seconds;
  cellsBy.memory[col] = memory;
  const colKey = column.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    cells: row.oom
      ? [{ field: "oom", cell: { table: `${UNSLOTH_DEC23}/${slug}`, row: 2, col } }]
      : [{ field: "wallTimeSec", cell: { table: `${UNSLOTH_DEC23}/${slug}`, row: 1, col } }, { field: "peakMemoryGb", cell: { table: `${UNSLOTH_DEC23}/${slug}`, row: 2, col } }],
    quote: `${column}: seconds ${seconds}, memory MB ${memory}`,
    key: `${slug}:${colKey}`,
    memoryText: row.oom ? undefined : `${memory} MB`,
    throughputText: row.oom ? undefined : `${seconds} s`,
  };
}
const unslothRows = new Map<string, { seconds: string[]; memory: string[]; title: string; header: string[]; slug: string }>();

function buildRowQuote(row: Row, sourceId: string, header: string[], slug: string, title: string, valueCol: number, point: string): Built {
  const quote = quotedRow(row.notes);
  if (!quote) throw new Error(`no quoted row: ${row.notes.slice(0, 200)}`);
  const cells = splitMarkdownRow(quote);
  const at = (col: number) => tables.cell(sourceId, slug, title, header, cells, col);
  return { cells: [{ field: row.peak_memory_is_upper_bound ? "peakMemoryGbMax" : row.oom ? "oom" : "peakMemoryGb", cell: at(valueCol) }], quote, key: `${slug}:${point}` };
}

function buildSentence(row: Row, sourceId: string, slug: string, key: string): Built {
  const sentence = sentenceOf(row);
  const at = tables.cell(sourceId, slug, "Quoted sentences", ["Sentence"], [sentence], 0);
  return { cells: [{ field: row.peak_memory_is_upper_bound ? "peakMemoryGbMax" : "peakMemoryGb", cell: at }], quote: sentence, key };
}

function sentenceOf(row: Row): string {
  const quotes = [...row.notes.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  const withNumber = quotes.find((q) => /\d+(\.\d+)?\s*GB|\*\*\d/.test(q));
  if (!withNumber) throw new Error(`no quoted sentence: ${row.notes}`);
  return withNumber;
}

// ------------------------------------------------------------------------------------------------ runs
const METHOD_LABEL = { full: "Full FT", lora: "LoRA", qlora: "QLoRA" } as const;

function main() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npx tsx scripts/import-measurements.mts <published.jsonl>");
  const rows: Row[] = readFileSync(resolve(file), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);

  const runs: (MeasurementSeed & { qwenKey?: string })[] = [];
  const unrepresented: UnrepresentedRow[] = [];

  rows.forEach((row, index) => {
    const sourceId = sourceIdOf(row);
    const modelId = modelIdOf(row);
    const reason = unrepresentableReason(row, modelId);
    const built = buildFor(row, sourceId, index);
    if (reason || !modelId) {
      unrepresented.push({ id: `${sourceId}:${built.key}`, source: SOURCES[sourceId]!.url!, quote: built.quote, reason: reason! });
      return;
    }
    runs.push(runOf(row, sourceId, modelId, built));
  });

  // Qwen rows were filled cell by cell: give each run its final table row now.
  const qwenHeader = ["Model Size", "Method", "#Nodes", "#GPUs per node", "256", "512", "1024", "2048", "4096", "8192"];
  const qwenKeys = [...qwenRows.keys()];
  for (const key of qwenKeys) tables.cell(QWEN, "profiling", "Profiling of Memory and Speed", qwenHeader, qwenRows.get(key)!, 0, "Each cell is 'memory / seconds per iteration' at the sequence length of its column. The model size spans its rows in the original (rowspan); it is repeated on every row here.");
  for (const run of runs) {
    if (!run.qwenKey) continue;
    const row = qwenKeys.indexOf(run.qwenKey) + 1;
    run.cells = run.cells.map((c) => ({ ...c, cell: { ...c.cell, row } }));
    delete run.qwenKey;
  }
  for (const [, t] of unslothRows) {
    tables.cell(UNSLOTH_DEC23, t.slug, t.title, t.header, t.seconds, 0);
    tables.cell(UNSLOTH_DEC23, t.slug, t.title, t.header, t.memory, 0);
  }

  const ids = new Set<string>();
  for (const id of [...runs.map((r) => r.externalId), ...unrepresented.map((u) => u.id)]) {
    if (ids.has(id)) throw new Error(`duplicate id ${id}`);
    ids.add(id);
  }

  const sources: SourceSeed[] = Object.values(SOURCES).map((info) => ({ ...info, tables: tables.of(info.id) }));
  writeGenerated(sources, runs, unrepresented, rows.length);
  console.log(`${rows.length} rows: ${runs.length} runs (${runs.filter((r) => r.isEstimate).length} estimates), ${unrepresented.length} not represented`);
}

function buildFor(row: Row, sourceId: string, index: number): Built & { qwenKey?: string } {
  switch (sourceId) {
    case MS_SWIFT:
      return buildMsSwift(row, index);
    case QWEN:
      return buildQwen(row);
    case UNSLOTH_DEC23:
      return buildUnslothDec(row);
    case UNSLOTH_CONTEXT: {
      const point = /This point: ([^.]+)\./.exec(row.notes)?.[1] ?? "";
      const is70 = row.model.includes("70B");
      const col = point.startsWith("Unsloth") ? 1 : 2;
      const header = ["GPU VRAM", "Unsloth context length", "Hugging Face + FA2"];
      const built = buildRowQuote(row, sourceId, header, is70 ? "llama-3-3-70b" : "llama-3-1-8b", is70 ? "Llama 3.3 (70B) max. context length" : "Llama 3.1 (8B) max. context length", col, "");
      const vram = splitMarkdownRow(built.quote)[0]!.replace(/\s+/g, "");
      return { ...built, cells: [...built.cells, { field: "seqLen", cell: built.cells[0]!.cell }, { field: "config", cell: { ...built.cells[0]!.cell, col: 0 } }], key: `${is70 ? "llama-3.3-70b" : "llama-3.1-8b"}:${vram.toLowerCase()}:${col === 1 ? "unsloth" : "hf-fa2"}` };
    }
    case LF_VIA_UNSLOTH: {
      const header = ["Method", "Bits", "TGS", "GRAM", "Speed"];
      const quote = quotedRow(row.notes)!;
      const cells = splitMarkdownRow(quote);
      // The quoted row leaves out the last column (Speed, relative to HF 16-bit).
      while (cells.length < header.length) cells.push("");
      const at = (col: number) => tables.cell(sourceId, "performance-comparison", "Performance comparison (LLaMA2-7B, A100)", header, cells, col, "The Speed column (relative to HF at 16 bits) is left empty here.");
      return { cells: [{ field: "throughputTokensPerSec", cell: at(2) }, { field: "peakMemoryGb", cell: at(3) }, { field: "config", cell: at(0) }, { field: "config", cell: at(1) }], quote, key: `${cells[0]!.toLowerCase().replace(/[^a-z0-9]+/g, "-")}:${cells[1]}bit`, memoryText: cells[3], throughputText: `${cells[2]} tokens/s per GPU` };
    }
    case LF_HARDWARE: {
      const header = ["Method", "Bits", "7B", "14B", "30B", "70B", "`x`B"];
      const abbreviated = splitMarkdownRow(quotedRow(row.notes)!);
      const line = LF_HARDWARE_ROWS.find((r) => {
        const cells = splitMarkdownRow(r);
        return cells[0] === abbreviated[0] && cells[1] === abbreviated[1];
      });
      if (!line) throw new Error(`no LLaMA-Factory row for ${abbreviated.join(" | ")}`);
      const cells = splitMarkdownRow(line);
      const size = /generic (\d+)B/.exec(row.model)?.[1] ?? "";
      const col = header.indexOf(`${size}B`);
      const at = (c: number) => tables.cell(sourceId, "hardware-requirement", "Hardware Requirement (* estimated)", header, cells, c);
      const key = `${cells[0]!.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}:${cells[1]}bit:${size}b`;
      return { cells: [{ field: "peakMemoryGb", cell: at(col) }, { field: "config", cell: at(0) }, { field: "config", cell: at(1) }], quote: line.trim(), key, memoryText: cells[col] };
    }
    case PEFT_README: {
      const header = ["Model", "Full Finetuning", "PEFT-LoRA PyTorch", "PEFT-LoRA DeepSpeed with CPU Offloading"];
      const point = /This point: ([^.]+)\./.exec(row.notes)?.[1] ?? "";
      const col = point.startsWith("full") ? 1 : point.includes("DeepSpeed") ? 3 : 2;
      const model = row.model.split("/")[1]!.toLowerCase();
      const built = buildRowQuote(row, sourceId, header, "memory", "Memory requirements (RAFT twitter_complaints, A100 80GB)", col, "");
      return { ...built, key: `${model}:${["", "full", "lora", "lora-ds-offload"][col]}` };
    }
    case PEFT_FSDP:
    case PEFT_DEEPSPEED:
    case QLORA: {
      const key = sourceId === QLORA ? "guanaco-65b" : row.method === "lora" ? "llama-2-70b-lora-8xh100" : /offload/.test(row.notes) && /19\.6/.test(row.notes) ? "llama-2-70b-qlora-2x24gb-offload" : sourceId === PEFT_FSDP ? "llama-2-70b-qlora-2gpu-no-offload" : "llama-2-70b-qlora-2x40gb";
      return buildSentence(row, sourceId, "sentences", key);
    }
  }
  throw new Error(`no builder for ${sourceId}`);
}

function runOf(row: Row, sourceId: string, modelId: string, built: Built & { qwenKey?: string }): MeasurementSeed & { qwenKey?: string } {
  const method = row.method as "full" | "lora" | "qlora";
  const hardware = hardwareOf(row);
  const precision = precisionOf(row, hardware.hardwareId);
  const quant = quantizationOf(row);
  const targets = targetsOf(row, modelId);
  const framework = frameworkOf(row);
  const isEstimate = row.kind === "estimate";
  const notes: string[] = [];
  const tags = new Set<string>([isEstimate ? "estimate" : "measured"]);

  // Memory, normalised to GB (1e9 bytes) with the printed figure kept.
  const memory: Partial<MeasurementSeed> = {};
  const measure = measureOf(row);
  if (row.oom) {
    memory.oom = true;
    notes.push("The source reports this configuration as out of memory; no memory or speed is recorded.");
  } else if (row.peak_memory_gb !== null) {
    const unit = row.memory_unit;
    let gb = row.peak_memory_gb;
    let original = built.memoryText ?? `${row.peak_memory_gb} GB`;
    if (unit === "GiB") {
      gb = round(row.peak_memory_gb * GIB_TO_GB);
      original = /\+/.test(built.memoryText ?? "") ? `${built.memoryText} GiB` : /GiB/.test(built.memoryText ?? "") ? built.memoryText!.replace(/GiB/, " GiB") : `${built.memoryText ?? row.peak_memory_gb} GiB`;
      notes.push(`Memory printed in GiB (${original}); ${row.peak_memory_gb} GiB x 1.073741824 = ${gb} GB.`);
    } else if (unit.startsWith("G (")) {
      original = built.memoryText ?? `${row.peak_memory_gb}G`;
      notes.push(`Memory printed as '${original}' without saying GB or GiB; kept as stated (${gb} GB).`);
    } else if (unit.startsWith("GB (from 'memory MB'")) {
      original = built.memoryText ?? `${Math.round(row.peak_memory_gb * 1000)} MB`;
      notes.push(`Memory printed in MB (${original}); divided by 1000 (the table does not say MB or MiB).`);
    } else if (unit === "GB (rounded)") {
      notes.push("Memory is printed rounded to whole GB.");
    }
    memory.peakMemoryOriginal = original.replace(/\s+/g, " ").replace(/(\d)(GB|GiB|G)$/, "$1 $2").replace(/(\d)G$/, "$1 G");
    if (row.peak_memory_is_upper_bound) {
      memory.peakMemoryGbMax = gb;
      memory.peakMemoryMeasure = "fits-in";
    } else if (sourceId === PEFT_FSDP && row.method === "lora") {
      memory.peakMemoryGbMin = 72;
      memory.peakMemoryGbMax = 80;
      memory.peakMemoryOriginal = "72-80 GB";
      notes.push("The docs give a range (72-80 GB per GPU, read from a screenshot), so no point value is set.");
      if (measure) memory.peakMemoryMeasure = measure;
    } else {
      memory.peakMemoryGb = gb;
      if (measure) memory.peakMemoryMeasure = measure;
    }
    if (/^total/.test(row.memory_scope)) {
      memory.peakMemoryScope = "total";
      notes.push(`The figure exceeds one card, so it is the total over the ${row.gpus} GPUs.`);
    } else memory.peakMemoryScope = "per-gpu";
    const split = /max of ([\d.]+)\+([\d.]+) GiB/.exec(row.memory_scope);
    if (split) {
      notes.push(`Model-parallel run (the model split across 2 GPUs with device_map, not data parallel): the GPUs peaked at ${split[1]} and ${split[2]} GiB; the larger is recorded per GPU.`);
      tags.add("model-parallel");
    }
  }

  // Throughput: samples/s, tokens/s, or a wall time.
  const throughput: Partial<MeasurementSeed> = {};
  let samplesPerIteration: number | undefined;
  let throughputOriginal: string | undefined;
  if (!row.oom && row.throughput_value !== null) {
    const unit = row.throughput_unit ?? "";
    if (unit === "samples/s") {
      throughput.throughputSamplesPerSec = row.throughput_value;
      throughputOriginal = `${built.throughputText ?? row.throughput_value} samples/s`;
    } else if (unit.startsWith("it/s")) {
      const secondsPerIt = Number((built.throughputText ?? "").replace("s/it", ""));
      samplesPerIteration = 8 * (row.gpus ?? 1);
      throughput.throughputSamplesPerSec = round(samplesPerIteration / secondsPerIt);
      throughput.throughputTokensPerSec = round((samplesPerIteration * (row.seq_len ?? 0)) / secondsPerIt, 1);
      throughputOriginal = built.throughputText;
      notes.push(
        `Speed printed as ${built.throughputText}; one iteration is taken as one optimizer step of batch 1 x gradient accumulation 8` +
          ((row.gpus ?? 1) > 1 ? ` per GPU on ${row.gpus} GPUs (${samplesPerIteration} samples)` : " (8 samples)") +
          `, so ${samplesPerIteration} / ${secondsPerIt} = ${throughput.throughputSamplesPerSec} samples/s and, at the fixed length ${row.seq_len}, ${throughput.throughputTokensPerSec} tokens/s for the run.`,
      );
    } else if (unit.startsWith("tokens/s per GPU")) {
      throughput.throughputTokensPerSec = row.throughput_value * (row.gpus ?? 1);
      throughputOriginal = `${row.throughput_value} tokens/s per GPU`;
      notes.push(`Throughput printed as tokens per GPU per second (TGS); on ${row.gpus ?? 1} GPU that is the run's total.`);
    } else if (unit.startsWith("seconds for the benchmark run")) {
      throughput.wallTimeSec = row.throughput_value;
      throughputOriginal = `${row.throughput_value} s for the run`;
      notes.push("Speed is the wall time of the notebook's fixed run in seconds (lower is faster), not a rate.");
    } else throw new Error(`unknown throughput unit ${unit}`);
  }

  if (hardware.note) notes.push(hardware.note);
  if (precision.note) notes.push(precision.note);
  if (quant.note) notes.push(quant.note);
  if (targets.note) notes.push(targets.note);
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
  if (row.optimizer && /assumed/.test(row.optimizer)) notes.push("AdamW is assumed (the framework's default; the source does not name the optimizer).");
  if (sourceId === MS_SWIFT && row.rank !== null) notes.push("ms-swift 1.x's defaults are assumed for what the table does not vary: lora_alpha 32, lora_dropout 0.05, bf16.");
  if (sourceId === MS_SWIFT && row.dataset === "cls-fudan-news-zh") notes.push("The dataset's samples average 3234.4 tokens (± 2547.5), so most are cut at max_length: the sequence length is a cap that most samples reach.");
  if (sourceId === UNSLOTH_DEC23) notes.push("The table names no model: the vendor's blog describes these runs as Llama 7B (Llama 2 7B presumed) unless the table names Mistral 7B or Code Llama 34B.");
  if (isEstimate) notes.push("LLaMA-Factory marks this table as estimated: a rule of thumb, not a measurement.");
  if (row.model.includes("zephyr")) notes.push("openbuddy-zephyr-7b is a fine-tune with the Mistral 7B architecture.");
  if (modelId === "llama-34b") notes.push("Code Llama 34B is recorded as the catalog's 34B LLaMA entry, whose architecture is Code Llama 34B's config.");
  if (modelId === "llama-3.3-70b") notes.push("Llama 3.3 70B has the Llama 3.1 70B architecture.");

  const seqLenKind = seqLenKindOf(row);
  const quote = built.quote;
  const description = describe(row, method, modelId);
  const summary = `${description}. Source: ${SOURCES[sourceId]!.title}.`;

  const cells = built.cells;

  const run: MeasurementSeed & { qwenKey?: string } = {
    externalId: `seed:${sourceId}:${built.key}`,
    name: `${nameOf(row, method, modelId)} (${SOURCES[sourceId]!.publisher ?? SOURCES[sourceId]!.author})`,
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
    ...(attentionOf(row, sourceId) ? { attention: attentionOf(row, sourceId) } : {}),
    ...(sharding ? { sharding } : {}),
    ...(optimizerOf(row) ? { optimizer: optimizerOf(row) } : {}),
    framework,
    ...(seqLenKind === "packed" ? { packing: true } : {}),
    ...(row.dataset ? { datasetName: row.dataset } : {}),
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
      ...(row.dataset === "cls-fudan-news-zh" ? { meanTokensPerSample: 3234.4 } : {}),
      ...(throughputOriginal ? { throughputOriginal } : {}),
      ...(samplesPerIteration ? { samplesPerIteration } : {}),
      paramsB: row.params_b,
      paramsNominal: row.params_b_is_nominal,
    },
    ...(built.qwenKey ? { qwenKey: built.qwenKey } : {}),
  };
  return run;
}

function loraDropoutOf(row: Row, sourceId: string): number | undefined {
  if (row.method === "full") return undefined;
  if (sourceId === QWEN || sourceId === MS_SWIFT) return 0.05;
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

function nameOf(row: Row, method: "full" | "lora" | "qlora", modelId: string): string {
  const bits = [row.model.replace(/ \(Qwen v1.*\)$/, " (Qwen v1)"), METHOD_LABEL[method]];
  if (row.seq_len !== null) bits.push(`seq ${row.seq_len}`);
  if (row.batch_size !== null && row.batch_size > 1) bits.push(`bs ${row.batch_size}`);
  if ((row.gpus ?? 1) > 1) bits.push(`${row.gpus} GPUs`);
  if (row.hardware) bits.push(row.hardware.replace(/ \(.*\)$/, ""));
  void modelId;
  return `${bits.join(" · ")} · ${row.framework}`;
}

// ------------------------------------------------------------------------------------------------ output
function writeGenerated(sources: SourceSeed[], runs: MeasurementSeed[], unrepresented: UnrepresentedRow[], rowCount: number) {
  const header =
    "// GENERATED by scripts/import-measurements.mts from the published fine-tuning measurements; do not edit by\n" +
    "// hand: change the script and run it again. Sources cite the original documents (repository, file, commit);\n" +
    "// quotes and table cells are verbatim, everything else is our own wording.\n";
  const body =
    `${header}import type { MeasurementSeed, SourceSeed } from "../types";\n\n` +
    `/** Rows in the input the script read: every one is either a run or listed in generatedUnrepresentedRows. */\n` +
    `export const GENERATED_ROW_COUNT = ${rowCount};\n\n` +
    `export const generatedSources: SourceSeed[] = ${JSON.stringify(sources, null, 2)};\n\n` +
    `export const generatedRuns: MeasurementSeed[] = ${JSON.stringify(runs, null, 2)};\n\n` +
    `export const generatedUnrepresentedRows: { id: string; source: string; quote: string; reason: string }[] = ${JSON.stringify(unrepresented, null, 2)};\n`;
  writeFileSync(resolve("seed/measurements/generated.ts"), body);
}

main();
