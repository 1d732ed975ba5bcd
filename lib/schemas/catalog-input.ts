// Contracts of the catalog writes: POST /api/hardware, PATCH /api/hardware/{id}, POST /api/models. Memory is in
// GB = 1e9 bytes as marketed, tensor throughput in dense TFLOP/s (no 2:4 sparsity), bandwidth in GB/s, price in
// USD per GPU-hour, like the seeded catalog (seed/catalog).
import { z } from "zod";

const catalogId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' and '-' (e.g. rtx-5090, qwen2.5-14b)");
const source = z.string().trim().min(1, "say where the figure comes from").max(2_000);

export const hardwareCreateSchema = z.strictObject({
  id: catalogId,
  name: z.string().trim().min(1).max(120),
  vendor: z.string().trim().min(1).max(60).default("NVIDIA"),
  memoryGb: z.number().positive().max(4_096).describe("GB = 1e9 bytes, as marketed"),
  bf16DenseTflops: z.number().positive().max(100_000).nullable().default(null).describe("Dense BF16 tensor TFLOP/s; null when the chip has no BF16 path"),
  fp16DenseTflops: z.number().positive().max(100_000).describe("Dense FP16 tensor TFLOP/s with FP32 accumulate"),
  memoryBandwidthGbs: z.number().positive().max(100_000),
  hourlyPriceUsd: z.number().min(0).max(10_000).describe("Typical on-demand price of one GPU, USD/hour"),
  priceSource: source,
  specSource: source,
  aliases: z.array(z.string().trim().min(1).max(120)).max(30).default([]).describe("Names articles and torch.cuda.get_device_name() use"),
});
export type HardwareCreateInput = z.output<typeof hardwareCreateSchema>;

export const hardwarePriceUpdateSchema = z.strictObject({
  hourlyPriceUsd: z.number().min(0).max(10_000),
  priceSource: source,
});
export type HardwarePriceUpdate = z.output<typeof hardwarePriceUpdateSchema>;

const positiveInt = (max: number) => z.number().int().min(1).max(max);

/** Explicit architecture fields; totalParams is computed, never sent. */
const modelFields = {
  hiddenSize: positiveInt(65_536),
  intermediateSize: positiveInt(262_144),
  numLayers: positiveInt(1024),
  numAttentionHeads: positiveInt(1024),
  numKeyValueHeads: positiveInt(1024),
  headDim: positiveInt(1024),
  vocabSize: positiveInt(1_000_000),
  tiedEmbeddings: z.boolean(),
  attentionBias: z.boolean(),
  normsPerLayer: z.number().int().min(0).max(8),
};

/**
 * A model either from a pasted config.json (`config`, with optional id / hfId / name overriding what it says) or
 * from explicit architecture fields (then id, name and every field but headDim are required).
 */
export const modelCreateSchema = z
  .strictObject({
    config: z.record(z.string(), z.unknown()).optional().describe("A Hugging Face config.json, parsed"),
    id: catalogId.optional(),
    hfId: z.string().trim().min(1).max(200).regex(/^[\w.-]+\/[\w.-]+$/, "owner/name, as on the Hugging Face Hub").nullable().optional(),
    name: z.string().trim().min(1).max(120).optional(),
    family: z.string().trim().min(1).max(60).optional(),
    hiddenSize: modelFields.hiddenSize.optional(),
    intermediateSize: modelFields.intermediateSize.optional(),
    numLayers: modelFields.numLayers.optional(),
    numAttentionHeads: modelFields.numAttentionHeads.optional(),
    numKeyValueHeads: modelFields.numKeyValueHeads.optional().describe("Defaults to numAttentionHeads"),
    headDim: modelFields.headDim.optional().describe("Defaults to hiddenSize / numAttentionHeads"),
    vocabSize: modelFields.vocabSize.optional(),
    tiedEmbeddings: modelFields.tiedEmbeddings.default(false),
    attentionBias: modelFields.attentionBias.default(false),
    normsPerLayer: modelFields.normsPerLayer.default(2),
    notes: z.string().trim().max(2_000).optional(),
    citation: z.string().trim().min(1).max(2_000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.config !== undefined) return;
    for (const key of ["id", "name", "hiddenSize", "intermediateSize", "numLayers", "numAttentionHeads", "vocabSize"] as const) {
      if (input[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `required when no config is given` });
    }
  });
export type ModelCreateInput = z.output<typeof modelCreateSchema>;
