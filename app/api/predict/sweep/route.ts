import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { sweepRequestSchema } from "@/lib/schemas/predict";
import { sweepConfigs } from "@/lib/server/predict/predict";
import { requireReader } from "@/lib/server/auth/permissions";

// POST /api/predict/sweep – one configuration with one or two fields varied, at most 1,000 points
export const POST = withErrors(async (request) => {
  await requireReader(request);
  const sweep = await parseJsonBody(request, sweepRequestSchema);
  return NextResponse.json(await sweepConfigs(sweep));
});
