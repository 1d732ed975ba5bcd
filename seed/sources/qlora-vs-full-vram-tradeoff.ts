// Source 001: the one comparison table of the AI World article, verbatim.
// Raw text: seed/sources/raw/001-qlora-vs-full-vram-tradeoff.txt, where a table row is printed with its
// cells joined by a single space (rawCellSeparator " "). Cells were split by the header's four columns.
// The table has no heading of its own: it sits at the end of the article's "Remarks" section, so that
// heading is its title. The article gives no publication date.
import type { SourceSeed } from "../types";

const id = "qlora-vs-full-vram-tradeoff";

export const qloraVsFullVramTradeoff: SourceSeed = {
  id,
  kind: "article",
  title: "QLoRA vs Full Fine-Tuning The Local VRAM Trade-Off",
  author: "AI World (@TheAIWorld)",
  publishedAt: undefined,
  seedFile: "001-qlora-vs-full-vram-tradeoff.txt",
  summary:
    "An opinion piece arguing that QLoRA on a single consumer GPU is enough for most 7B fine-tunes, contrasting the VRAM, hardware, cost and accuracy of full fine-tuning, LoRA and QLoRA.",
  rawCellSeparator: " ",
  tables: [
    {
      id: `${id}/comparison`,
      title: "Remarks",
      kind: "comparison",
      header: ["Metric", "Full Fine-Tuning", "LoRA", "QLoRA"],
      rows: [
        ["Parameters Updated", "100%", "~1-5%", "~1-5%"],
        ["VRAM Required (7B Model)", "100 - 120 GB", "24 - 32 GB", "8 - 12 GB"],
        ["Relative Hardware Cost", "Extreme ($$$)", "Moderate ($$)", "Low ($)"],
        ["Accuracy Loss", "None (Baseline)", "Minimal (<1%)", "Slight (~1-2%)"],
        ["Hardware Required", "Multiple A100/H100", "1x RTX 4090 / 3090", "1x RTX 4060 / 3060"],
      ],
    },
  ],
};

export default qloraVsFullVramTradeoff;
