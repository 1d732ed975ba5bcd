import { describe, expect, it } from "vitest";
import { compareViewFromSearchParams, compareViewToSearchParams } from "@/components/compare/compare-params";

describe("/compare's URL state", () => {
  it("keeps the loss curves' x axis, leaving the default (step) out of the link", () => {
    const view = compareViewFromSearchParams(new URLSearchParams("runs=a,b&x=epoch&smooth=0.8"));
    expect(view.xAxis).toBe("epoch");
    expect(compareViewToSearchParams(view).get("x")).toBe("epoch");
    expect(compareViewToSearchParams({ ...view, xAxis: "step" }).has("x")).toBe(false);
  });

  it("reads an unknown x axis as step rather than failing the page", () => {
    expect(compareViewFromSearchParams(new URLSearchParams("x=wallclock")).xAxis).toBe("step");
  });
});
