// Number formatting for reasoning strings. GB is always 1e9 bytes.
export const formatGb = (gb: number) => `${gb.toFixed(gb < 10 ? 2 : 1)} GB`;
export const formatCount = (value: number) => Math.round(value).toLocaleString("en-US");
export const formatPct = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 3 : 1)}%`;

export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(0)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

export const formatUsd = (usd: number) => `$${usd < 10 ? usd.toFixed(2) : formatCount(usd)}`;
