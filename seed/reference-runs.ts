// Reference runs: one per configuration that a table cell of a seeded article gives a number (or an
// outcome such as OOM) about.
//
// Conventions
// - `cells` lists every body cell a run was read from, addressed as { table, row (1-based body row),
//   col (0-based) }, with `field` = the run field that cell supports ("peakMemoryGb",
//   "throughputSamplesPerSec", "mtBench", "mmlu", "trainableParams", "oom", "gpuCount", "hardware"), or a
//   text-only field for cells with no numeric run field ("trainableParamsPct", "memoryText",
//   "qualityText", "costText", "accuracyText", "speedText", "flexibilityText", "useCaseText"), or
//   "config" for a body cell that only describes the configuration (a rank, a target-module set).
// - No point value is invented: a range ("100 - 120 GB") becomes peakMemoryGbMin/Max with
//   peakMemoryGb unset; an open-ended value ("84GB+") sets only peakMemoryGbMin.
// - The articles' generic "7B/13B/34B/70B", "LLaMA-7B" and "7B model" map to the catalog's generic
//   "llama-7b" … "llama-70b". QLoRA runs use quantization "nf4" (stated by 000, assumed for 001/002);
//   LoRA and full runs use "none". Anything a table does not state (rank, precision, …) stays unset.
// - externalId = `seed:${sourceId}:${tableSlug}:${rowKey}:${colKey}`; it is stable and unique.
// - Tables with guidance text only (000 decision-guide, rank-recommendations) yield no runs, nor does the
//   "Base model" row of 000 mt-bench-by-size (not a fine-tune) or 002 full-aspects (see below).
import type { CellRef, Method, RunSeed } from "./types";

const S000 = "lora-vs-qlora-vs-full";
const S001 = "qlora-vs-full-vram-tradeoff";
const S002 = "exploring-lora-qlora-full";

const BY = {
  [S000]: "Flash Attention Team",
  [S001]: "AI World",
  [S002]: "Sesame Disk",
} as const;

const METHOD_LABEL: Record<Method, string> = { full: "Full FT", lora: "LoRA", qlora: "QLoRA" };

const quant = (method: Method) => (method === "qlora" ? "nf4" : "none") as "nf4" | "none";

const ref = (source: string, slug: string, row: number, col: number): CellRef => ({
  table: `${source}/${slug}`,
  row,
  col,
});

const ASSUMED_NF4 =
  "The article says only that QLoRA quantizes the base model to 4 bits; the 4-bit NF4 data type of the QLoRA paper is assumed.";
const ASSUMED_NF4_002 = `${ASSUMED_NF4} (Its code example sets load_in_4bit=True without naming a quant type.)`;

// ---------------------------------------------------------------------------------------------------
// 000 memory-by-size: "Training Memory by Model Size", caption "With gradient checkpointing and BF16/NF4".
// Header: Model | Full FT | LoRA (r=16) | QLoRA. Full FT cells are lower bounds ("84GB+").
const memorySizes = [
  { row: 1, label: "7B", modelId: "llama-7b", full: { min: 84 }, lora: 16, qlora: 6 },
  { row: 2, label: "13B", modelId: "llama-13b", full: { min: 156 }, lora: 28, qlora: 10 },
  { row: 3, label: "34B", modelId: "llama-34b", full: { min: 408 }, lora: 72, qlora: 24 },
  { row: 4, label: "70B", modelId: "llama-70b", full: { min: 840 }, lora: 150, qlora: 42 },
];

