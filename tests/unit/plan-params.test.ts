import { describe, expect, it } from "vitest";
import { DEFAULT_PLAN, planFromRecommendation, planFromSearchParams, planToPredictInput, planToRunInput, planToSearchParams } from "@/components/plan/plan-params";
import { predictConfigSchema, type Recommendation } from "@/lib/schemas/predict";

describe("/plan's form state", () => {
  it("leaves every switch to the framework by default, so the request carries none of them", () => {
    const input = planToPredictInput(DEFAULT_PLAN);
    expect(input.framework).toBe("transformers");
    for (const field of ["gradientCheckpointing", "packing", "chunkedLoss", "activationOffloading", "torchCompile", "optimizerInBackward", "masterWeights"]) {
      expect(input, field).not.toHaveProperty(field);
    }
    expect(predictConfigSchema.safeParse(input).success).toBe(true);
  });

  it("sends a switch the form sets, and keeps framework and switches in the URL", () => {
    const plan = { ...DEFAULT_PLAN, framework: "torchtune" as const, packing: true, masterWeights: false };
    expect(planToPredictInput(plan)).toMatchObject({ framework: "torchtune", packing: true, masterWeights: false });
    const params = planToSearchParams(plan);
    expect(params.toString()).toBe("framework=torchtune&masterWeights=0&packing=1");
    expect(planFromSearchParams(params)).toEqual(plan);
  });

  it("takes a recommendation's framework, batch and gradient accumulation, and logs them on the planned run", () => {
    const config: Recommendation["config"] = {
      model: "llama-3.1-8b", hardware: "a100-80gb", method: "lora", rank: 32, targetModules: ["q_proj", "v_proj"], doubleQuant: false, precision: "bf16",
      framework: "litgpt", batchSize: 4, gradientAccumulation: 4, seqLen: 2048, gradientCheckpointing: false, attention: "sdpa", optimizer: "adamw",
      gpuCount: 1, sharding: "none", datasetSize: 10_000, epochs: 1, tokensPerExample: 2048,
    };
    const plan = planFromRecommendation(DEFAULT_PLAN, config);
    expect(plan).toMatchObject({ framework: "litgpt", batchSize: 4, gradientAccumulation: 4, gradientCheckpointing: false });
    expect(planToPredictInput(plan)).not.toHaveProperty("gradientAccumulation");
    expect(planToRunInput(plan, undefined, "x")).toMatchObject({ framework: "litgpt", gradientAccumulation: 4, gradientCheckpointing: false });
  });
});
