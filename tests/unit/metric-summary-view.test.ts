// How the run page and the diff print metric summaries, and which keys and runs the diff singles out.
import { describe, expect, it } from "vitest";
import { diffMetricFields, pickDiffMetricKeys } from "@/lib/compare/diff";
import { bestRunIndices, formatMetricValue, formatStepValue, stepFromParam } from "@/lib/compare/metric-summary-view";
import { metricDirection } from "@/lib/runs/columns";

describe("formatMetricValue", () => {
  it("keeps four significant digits for losses, separators for large counts, exponents for tiny rates, and spells non-finite values", () => {
    expect(formatMetricValue(0.74972)).toBe("0.7497");
    expect(formatMetricValue(2.5)).toBe("2.5");
    expect(formatMetricValue(1234.56)).toBe("1,235");
    expect(formatMetricValue(123_456.7)).toBe("123,457");
    expect(formatMetricValue(0.0002)).toBe("2e-4");
    expect(formatMetricValue(-0.000012346)).toBe("-1.235e-5");
    expect(formatMetricValue(0)).toBe("0");
    expect(formatMetricValue("NaN")).toBe("NaN");
    expect(formatMetricValue("-Infinity")).toBe("-Infinity");
  });

  it("says the step a value came from, and a dash when there is no value", () => {
    expect(formatStepValue({ step: 92_679, value: 0.74972 })).toBe("0.7497 at step 92,679");
    expect(formatStepValue(null)).toBe("—");
  });
});

describe("stepFromParam", () => {
  it("accepts whole steps from 0 to 1e9 and nothing else", () => {
    expect(stepFromParam("0")).toBe(0);
    expect(stepFromParam(" 500 ")).toBe(500);
    expect(stepFromParam("1000000000")).toBe(1e9);
    for (const bad of [null, undefined, "", "-1", "1.5", "1e3", "ten", "1000000001"]) expect(stepFromParam(bad), String(bad)).toBeUndefined();
  });
});

describe("bestRunIndices", () => {
  it("marks the lowest loss and the highest accuracy among finite values, every run that ties for it, and none among equals", () => {
    const point = (value: number | "NaN" | "-Infinity") => ({ step: 1, value });
    expect(bestRunIndices([point(1.2), point(0.9), null, point("-Infinity")], "min")).toEqual([1]);
    expect(bestRunIndices([point(0.6), point(0.8), point(0.8)], "max")).toEqual([1, 2]);
    expect(bestRunIndices([point(0.5), point(0.5), point("NaN")], "min")).toEqual([]);
    expect(bestRunIndices([point(0.5), null], "min")).toEqual([]);
  });
});

describe("pickDiffMetricKeys", () => {
  it("keeps keys two or more runs logged, loss-like first, then the more widely shared, then by name, at most the limit", () => {
    const keys = pickDiffMetricKeys([
      ["eval/accuracy", "eval/loss", "learning_rate", "train/loss", "only/one"],
      ["eval/accuracy", "eval/loss", "learning_rate", "train/loss"],
      ["learning_rate", "train/loss", "grad_norm"],
    ]);
    expect(keys).toEqual(["train/loss", "eval/loss", "learning_rate", "eval/accuracy"]);
    expect(pickDiffMetricKeys([["a", "b", "c"], ["a", "b", "c"]], 2)).toEqual(["a", "b"]);
    expect(pickDiffMetricKeys([["train/loss"], []])).toEqual([]);
  });
});

describe("diffMetricFields", () => {
  it("gives a best and a last row per key with each run's point, and says they differ only when the values do", () => {
    const points = {
      "eval/loss:best": [{ step: 200, value: 1.2 }, { step: 400, value: 1.2 }],
      "eval/loss:last": [{ step: 300, value: 1.4 }, null],
    } as const;
    const fields = diffMetricFields(["eval/loss"], (key, stat) => [...points[`${key}:${stat}` as keyof typeof points]], metricDirection);
    expect(fields).toEqual([
      { field: "metric:eval/loss:best", label: "eval/loss: best (lower is better)", group: "metrics", values: points["eval/loss:best"], differs: false, direction: "min" },
      { field: "metric:eval/loss", label: "eval/loss: last", group: "metrics", values: points["eval/loss:last"], differs: true, direction: "min" },
    ]);
  });
});