const memoryRuns: RunSeed[] = memorySizes.flatMap((s) => {
  const common = {
    sourceId: S000,
    modelId: s.modelId,
    precision: "bf16" as const,
    gradientCheckpointing: true,
    tags: ["memory"],
  };
  const slug = "memory-by-size";
  const key = s.label.toLowerCase();
  return [
    {
      ...common,
      externalId: `seed:${S000}:${slug}:${key}:full`,
      name: `${s.label} Full FT · memory (${BY[S000]})`,
      method: "full" as const,
      quantization: "none" as const,
      peakMemoryGbMin: s.full.min,
      notes: `The article gives "${s.full.min}GB+" (a lower bound, so no upper bound or point value is set) for full fine-tuning of a ${s.label} model with gradient checkpointing and BF16.`,
      cells: [{ field: "peakMemoryGb", cell: ref(S000, slug, s.row, 1) }],
    },
    {
      ...common,
      externalId: `seed:${S000}:${slug}:${key}:lora`,
      name: `${s.label} LoRA r=16 · memory (${BY[S000]})`,
      method: "lora" as const,
      rank: 16,
      quantization: "none" as const,
      peakMemoryGb: s.lora,
      notes: `The article gives ${s.lora}GB for LoRA with r=16 (from the column header) on a ${s.label} model with gradient checkpointing and BF16; target modules and alpha are not stated.`,
      cells: [{ field: "peakMemoryGb", cell: ref(S000, slug, s.row, 2) }],
    },
    {
      ...common,
      externalId: `seed:${S000}:${slug}:${key}:qlora`,
      name: `${s.label} QLoRA · memory (${BY[S000]})`,
      method: "qlora" as const,
      quantization: "nf4" as const,
      peakMemoryGb: s.qlora,
      notes: `The article gives ${s.qlora}GB for QLoRA (NF4 base, BF16 compute per the caption) on a ${s.label} model with gradient checkpointing; the QLoRA rank is not stated.`,
      cells: [{ field: "peakMemoryGb", cell: ref(S000, slug, s.row, 3) }],
    },
  ];
});

// ---------------------------------------------------------------------------------------------------
// 000 min-gpu: "Minimum GPU Requirements". Header: Model | Full FT | LoRA | QLoRA.
const A100_ASSUMED = "The article does not say which A100; the 80GB part is assumed.";

const minGpuCells: {
  row: number;
  size: string;
  modelId: string;
  col: number;
  method: Method;
  label: string;
  hardwareId: string;
  gpuCount: number;
  a100Assumed?: boolean;
}[] = [
  { row: 1, size: "7B", modelId: "llama-7b", col: 1, method: "full", label: "A100 80GB", hardwareId: "a100-80gb", gpuCount: 1 },
  { row: 1, size: "7B", modelId: "llama-7b", col: 2, method: "lora", label: "RTX 4090", hardwareId: "rtx-4090", gpuCount: 1 },
  { row: 1, size: "7B", modelId: "llama-7b", col: 3, method: "qlora", label: "RTX 3080", hardwareId: "rtx-3080", gpuCount: 1 },
  { row: 2, size: "13B", modelId: "llama-13b", col: 1, method: "full", label: "2× A100", hardwareId: "a100-80gb", gpuCount: 2, a100Assumed: true },
  { row: 2, size: "13B", modelId: "llama-13b", col: 2, method: "lora", label: "A100 40GB", hardwareId: "a100-40gb", gpuCount: 1 },
  { row: 2, size: "13B", modelId: "llama-13b", col: 3, method: "qlora", label: "RTX 4090", hardwareId: "rtx-4090", gpuCount: 1 },
  { row: 3, size: "70B", modelId: "llama-70b", col: 1, method: "full", label: "8× A100", hardwareId: "a100-80gb", gpuCount: 8, a100Assumed: true },
  { row: 3, size: "70B", modelId: "llama-70b", col: 2, method: "lora", label: "2× A100", hardwareId: "a100-80gb", gpuCount: 2, a100Assumed: true },
  { row: 3, size: "70B", modelId: "llama-70b", col: 3, method: "qlora", label: "A6000 48GB", hardwareId: "a6000", gpuCount: 1 },
];

