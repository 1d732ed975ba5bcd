import "server-only";
import { prisma } from "@/lib/server/db/client";

export async function listModels() {
  const models = await prisma.model.findMany({ orderBy: [{ isGeneric: "asc" }, { family: "asc" }, { totalParams: "asc" }] });
  return models;
}

export async function listHardware() {
  const rows = await prisma.hardware.findMany({ orderBy: [{ memoryGb: "asc" }, { name: "asc" }] });
  return rows.map(({ aliases, ...row }) => ({ ...row, aliases: JSON.parse(aliases) as string[] }));
}
