// The small pure helpers behind every chart: smoothing, CSV export, number and range formats, log-axis bounds.
import { describe, expect, it } from "vitest";
import { logBounds } from "@/components/charts/chart-options";
import type { DataRow } from "@/components/charts/chart-data-table";
import { toCsv } from "@/components/charts/download";
import { formatMillions, formatRange, formatValue } from "@/components/charts/format";
import { smoothEma } from "@/lib/compare/curves";

describe("smoothEma", () => {
  it("returns the series unchanged at weight 0 and leaves a constant series constant at any weight", () => {
    expect(smoothEma([3, 1, 2], 0)).toEqual([3, 1, 2]);
    for (const value of smoothEma([2, 2, 2, 2], 0.9)) expect(value).toBeCloseTo(2, 12);
  });

  it("debiases like TensorBoard: the first point is itself, later ones the weighted mean so far", () => {
    // weight 0.5 on [4, 0]: s1 = 0.5·4 = 2, debias 0.5 → 4; s2 = 0.5·2 + 0 = 1, debias 0.75 → 4/3.
    const [first, second] = smoothEma([4, 0], 0.5);
    expect(first).toBe(4);
    expect(second).toBeCloseTo(4 / 3, 12);
  });

  it("damps a spike more the higher the weight", () => {
    const series = [1, 1, 1, 10, 1, 1];
    expect(Math.max(...smoothEma(series, 0.9))).toBeLessThan(Math.max(...smoothEma(series, 0.5)));
    expect(Math.max(...smoothEma(series, 0.5))).toBeLessThan(10);
  });
});

describe("toCsv", () => {
  it("writes a header and one CRLF line per row, quoting commas, quotes and newlines, blank for missing values", () => {
    const columns = [{ key: "name", label: "Run name" }, { key: "gb", label: "Peak memory (GB)" }, { key: "note", label: "Note" }];
    const rows: DataRow[] = [
      { name: "7B LoRA, r=16", gb: 16, note: 'said "16GB"' },
      { name: "multi\nline", gb: null },
    ];
    expect(toCsv(columns, rows)).toBe('Run name,Peak memory (GB),Note\r\n"7B LoRA, r=16",16,"said ""16GB"""\r\n"multi\nline",,\r\n');
  });
});

describe("formats", () => {
  it("keeps ranges and open bounds as the source gave them", () => {
    expect(formatRange({ value: 16, min: 16, max: 16 })).toBe("16");
    expect(formatRange({ value: null, min: 24, max: 32 })).toBe("24–32");
    expect(formatRange({ value: null, min: 84, max: null })).toBe("84+");
    expect(formatRange({ value: null, min: 10, max: 10 })).toBe("10");
  });

  it("drops trailing zeros and writes parameter counts in millions", () => {
    expect(formatValue(6.4)).toBe("6.4");
    expect(formatValue(0.0449)).toBe("0.04");
    expect(formatMillions(16_777_216)).toBe("16.8M");
    expect(formatMillions(6_738_415_616)).toBe("6,738M");
  });
});

describe("logBounds", () => {
  it("pads positive values by the factor on both sides, never below the floor, and ignores zero and NaN", () => {
    expect(logBounds([4, 32, 0, Number.NaN], 1, 2)).toEqual({ min: 2, max: 64 });
    expect(logBounds([1.2], 1, 2)).toEqual({ min: 1, max: 2.4 });
    expect(logBounds([], 8)).toEqual({ min: 8, max: 128 });
  });
});
