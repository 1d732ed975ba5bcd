// The pure rules that decide whether sources disagree, how a reading is printed, and the verdict line the
// claim page builds from them.
import { describe, expect, it } from "vitest";
import { comparesReadings, groupBySource, leadEvidence, verdict } from "@/components/sources/claim-readings";
import { type EvidenceReading, findDisagreements, formatReading, intervalsOverlap } from "@/lib/claims";
import type { ClaimView } from "@/lib/schemas/source";
import { claims as seededClaims } from "../../seed/claims";
import { sources as seededSources } from "../../seed/sources";

const reading = (sourceId: string, valueMin: number | null, valueMax: number | null, stance: string | null = null): EvidenceReading => ({
  sourceId,
  valueMin,
  valueMax,
  stance,
});

describe("intervalsOverlap", () => {
  it("overlaps closed intervals that share a point or a stretch, and not disjoint ones", () => {
    expect(intervalsOverlap(reading("a", 10, 12), reading("b", 11, 20))).toBe(true);
    expect(intervalsOverlap(reading("a", 10, 12), reading("b", 12, 12))).toBe(true);
    expect(intervalsOverlap(reading("a", 10, 12), reading("b", 16, 16))).toBe(false);
    expect(intervalsOverlap(reading("a", 24, 32), reading("b", 10, 12))).toBe(false);
  });

  it("treats a missing max as open-ended", () => {
    // "84GB+" is consistent with "100 - 120 GB" but not with "16GB".
    expect(intervalsOverlap(reading("a", 84, null), reading("b", 100, 120))).toBe(true);
    expect(intervalsOverlap(reading("a", 100, 120), reading("b", 84, null))).toBe(true);
    expect(intervalsOverlap(reading("a", 84, null), reading("b", 16, 16))).toBe(false);
    expect(intervalsOverlap(reading("a", 16, 16), reading("b", 84, null))).toBe(false);
    expect(intervalsOverlap(reading("a", 28, null), reading("b", 840, null))).toBe(true);
    // The bound itself counts.
    expect(intervalsOverlap(reading("a", 84, null), reading("b", 70, 84))).toBe(true);
  });

  it("is symmetric", () => {
    const cases: [EvidenceReading, EvidenceReading][] = [
      [reading("a", 1, 2), reading("b", 3, 4)],
      [reading("a", 1, null), reading("b", 0, 0.5)],
      [reading("a", 5, 7), reading("b", 6, null)],
    ];
    for (const [x, y] of cases) expect(intervalsOverlap(x, y)).toBe(intervalsOverlap(y, x));
  });

  it("never counts an answer without a numeric lower bound against another", () => {
    expect(intervalsOverlap(reading("a", null, null), reading("b", 16, 16))).toBe(true);
    expect(intervalsOverlap(reading("a", 16, 16), reading("b", null, 10))).toBe(true);
  });
});

describe("findDisagreements", () => {
  it("flags disjoint numeric readings from different sources", () => {
    const result = findDisagreements([reading("s0", 16, 16), reading("s1", 24, 32), reading("s2", 10, 12)]);
    expect(result).toEqual({ numeric: true, qualitative: false });
  });

  it("does not flag overlapping readings", () => {
    expect(findDisagreements([reading("s0", 84, null), reading("s1", 100, 120), reading("s2", 28, null)])).toEqual({ numeric: false, qualitative: false });
  });

  it("ignores pairs from the same source, numeric and qualitative", () => {
    // One article giving 16GB in a table and ~10GB in prose is not a disagreement between sources.
    expect(findDisagreements([reading("s0", 16, 16, "slower"), reading("s0", 10, 10, "faster")])).toEqual({ numeric: false, qualitative: false });
    // ...but the same readings from two sources are.
    expect(findDisagreements([reading("s0", 16, 16, "slower"), reading("s1", 10, 10, "faster")])).toEqual({ numeric: true, qualitative: true });
  });

  it("finds a cross-source contradiction even when same-source pairs come first", () => {
    const readings = [reading("s0", 1, 1), reading("s0", 50, 50), reading("s1", 1, 2)];
    expect(findDisagreements(readings).numeric).toBe(true);
  });

  it("compares stances only when both readings have one", () => {
    expect(findDisagreements([reading("s0", null, null, "fastest"), reading("s1", null, null, "slower than LoRA")])).toEqual({ numeric: false, qualitative: true });
    expect(findDisagreements([reading("s0", null, null, "fastest"), reading("s1", null, null, "fastest")])).toEqual({ numeric: false, qualitative: false });
    expect(findDisagreements([reading("s0", null, null, "fastest"), reading("s1", null, null, null)])).toEqual({ numeric: false, qualitative: false });
  });

  it("finds nothing in no or one reading", () => {
    expect(findDisagreements([])).toEqual({ numeric: false, qualitative: false });
    expect(findDisagreements([reading("s0", 1, 2, "x")])).toEqual({ numeric: false, qualitative: false });
  });
});

