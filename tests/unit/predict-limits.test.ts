import { describe, expect, it } from "vitest";
import { hardware } from "../../seed/catalog/hardware";
import { models } from "../../seed/catalog/models";
import {
  estimateMemoryBytes,
  findLimits,
  findMaxBatchSize,
  findMaxSeqLen,
  fits,
  largestFitting,
  MAX_BATCH_SIZE,
  type GpuSpec,
  type TrainingConfig,
} from "@/lib/predict";

const llama = models.find((m) => m.id === "llama-7b")!;
const gpu = (id: string): GpuSpec => hardware.find((h) => h.id === id)!;
const config = (overrides: Partial<TrainingConfig> = {}): TrainingConfig => ({
  method: "qlora",
  rank: 16,
  targetModules: ["all-linear"],
  doubleQuant: false,
  precision: "bf16",
  batchSize: 1,
  seqLen: 2048,
  gradientCheckpointing: true,
  attention: "sdpa",
  optimizer: "adamw",
  gpuCount: 1,
  sharding: "none",
  ...overrides,
});
const gb = (c: TrainingConfig) => estimateMemoryBytes(c, llama).totalBytes / 1e9;

describe("fits", () => {
  it("compares GB per GPU with each card's memory and reports the headroom", () => {
    const rows = fits(20, [gpu("rtx-4090"), gpu("t4")]);
    expect(rows).toEqual([
      { hardwareId: "rtx-4090", name: "GeForce RTX 4090", memoryGb: 24, fits: true, headroomGb: 4 },
      { hardwareId: "t4", name: "NVIDIA T4", memoryGb: 16, fits: false, headroomGb: -4 },
    ]);
  });
});

describe("largestFitting", () => {
  it("finds the boundary of a monotone predicate, or null when even 1 fails", () => {
    expect(largestFitting((x) => x <= 37, 4096)).toBe(37);
    expect(largestFitting(() => true, 4096)).toBe(4096);
    expect(largestFitting(() => false, 4096)).toBeNull();
  });
});

describe("limits", () => {
  it("returns a largest batch that fits while one more does not", () => {
    for (const id of ["rtx-3060", "rtx-4090", "a100-80gb"]) {
      const card = gpu(id);
      const max = findMaxBatchSize(config(), llama, card);
      expect(max, id).not.toBeNull();
      expect(gb(config({ batchSize: max! }))).toBeLessThanOrEqual(card.memoryGb);
      if (max! < MAX_BATCH_SIZE) expect(gb(config({ batchSize: max! + 1 }))).toBeGreaterThan(card.memoryGb);
    }
  });

  it("returns a largest sequence length that fits while one more token does not", () => {
    const card = gpu("rtx-4090");
    const max = findMaxSeqLen(config({ batchSize: 2 }), llama, card)!;
    expect(gb(config({ batchSize: 2, seqLen: max }))).toBeLessThanOrEqual(24);
    expect(gb(config({ batchSize: 2, seqLen: max + 1 }))).toBeGreaterThan(24);
  });

  it("gives null limits when batch 1 does not fit at all", () => {
    expect(findLimits(config({ method: "full" }), llama, gpu("rtx-4090"))).toEqual({ hardwareId: "rtx-4090", maxBatchSize: null, maxSeqLen: null });
  });
});
