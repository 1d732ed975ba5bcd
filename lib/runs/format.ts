// Display helpers shared by the runs table, the run page and exports. Memory is in GB (1e9 bytes).
import type { PEAK_MEMORY_MEASURES, Run } from "@/lib/schemas/run";

type PeakMemoryMeasure = (typeof PEAK_MEMORY_MEASURES)[number];

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormat.format(value);
}

/**
 * "16 GB", "24–32 GB", "84+ GB" (lower bound), "≤ 8 GB" (upper bound; "≤ 8 GB (fits in)" when the source said the
 * run fits in that much), "OOM" — never a point value the source did not give.
 */
export function formatMemory(run: Pick<Run, "oom" | "peakMemoryGb" | "peakMemoryGbMin" | "peakMemoryGbMax"> & Partial<Pick<Run, "peakMemoryMeasure">>): string {
  if (run.oom) return "OOM";
  if (run.peakMemoryGb !== null) return `${formatNumber(run.peakMemoryGb)} GB`;
  if (run.peakMemoryGbMin !== null && run.peakMemoryGbMax !== null) return `${formatNumber(run.peakMemoryGbMin)}–${formatNumber(run.peakMemoryGbMax)} GB`;
  if (run.peakMemoryGbMin !== null) return `${formatNumber(run.peakMemoryGbMin)}+ GB`;
  if (run.peakMemoryGbMax !== null) return `≤ ${formatNumber(run.peakMemoryGbMax)} GB${run.peakMemoryMeasure === "fits-in" ? " (fits in)" : ""}`;
  return "—";
}

export const PEAK_MEMORY_MEASURE_LABELS: Record<PeakMemoryMeasure, string> = {
  // torch.cuda.max_memory_allocated / max_memory_reserved; short words, so the label wraps on a phone.
  allocated: "allocated by tensors (torch's peak allocated)",
  reserved: "reserved by torch's caching allocator",
  "nvidia-smi": "whole process, as nvidia-smi shows it",
  "fits-in": "fits in: an upper bound, not a measured peak",
};

/** "per GPU", "total over 8 GPUs"; null when the run does not say (a figure is per GPU unless told otherwise). */
export function formatMemoryScope(run: Pick<Run, "peakMemoryScope" | "gpuCount">): string | null {
  if (run.peakMemoryScope === "total") return run.gpuCount && run.gpuCount > 1 ? `total over ${run.gpuCount} GPUs` : "total over all GPUs";
  if (run.peakMemoryScope === "per-gpu") return "per GPU";
  return null;
}

/** The figure as the source printed it and what it became: "6.99 GiB → 7.51 GB"; null when nothing was converted. */
export function formatMemoryConversion(run: Pick<Run, "oom" | "peakMemoryGb" | "peakMemoryGbMin" | "peakMemoryGbMax" | "peakMemoryOriginal" | "peakMemoryMeasure">): string | null {
  if (!run.peakMemoryOriginal) return null;
  return `${run.peakMemoryOriginal} → ${formatMemory(run)}`;
}

export function formatThroughput(run: Pick<Run, "oom" | "throughputSamplesPerSec">): string {
  if (run.oom) return "OOM";
  return run.throughputSamplesPerSec === null ? "—" : `${formatNumber(run.throughputSamplesPerSec)}/s`;
}

/** 6738415616 → "6.74B", 13107200 → "13.1M". */
export function formatParams(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (value >= 1e9) return `${numberFormat.format(Number((value / 1e9).toPrecision(3)))}B`;
  if (value >= 1e6) return `${numberFormat.format(Number((value / 1e6).toPrecision(3)))}M`;
  if (value >= 1e3) return `${numberFormat.format(Number((value / 1e3).toPrecision(3)))}K`;
  return String(value);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}