describe("formatReading", () => {
  it("prints a point, a range and an open-ended bound with the unit", () => {
    expect(formatReading({ valueMin: 16, valueMax: 16 }, "GB")).toBe("16 GB");
    expect(formatReading({ valueMin: 24, valueMax: 32 }, "GB")).toBe("24–32 GB");
    expect(formatReading({ valueMin: 84, valueMax: null }, "GB")).toBe("84+ GB");
    expect(formatReading({ valueMin: 0.1, valueMax: 2 }, "%")).toBe("0.1–2 %");
  });

  it("leaves the unit out when there is none, and prints a dash for no reading", () => {
    expect(formatReading({ valueMin: 6.5, valueMax: 6.5 })).toBe("6.5");
    expect(formatReading({ valueMin: 10, valueMax: 12 }, null)).toBe("10–12");
    expect(formatReading({ valueMin: 84, valueMax: null }, "")).toBe("84+");
    expect(formatReading({ valueMin: null, valueMax: null }, "GB")).toBe("—");
    expect(formatReading({ valueMin: null, valueMax: 16 }, "GB")).toBe("—");
  });
});

// The claim page's verdict line is built from formatReading; these run it on the seeded claims, with the
// evidence in the order the API sends it (source id, then evidence id as a string: "/10" before "/2").

const ARTICLE_ORDER = seededSources.map((s) => s.id);

function asServed(id: string, disagrees: boolean): ClaimView {
  const claim = seededClaims.find((c) => c.id === id)!;
  const evidence = claim.evidence
    .map((e, index) => ({
      id: `${id}/${index}`,
      claimId: id,
      sourceId: e.sourceId,
      cellId: e.cell ? `${e.cell.table}/r${e.cell.row}c${e.cell.col}` : null,
      quote: e.quote,
      valueMin: e.valueMin ?? null,
      valueMax: e.valueMax ?? null,
      stance: e.stance ?? null,
      source: { id: e.sourceId, title: e.sourceId },
      cell: null,
    }))
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.id.localeCompare(b.id));
  const { evidence: _seeded, unit, ...fields } = claim;
  return { ...fields, unit: unit ?? null, evidence, sourceCount: new Set(evidence.map((e) => e.sourceId)).size, disagrees, disagreement: { numeric: disagrees, qualitative: false } };
}

describe("claim verdict", () => {
  it("compares the sources' table figures in article order", () => {
    const claim = asServed("memory-7b-lora", true);
    const groups = groupBySource(claim, ARTICLE_ORDER);
    expect(groups.map((g) => g.sourceId)).toEqual(ARTICLE_ORDER);
    expect(comparesReadings(claim, groups)).toBe(true);
    expect(groups.map((g) => leadEvidence(g, true)?.quote)).toEqual(["16GB", "24 - 32 GB", "~10-12GB (for 7B models, FP16)"]);
    expect(verdict(claim, groups)).toBe("Sources disagree: 16 GB vs 24–32 GB vs 10–12 GB");
  });

  it("compares positions when a source gives no number, keeping each source's seed order", () => {
    const claim = asServed("speed-qlora-vs-lora", true);
    const groups = groupBySource(claim, ARTICLE_ORDER);
    expect(comparesReadings(claim, groups)).toBe(false);
    expect(groups[0]!.evidence.map((e) => e.id.split("/")[1])).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
    expect(verdict(claim, groups)).toBe("Sources disagree: slower than LoRA vs slower than LoRA (slightly) vs fastest");
  });

  it("lists each distinct answer once when sources agree", () => {
    const claim = asServed("params-full", false);
    expect(verdict(claim, groupBySource(claim, ARTICLE_ORDER))).toBe("Sources agree: 100 %");
  });
});
