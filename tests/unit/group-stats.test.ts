import { describe, expect, it } from "vitest";
import {
  errorBarExtent, formatMeanStd, formatMinMax, groupByFromParam, groupFieldLabel, groupKeyValueLabel, groupLabel, statsFromSums,
} from "@/lib/runs/group-stats";

const sumsOf = (values: number[]) => ({
  n: values.length,
  sum: values.length ? values.reduce((a, b) => a + b, 0) : null,
  sumSquares: values.length ? values.reduce((a, b) => a + b * b, 0) : null,
  min: values.length ? Math.min(...values) : null,
  max: values.length ? Math.max(...values) : null,
});

describe("statsFromSums", () => {
  it("gives the mean and the sample (n − 1) standard deviation", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sample variance 32/7.
    expect(statsFromSums(sumsOf([2, 4, 4, 4, 5, 5, 7, 9]))).toEqual({ n: 8, mean: 5, std: Math.sqrt(32 / 7), min: 2, max: 9 });
  });

  it("has no std below two values and nothing at all without values", () => {
    expect(statsFromSums(sumsOf([3.5]))).toEqual({ n: 1, mean: 3.5, std: null, min: 3.5, max: 3.5 });
    expect(statsFromSums(sumsOf([]))).toEqual({ n: 0, mean: null, std: null, min: null, max: null });
  });

  it("gives exactly 0 for equal values, where the one-pass formula's rounding would not", () => {
    const values = [0.1, 0.1, 0.1];
    const sums = sumsOf(values);
    expect(sums.sumSquares! - (sums.sum! * sums.sum!) / 3).not.toBe(0);
    expect(statsFromSums(sums).std).toBe(0);
  });

  it("keeps the spread of values whose mean is 10,000 times it to 1e-7 relative (the one-pass formula's limit)", () => {
    const values = [1000.1, 1000.2, 1000.3];
    expect(Math.abs(statsFromSums(sumsOf(values)).std! - 0.1) / 0.1).toBeLessThan(1e-7);
  });
});

describe("group labels", () => {
  it("reads each key value as people write it", () => {
    expect(groupKeyValueLabel("method", "qlora")).toBe("QLoRA");
    expect(groupKeyValueLabel("rank", 16)).toBe("r=16");
    expect(groupKeyValueLabel("learningRate", 0.0002)).toBe("lr 2e-4");
    expect(groupKeyValueLabel("learningRate", 0.00015)).toBe("lr 1.5e-4");
    expect(groupKeyValueLabel("gpuCount", 1)).toBe("1 GPU");
    expect(groupKeyValueLabel("gradientCheckpointing", false)).toBe("no checkpointing");
    expect(groupKeyValueLabel("quantization", "none")).toBe("no quantization");
    expect(groupKeyValueLabel("param:lora_dropout", "0.05")).toBe("lora_dropout=0.05");
  });

  it("says what is missing for a null key, and names hardware, experiments and sources", () => {
    expect(groupKeyValueLabel("rank", null)).toBe("no rank");
    expect(groupKeyValueLabel("param:seed", null)).toBe("no seed");
    expect(groupKeyValueLabel("source", null)).toBe("logged runs");
    const names = { hardware: new Map([["a100-80gb", "NVIDIA A100 80GB"]]) };
    expect(groupKeyValueLabel("hardware", "a100-80gb", names)).toBe("NVIDIA A100 80GB");
    expect(groupKeyValueLabel("hardware", "unknown-gpu", names)).toBe("unknown-gpu");
  });

  it("joins the key values in the order grouped", () => {
    expect(groupLabel(["method", "rank", "modelName"], { method: "lora", rank: 8, modelName: "Llama 2 7B" })).toBe("LoRA · r=8 · Llama 2 7B");
    expect(groupFieldLabel("gradientAccumulation")).toBe("Grad. accumulation");
    expect(groupFieldLabel("param:warmup_steps")).toBe("warmup_steps");
  });
});

describe("error bars and formats", () => {
  it("spans mean ± std, with min and max apart; a single value has zero-width bars", () => {
    expect(errorBarExtent({ n: 3, mean: 12, std: 2, min: 10, max: 14 })).toEqual({ mean: 12, low: 10, high: 14, min: 10, max: 14 });
    expect(errorBarExtent({ n: 1, mean: 6, std: null, min: 6, max: 6 })).toEqual({ mean: 6, low: 6, high: 6, min: 6, max: 6 });
    expect(errorBarExtent({ n: 0, mean: null, std: null, min: null, max: null })).toBeNull();
  });

  it("formats mean ± std and min–max", () => {
    expect(formatMeanStd({ n: 2, mean: 42, std: Math.sqrt(8), min: 40, max: 44 })).toBe("42 ± 2.83");
    expect(formatMeanStd({ n: 1, mean: 6.5, std: null, min: 6.5, max: 6.5 })).toBe("6.5");
    expect(formatMeanStd({ n: 0, mean: null, std: null, min: null, max: null })).toBe("—");
    expect(formatMinMax({ n: 2, mean: 42, std: 2.8, min: 40, max: 44 })).toBe("40–44");
    expect(formatMinMax({ n: 1, mean: 6, std: null, min: 6, max: 6 })).toBe("6");
  });

  it("reads the group list from a URL value, dropping unknown and repeated keys", () => {
    expect(groupByFromParam("method,rank,colour,method,param:seed,modelName", 4)).toEqual(["method", "rank", "param:seed", "modelName"]);
    expect(groupByFromParam(null, 4)).toEqual([]);
  });
});
