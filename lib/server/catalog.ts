import "server-only";
import type { CatalogHardware, CatalogModel } from "@/lib/schemas/catalog";
import { prisma } from "@/lib/server/db/client";

export async function listModels(): Promise<CatalogModel[]> {
  return prisma.model.findMany({ orderBy: [{ isGeneric: "asc" }, { family: "asc" }, { totalParams: "asc" }] });
}

export async function listHardware(): Promise<CatalogHardware[]> {
  const rows = await prisma.hardware.findMany({ orderBy: [{ memoryGb: "asc" }, { name: "asc" }] });
  return rows.map(({ aliases, ...row }) => ({ ...row, aliases: JSON.parse(aliases) as string[] }));
}
