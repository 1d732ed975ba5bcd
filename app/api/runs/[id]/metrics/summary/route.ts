import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { metricSummaryQuerySchema } from "@/lib/schemas/run-table";
import { requireReader } from "@/lib/server/auth/permissions";
import { summarizeRunMetrics } from "@/lib/server/runs/metric-summary";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id}/metrics/summary?step= – each metric's count, first, last, min, max and best with their steps, and the value at a step
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  const { step } = parseQuery(request.url, metricSummaryQuerySchema);
  return NextResponse.json(await summarizeRunMetrics(id, { step }));
});
