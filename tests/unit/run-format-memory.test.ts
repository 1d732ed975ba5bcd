// How the run page and the runs table print a memory figure (issue 11): an upper bound alone ("fits in 8 GB"), the
// figure as the source printed it, and whether it is one GPU's peak or a total over several.
import { describe, expect, it } from "vitest";
import { memoryRange } from "@/lib/compare/ranges";
import { formatMemory, formatMemoryConversion, formatMemoryScope } from "@/lib/runs/format";

const memory = { oom: false, peakMemoryGb: null, peakMemoryGbMin: null, peakMemoryGbMax: null, peakMemoryMeasure: null, peakMemoryOriginal: null } as const;

describe("formatMemory", () => {
  it("prints an upper bound alone as ≤, and says 'fits in' when that is what the source measured", () => {
    expect(formatMemory({ ...memory, peakMemoryGbMax: 8, peakMemoryMeasure: "fits-in" })).toBe("≤ 8 GB (fits in)");
    expect(formatMemory({ ...memory, peakMemoryGbMax: 8 })).toBe("≤ 8 GB");
  });

  it("keeps points, ranges, lower bounds and OOM as before", () => {
    expect(formatMemory({ ...memory, peakMemoryGb: 7.5055 })).toBe("7.51 GB");
    expect(formatMemory({ ...memory, peakMemoryGbMin: 24, peakMemoryGbMax: 32 })).toBe("24–32 GB");
    expect(formatMemory({ ...memory, peakMemoryGbMin: 84 })).toBe("84+ GB");
    expect(formatMemory({ ...memory, oom: true, peakMemoryGbMax: 8 })).toBe("OOM");
    expect(formatMemory(memory)).toBe("—");
  });
});

describe("formatMemoryConversion and formatMemoryScope", () => {
  it("shows the printed figure and what it became: 6.99 GiB → 7.51 GB", () => {
    expect(formatMemoryConversion({ ...memory, peakMemoryGb: 7.5055, peakMemoryOriginal: "6.99 GiB" })).toBe("6.99 GiB → 7.51 GB");
    expect(formatMemoryConversion({ ...memory, peakMemoryGb: 16 })).toBeNull();
  });

  it("names a total over several GPUs, and a per-GPU figure as such", () => {
    expect(formatMemoryScope({ peakMemoryScope: "total", gpuCount: 4 })).toBe("total over 4 GPUs");
    expect(formatMemoryScope({ peakMemoryScope: "per-gpu", gpuCount: 4 })).toBe("per GPU");
    expect(formatMemoryScope({ peakMemoryScope: null, gpuCount: 1 })).toBeNull();
  });
});

describe("memoryRange", () => {
  it("reads an upper bound alone as 0 to the bound, so the diff and charts do not lose it", () => {
    expect(memoryRange({ peakMemoryGb: null, peakMemoryGbMin: null, peakMemoryGbMax: 8 })).toEqual({ value: null, min: 0, max: 8 });
    expect(memoryRange({ peakMemoryGb: null, peakMemoryGbMin: null, peakMemoryGbMax: null })).toBeNull();
  });
});
