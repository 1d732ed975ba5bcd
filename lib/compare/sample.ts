// Deterministic thinning of large point sets for charts.

/** At most `count` of the items, taken at even intervals from the first; all of them when they fit. */
export function evenlySpread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count <= 0) return [];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}
