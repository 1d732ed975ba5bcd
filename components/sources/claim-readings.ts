// Shared view logic for the sources and claims pages: ordering sources, grouping a claim's evidence by
// source, picking the answer to show first, and the one-line verdict. Pure functions, no React.
import { formatReading } from "@/lib/claims";
import type { ClaimView, SourceSummary } from "@/lib/schemas/source";

export type Evidence = ClaimView["evidence"][number];
export type SourceGroup = { sourceId: string; title: string; evidence: Evidence[] };

/** The id a table's section carries on the source page, so claims can link to `/sources/{id}#{anchor}`. */
export function tableAnchor(tableId: string): string {
  return tableId.replaceAll("/", "--");
}

/** Sources in article order: seed files are numbered 000, 001, ..., and sources without one come last. */
export function sortSources<T extends Pick<SourceSummary, "id" | "seedFile">>(sources: readonly T[]): T[] {
  return [...sources].sort((a, b) => {
    if (a.seedFile && b.seedFile) return a.seedFile.localeCompare(b.seedFile);
    if (a.seedFile || b.seedFile) return a.seedFile ? -1 : 1;
    return a.id.localeCompare(b.id);
  });
}

/** Seeded evidence ids end in their position in the seed ("memory-7b-lora/4"); the API sorts them as strings. */
function seedPosition(evidence: Evidence): number {
  const n = Number(evidence.id.slice(evidence.id.lastIndexOf("/") + 1));
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

/** The claim's evidence, one group per source, groups in `sourceOrder` (unknown sources last). */
export function groupBySource(claim: Pick<ClaimView, "evidence">, sourceOrder: readonly string[] = []): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const evidence of claim.evidence) {
    const group = groups.get(evidence.sourceId) ?? { sourceId: evidence.sourceId, title: evidence.source.title, evidence: [] };
    group.evidence.push(evidence);
    groups.set(evidence.sourceId, group);
  }
  const rank = (id: string) => {
    const index = sourceOrder.indexOf(id);
    return index === -1 ? sourceOrder.length : index;
  };
  return [...groups.values()]
    .map((group) => ({ ...group, evidence: [...group.evidence].sort((a, b) => seedPosition(a) - seedPosition(b)) }))
    .sort((a, b) => rank(a.sourceId) - rank(b.sourceId) || a.sourceId.localeCompare(b.sourceId));
}

export function hasNumber(evidence: Evidence): boolean {
  return evidence.valueMin !== null || evidence.valueMax !== null;
}

/**
 * Whether a claim's sources are compared by their numbers: only when every source gives one. Otherwise, as in
 * "is QLoRA slower than LoRA?" where one article has timings and another words, positions are compared.
 */
export function comparesReadings(claim: Pick<ClaimView, "unit" | "evidence">, groups: SourceGroup[]): boolean {
  return isNumericClaim(claim) && groups.every((group) => group.evidence.some((e) => e.valueMin !== null));
}

/**
 * The answer to show for a source when there is room for one. By reading: a table cell before prose, since
 * tables are what the articles put forward as their figures. By position: the source's first stated stance.
 */
export function leadEvidence(group: SourceGroup, byReading: boolean): Evidence | undefined {
  if (!byReading) return group.evidence.find((e) => e.stance !== null) ?? group.evidence[0];
  const numeric = group.evidence.filter((e) => e.valueMin !== null);
  const pool = numeric.length ? numeric : group.evidence;
  return pool.find((e) => e.cellId !== null) ?? pool[0];
}

/** A claim is drawn on an axis when it has a unit and at least one answer with a number. */
export function isNumericClaim(claim: Pick<ClaimView, "unit" | "evidence">): boolean {
  return Boolean(claim.unit) && claim.evidence.some(hasNumber);
}

/** formatReading, plus "≤ 16 GB" for answers that only give an upper bound ("fits on a single 16GB GPU"). */
export function readingLabel(evidence: Pick<Evidence, "valueMin" | "valueMax">, unit: string | null): string {
  if (evidence.valueMin === null && evidence.valueMax !== null) return `≤ ${formatReading({ valueMin: evidence.valueMax, valueMax: evidence.valueMax }, unit)}`;
  return formatReading(evidence, unit);
}

/** "Sources disagree: 16 GB vs 24–32 GB vs 10–12 GB", built from each source's lead answer. */
export function verdict(claim: Pick<ClaimView, "unit" | "evidence" | "disagrees">, groups: SourceGroup[]): string {
  const byReading = comparesReadings(claim, groups);
  const answers = groups.flatMap((group) => {
    const evidence = leadEvidence(group, byReading);
    if (!evidence) return [];
    return [byReading ? formatReading(evidence, claim.unit) : (evidence.stance ?? evidence.quote)];
  });
  if (!claim.disagrees) {
    const distinct = [...new Set(answers)];
    return distinct.length ? `Sources agree: ${distinct.join(", ")}` : "Sources agree";
  }
  return `Sources disagree: ${answers.join(" vs ")}`;
}
