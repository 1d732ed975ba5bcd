import { describe, expect, it } from "vitest";
import { SEVEN_B, loraObservation } from "../support/architectures";
import { models } from "../../seed/catalog/models";
import { referenceRuns } from "../../seed/reference-runs";
import { fitQualityModel, predictQuality, runRecordFromSeed, toQualityObservations, type SourcedQualityObservation } from "@/lib/predict";

const query = { method: "lora", modelParams: SEVEN_B, rank: 16, targetModules: null } as const;

describe("quality intervals count sources, not cells", () => {
  it("widens the seeded MT-Bench interval by √(19/1): nineteen cells of one article are one check", () => {
    const model = fitQualityModel(toQualityObservations(referenceRuns.map(runRecordFromSeed), models));
    expect(model.mtBench!.sourceCount).toBe(1);
    expect(model.mtBench!.intervalHalfWidth).toBeCloseTo(1.96 * model.mtBench!.looRmse! * Math.sqrt(19), 9);
    const result = predictQuality(model, query);
    expect(result.mtBench!.high - result.mtBench!.point).toBeGreaterThan(0.4);
    expect(result.notes.join(" ")).toMatch(/19 cell\(s\) from 1 source\(s\)/);
  });

  it("keeps ± 1.96 x the leave-one-out RMSE for logged runs, each its own source", () => {
    const runs = [5.1, 5.2, 5.4, 5.4, 5.5].map((y, i) => loraObservation(`r${i}`, 2 ** (i + 1), { mtBench: y }));
    const model = fitQualityModel(runs);
    expect(model.mtBench!.sourceCount).toBe(5);
    expect(model.mtBench!.intervalHalfWidth).toBeCloseTo(1.96 * model.mtBench!.looRmse!, 9);
  });

  it("uses the error of predicting each source from the others when three sources disagree by a constant", () => {
    const offsets = { a: 0.3, b: 0, c: -0.3 } as const;
    const runs: SourcedQualityObservation[] = Object.entries(offsets).flatMap(([sourceId, offset]) =>
      [2, 4, 8, 16, 32].map((rank) => ({ ...loraObservation(`${sourceId}-${rank}`, rank, { mtBench: 5 + 0.1 * Math.log2(rank) + offset }), sourceId })),
    );
    const model = fitQualityModel(runs);
    expect(model.mtBench!.sourceCount).toBe(3);
    // Source a is predicted from b and c alone (mean offset -0.15), so it misses by 0.45: more than leave-one-out sees.
    expect(model.mtBench!.intervalHalfWidth!).toBeGreaterThan(1.96 * model.mtBench!.looRmse! * 1.2);
    expect(model.mtBench!.intervalHalfWidth!).toBeCloseTo(1.96 * Math.sqrt((0.45 ** 2 + 0 + 0.45 ** 2) / 3), 6);
  });
});