const minGpuRuns: RunSeed[] = minGpuCells.map((c) => ({
  externalId: `seed:${S000}:min-gpu:${c.size.toLowerCase()}:${c.method}`,
  name: `${c.size} ${METHOD_LABEL[c.method]} · minimum GPU (${BY[S000]})`,
  sourceId: S000,
  method: c.method,
  modelId: c.modelId,
  quantization: quant(c.method),
  hardwareId: c.hardwareId,
  hardwareLabel: c.label,
  gpuCount: c.gpuCount,
  notes:
    `The article names "${c.label}" as the minimum hardware for ${METHOD_LABEL[c.method]} on a ${c.size} model; rank, precision and batch size are not stated` +
    (c.method === "qlora" ? " and NF4 is taken from the article's QLoRA section." : ".") +
    (c.a100Assumed ? ` ${A100_ASSUMED}` : ""),
  tags: ["min-hardware"],
  cells: [{ field: "hardware", cell: ref(S000, "min-gpu", c.row, c.col) }],
}));

// ---------------------------------------------------------------------------------------------------
// 000 speed-by-hardware: "Training Speed (samples/second, LLaMA-7B)". Header: Hardware | Full FT | LoRA | QLoRA.
const speedRows = [
  { row: 1, label: "A100 80GB", hardwareId: "a100-80gb", values: [12.4, 18.2, 14.1] as (number | "OOM")[] },
  { row: 2, label: "RTX 4090", hardwareId: "rtx-4090", values: ["OOM", 8.6, 7.2] as (number | "OOM")[] },
  { row: 3, label: "A6000 48GB", hardwareId: "a6000", values: ["OOM", 10.4, 9.8] as (number | "OOM")[] },
];
const SPEED_METHODS: Method[] = ["full", "lora", "qlora"];

const speedRuns: RunSeed[] = speedRows.flatMap((r) =>
  SPEED_METHODS.map((method, i): RunSeed => {
    const v = r.values[i];
    const col = i + 1;
    const base = {
      externalId: `seed:${S000}:speed-by-hardware:${r.hardwareId}:${method}`,
      name: `7B ${METHOD_LABEL[method]} on ${r.label} · speed (${BY[S000]})`,
      sourceId: S000,
      method,
      modelId: "llama-7b",
      quantization: quant(method),
      hardwareId: r.hardwareId,
      gpuCount: 1,
      tags: ["throughput"],
    };
    const unstated = "rank, batch size and sequence length are not stated, and one GPU is assumed from the row label.";
    const hardwareCell = { field: "hardware", cell: ref(S000, "speed-by-hardware", r.row, 0) };
    if (v === "OOM") {
      return {
        ...base,
        oom: true,
        notes: `The article reports OOM (out of memory) for ${METHOD_LABEL[method]} of LLaMA-7B on ${r.label}; ${unstated}`,
        cells: [{ field: "oom", cell: ref(S000, "speed-by-hardware", r.row, col) }, hardwareCell],
      };
    }
    return {
      ...base,
      throughputSamplesPerSec: v,
      notes: `The article reports ${v} samples/second for ${METHOD_LABEL[method]} of LLaMA-7B on ${r.label}; ${unstated}`,
      cells: [{ field: "throughputSamplesPerSec", cell: ref(S000, "speed-by-hardware", r.row, col) }, hardwareCell],
    };
  }),
);

// ---------------------------------------------------------------------------------------------------
// 000 mt-bench-by-size: "Model Quality After Fine-Tuning" (MT-Bench, higher is better).
// Header: Method | LLaMA-7B | LLaMA-13B | LLaMA-70B. Row 1 "Base model" is not a fine-tune: no runs.
const mtModels = [
  { col: 1, modelId: "llama-7b", label: "7B" },
  { col: 2, modelId: "llama-13b", label: "13B" },
  { col: 3, modelId: "llama-70b", label: "70B" },
];
const mtRows: { row: number; key: string; label: string; method: Method; rank?: number; scores: number[] }[] = [
  { row: 2, key: "full", label: "Full FT", method: "full", scores: [6.8, 7.2, 7.9] },
  { row: 3, key: "lora-r64", label: "LoRA r=64", method: "lora", rank: 64, scores: [6.6, 7.0, 7.7] },
  { row: 4, key: "lora-r16", label: "LoRA r=16", method: "lora", rank: 16, scores: [6.4, 6.8, 7.5] },
  { row: 5, key: "qlora-r64", label: "QLoRA r=64", method: "qlora", rank: 64, scores: [6.5, 6.9, 7.6] },
];

