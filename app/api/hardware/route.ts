import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { listHardware } from "@/lib/server/catalog";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/hardware – the GPU catalog with memory, TFLOP/s, bandwidth and hourly price
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json({ items: await listHardware() });
});
