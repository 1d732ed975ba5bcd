// Pareto frontier of memory-vs-quality points: less memory is better, higher quality is better.

/** memoryGb: peak memory per GPU in GB (1e9 bytes); quality: a score where higher is better (MT-Bench, MMLU %). */
export type ParetoPoint = { id: string; memoryGb: number; quality: number };

/**
 * Ids of the points that no other point dominates, by memory ascending (equal memory: by id). A point is
 * dominated when another has memory ≤ and quality ≥ with at least one of the two strict, so two identical
 * points are both kept. One sort and one sweep, O(n log n): within a group of equal memory only the best
 * quality can survive, and it survives when every point with strictly less memory has strictly lower quality.
 */
export function paretoFrontier(points: readonly ParetoPoint[]): string[] {
  const sorted = [...points].sort((a, b) => a.memoryGb - b.memoryGb || b.quality - a.quality || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const frontier: string[] = [];
  let bestBefore = -Infinity; // best quality among points with strictly less memory
  let start = 0;
  while (start < sorted.length) {
    const { memoryGb, quality: best } = sorted[start]!;
    let end = start;
    for (; end < sorted.length && sorted[end]!.memoryGb === memoryGb; end += 1) {
      if (sorted[end]!.quality === best && best > bestBefore) frontier.push(sorted[end]!.id);
    }
    bestBefore = Math.max(bestBefore, best);
    start = end;
  }
  return frontier;
}