const mtBenchRuns: RunSeed[] = mtRows.flatMap((r) =>
  mtModels.map((m, i): RunSeed => ({
    externalId: `seed:${S000}:mt-bench-by-size:${r.key}:${m.modelId}`,
    name: `${m.label} ${r.label} · MT-Bench (${BY[S000]})`,
    sourceId: S000,
    method: r.method,
    modelId: m.modelId,
    ...(r.rank !== undefined ? { rank: r.rank } : {}),
    quantization: quant(r.method),
    mtBench: r.scores[i],
    notes:
      `The article reports an MT-Bench score of ${r.scores[i]!.toFixed(1)} for LLaMA-${m.label} after ${r.label} on instruction-following tasks; dataset, target modules and precision are not stated` +
      (r.method === "qlora" ? ", and NF4 is taken from the article's QLoRA section." : "."),
    tags: ["quality"],
    cells: [
      { field: "mtBench", cell: ref(S000, "mt-bench-by-size", r.row, m.col) },
      ...(r.rank !== undefined ? [{ field: "config", cell: ref(S000, "mt-bench-by-size", r.row, 0) }] : []),
    ],
  })),
);

// ---------------------------------------------------------------------------------------------------
// 000 rank-impact: "Impact of Rank on Quality". Header: Rank | Params (7B model) | MMLU | MT-Bench.
const rankRows = [
  { row: 1, rank: 4, params: 3_300_000, mmlu: 44.2, mtBench: 6.1 },
  { row: 2, rank: 8, params: 6_600_000, mmlu: 45.8, mtBench: 6.3 },
  { row: 3, rank: 16, params: 13_100_000, mmlu: 46.9, mtBench: 6.4 },
  { row: 4, rank: 32, params: 26_200_000, mmlu: 47.4, mtBench: 6.5 },
  { row: 5, rank: 64, params: 52_400_000, mmlu: 47.8, mtBench: 6.6 },
  { row: 6, rank: 128, params: 104_900_000, mmlu: 48.0, mtBench: 6.7 },
];

const rankCells = (row: number) => [
  { field: "config", cell: ref(S000, "rank-impact", row, 0) },
  { field: "trainableParams", cell: ref(S000, "rank-impact", row, 1) },
  { field: "mmlu", cell: ref(S000, "rank-impact", row, 2) },
  { field: "mtBench", cell: ref(S000, "rank-impact", row, 3) },
];

const rankRuns: RunSeed[] = [
  ...rankRows.map(
    (r): RunSeed => ({
      externalId: `seed:${S000}:rank-impact:r${r.rank}:lora`,
      name: `7B LoRA r=${r.rank} · rank sweep (${BY[S000]})`,
      sourceId: S000,
      method: "lora",
      modelId: "llama-7b",
      rank: r.rank,
      quantization: "none",
      trainableParams: r.params,
      mmlu: r.mmlu,
      mtBench: r.mtBench,
      notes: `The article's rank sweep on a 7B model gives LoRA r=${r.rank} ${r.params / 1e6}M trainable parameters, MMLU ${r.mmlu.toFixed(1)} and MT-Bench ${r.mtBench.toFixed(1)}; target modules, alpha and precision are not stated.`,
      tags: ["rank"],
      cells: rankCells(r.row),
    }),
  ),
  {
    externalId: `seed:${S000}:rank-impact:full:full`,
    name: `7B Full FT · rank sweep baseline (${BY[S000]})`,
    sourceId: S000,
    method: "full",
    modelId: "llama-7b",
    quantization: "none",
    trainableParams: 6_738_000_000,
    mmlu: 48.3,
    mtBench: 6.8,
    notes:
      'The "Full" row of the article\'s rank sweep gives full fine-tuning of the 7B model 6,738M trainable parameters, MMLU 48.3 and MT-Bench 6.8; precision and dataset are not stated.',
    tags: ["rank"],
    cells: rankCells(7),
  },
];

