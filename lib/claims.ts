// Pure rules for comparing what sources say about one claim; used by the server and the UI alike.
//
// A reading is one piece of evidence as the rules see it: its source, its numeric interval in the claim's unit
// (if any) and its position (if it takes a side on a qualitative question). Free-text notes are not part of a
// reading: they explain a quote to the reader and are never compared.

export type EvidenceReading = { sourceId: string; valueMin: number | null; valueMax: number | null; position: string | null };

/**
 * Why two sources disagree on a claim:
 * - "disjoint": their numeric intervals do not overlap, so both cannot be true;
 * - "lower-bounds": an open-ended reading ("80+ GB") and another source's reading have lower bounds more than
 *   {@link LOWER_BOUND_FACTOR}× apart. "80+" and "840+" are compatible in logic, but tell a reader answers an
 *   order of magnitude apart;
 * - "positions": they take different positions on a qualitative question ("QLoRA slower than LoRA" vs
 *   "QLoRA faster than LoRA").
 */
export type DisagreementRule = "disjoint" | "lower-bounds" | "positions";

/** A rule that fired, with the pair of readings (from two different sources) that made it fire. */
export type Disagreement<R extends EvidenceReading = EvidenceReading> = { rule: DisagreementRule; a: R; b: R };

export const DISAGREEMENT_RULES: readonly DisagreementRule[] = ["disjoint", "lower-bounds", "positions"];

/** How far apart two lower bounds may be, as a factor, before an open-ended reading counts as contradicted. */
export const LOWER_BOUND_FACTOR = 2;

/** The rule in one line, for the UI ("how we decide"). Keep in step with findDisagreements. */
export const DISAGREEMENT_RULE_SUMMARY =
  `How we decide: sources disagree when their numbers cannot both be true (ranges that do not overlap), when open-ended figures ` +
  `(“80+” vs “840+”) have lower bounds more than ${LOWER_BOUND_FACTOR}× apart, or when they take different positions; ` +
  `answers from the same source are never compared.`;

function hasNumber(r: Pick<EvidenceReading, "valueMin" | "valueMax">): boolean {
  return r.valueMin !== null || r.valueMax !== null;
}

/**
 * The interval a reading stands for, or null when it has no number: [min, max] for a value or a range,
 * [min, ∞) for an open-ended lower bound ("84GB+"), [0, max] for an upper bound only ("fits on a 16GB GPU").
 */
export function readingInterval(r: Pick<EvidenceReading, "valueMin" | "valueMax">): [number, number] | null {
  if (!hasNumber(r)) return null;
  if (r.valueMin === null) return [0, r.valueMax!];
  return [r.valueMin, r.valueMax ?? Number.POSITIVE_INFINITY];
}

/** Two numeric readings agree when their intervals overlap (touching counts). A reading without a number overlaps anything. */
export function intervalsOverlap(a: EvidenceReading, b: EvidenceReading): boolean {
  const x = readingInterval(a);
  const y = readingInterval(b);
  if (!x || !y) return true;
  return x[0] <= y[1] && y[0] <= x[1];
}

/**
 * The factor between two readings' lower bounds when rule "lower-bounds" applies to them, else null: the lower
 * of the two must be an open-ended reading ("28+"), for which the lower bound is all the reading says, and both
 * bounds must be stated and positive. A closed range's own lower bound is not compared ("0.1-2%" and "1-5%"
 * overlap and agree), nor is the implicit 0 of an upper bound.
 */
export function lowerBoundFactor(a: EvidenceReading, b: EvidenceReading): number | null {
  if (a.valueMin === null || b.valueMin === null || a.valueMin <= 0 || b.valueMin <= 0) return null;
  const [low, high] = a.valueMin <= b.valueMin ? [a, b] : [b, a];
  if (low.valueMax !== null) return null;
  return high.valueMin! / low.valueMin!;
}

function fires<R extends EvidenceReading>(rule: DisagreementRule, a: R, b: R): boolean {
  switch (rule) {
    case "disjoint":
      return !intervalsOverlap(a, b);
    case "lower-bounds": {
      const factor = lowerBoundFactor(a, b);
      return factor !== null && factor > LOWER_BOUND_FACTOR;
    }
    case "positions":
      return a.position !== null && b.position !== null && a.position !== b.position;
  }
}

/**
 * Sources disagree on a claim when, for two readings from DIFFERENT sources,
 *   (a) "disjoint":     their numeric intervals do not overlap (see readingInterval: "X+" is [X, ∞), an upper
 *                       bound alone is [0, max]);
 *   (b) "lower-bounds": their lower bounds differ by more than a factor of 2 and the lower one is open-ended
 *                       ("80+ GB" vs "840+ GB": compatible in logic, an order of magnitude apart for a reader);
 *   (c) "positions":    both take a position and the positions differ (positions are canonical strings, so
 *                       identical answers are identical strings; notes are never compared).
 * Readings from the same source never count against each other: an article giving 16GB in a table and ~15GB
 * in its prose is not a disagreement between sources.
 *
 * Returns the rules that fired, at most one entry per rule, in the order disjoint, lower-bounds, positions;
 * an empty list means the sources agree. Each entry carries the first pair (in the order `readings` are given)
 * that made its rule fire, so callers should pass the readings they would show first (table cells) first.
 */
