// The reader for the Python reprs MLflow stores params and tags as (lib/ingest/python-repr.ts).
import { describe, expect, it } from "vitest";
import { parseBoolean, parseNumber, parsePythonValue, parseStringList } from "@/lib/ingest/python-repr";

describe("parsePythonValue", () => {
  it("reads True, False, None and numbers as Python writes them", () => {
    expect(parsePythonValue("True")).toBe(true);
    expect(parsePythonValue("False")).toBe(false);
    expect(parsePythonValue("None")).toBeNull();
    expect(parsePythonValue("1e-05")).toBe(0.00001);
    expect(parsePythonValue("-3")).toBe(-3);
    expect(parsePythonValue("500000.0")).toBe(500000);
  });

  it("reads lists, tuples and sets (PEFT's target_modules) as arrays", () => {
    expect(parsePythonValue("['q_proj', 'v_proj']")).toEqual(["q_proj", "v_proj"]);
    expect(parsePythonValue("('a', 1)")).toEqual(["a", 1]);
    expect(parsePythonValue("{'v_proj', 'q_proj'}")).toEqual(["v_proj", "q_proj"]);
    expect(parsePythonValue("[]")).toEqual([]);
  });

  it("reads a dict with an Enum's repr as the Enum's value, and nested dicts", () => {
    expect(parsePythonValue("{'quant_method': <QuantizationMethod.BITS_AND_BYTES: 'bitsandbytes'>, 'load_in_4bit': True, 'skip': None, 'nested': {'a': [1, 2]}}")).toEqual({
      quant_method: "bitsandbytes",
      load_in_4bit: true,
      skip: null,
      nested: { a: [1, 2] },
    });
    expect(parsePythonValue("{0: 'LABEL_0'}")).toEqual({ 0: "LABEL_0" });
    expect(parsePythonValue("{}")).toEqual({});
  });

  it("reads strings in either quote with escapes, and keeps bare words as text", () => {
    expect(parsePythonValue(`["it's", 'say "hi"', 'a\\\\b\\n']`)).toEqual(["it's", 'say "hi"', "a\\b\n"]);
    expect(parsePythonValue("{'dtype': torch.bfloat16}")).toEqual({ dtype: "torch.bfloat16" });
    expect(parsePythonValue("adamw_torch")).toBe("adamw_torch");
  });

  it("returns text that is not a Python literal unchanged", () => {
    expect(parsePythonValue("/tmp/Meta-Llama-3.1-8B-Instruct/")).toBe("/tmp/Meta-Llama-3.1-8B-Instruct/");
    expect(parsePythonValue("['unterminated'")).toBe("['unterminated'");
    expect(parsePythonValue("memory/max_active (GiB)")).toBe("memory/max_active (GiB)");
    expect(parsePythonValue("[1, 2] trailing")).toBe("[1, 2] trailing");
  });
});

describe("scalar readers", () => {
  it("parseBoolean takes Python's, YAML's and JSON's spellings and nothing else", () => {
    expect(parseBoolean("True")).toBe(true);
    expect(parseBoolean("false")).toBe(false);
    expect(parseBoolean("1")).toBeUndefined();
    expect(parseBoolean("auto")).toBeUndefined();
  });

  it("parseNumber refuses None, nan, inf and text", () => {
    expect(parseNumber("3e-4")).toBe(0.0003);
    expect(parseNumber("None")).toBeUndefined();
    expect(parseNumber("nan")).toBeUndefined();
    expect(parseNumber("inf")).toBeUndefined();
    expect(parseNumber("8x")).toBeUndefined();
    expect(parseNumber(Number.NaN)).toBeUndefined();
  });

  it("parseStringList reads a list repr or one bare name, and refuses a list of non-strings", () => {
    expect(parseStringList("['q_proj', 'v_proj']")).toEqual(["q_proj", "v_proj"]);
    expect(parseStringList("all-linear")).toEqual(["all-linear"]);
    expect(parseStringList("[1, 2]")).toBeUndefined();
    expect(parseStringList("None")).toBeUndefined();
  });
});
