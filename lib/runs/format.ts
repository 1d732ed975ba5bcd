// Display helpers shared by the runs table, the run page and exports. Memory is in GB (1e9 bytes).
import type { Run } from "@/lib/schemas/run";

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormat.format(value);
}

/** "16 GB", "24–32 GB", "84+ GB" (lower bound), "OOM" — never a point value the source did not give. */
export function formatMemory(run: Pick<Run, "oom" | "peakMemoryGb" | "peakMemoryGbMin" | "peakMemoryGbMax">): string {
  if (run.oom) return "OOM";
  if (run.peakMemoryGb !== null) return `${formatNumber(run.peakMemoryGb)} GB`;
  if (run.peakMemoryGbMin !== null && run.peakMemoryGbMax !== null) return `${formatNumber(run.peakMemoryGbMin)}–${formatNumber(run.peakMemoryGbMax)} GB`;
  if (run.peakMemoryGbMin !== null) return `${formatNumber(run.peakMemoryGbMin)}+ GB`;
  return "—";
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
