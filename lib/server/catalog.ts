import "server-only";
import { ApiError, invalidFields, notFound } from "@/lib/api/errors";
import { matchHardware, type NamedHardware } from "@/lib/catalog/hardware-names";
import { ModelConfigError, modelFromConfigJson, type ModelFromConfig } from "@/lib/ingest/model-config";
import { countParameters } from "@/lib/predict/params";
import type { CatalogHardware, CatalogModel } from "@/lib/schemas/catalog";
import type { HardwareCreateInput, HardwarePriceUpdate, ModelCreateInput } from "@/lib/schemas/catalog-input";
import type { Hardware } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/server/db/client";

export async function listModels(): Promise<CatalogModel[]> {
  return prisma.model.findMany({ orderBy: [{ isGeneric: "asc" }, { family: "asc" }, { totalParams: "asc" }] });
}

const decodeHardware = ({ aliases, ...row }: Hardware): CatalogHardware => ({ ...row, aliases: JSON.parse(aliases) as string[] });

export async function listHardware(): Promise<CatalogHardware[]> {
  const rows = await prisma.hardware.findMany({ orderBy: [{ memoryGb: "asc" }, { name: "asc" }] });
  return rows.map(decodeHardware);
}

/** The names the matcher reads, aliases decoded. */
export async function listHardwareNames(): Promise<NamedHardware[]> {
  const rows = await prisma.hardware.findMany({ select: { id: true, name: true, aliases: true, memoryGb: true } });
  return rows.map((row) => ({ ...row, aliases: JSON.parse(row.aliases) as string[] }));
}

/**
 * The catalog id for a catalog id, display name, alias or `torch.cuda.get_device_name()` string
 * ("NVIDIA A100-SXM4-80GB" → "a100-80gb"), or null when no single catalogued GPU fits.
 */
export async function findHardwareByName(name: string): Promise<string | null> {
  return matchHardware(name, await listHardwareNames());
}

/** 409 when the id exists, or when one of the new names already means another GPU (it would make names ambiguous). */
export async function createHardware(input: HardwareCreateInput): Promise<CatalogHardware> {
  const existing = await listHardwareNames();
  if (existing.some((gpu) => gpu.id === input.id)) throw new ApiError("conflict", `hardware '${input.id}' already exists`);
  const aliases = [...new Set(input.aliases)];
  for (const label of [input.name, ...aliases]) {
    const owner = existing.find((gpu) => [gpu.id, gpu.name, ...gpu.aliases].some((known) => known.trim().toLowerCase() === label.toLowerCase()));
    if (owner) throw new ApiError("conflict", `the name '${label}' already means catalogued hardware '${owner.id}'`);
  }
  const row = await prisma.hardware.create({ data: { ...input, aliases: JSON.stringify(aliases) } });
  return decodeHardware(row);
}

export async function updateHardwarePrice(id: string, update: HardwarePriceUpdate): Promise<CatalogHardware> {
  const found = await prisma.hardware.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw notFound("Hardware", id);
  return decodeHardware(await prisma.hardware.update({ where: { id }, data: update }));
}

/** The model a create request describes, with its exact parameter count; invalid config.json → 422 naming each problem. */
export function modelFromInput(input: ModelCreateInput): ModelFromConfig {
  if (input.config !== undefined) {
    try {
      const model = modelFromConfigJson(input.config, { id: input.id, hfId: input.hfId, name: input.name });
      return { ...model, family: input.family ?? model.family, notes: input.notes ?? model.notes, citation: input.citation ?? model.citation };
    } catch (error) {
      if (error instanceof ModelConfigError) throw invalidFields(error.problems.map((message) => ({ path: "config", message })));
      throw error;
    }
  }
  // The schema's refinement guarantees these when no config is given.
  const hiddenSize = input.hiddenSize!;
  const numAttentionHeads = input.numAttentionHeads!;
  if (input.headDim === undefined && hiddenSize % numAttentionHeads !== 0) {
    throw invalidFields([{ path: "headDim", message: `required: hiddenSize ${hiddenSize} is not divisible by numAttentionHeads ${numAttentionHeads}` }]);
  }
  const architecture = {
    hiddenSize,
    intermediateSize: input.intermediateSize!,
    numLayers: input.numLayers!,
    numAttentionHeads,
    numKeyValueHeads: input.numKeyValueHeads ?? numAttentionHeads,
    headDim: input.headDim ?? hiddenSize / numAttentionHeads,
    vocabSize: input.vocabSize!,
    tiedEmbeddings: input.tiedEmbeddings,
    attentionBias: input.attentionBias,
    normsPerLayer: input.normsPerLayer,
  };
  const totalParams = countParameters(architecture).total;
  return {
    id: input.id!,
    hfId: input.hfId ?? null,
    name: input.name!,
    family: input.family ?? "custom",
    ...architecture,
    totalParams,
    notes: input.notes ?? "Architecture entered by an admin.",
    citation: input.citation ?? `Architecture fields entered by an admin; parameter count ${totalParams.toLocaleString("en-US")} computed with lib/predict/params.ts countParameters.`,
  };
}

/** 409 when the id or the Hugging Face id is already catalogued. */
export async function createModel(input: ModelCreateInput): Promise<CatalogModel> {
  const { attentionBias: _bias, normsPerLayer: _norms, ...model } = modelFromInput(input);
  // The Model table keeps no attentionBias / normsPerLayer: predictions recover them from totalParams
  // (lib/server/predict/context.ts toArchitecture), which was computed with them.
  const clash = await prisma.model.findFirst({ where: { OR: [{ id: model.id }, ...(model.hfId ? [{ hfId: model.hfId }] : [])] }, select: { id: true, hfId: true } });
  if (clash) {
    throw new ApiError("conflict", clash.id === model.id ? `model '${model.id}' already exists` : `'${model.hfId}' is already catalogued as model '${clash.id}'`);
  }
  return prisma.model.create({ data: { ...model, isGeneric: false } });
}
