// Pure rules for comparing what sources say about one claim; used by the server and the UI alike.

export type EvidenceReading = { sourceId: string; valueMin: number | null; valueMax: number | null; stance: string | null };

/** Two numeric readings agree when their intervals overlap; a missing max is an open-ended bound ("84GB+"). */
export function intervalsOverlap(a: EvidenceReading, b: EvidenceReading): boolean {
  if (a.valueMin === null || b.valueMin === null) return true;
  const aMax = a.valueMax ?? Number.POSITIVE_INFINITY;
  const bMax = b.valueMax ?? Number.POSITIVE_INFINITY;
  return a.valueMin <= bMax && b.valueMin <= aMax;
}

/**
 * Sources disagree when two of them give numeric readings that cannot both be true (disjoint intervals) or
 * different stances on a qualitative question. Readings from the same source never count against each other.
 */
export function findDisagreements(readings: EvidenceReading[]): { numeric: boolean; qualitative: boolean } {
  let numeric = false;
  let qualitative = false;
  for (const [i, a] of readings.entries()) {
    for (const b of readings.slice(i + 1)) {
      if (a.sourceId === b.sourceId) continue;
      if (!intervalsOverlap(a, b)) numeric = true;
      if (a.stance && b.stance && a.stance !== b.stance) qualitative = true;
    }
  }
  return { numeric, qualitative };
}

/** "16", "24–32", "84+" — the reading in the claim's unit, for display. */
export function formatReading(reading: Pick<EvidenceReading, "valueMin" | "valueMax">, unit?: string | null): string {
  if (reading.valueMin === null) return "—";
  const suffix = unit ? ` ${unit}` : "";
  if (reading.valueMax === null) return `${reading.valueMin}+${suffix}`;
  if (reading.valueMax === reading.valueMin) return `${reading.valueMin}${suffix}`;
  return `${reading.valueMin}–${reading.valueMax}${suffix}`;
}
