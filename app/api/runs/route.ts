import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { ApiError, parseQuery, withErrors } from "@/lib/api/errors";
import { runDeletedQuerySchema } from "@/lib/schemas/collab";
import { getReader, isAdmin, requireActor } from "@/lib/server/auth/permissions";
import { runCreateSchema, runListQuerySchema } from "@/lib/schemas/run";
import { listRunsJson } from "@/lib/server/runs/read-runs";
import { createRuns } from "@/lib/server/runs/write-runs";

// GET /api/runs – list runs with filters, sort and cursor pagination; ?deleted=true lists soft-deleted runs (admins)
export const GET = withErrors(async (request) => {
  const reader = await getReader(request);
  const query = parseQuery(request.url, runListQuerySchema);
  const deleted = parseQuery(request.url, runDeletedQuerySchema).deleted === "true";
  if (deleted && !isAdmin(reader)) throw new ApiError(reader ? "forbidden" : "unauthorized", "Only admins can list deleted runs");
  return new NextResponse(await listRunsJson(query, { deleted }), { headers: { "content-type": "application/json" } });
});

// POST /api/runs – create one run (201), or return the existing one for a repeated externalId (200)
export const POST = withErrors(async (request) => {
  const actor = await requireActor(request, "member");
  const input = await parseJsonBody(request, runCreateSchema);
  const [result] = await createRuns([input], { issuePrefix: () => "", createdById: actor.userId });
  return NextResponse.json(result!.run, { status: result!.created ? 201 : 200 });
});
