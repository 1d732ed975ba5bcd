/** Bytes in 10^3 multiples, like GB elsewhere: 1,000,000 → "1 MB", 16,384 → "16.4 kB", 512 → "512 bytes". Pure: pages use it too. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${Number((bytes / 1e9).toPrecision(3))} GB`;
  if (bytes >= 1e6) return `${Number((bytes / 1e6).toPrecision(3))} MB`;
  if (bytes >= 1e3) return `${Number((bytes / 1e3).toPrecision(3))} kB`;
  return `${bytes} bytes`;
}
