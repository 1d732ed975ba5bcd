import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { calibrationQuerySchema } from "@/lib/schemas/predict";
import { getCalibration } from "@/lib/server/predict/calibration";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/calibration – predicted against measured memory and throughput over the runs, with error statistics
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const query = parseQuery(request.url, calibrationQuerySchema);
  return NextResponse.json(await getCalibration(query));
});
