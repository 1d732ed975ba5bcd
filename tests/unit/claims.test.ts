// The pure rules that decide whether sources disagree, and how a reading is printed.
import { describe, expect, it } from "vitest";
import { type EvidenceReading, findDisagreements, formatReading, intervalsOverlap } from "@/lib/claims";

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
