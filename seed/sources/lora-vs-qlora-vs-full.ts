// Source 000: every table of the Flash Attention Team article, cell by cell and verbatim.
// Raw text: seed/sources/raw/000-lora-vs-qlora-vs-full.txt, where each table row is printed with its
// cells concatenated and nothing between them (rawCellSeparator ""). Cells were split by reading the
// header (column count) and the column's meaning; their text is kept exactly as printed.
import type { SourceSeed } from "../types";

const id = "lora-vs-qlora-vs-full";

export const loraVsQloraVsFull: SourceSeed = {
  id,
  kind: "article",
  title: "LoRA vs QLoRA vs Full Fine-Tuning: Which Approach Should You Use?",
  author: "Flash Attention Team",
  publishedAt: "2026-01-08",
  seedFile: "000-lora-vs-qlora-vs-full.txt",
  summary:
    "A practical guide that compares full fine-tuning, LoRA and QLoRA by training memory per model size, minimum GPUs, LLaMA-7B training speed and MT-Bench/MMLU quality, with advice on LoRA rank and target modules.",
  rawCellSeparator: "",
  tables: [
    {
      id: `${id}/decision-guide`,
      title: "Quick Decision Guide",
      kind: "decision-guide",
      header: ["Scenario", "Recommended Method"],
      rows: [
        ["Consumer GPU (16-24GB)", "QLoRA"],
        ["Single A100/H100", "LoRA or Full (7B models)"],
        ["Multi-GPU setup", "Full fine-tuning"],
        ["Small dataset (<5K)", "LoRA (any rank)"],
        ["Large dataset (>50K)", "Full fine-tuning"],
        ["Quick experiments", "QLoRA"],
        ["Production deployment", "Full or merged LoRA"],
      ],
    },
    {
      id: `${id}/memory-by-size`,
      title: "Training Memory by Model Size",
      caption: "With gradient checkpointing and BF16/NF4",
      kind: "memory-by-size",
      header: ["Model", "Full FT", "LoRA (r=16)", "QLoRA"],
      rows: [
        ["7B", "84GB+", "16GB", "6GB"],
        ["13B", "156GB+", "28GB", "10GB"],
        ["34B", "408GB+", "72GB", "24GB"],
        ["70B", "840GB+", "150GB", "42GB"],
      ],
    },
    {
      id: `${id}/min-gpu`,
      title: "Minimum GPU Requirements",
      kind: "min-gpu",
      header: ["Model", "Full FT", "LoRA", "QLoRA"],
      rows: [
        ["7B", "A100 80GB", "RTX 4090", "RTX 3080"],
        ["13B", "2× A100", "A100 40GB", "RTX 4090"],
        ["70B", "8× A100", "2× A100", "A6000 48GB"],
      ],
    },
    {
      id: `${id}/speed-by-hardware`,
      title: "Training Speed (samples/second, LLaMA-7B)",
      kind: "speed-by-hardware",
      header: ["Hardware", "Full FT", "LoRA", "QLoRA"],
      rows: [
        ["A100 80GB", "12.4", "18.2", "14.1"],
        ["RTX 4090", "OOM", "8.6", "7.2"],
        ["A6000 48GB", "OOM", "10.4", "9.8"],
      ],
    },
    {
      id: `${id}/mt-bench-by-size`,
      title: "Model Quality After Fine-Tuning",
      kind: "mt-bench-by-size",
      header: ["Method", "LLaMA-7B", "LLaMA-13B", "LLaMA-70B"],
      rows: [
        ["Base model", "4.2", "5.1", "6.3"],
        ["Full FT", "6.8", "7.2", "7.9"],
        ["LoRA r=64", "6.6", "7.0", "7.7"],
        ["LoRA r=16", "6.4", "6.8", "7.5"],
        ["QLoRA r=64", "6.5", "6.9", "7.6"],
      ],
    },
    {
      id: `${id}/rank-impact`,
      title: "Impact of Rank on Quality",
      kind: "rank-impact",
      header: ["Rank", "Params (7B model)", "MMLU", "MT-Bench"],
      rows: [
        ["4", "3.3M", "44.2", "6.1"],
        ["8", "6.6M", "45.8", "6.3"],
        ["16", "13.1M", "46.9", "6.4"],
        ["32", "26.2M", "47.4", "6.5"],
        ["64", "52.4M", "47.8", "6.6"],
        ["128", "104.9M", "48.0", "6.7"],
        ["Full", "6,738M", "48.3", "6.8"],
      ],
    },
    {
      id: `${id}/rank-recommendations`,
      title: "Rank Recommendations",
      kind: "rank-recommendations",
      header: ["Dataset Size", "Task Complexity", "Recommended r"],
      rows: [
        ["<1K", "Simple", "4-8"],
        ["<1K", "Complex", "8-16"],
        ["1K-10K", "Simple", "8-16"],
        ["1K-10K", "Complex", "16-32"],
        ["10K-100K", "Any", "32-64"],
        [">100K", "Any", "64-128 or Full FT"],
      ],
    },
    {
      id: `${id}/target-modules`,
      title: "Impact on Performance",
      kind: "target-modules",
      header: ["Target", "Params", "Memory", "Quality"],
      rows: [
        ["q,v only", "0.04%", "Low", "Baseline"],
        ["All attention", "0.12%", "Low", "+3-5%"],
        ["Attention + MLP", "0.24%", "Medium", "+5-8%"],
        ["All linear", "0.48%", "Higher", "+8-10%"],
      ],
    },
  ],
};

export default loraVsQloraVsFull;
