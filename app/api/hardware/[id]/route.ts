import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { hardwarePriceUpdateSchema } from "@/lib/schemas/catalog-input";
import { idParamsSchema } from "@/lib/schemas/common";
import { updateHardwarePrice } from "@/lib/server/catalog";
import { requireActor } from "@/lib/server/auth/permissions";

// PATCH /api/hardware/{id} – update a GPU's hourly price and where it comes from (admin)
export const PATCH = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  await requireActor(request, "admin");
  const { id } = idParamsSchema.parse(await params);
  const update = await parseJsonBody(request, hardwarePriceUpdateSchema);
  return NextResponse.json(await updateHardwarePrice(id, update));
});
