import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { MAX_METRIC_BODY_BYTES, metricPointsSchema, metricQuerySchema, parseMetricPointsFast } from "@/lib/schemas/run";
import { inWriteTurn } from "@/lib/server/db/bulk-write";
import { appendMetricPoints, listMetricSeries } from "@/lib/server/runs/metrics";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id}/metrics?key=&maxPoints=&limit=&cursor= – metric history by key and step; downsampled with maxPoints, else paged
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  const query = parseQuery(request.url, metricQuerySchema);
  return NextResponse.json(await listMetricSeries(id, query));
});

// POST /api/runs/{id}/metrics – append a batch of points (a repeated key+step replaces the old value)
export const POST = withErrors(async (request, { params }: Context) => {
  await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  // One heavy write request at a time, so other requests are read between them (lib/server/db/bulk-write.ts).
  return inWriteTurn(async () => {
    const { points } = await parseJsonBody(request, metricPointsSchema, { maxBytes: MAX_METRIC_BODY_BYTES, nonFiniteNumbers: true, fastPath: parseMetricPointsFast, arrayKey: "points" });
    // no-transform: Next gzips every answer it may, and for this 20-byte one that cost ~0.5 ms of each write.
    return NextResponse.json(await appendMetricPoints(id, points), { status: 201, headers: { "cache-control": "no-transform" } });
  });
});