// ---------------------------------------------------------------------------------------------------
// 000 target-modules: "Impact on Performance". Header: Target | Params | Memory | Quality.
// Percent, memory and quality are text ("0.04%", "Low", "+3-5%"), linked as text fields.
const ATTN = ["q_proj", "k_proj", "v_proj", "o_proj"];
const MLP = ["gate_proj", "up_proj", "down_proj"];
const targetRows = [
  { row: 1, key: "q-v-only", label: "q,v only", modules: ["q_proj", "v_proj"] },
  { row: 2, key: "all-attention", label: "All attention", modules: [...ATTN] },
  { row: 3, key: "attention-mlp", label: "Attention + MLP", modules: [...ATTN, ...MLP] },
  { row: 4, key: "all-linear", label: "All linear", modules: ["all-linear"] },
];

const targetRuns: RunSeed[] = targetRows.map((t) => ({
  externalId: `seed:${S000}:target-modules:${t.key}:lora`,
  name: `7B LoRA ${t.label} · target modules (${BY[S000]})`,
  sourceId: S000,
  method: "lora",
  modelId: "llama-7b",
  targetModules: t.modules,
  quantization: "none",
  notes: `The article rates LoRA on "${t.label}" by trainable-parameter share, memory and relative quality (text only); it gives no model for this table, so the 7B model is assumed, and the rank is not stated.`,
  tags: ["target-modules"],
  cells: [
    { field: "config", cell: ref(S000, "target-modules", t.row, 0) },
    { field: "trainableParamsPct", cell: ref(S000, "target-modules", t.row, 1) },
    { field: "memoryText", cell: ref(S000, "target-modules", t.row, 2) },
    { field: "qualityText", cell: ref(S000, "target-modules", t.row, 3) },
  ],
}));

// ---------------------------------------------------------------------------------------------------
// 001 comparison (under "Remarks"). Header: Metric | Full Fine-Tuning | LoRA | QLoRA.
// Rows: 1 Parameters Updated, 2 VRAM Required (7B Model), 3 Relative Hardware Cost, 4 Accuracy Loss,
// 5 Hardware Required. The hardware cells name several GPUs, so only hardwareLabel is set.
const comparison001 = [
  { col: 1, method: "full" as Method, min: 100, max: 120, hardware: "Multiple A100/H100", gpuCount: undefined },
  { col: 2, method: "lora" as Method, min: 24, max: 32, hardware: "1x RTX 4090 / 3090", gpuCount: 1 },
  { col: 3, method: "qlora" as Method, min: 8, max: 12, hardware: "1x RTX 4060 / 3060", gpuCount: 1 },
];

const runs001: RunSeed[] = comparison001.map((c) => ({
  externalId: `seed:${S001}:comparison:7b:${c.method}`,
  name: `7B ${METHOD_LABEL[c.method]} · VRAM and hardware (${BY[S001]})`,
  sourceId: S001,
  method: c.method,
  modelId: "llama-7b",
  quantization: quant(c.method),
  peakMemoryGbMin: c.min,
  peakMemoryGbMax: c.max,
  hardwareLabel: c.hardware,
  ...(c.gpuCount !== undefined ? { gpuCount: c.gpuCount } : {}),
  notes:
    `The article gives ${c.min}-${c.max} GB of VRAM for ${METHOD_LABEL[c.method]} of a 7B model on "${c.hardware}"; the model family, rank and precision are not stated and the generic 7B LLaMA is assumed.` +
    (c.method === "qlora" ? ` ${ASSUMED_NF4}` : ""),
  tags: ["memory", "min-hardware"],
  cells: [
    { field: "trainableParamsPct", cell: ref(S001, "comparison", 1, c.col) },
    { field: "peakMemoryGb", cell: ref(S001, "comparison", 2, c.col) },
    { field: "costText", cell: ref(S001, "comparison", 3, c.col) },
    { field: "accuracyText", cell: ref(S001, "comparison", 4, c.col) },
    { field: "hardware", cell: ref(S001, "comparison", 5, c.col) },
  ],
}));

