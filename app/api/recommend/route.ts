import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { recommendRequestSchema } from "@/lib/schemas/predict";
import { recommendConfigs } from "@/lib/server/predict/predict";
import { requireReader } from "@/lib/server/auth/permissions";

// POST /api/recommend – ranked configurations that fit the given GPUs, with the reasoning behind each
export const POST = withErrors(async (request) => {
  await requireReader(request);
  const input = await parseJsonBody(request, recommendRequestSchema);
  return NextResponse.json(await recommendConfigs(input));
});
