import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery, withErrors } from "@/lib/api/errors";
import { runCreateSchema, runListQuerySchema } from "@/lib/schemas/run";
import { listRuns } from "@/lib/server/runs/read-runs";
import { createRuns } from "@/lib/server/runs/write-runs";
import { requireActor, requireReader } from "@/lib/server/auth/actor";

// GET /api/runs – list runs with filters, sort and cursor pagination
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const query = parseQuery(request.url, runListQuerySchema);
  return NextResponse.json(await listRuns(query));
});

// POST /api/runs – create one run (201), or return the existing one for a repeated externalId (200)
export const POST = withErrors(async (request) => {
  const actor = await requireActor(request, "member");
  const input = await parseJsonBody(request, runCreateSchema);
  const [result] = await createRuns([input], { issuePrefix: () => "", createdById: actor.userId });
  return NextResponse.json(result!.run, { status: result!.created ? 201 : 200 });
});