export function findDisagreements<R extends EvidenceReading>(readings: readonly R[]): Disagreement<R>[] {
  const found: Disagreement<R>[] = [];
  for (const rule of DISAGREEMENT_RULES) {
    search: for (const [i, a] of readings.entries()) {
      for (const b of readings.slice(i + 1)) {
        if (a.sourceId === b.sourceId || !fires(rule, a, b)) continue;
        // Numeric pairs read low to high; position pairs keep the given order.
        const swap = rule !== "positions" && readingInterval(b)![0] < readingInterval(a)![0];
        found.push(swap ? { rule, a: b, b: a } : { rule, a, b });
        break search;
      }
    }
  }
  return found;
}

/** Seeded evidence ids end in their position in the seed ("memory-7b-lora/4"); anything else sorts last. */
export function seedPosition(evidenceId: string): number {
  const n = Number(evidenceId.slice(evidenceId.lastIndexOf("/") + 1));
  return evidenceId.includes("/") && Number.isInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * Evidence in the order a reader meets it, for findDisagreements to report the pairs the UI shows first:
 * table cells (what the articles put forward as their figures) before prose, then seed order.
 */
export function byDisplayPriority<E extends { id: string; cellId: string | null }>(evidence: readonly E[]): E[] {
  return [...evidence].sort(
    (a, b) => Number(a.cellId === null) - Number(b.cellId === null) || seedPosition(a.id) - seedPosition(b.id) || a.id.localeCompare(b.id),
  );
}

/** "GPUs" for 2 or 2+, "GPU" for exactly 1; units that are not a plain plural noun ("GB", "samples/s", "%") stay as they are. */
function unitFor(reading: Pick<EvidenceReading, "valueMin" | "valueMax">, unit: string): string {
  const single = reading.valueMin === 1 && reading.valueMax === 1;
  return single && /^[A-Za-z]+s$/.test(unit) ? unit.slice(0, -1) : unit;
}

/** "16", "24–32", "84+", "≤ 16" — the reading in the claim's unit, for display; "—" when it has no number. */
export function formatReading(reading: Pick<EvidenceReading, "valueMin" | "valueMax">, unit?: string | null): string {
  if (!hasNumber(reading)) return "—";
  const suffix = unit ? ` ${unitFor(reading, unit)}` : "";
  if (reading.valueMin === null) return `≤ ${reading.valueMax}${suffix}`;
  if (reading.valueMax === null) return `${reading.valueMin}+${suffix}`;
  if (reading.valueMax === reading.valueMin) return `${reading.valueMin}${suffix}`;
  return `${reading.valueMin}–${reading.valueMax}${suffix}`;
}

/** A short name for a source in a one-line reason: its author or publisher ("AI World"), else its title. */
export function sourceLabel(source: { title: string; author?: string | null; publisher?: string | null }): string {
  const name = source.author ?? source.publisher ?? source.title;
  return name.replace(/\s*\([^)]*\)\s*$/, "") || name;
}

function trimFactor(factor: number): string {
  return String(Math.round(factor * 10) / 10);
}

/**
 * The reason a rule fired, in one line: "16 GB (Flash Attention Team) vs 24–32 GB (AI World): no overlap",
 * "28+ GB (Sesame Disk) vs 84+ GB (Flash Attention Team): lower bounds 3× apart",
 * "“QLoRA slower than LoRA” (Flash Attention Team) vs “QLoRA faster than LoRA” (Sesame Disk): different positions".
 */
export function explainDisagreement(
  disagreement: Disagreement,
  unit: string | null | undefined,
  labelOf: (sourceId: string) => string = (id) => id,
): string {
  const { rule, a, b } = disagreement;
  const side = (r: EvidenceReading) => `${rule === "positions" ? `“${r.position}”` : formatReading(r, unit)} (${labelOf(r.sourceId)})`;
  const why = rule === "disjoint" ? "no overlap" : rule === "lower-bounds" ? `lower bounds ${trimFactor(lowerBoundFactor(a, b) ?? Number.NaN)}× apart` : "different positions";
  return `${side(a)} vs ${side(b)}: ${why}`;
}

/** What the API sends for each rule that fired: the two pieces of evidence and the reason in words. */
export type ClaimDisagreement = { rule: DisagreementRule; evidenceIds: [string, string]; reason: string };

type ServedEvidence = EvidenceReading & { id: string; cellId: string | null; source: Parameters<typeof sourceLabel>[0] };

/**
 * findDisagreements over a claim's evidence as stored, tried in display order (table cells first, then seed
 * order), each rule that fired explained with the sources' short names. Empty when the sources agree.
 */
export function claimDisagreements(evidence: readonly ServedEvidence[], unit: string | null | undefined): ClaimDisagreement[] {
  const labels = new Map(evidence.map((e) => [e.sourceId, sourceLabel(e.source)]));
  return findDisagreements(byDisplayPriority(evidence)).map((d) => ({
    rule: d.rule,
    evidenceIds: [d.a.id, d.b.id],
    reason: explainDisagreement(d, unit, (id) => labels.get(id) ?? id),
  }));
}
