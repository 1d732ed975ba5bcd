// Shared view logic for the sources and claims pages: ordering sources, grouping a claim's evidence by
// source, picking the answer to show first, and the one-line verdict. Pure functions, no React.
import { formatReading, seedPosition } from "@/lib/claims";
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

/** The claim's evidence, one group per source, each in seed order (the API sorts ids as strings: "/10" before "/2"), groups in `sourceOrder` (unknown sources last). */
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
    .map((group) => ({ ...group, evidence: [...group.evidence].sort((a, b) => seedPosition(a.id) - seedPosition(b.id)) }))
    .sort((a, b) => rank(a.sourceId) - rank(b.sourceId) || a.sourceId.localeCompare(b.sourceId));
}

export function hasNumber(evidence: Evidence): boolean {
  return evidence.valueMin !== null || evidence.valueMax !== null;
}

/**
 * Whether a claim's sources are shown by their numbers: only when every source gives one (an upper bound such
 * as "fits on a 16GB GPU" counts). Otherwise, as in "how much quality does QLoRA lose?" where one article has
 * percentages and another only words, their positions are shown.
 */
export function comparesReadings(claim: Pick<ClaimView, "unit" | "evidence">, groups: SourceGroup[]): boolean {
  return isNumericClaim(claim) && groups.every((group) => group.evidence.some(hasNumber));
}

/**
 * The answer to show for a source when there is room for one. By reading: a table cell before prose, since
 * tables are what the articles put forward as their figures. By position: the source's first stated position,
 * else its first evidence with a note.
 */
export function leadEvidence(group: SourceGroup, byReading: boolean): Evidence | undefined {
  if (!byReading) return group.evidence.find((e) => e.position !== null) ?? group.evidence.find((e) => e.note !== null) ?? group.evidence[0];
  const numeric = group.evidence.filter(hasNumber);
  const pool = numeric.length ? numeric : group.evidence;
  return pool.find((e) => e.cellId !== null) ?? pool[0];
}

/** A claim is drawn on an axis when it has a unit and at least one answer with a number. */
export function isNumericClaim(claim: Pick<ClaimView, "unit" | "evidence">): boolean {
  return Boolean(claim.unit) && claim.evidence.some(hasNumber);
}

/** The reading in the claim's unit: "16 GB", "24–32 GB", "84+ GB", or "≤ 16 GB" for an upper bound only. */
export function readingLabel(evidence: Pick<Evidence, "valueMin" | "valueMax">, unit: string | null): string {
  return formatReading(evidence, unit);
}

/** What a source's answer says in words: its position, else its note, else the quote itself. */
export function answerText(evidence: Pick<Evidence, "position" | "note" | "quote">): string {
  return evidence.position ?? evidence.note ?? evidence.quote;
}

/** "Sources disagree: 16 GB vs 24–32 GB vs 10–12 GB", built from each source's lead answer. */
export function verdict(claim: Pick<ClaimView, "unit" | "evidence" | "disagrees">, groups: SourceGroup[]): string {
  const byReading = comparesReadings(claim, groups);
  const answers = groups.flatMap((group) => {
    const evidence = leadEvidence(group, byReading);
    if (!evidence) return [];
    return [byReading ? formatReading(evidence, claim.unit) : answerText(evidence)];
  });
  if (!claim.disagrees) {
    const distinct = [...new Set(answers)];
    return distinct.length ? `Sources agree: ${distinct.join(", ")}` : "Sources agree";
  }
  return `Sources disagree: ${answers.join(" vs ")}`;
}
