import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { hardwareCreateSchema } from "@/lib/schemas/catalog-input";
import { createHardware, listHardware } from "@/lib/server/catalog";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";

// GET /api/hardware – the GPU catalog with memory, TFLOP/s, bandwidth and hourly price
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json({ items: await listHardware() });
});

// POST /api/hardware – add a GPU to the catalog (admin); 409 when the id or one of its names is taken
export const POST = withErrors(async (request) => {
  await requireActor(request, "admin");
  const input = await parseJsonBody(request, hardwareCreateSchema);
  return NextResponse.json(await createHardware(input), { status: 201 });
});
