// Model size classes for the memory-by-size chart (lib/compare/size-class.ts).
import { describe, expect, it } from "vitest";
import { modelSizeClass } from "@/lib/compare/size-class";
import { models } from "../../seed/catalog/models";

describe("modelSizeClass", () => {
  it.each([
    [6_738_415_616, "7B", 7e9], // LLaMA-7B / Llama 2 7B
    [7_241_732_096, "7B", 7e9], // Mistral 7B
    [7_615_616_512, "7B", 7e9], // Qwen2.5 7B
    [1_100_048_384, "1.1B", 1.1e9], // TinyLlama
    [13_015_864_320, "13B", 13e9],
    [33_743_970_304, "34B", 34e9],
    [68_976_648_192, "70B", 70e9], // Llama 2 70B
    [70_553_706_496, "70B", 70e9], // Llama 3.1 70B
    [3_821_079_552, "3.8B", 3.8e9], // Phi-3 mini
    [9_241_705_984, "9B", 9e9], // Gemma 2 9B
  ])("names %d parameters %s, the size it is sold as", (params, label, nominal) => {
    expect(modelSizeClass(params)).toEqual({ label, params: nominal });
  });

  it.each([
    [8_030_261_248, "8B"], // more than 10% from 7B and 9B: rounded
    [1_235_814_400, "1.2B"], // Llama 3.2 1B really has 1.24e9
    [2.2e10, "22B"],
    [1.24e8, "124M"],
  ])("rounds %d parameters that are far from a named size to %s", (params, label) => {
    expect(modelSizeClass(params).label).toBe(label);
  });

  it("puts the generic LLaMA sizes of the articles in the classes their names say", () => {
    for (const id of ["llama-7b", "llama-13b", "llama-34b", "llama-70b"]) {
      const model = models.find((m) => m.id === id)!;
      expect(modelSizeClass(model.totalParams).label).toBe(id.replace("llama-", "").toUpperCase());
    }
  });
});
