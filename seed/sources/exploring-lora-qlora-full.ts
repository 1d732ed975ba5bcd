// Source 002: every table of the Sesame Disk blog post, cell by cell and verbatim.
// Raw text: seed/sources/raw/002-exploring-lora-qlora-full.txt, where each table row is printed with its
// cells concatenated and nothing between them (rawCellSeparator ""). Cells were split by reading the
// header (column count) and the column's meaning. The three "Aspect" tables close the sections on each
// method, so each takes that section's heading as its title. The post names no author or date; the page
// is hosted by the Sesame Disk blog (see its footer), hence `publisher`.
import type { SourceSeed } from "../types";

const id = "exploring-lora-qlora-full";

export const exploringLoraQloraFull: SourceSeed = {
  id,
  kind: "article",
  title: "Fine-Tuning LLMs: Exploring LoRA, QLoRA, and Full Fine-Tuning",
  publisher: "Sesame Disk",
  seedFile: "002-exploring-lora-qlora-full.txt",
  summary:
    "A tutorial with Hugging Face code for full fine-tuning, LoRA and QLoRA that summarises each method's memory use, trainable share, speed, flexibility and cost, and ends with a side-by-side comparison for 7B models.",
  rawCellSeparator: "",
  tables: [
    {
      id: `${id}/full-aspects`,
      title: "Full Fine-Tuning: Fundamentals, Pros, and Cons",
      kind: "full-aspects",
      header: ["Aspect", "Full Fine-Tuning"],
      rows: [
        ["Memory Use", "28-80+ GB (for 7B-70B models)"],
        ["Trainable Params", "All (100%)"],
        ["Speed", "Slowest"],
        ["Flexibility", "Maximum"],
        ["Cost", "Highest"],
      ],
    },
    {
      id: `${id}/lora-aspects`,
      title: "LoRA (Low-Rank Adaptation): Efficient Fine-Tuning",
      kind: "lora-aspects",
      header: ["Aspect", "LoRA Fine-Tuning"],
      rows: [
        ["Memory Use", "~10-12GB (for 7B models, FP16)"],
        ["Trainable Params", "0.1-2%"],
        ["Speed", "Fast"],
        ["Flexibility", "High (but not full)"],
        ["Cost", "Low"],
      ],
    },
    {
      id: `${id}/qlora-aspects`,
      title: "QLoRA (Quantized LoRA): Going Beyond with Quantization",
      kind: "qlora-aspects",
      header: ["Aspect", "QLoRA Fine-Tuning"],
      rows: [
        ["Memory Use", "~5-7GB (7B model, 4-bit quantized)"],
        ["Trainable Params", "0.1-2% (adapters only)"],
        ["Speed", "Fastest"],
        ["Flexibility", "High (adapter-based)"],
        ["Cost", "Lowest"],
      ],
    },
    {
      id: `${id}/comparison`,
      title: "Practical Comparisons and When to Use Which",
      kind: "comparison",
      header: ["Method", "Memory (7B model)", "Train Speed", "Accuracy Impact", "Best Use Case"],
      rows: [
        ["Full Fine-Tuning", "28-32GB+", "Slow", "Best (with large data)", "Maximal flexibility; large datasets"],
        ["LoRA", "10-12GB", "Fast", "Near full-tune", "Resource-limited, most tasks"],
        ["QLoRA", "5-7GB", "Fastest", "Near full-tune", "Very limited hardware, rapid prototyping"],
      ],
    },
  ],
};

export default exploringLoraQloraFull;
