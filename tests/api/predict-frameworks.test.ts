import { describe, expect, it } from "vitest";
import * as predictRoute from "@/app/api/predict/route";
import { predictionSchema } from "@/lib/schemas/predict";
import { call } from "../support/api";

const predictCall = (body: unknown) => call(predictRoute.POST, { method: "POST", path: "/api/predict", body });
const qlora8b = { model: "llama-3.1-8b", method: "qlora", batchSize: 2, seqLen: 2048, hardware: "rtx-4090" };

describe("POST /api/predict with a framework", () => {
  it("applies torchtune's defaults, lists who decided each setting and says so in the reasoning", async () => {
    const { status, body } = await predictCall({ ...qlora8b, framework: "torchtune", packing: false });
    expect(status).toBe(200);
    expect(() => predictionSchema.parse(body)).not.toThrow();
    const byField = Object.fromEntries(body.defaults.map((entry: { field: string; value: boolean; origin: string }) => [entry.field, [entry.value, entry.origin]]));
    expect(byField).toEqual({
      masterWeights: [false, "framework"],
      chunkedLoss: [true, "framework"],
      packing: [false, "request"],
      activationOffloading: [false, "framework"],
      torchCompile: [false, "framework"],
      optimizerInBackward: [false, "framework"],
      gradientCheckpointing: [true, "framework"],
    });
    expect(body.reasoning.some((line: string) => line.startsWith("torchtune defaults applied") && line.includes("chunked loss (8 chunks)"))).toBe(true);
  });

  it("predicts the torchtune recipe below the same request under transformers' defaults, and an override wins", async () => {
    const [torchtune, transformers, unchunked] = await Promise.all([
      predictCall({ ...qlora8b, framework: "torchtune" }),
      predictCall({ ...qlora8b, framework: "transformers" }),
      predictCall({ ...qlora8b, framework: "torchtune", chunkedLoss: false }),
    ]);
    expect(torchtune.body.memory.totalGb).toBeLessThan(transformers.body.memory.totalGb);
    expect(torchtune.body.fits.find((row: { hardwareId: string }) => row.hardwareId === "rtx-4090").fits).toBe(true);
    // Without the chunked loss the logits are held whole: 10 bytes per logit instead of torchtune's 4.75.
    expect(unchunked.body.memory.breakdown.logitsGb / torchtune.body.memory.breakdown.logitsGb).toBeCloseTo(10 / 4.75, 6);
    expect(unchunked.body.defaults.find((entry: { field: string }) => entry.field === "chunkedLoss")).toMatchObject({ value: false, origin: "request" });
  });

  it("refuses a misspelt field with 422 naming it, instead of ignoring it", async () => {
    const { status, body } = await predictCall({ ...qlora8b, gradientCheckpoint: true });
    expect(status).toBe(422);
    expect(JSON.stringify(body.error)).toContain("gradientCheckpoint");
  });

  it("refuses an unknown framework with 422 on the field", async () => {
    const { status, body } = await predictCall({ ...qlora8b, framework: "deepspeed" });
    expect(status).toBe(422);
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toContain("framework");
  });
});
