// The pure rules that decide whether sources disagree, how a reading is printed, and the verdict line the
// claim page builds from them.
import { describe, expect, it } from "vitest";
import { answerText, comparesReadings, groupBySource, leadEvidence, verdict } from "@/components/sources/claim-readings";
import {
  type EvidenceReading,
  claimDisagreements,
  explainDisagreement,
  findDisagreements,
  formatReading,
  intervalsOverlap,
  lowerBoundFactor,
  readingInterval,
  sourceLabel,
} from "@/lib/claims";
import type { ClaimView } from "@/lib/schemas/source";
import { claims as seededClaims } from "../../seed/claims";
import { sources as seededSources } from "../../seed/sources";

const reading = (sourceId: string, valueMin: number | null, valueMax: number | null, position: string | null = null): EvidenceReading => ({
  sourceId,
  valueMin,
  valueMax,
  position,
});
const rules = (readings: EvidenceReading[]) => findDisagreements(readings).map((d) => d.rule);

describe("readingInterval", () => {
  it("reads a value, a range, an open-ended bound and an upper bound", () => {
    expect(readingInterval(reading("a", 16, 16))).toEqual([16, 16]);
    expect(readingInterval(reading("a", 24, 32))).toEqual([24, 32]);
    expect(readingInterval(reading("a", 84, null))).toEqual([84, Number.POSITIVE_INFINITY]);
    // "fits on a single 16GB GPU": at most 16.
    expect(readingInterval(reading("a", null, 16))).toEqual([0, 16]);
    expect(readingInterval(reading("a", null, null))).toBeNull();
  });
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

  it("treats a max without a min as an upper bound from 0", () => {
    expect(intervalsOverlap(reading("a", null, 16), reading("b", 10, 12))).toBe(true);
    expect(intervalsOverlap(reading("a", null, 16), reading("b", 16, 16))).toBe(true);
    expect(intervalsOverlap(reading("a", null, 16), reading("b", 24, 32))).toBe(false);
    expect(intervalsOverlap(reading("a", 24, null), reading("b", null, 16))).toBe(false);
    expect(intervalsOverlap(reading("a", null, 1), reading("b", null, 5))).toBe(true);
  });

  it("is symmetric", () => {
    const cases: [EvidenceReading, EvidenceReading][] = [
      [reading("a", 1, 2), reading("b", 3, 4)],
      [reading("a", 1, null), reading("b", 0, 0.5)],
      [reading("a", 5, 7), reading("b", 6, null)],
      [reading("a", null, 5), reading("b", 6, null)],
    ];
    for (const [x, y] of cases) expect(intervalsOverlap(x, y)).toBe(intervalsOverlap(y, x));
  });

  it("never counts an answer without a number against another", () => {
    expect(intervalsOverlap(reading("a", null, null), reading("b", 16, 16))).toBe(true);
    expect(intervalsOverlap(reading("a", 16, 16), reading("b", null, null, "faster"))).toBe(true);
  });
});

describe("lowerBoundFactor", () => {
  it("compares lower bounds when the lower one is open-ended", () => {
    expect(lowerBoundFactor(reading("a", 80, null), reading("b", 840, null))).toBe(10.5);
    expect(lowerBoundFactor(reading("a", 840, null), reading("b", 80, null))).toBe(10.5);
    expect(lowerBoundFactor(reading("a", 28, null), reading("b", 100, 120))).toBeCloseTo(100 / 28);
  });

  it("does not apply to a closed range's own lower bound or to an upper bound's implicit 0", () => {
    expect(lowerBoundFactor(reading("a", 0.1, 2), reading("b", 1, 5))).toBeNull();
    expect(lowerBoundFactor(reading("a", 10, 100), reading("b", 50, null))).toBeNull();
    expect(lowerBoundFactor(reading("a", null, 5), reading("b", 1, null))).toBeNull();
    expect(lowerBoundFactor(reading("a", 0, null), reading("b", 1, 2))).toBeNull();
  });
});

