import { describe, expect, it } from "vitest";
import { escapeRegExp } from "@/lib/escape-regexp";

describe("escapeRegExp", () => {
  it("matches every character of the text literally, and nothing else", () => {
    const text = String.raw`a.b*c+d?e^f$g{h}i(j)k|l[m]n\o/p`;
    const pattern = new RegExp(`^${escapeRegExp(text)}$`);
    expect(pattern.test(text)).toBe(true);
    expect(pattern.test(text.replace(".", "x"))).toBe(false);
    expect(new RegExp(`^${escapeRegExp('{"points"')}$`).test('{"points"')).toBe(true);
  });
});
