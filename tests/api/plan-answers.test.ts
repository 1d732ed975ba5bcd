// The answers /plan acts on, through the route handlers: no price for a configuration that does not fit (with
// what would make it fit, each change predicted again), and a recommender that offers LoRA where it fits and is
// faster, reaches the effective batch with gradient accumulation and passes the framework through.
import { describe, expect, it } from "vitest";
import * as predictRoute from "@/app/api/predict/route";
import * as recommendRoute from "@/app/api/recommend/route";
import { predictionSchema, recommendResponseSchema } from "@/lib/schemas/predict";
import { call } from "../support/api";

const predictCall = (body: unknown) => call(predictRoute.POST, { method: "POST", path: "/api/predict", body });
const recommendCall = (body: unknown) => call(recommendRoute.POST, { method: "POST", path: "/api/recommend", body });

describe("POST /api/predict for a configuration that does not fit the chosen GPU", () => {
  it("gives no time or cost for an 8B full fine-tune on a 24 GB card, and advice that fits when predicted again", async () => {
    const { status, body } = await predictCall({ model: "llama-3.1-8b", method: "full", hardware: "rtx-4090", datasetSize: 10_000 });
    expect(status).toBe(200);
    const prediction = predictionSchema.parse(body);
    expect(prediction.memory.totalGb).toBeGreaterThan(24);
    expect(prediction.time).toBeNull();
    expect(prediction.cost).toBeNull();
    expect(prediction.fitAdvice.length).toBeGreaterThan(0);
    expect(prediction.fitAdvice.join("\n")).toMatch(/instead of full fine-tuning/);

    // The QLoRA advice, as a person would apply it, fits and is priced.
    const qlora = prediction.fitAdvice.find((line) => line.startsWith("QLoRA"))!;
    const again = predictionSchema.parse(
      (await predictCall({ model: "llama-3.1-8b", method: "qlora", hardware: "rtx-4090", datasetSize: 10_000, gradientCheckpointing: / with gradient checkpointing/.test(qlora) })).body,
    );
    expect(again.memory.totalGb).toBeLessThanOrEqual(24);
    expect(again.cost!.usd).toBeGreaterThan(0);
    expect(again.fitAdvice).toEqual([]);
  });
});

describe("POST /api/recommend", () => {
  it("offers bf16 LoRA first for an 8B model on an 80 GB card with priority speed, at an effective batch of 16", async () => {
    const { status, body } = await recommendCall({ hardware: "a100-80gb", model: "meta-llama/Llama-3.1-8B", datasetSize: 10_000, priority: "speed" });
    expect(status).toBe(200);
    const { items } = recommendResponseSchema.parse(body);
    expect(items[0]!.config).toMatchObject({ method: "lora", precision: "bf16", framework: "transformers" });
    for (const item of items) {
      expect(item.effectiveBatch).toBe(item.config.batchSize * item.config.gradientAccumulation * item.config.gpuCount);
      expect(item.effectiveBatch).toBeGreaterThanOrEqual(16);
      expect(item.fit.kind).toBe("fits");
      expect(item.fit.text).toMatch(/^fits: .* GB of 80 GB \(\d+\.\d GB to spare/);
    }
    // Cards differ from the first in something a person weighs.
    for (const item of items.slice(1)) expect(item.differences.length).toBeGreaterThan(0);
  });

  it("predicts each card with the framework asked for, as /api/predict does", async () => {
    const { body } = await recommendCall({ hardware: "a100-80gb", model: "llama-3.1-8b", datasetSize: 10_000, priority: "speed", framework: "torchtune" });
    const [top] = recommendResponseSchema.parse(body).items;
    expect(top!.config.framework).toBe("torchtune");
    const { gradientAccumulation, ...config } = top!.config;
    void gradientAccumulation;
    const predicted = predictionSchema.parse((await predictCall(config)).body);
    expect(predicted.memory.totalGb).toBeCloseTo(top!.memoryGb, 9);
    expect(predicted.throughput!.tokensPerSec).toBeCloseTo(top!.tokensPerSec, 6);
  });

  it("refuses an unknown framework with 422 on the field", async () => {
    const { status, body } = await recommendCall({ hardware: "a100-80gb", model: "llama-3.1-8b", datasetSize: 10_000, framework: "deepspeed-chat" });
    expect(status).toBe(422);
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(["framework"]);
  });
});