describe("findDisagreements", () => {
  it("finds nothing in no or one reading", () => {
    expect(findDisagreements([])).toEqual([]);
    expect(findDisagreements([reading("s0", 1, 2, "x")])).toEqual([]);
  });

  describe("rule (a): disjoint intervals", () => {
    it("flags disjoint numeric readings from different sources, lower reading first", () => {
      const s1 = reading("s1", 24, 32);
      const s0 = reading("s0", 16, 16);
      expect(findDisagreements([s1, s0, reading("s2", 10, 12)])).toEqual([{ rule: "disjoint", a: s0, b: s1 }]);
    });

    it("does not flag overlapping readings", () => {
      expect(findDisagreements([reading("s0", 84, null), reading("s1", 100, 120), reading("s2", 80, 100)])).toEqual([]);
      expect(findDisagreements([reading("s0", 1, 5), reading("s1", 0.1, 2)])).toEqual([]);
    });

    it("finds a cross-source contradiction even when same-source pairs come first", () => {
      expect(rules([reading("s0", 1, 1), reading("s0", 50, 50), reading("s1", 1, 2)])).toEqual(["disjoint"]);
    });

    it("reports the first disjoint pair in the order given", () => {
      const [found] = findDisagreements([reading("s0", 16, 16), reading("s1", 24, 32), reading("s2", 10, 12)]);
      expect([found!.a.sourceId, found!.b.sourceId]).toEqual(["s0", "s1"]);
    });
  });

  describe("rule (b): lower bounds more than 2x apart", () => {
    it("flags open-ended readings that both could be true but are an order of magnitude apart", () => {
      const low = reading("s1", 80, null);
      const high = reading("s0", 840, null);
      expect(findDisagreements([high, low])).toEqual([{ rule: "lower-bounds", a: low, b: high }]);
      expect(rules([reading("s0", 84, null), reading("s1", 28, null)])).toEqual(["lower-bounds"]);
      expect(rules([reading("s0", 28, null), reading("s1", 100, 120)])).toEqual(["lower-bounds"]);
    });

    it("allows up to a factor of 2", () => {
      expect(rules([reading("s0", 84, null), reading("s1", 100, 120)])).toEqual([]);
      expect(rules([reading("s0", 40, null), reading("s1", 80, null)])).toEqual([]);
      expect(rules([reading("s0", 40, null), reading("s1", 81, null)])).toEqual(["lower-bounds"]);
    });

    it("leaves closed ranges that overlap alone however far apart their lower bounds are", () => {
      expect(rules([reading("s0", 1, 5), reading("s1", 0.1, 2)])).toEqual([]);
      expect(rules([reading("s0", 10, 100), reading("s1", 50, null)])).toEqual([]);
    });

    it("fires together with rule (a) when different pairs trigger them", () => {
      // 10-12 vs 30+: disjoint; 10+ vs 30+: compatible, but 3x apart. A closed range's own floor is not compared.
      expect(rules([reading("s0", 10, 12), reading("s1", 30, null), reading("s2", 10, null)])).toEqual(["disjoint", "lower-bounds"]);
      expect(rules([reading("s0", 10, 12), reading("s1", 30, null)])).toEqual(["disjoint"]);
    });
  });

  describe("rule (c): different positions", () => {
    it("flags different positions and not identical ones", () => {
      expect(rules([reading("s0", null, null, "QLoRA slower than LoRA"), reading("s1", null, null, "QLoRA faster than LoRA")])).toEqual(["positions"]);
      expect(rules([reading("s0", null, null, "QLoRA slower than LoRA"), reading("s1", null, null, "QLoRA slower than LoRA")])).toEqual([]);
    });

    it("compares positions only when both readings have one", () => {
      expect(rules([reading("s0", null, null, "QLoRA faster than LoRA"), reading("s1", 18.2, 18.2)])).toEqual([]);
      expect(rules([reading("s0", null, null, "QLoRA faster than LoRA"), reading("s1", null, null, null)])).toEqual([]);
    });

    it("keeps the given order of a position pair", () => {
      const slower = reading("s0", null, null, "QLoRA slower than LoRA");
      const faster = reading("s1", null, null, "QLoRA faster than LoRA");
      expect(findDisagreements([slower, faster])).toEqual([{ rule: "positions", a: slower, b: faster }]);
    });
  });

  it("ignores pairs from the same source under every rule", () => {
    // One article giving 16GB in a table and ~10GB in prose is not a disagreement between sources.
    expect(findDisagreements([reading("s0", 16, 16, "slower"), reading("s0", 10, 10, "faster"), reading("s0", 80, null), reading("s0", 840, null)])).toEqual([]);
    // ...but the same readings from two sources are.
    expect(rules([reading("s0", 16, 16, "slower"), reading("s1", 10, 10, "faster")])).toEqual(["disjoint", "positions"]);
    expect(rules([reading("s0", 80, null), reading("s1", 840, null)])).toEqual(["lower-bounds"]);
  });

  it("counts upper-bound-only readings as [0, max]", () => {
    // "fits on a single 16GB GPU" against "24 - 32 GB": no overlap.
    expect(rules([reading("s0", null, 16), reading("s1", 24, 32)])).toEqual(["disjoint"]);
    // ...against "10-12GB": both can be true.
    expect(rules([reading("s0", null, 16), reading("s1", 10, 12)])).toEqual([]);
    // An upper bound says nothing about a lower bound, so rule (b) leaves it alone.
    expect(rules([reading("s0", null, 5), reading("s1", 1, null)])).toEqual([]);
  });
});

