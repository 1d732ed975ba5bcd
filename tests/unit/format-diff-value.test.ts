import { describe, expect, it } from "vitest";
import { formatDiffValue } from "@/lib/compare/format-diff-value";

describe("formatDiffValue", () => {
  it("prints a peak-memory range as the runs table does, not as JSON", () => {
    expect(formatDiffValue({ value: null, min: 10, max: 12 })).toBe("10–12 GB");
  });

  it("prints an open-ended lower bound with a plus", () => {
    expect(formatDiffValue({ value: null, min: 84, max: null })).toBe("84+ GB");
  });

  it("prints a measured point once, without its degenerate range", () => {
    expect(formatDiffValue({ value: 16, min: 16, max: 16 })).toBe("16 GB");
  });

  it("keeps the other shapes: unset, booleans, lists and sources by title", () => {
    expect(formatDiffValue(null)).toBe("—");
    expect(formatDiffValue(true)).toBe("yes");
    expect(formatDiffValue(["q_proj", "v_proj"])).toBe("q_proj, v_proj");
    expect(formatDiffValue({ id: "s", title: "An article" })).toBe("An article");
  });
});
