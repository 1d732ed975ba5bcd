import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { predictConfigSchema } from "@/lib/schemas/predict";
import { predictConfig } from "@/lib/server/predict/predict";
import { requireReader } from "@/lib/server/auth/permissions";

// POST /api/predict – memory, fits, throughput, time, cost and quality for one training configuration
export const POST = withErrors(async (request) => {
  await requireReader(request);
  const config = await parseJsonBody(request, predictConfigSchema);
  return NextResponse.json(await predictConfig(config));
});