describe("formatReading", () => {
  it("prints a point, a range, an open-ended bound and an upper bound with the unit", () => {
    expect(formatReading({ valueMin: 16, valueMax: 16 }, "GB")).toBe("16 GB");
    expect(formatReading({ valueMin: 24, valueMax: 32 }, "GB")).toBe("24–32 GB");
    expect(formatReading({ valueMin: 84, valueMax: null }, "GB")).toBe("84+ GB");
    expect(formatReading({ valueMin: 0.1, valueMax: 2 }, "%")).toBe("0.1–2 %");
    expect(formatReading({ valueMin: null, valueMax: 16 }, "GB")).toBe("≤ 16 GB");
  });

  it("says GPU for exactly one of a counted unit", () => {
    expect(formatReading({ valueMin: 1, valueMax: 1 }, "GPUs")).toBe("1 GPU");
    expect(formatReading({ valueMin: 2, valueMax: null }, "GPUs")).toBe("2+ GPUs");
    expect(formatReading({ valueMin: 1, valueMax: 1 }, "samples/s")).toBe("1 samples/s");
  });

  it("leaves the unit out when there is none, and prints a dash for no reading", () => {
    expect(formatReading({ valueMin: 6.5, valueMax: 6.5 })).toBe("6.5");
    expect(formatReading({ valueMin: 10, valueMax: 12 }, null)).toBe("10–12");
    expect(formatReading({ valueMin: 84, valueMax: null }, "")).toBe("84+");
    expect(formatReading({ valueMin: null, valueMax: null }, "GB")).toBe("—");
  });
});

describe("explainDisagreement", () => {
  const labels: Record<string, string> = { s0: "Flash Attention Team", s1: "AI World", s2: "Sesame Disk" };
  const labelOf = (id: string) => labels[id] ?? id;

  it("says which readings of which sources triggered which rule", () => {
    const [disjoint] = findDisagreements([reading("s0", 16, 16), reading("s1", 24, 32)]);
    expect(explainDisagreement(disjoint!, "GB", labelOf)).toBe("16 GB (Flash Attention Team) vs 24–32 GB (AI World): no overlap");
    const [lower] = findDisagreements([reading("s0", 84, null), reading("s2", 28, null)]);
    expect(explainDisagreement(lower!, "GB", labelOf)).toBe("28+ GB (Sesame Disk) vs 84+ GB (Flash Attention Team): lower bounds 3× apart");
    const [positions] = findDisagreements([reading("s0", null, null, "QLoRA slower than LoRA"), reading("s2", null, null, "QLoRA faster than LoRA")]);
    expect(explainDisagreement(positions!, null, labelOf)).toBe(
      "“QLoRA slower than LoRA” (Flash Attention Team) vs “QLoRA faster than LoRA” (Sesame Disk): different positions",
    );
  });

  it("names a source by its author or publisher, without a trailing handle", () => {
    expect(sourceLabel({ title: "T", author: "AI World (@TheAIWorld)", publisher: null })).toBe("AI World");
    expect(sourceLabel({ title: "T", author: null, publisher: "Sesame Disk" })).toBe("Sesame Disk");
    expect(sourceLabel({ title: "Some title" })).toBe("Some title");
  });
});

