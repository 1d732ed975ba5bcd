// The memory breakdown's terms in stacking order, with labels and colours. Paul Tol's "muted" palette
// (colour-blind safe) rather than Okabe–Ito, whose blue, orange and green already mean full, LoRA and QLoRA.
import type { MemoryBreakdown } from "@/lib/schemas/predict";

export type BreakdownTerm = { key: keyof MemoryBreakdown; label: string; color: string };

export const BREAKDOWN_TERMS: BreakdownTerm[] = [
  { key: "weightsGb", label: "Weights", color: "#332288" },
  { key: "quantizationConstantsGb", label: "Quantization constants", color: "#88CCEE" },
  { key: "adapterWeightsGb", label: "Adapter weights", color: "#44AA99" },
  { key: "gradientsGb", label: "Gradients", color: "#117733" },
  { key: "optimizerStatesGb", label: "Optimizer states", color: "#999933" },
  { key: "masterWeightsGb", label: "fp32 master weights", color: "#DDCC77" },
  { key: "activationsGb", label: "Activations", color: "#CC6677" },
  { key: "logitsGb", label: "Logits and loss", color: "#882255" },
  { key: "overheadGb", label: "CUDA context and fragmentation", color: "#AAAAAA" },
];

/** GB with two decimals below 10, one above: the precision the estimate can claim. */
export const formatGb = (gb: number) => `${gb.toFixed(Math.abs(gb) < 10 ? 2 : 1)} GB`;
