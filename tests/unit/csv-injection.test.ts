import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "@/lib/csv";

describe("csvField (OWASP CSV injection)", () => {
  it.each([
    ["=", "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""],
    ["+", "+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\""],
    ["-", "-2+3", "\"'-2+3\""],
    ["@", "@SUM(1+1)", "\"'@SUM(1+1)\""],
    ["tab", "\t=1", "\"'\t=1\""],
    ["carriage return", "\r=1", "\"'\r=1\""],
  ])("prefixes text beginning with %s with a quote, inside a quoted field", (_name, text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it("neutralises a tag list whose first tag begins with a formula character", () => {
    expect(csvField(["=cmd", "ok"])).toBe("\"'=cmd;ok\"");
  });

  it("leaves text that only contains those characters later as it was", () => {
    expect(csvField("lr=2e-4")).toBe("lr=2e-4");
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it("writes numbers and booleans as values, so a negative number stays a number", () => {
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField(16)).toBe("16");
    expect(csvField(false)).toBe("false");
    expect(csvField(null)).toBe("");
    expect(csvRecord([-1, "-1", null])).toBe("-1,\"'-1\",");
  });
});