// ------------------------------------------------------------------------------------ the seeded claims

const ARTICLE_ORDER = seededSources.map((s) => s.id);
const sourceById = new Map(seededSources.map((s) => [s.id, s]));

/** A seeded claim as the API serves it: evidence ordered by source id, then evidence id as a string ("/10" before "/2"). */
function asServed(id: string): ClaimView {
  const claim = seededClaims.find((c) => c.id === id)!;
  const evidence = claim.evidence
    .map((e, index) => {
      const source = sourceById.get(e.sourceId)!;
      return {
        id: `${id}/${index}`,
        claimId: id,
        sourceId: e.sourceId,
        cellId: e.cell ? `${e.cell.table}/r${e.cell.row}c${e.cell.col}` : null,
        quote: e.quote,
        valueMin: e.valueMin ?? null,
        valueMax: e.valueMax ?? null,
        note: e.note ?? null,
        position: e.position ?? null,
        source: { id: e.sourceId, title: source.title, author: source.author ?? null, publisher: source.publisher ?? null },
        cell: null,
      };
    })
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.id.localeCompare(b.id));
  const { evidence: _seeded, unit, ...fields } = claim;
  const disagreements = claimDisagreements(evidence, unit);
  return { ...fields, unit: unit ?? null, evidence, sourceCount: new Set(evidence.map((e) => e.sourceId)).size, disagrees: disagreements.length > 0, disagreements };
}

describe("seeded claims", () => {
  // Pinned: changing a reading, a position or the rules must change this list on purpose.
  const DISAGREEING = [
    "memory-7b-full", // 28-32GB+ vs 84GB+: open-ended lower bounds 3x apart
    "memory-7b-lora", // 16GB vs 24 - 32 GB vs 10-12GB
    "memory-7b-qlora", // 6GB vs 8 - 12 GB
    "memory-70b-full", // 80+ GB vs 840GB+
    "speed-qlora-vs-lora", // slower (two sources) vs fastest
    "hardware-7b-full", // one A100 80GB vs multiple A100/H100
    "hardware-7b-lora", // 24GB RTX 4090/3090 vs a 16GB GPU
    "params-lora", // 0.04-0.48% vs ~1-5%
  ];

  it("flag exactly the claims on which sources disagree", () => {
    const flagged = seededClaims.filter((c) => findDisagreements(c.evidence.map((e) => reading(e.sourceId, e.valueMin ?? null, e.valueMax ?? null, e.position ?? null))).length > 0);
    expect(flagged.map((c) => c.id).sort()).toEqual([...DISAGREEING].sort());
    // The rest agree, params-qlora included: "~1-5%" and "0.1-2%" overlap at 1-2%.
    expect(seededClaims.map((c) => c.id).filter((id) => !DISAGREEING.includes(id)).sort()).toEqual(
      [
        "memory-34b-qlora",
        "speed-full-vs-lora",
        "hardware-7b-qlora",
        "hardware-70b-full",
        "params-full",
        "params-qlora",
        "quality-qlora-vs-full",
        "quality-lora-vs-full",
        "quality-qlora-vs-lora",
      ].sort(),
    );
  });

  it("explain each disagreement with the readings shown first", () => {
    const reasons = (id: string) => asServed(id).disagreements.map((d) => d.reason);
    expect(reasons("memory-7b-lora")).toEqual(["16 GB (Flash Attention Team) vs 24–32 GB (AI World): no overlap"]);
    expect(reasons("memory-7b-full")).toEqual(["28+ GB (Sesame Disk) vs 84+ GB (Flash Attention Team): lower bounds 3× apart"]);
    expect(reasons("memory-70b-full")).toEqual(["80+ GB (Sesame Disk) vs 840+ GB (Flash Attention Team): lower bounds 10.5× apart"]);
    expect(reasons("hardware-7b-full")).toEqual(["1 GPU (Flash Attention Team) vs 2+ GPUs (AI World): no overlap"]);
    expect(reasons("speed-qlora-vs-lora")).toEqual([
      "“QLoRA slower than LoRA” (Flash Attention Team) vs “QLoRA faster than LoRA” (Sesame Disk): different positions",
    ]);
    const served = asServed("memory-7b-lora");
    const [a, b] = served.disagreements[0]!.evidenceIds.map((id) => served.evidence.find((e) => e.id === id)!.quote);
    expect([a, b]).toEqual(["16GB", "24 - 32 GB"]);
    expect(asServed("speed-full-vs-lora").disagreements).toEqual([]);
  });

  it("keep numbers in the claim's unit only", () => {
    // Speed comparisons answer in positions; their samples/s figures are notes.
    for (const id of ["speed-qlora-vs-lora", "speed-full-vs-lora"]) {
      const claim = seededClaims.find((c) => c.id === id)!;
      expect(claim.unit, id).toBeUndefined();
      expect(claim.evidence.every((e) => e.valueMin === undefined && e.valueMax === undefined), id).toBe(true);
    }
    // MT-Bench scores are not a % accuracy loss.
    const quality = seededClaims.find((c) => c.id === "quality-qlora-vs-full")!;
    expect(quality.evidence.filter((e) => e.valueMin !== undefined || e.valueMax !== undefined).map((e) => e.quote)).toEqual([
      "Slight (~1-2%)",
      "You sacrifice a tiny sliver of accuracy-usually around 1% on standard benchmarks-but you gain the ability to iterate at zero marginal API cost.",
      "LoRA and QLoRA have been shown to achieve >95% of full fine-tuning performance on standard benchmarks",
    ]);
  });
});