// ---------------------------------------------------------------------------------------------------
// 002. full-aspects gives no run: its "28-80+ GB (for 7B-70B models)" spans every model size from 7B to
// 70B, so it describes no single configuration (it is cited by claims instead).
const aspectCells = (slug: string) => [
  { field: "peakMemoryGb", cell: ref(S002, slug, 1, 1) },
  { field: "trainableParamsPct", cell: ref(S002, slug, 2, 1) },
  { field: "speedText", cell: ref(S002, slug, 3, 1) },
  { field: "flexibilityText", cell: ref(S002, slug, 4, 1) },
  { field: "costText", cell: ref(S002, slug, 5, 1) },
];

const comparisonCells002 = (row: number) => [
  { field: "config", cell: ref(S002, "comparison", row, 0) },
  { field: "peakMemoryGb", cell: ref(S002, "comparison", row, 1) },
  { field: "speedText", cell: ref(S002, "comparison", row, 2) },
  { field: "accuracyText", cell: ref(S002, "comparison", row, 3) },
  { field: "useCaseText", cell: ref(S002, "comparison", row, 4) },
];

const runs002: RunSeed[] = [
  {
    externalId: `seed:${S002}:lora-aspects:7b:lora`,
    name: `7B LoRA FP16 · memory (${BY[S002]})`,
    sourceId: S002,
    method: "lora",
    modelId: "llama-7b",
    quantization: "none",
    precision: "fp16",
    peakMemoryGbMin: 10,
    peakMemoryGbMax: 12,
    notes:
      "The article's LoRA summary gives ~10-12GB for 7B models in FP16; the rank (its code example uses r=8) is not stated in the table, so it is left unset.",
    tags: ["memory"],
    cells: aspectCells("lora-aspects"),
  },
  {
    externalId: `seed:${S002}:qlora-aspects:7b:qlora`,
    name: `7B QLoRA · memory (${BY[S002]})`,
    sourceId: S002,
    method: "qlora",
    modelId: "llama-7b",
    quantization: "nf4",
    peakMemoryGbMin: 5,
    peakMemoryGbMax: 7,
    notes: `The article's QLoRA summary gives ~5-7GB for a 7B model quantized to 4 bits; rank and precision are not stated in the table. ${ASSUMED_NF4_002}`,
    tags: ["memory"],
    cells: aspectCells("qlora-aspects"),
  },
  {
    externalId: `seed:${S002}:comparison:7b:full`,
    name: `7B Full FT · memory (${BY[S002]})`,
    sourceId: S002,
    method: "full",
    modelId: "llama-7b",
    quantization: "none",
    peakMemoryGbMin: 28,
    notes:
      'The article\'s comparison gives "28-32GB+" for full fine-tuning of a 7B model; the trailing "+" makes it open-ended, so only the 28GB lower bound is kept (its prose ties 28GB to FP16 and gives 56GB for FP32), and precision is left unset.',
    tags: ["memory"],
    cells: comparisonCells002(1),
  },
  {
    externalId: `seed:${S002}:comparison:7b:lora`,
    name: `7B LoRA · memory (${BY[S002]})`,
    sourceId: S002,
    method: "lora",
    modelId: "llama-7b",
    quantization: "none",
    peakMemoryGbMin: 10,
    peakMemoryGbMax: 12,
    notes: "The article's comparison gives 10-12GB for LoRA of a 7B model; rank and precision are not stated in this table.",
    tags: ["memory"],
    cells: comparisonCells002(2),
  },
  {
    externalId: `seed:${S002}:comparison:7b:qlora`,
    name: `7B QLoRA · memory (${BY[S002]})`,
    sourceId: S002,
    method: "qlora",
    modelId: "llama-7b",
    quantization: "nf4",
    peakMemoryGbMin: 5,
    peakMemoryGbMax: 7,
    notes: `The article's comparison gives 5-7GB for QLoRA of a 7B model; rank and precision are not stated. ${ASSUMED_NF4_002}`,
    tags: ["memory"],
    cells: comparisonCells002(3),
  },
];

export const referenceRuns: RunSeed[] = [
  ...memoryRuns,
  ...minGpuRuns,
  ...speedRuns,
  ...mtBenchRuns,
  ...rankRuns,
  ...targetRuns,
  ...runs001,
  ...runs002,
];
