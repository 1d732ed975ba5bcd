// Where signing in may send you: /sign-in?next=<anything> comes from a link anyone can write, so only a path on
// this site survives; everything else is the home page.
import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT, safeNextPath } from "@/lib/auth/safe-next";

describe("safeNextPath", () => {
  it("keeps a same-origin path with its query and hash", () => {
    expect(safeNextPath("/runs")).toBe("/runs");
    expect(safeNextPath("/plan?method=qlora&rank=64")).toBe("/plan?method=qlora&rank=64");
    expect(safeNextPath("/runs?model=meta-llama%2FLlama-2-7b-hf#table")).toBe("/runs?model=meta-llama%2FLlama-2-7b-hf#table");
    expect(safeNextPath("/settings/account")).toBe("/settings/account");
  });

  it.each([
    ["/%5Cevil.example/c"],
    ["/\\evil.example/c"],
    ["/%09/evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["//evil.example"],
    ["///evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["/%2F%2Fevil.example"],
    ["/%2f/evil.example"],
    ["/.//evil.example"],
    ["/a/../..//evil.example"],
    ["/%2e%2e//evil.example"],
    ["https://evil.example"],
    ["http:evil.example"],
    ["javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["evil.example"],
    [" /runs"],
    ["/%zz"],
    [""],
  ])("sends %j to the home page", (next) => {
    expect(safeNextPath(next)).toBe(DEFAULT_NEXT);
  });

  it("falls back for a missing, repeated or overlong value, and to the given fallback", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(["/runs", "/plan"])).toBe("/");
    expect(safeNextPath(`/${"a".repeat(5000)}`)).toBe("/");
    expect(safeNextPath("//evil.example", "/runs")).toBe("/runs");
  });

  it("never returns a value the browser would resolve to another origin", () => {
    const tries = ["/runs", "//x", "/\\x", "/%5C%5Cx", "/\u0009/x", "/./%2F/x", "/..%2F/x", "/runs?next=//evil", "/#//evil"];
    for (const next of tries) {
      const target = new URL(safeNextPath(next), "http://tuneboard.test");
      expect(target.origin, next).toBe("http://tuneboard.test");
    }
  });
});
