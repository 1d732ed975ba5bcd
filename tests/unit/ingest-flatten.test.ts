// flattenConfig (lib/ingest/flatten.ts) writes a nested config as the params torchtune's MLFlowLogger.log_config sends:
// flatten_dict with "." (lists left whole) and each value through Python's str(). Expected strings are what CPython prints.
import { describe, expect, it } from "vitest";
import { flattenConfig, pythonRepr } from "@/lib/ingest/flatten";
import { parsePythonValue } from "@/lib/ingest/python-repr";

describe("flattenConfig", () => {
  it("joins nested keys with dots, drops empty dicts and keeps lists whole", () => {
    expect(flattenConfig({ model: { _component_: "torchtune.models.llama3_1.lora_llama3_1_8b", lora_attn_modules: ["q_proj", "v_proj"] }, profiler: {}, batch_size: 2 })).toEqual({
      "model._component_": "torchtune.models.llama3_1.lora_llama3_1_8b",
      "model.lora_attn_modules": "['q_proj', 'v_proj']",
      batch_size: "2",
    });
  });

  it("writes values as str() does: True, None, floats in Python's notation, strings bare at the top and quoted in lists", () => {
    expect(flattenConfig({ a: true, b: null, c: 0.0003, d: 1e-5, e: 2e-8, f: 1.5e16, g: "it's", h: [{ path: "x", type: "alpaca" }], i: ["it's", 'a "b"'] })).toEqual({
      a: "True",
      b: "None",
      c: "0.0003",
      d: "1e-05",
      e: "2e-08",
      f: "1.5e+16",
      g: "it's",
      h: "[{'path': 'x', 'type': 'alpaca'}]",
      i: `["it's", 'a "b"']`,
    });
  });

  it("takes another separator (Lightning's _flatten_dict joins with /)", () => {
    expect(flattenConfig({ train: { micro_batch_size: 4 } }, "/")).toEqual({ "train/micro_batch_size": "4" });
  });

  it("is undone by the repr reader for every value it writes", () => {
    const value = { list: ["q_proj", 1, 0.5, null, true], nested: { "quote'd": 'say "x"', tab: "a\tb" } };
    expect(parsePythonValue(pythonRepr(value))).toEqual(value);
  });

  it("gives nothing for a config that is not a mapping", () => {
    expect(flattenConfig(["a"])).toEqual({});
    expect(flattenConfig(null)).toEqual({});
  });
});
