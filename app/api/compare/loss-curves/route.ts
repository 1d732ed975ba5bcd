import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { lossCurvesQuerySchema } from "@/lib/schemas/compare";
import { getLossCurves } from "@/lib/server/compare/loss-curves";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/compare/loss-curves?runIds=a,b&key=train/loss&maxPoints=800 – downsampled metric curves of up to 6 runs
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const query = parseQuery(request.url, lossCurvesQuerySchema);
  return NextResponse.json(await getLossCurves(query));
});