describe("claim verdict", () => {
  it("compares the sources' table figures in article order", () => {
    const claim = asServed("memory-7b-lora");
    const groups = groupBySource(claim, ARTICLE_ORDER);
    expect(groups.map((g) => g.sourceId)).toEqual(ARTICLE_ORDER);
    expect(comparesReadings(claim, groups)).toBe(true);
    expect(groups.map((g) => leadEvidence(g, true)?.quote)).toEqual(["16GB", "24 - 32 GB", "~10-12GB (for 7B models, FP16)"]);
    expect(verdict(claim, groups)).toBe("Sources disagree: 16 GB vs 24–32 GB vs 10–12 GB");
  });

  it("compares positions when a source gives no number, keeping each source's seed order", () => {
    const claim = asServed("speed-qlora-vs-lora");
    const groups = groupBySource(claim, ARTICLE_ORDER);
    expect(comparesReadings(claim, groups)).toBe(false);
    expect(groups[0]!.evidence.map((e) => e.id.split("/")[1])).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
    expect(verdict(claim, groups)).toBe("Sources disagree: QLoRA slower than LoRA vs QLoRA slower than LoRA vs QLoRA faster than LoRA");
  });

  it("counts an upper bound as a number and prints it as one", () => {
    const claim = asServed("memory-34b-qlora");
    const groups = groupBySource(claim, ARTICLE_ORDER);
    expect(comparesReadings(claim, groups)).toBe(true);
    expect(verdict(claim, groups)).toBe("Sources agree: 24 GB, ≤ 24 GB");
  });

  it("lists each distinct answer once when sources agree", () => {
    const claim = asServed("params-full");
    expect(verdict(claim, groupBySource(claim, ARTICLE_ORDER))).toBe("Sources agree: 100 %");
    const speed = asServed("speed-full-vs-lora");
    expect(verdict(speed, groupBySource(speed, ARTICLE_ORDER))).toBe("Sources agree: LoRA faster than full FT");
  });

  it("words an answer by its position, else its note, else its quote", () => {
    expect(answerText({ position: "QLoRA slower than LoRA", note: "overhead", quote: "q" })).toBe("QLoRA slower than LoRA");
    expect(answerText({ position: null, note: "LoRA rated Fast", quote: "Fast" })).toBe("LoRA rated Fast");
    expect(answerText({ position: null, note: null, quote: "Fast" })).toBe("Fast");
  });
});
