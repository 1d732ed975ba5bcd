// Pairs a source's memory claims with its quality claims for the same configuration: no seeded article puts
// peak memory and a quality score in one table, but within one article a memory table and a quality table
// often describe the same setup ("LoRA (r=16)" 7B: 16GB ↔ "LoRA r=16" 7B: MT-Bench 6.4).
import type { ValueRange } from "@/lib/schemas/compare";

export type PairableRun = {
  id: string;
  sourceId: string | null;
  modelId: string | null;
  method: string;
  rank: number | null;
  memoryGb: ValueRange | null;
  quality: number | null;
};

export type PairedPoint<T extends PairableRun> = { memoryRun: T; qualityRuns: T[]; quality: number };

/**
 * A memory-only run and a quality-only run describe the same configuration when they share source, catalog
 * model and method, and their ranks are equal or the memory run states none (the article's QLoRA memory cell
 * names no rank). Quality runs of one memory run that give the same score are one point (two tables of the
 * article agreeing), so a configuration is not drawn twice. Runs without a source or a catalog model never pair.
 */
export function pairMemoryWithQuality<T extends PairableRun>(runs: readonly T[]): PairedPoint<T>[] {
  const memoryRuns = runs.filter((r) => r.memoryGb !== null && r.quality === null);
  const qualityRuns = runs.filter((r) => r.memoryGb === null && r.quality !== null);
  const points: PairedPoint<T>[] = [];
  for (const memoryRun of memoryRuns) {
    if (memoryRun.sourceId === null || memoryRun.modelId === null) continue;
    const byScore = new Map<number, T[]>();
    for (const q of qualityRuns) {
      const sameConfig =
        q.sourceId === memoryRun.sourceId && q.modelId === memoryRun.modelId && q.method === memoryRun.method &&
        (memoryRun.rank === null || memoryRun.rank === q.rank);
      if (sameConfig) byScore.set(q.quality!, [...(byScore.get(q.quality!) ?? []), q]);
    }
    for (const [quality, matched] of byScore) points.push({ memoryRun, qualityRuns: matched, quality });
  }
  return points;
}
