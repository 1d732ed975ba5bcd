import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery, withErrors } from "@/lib/api/errors";
import { runCreateSchema, runListQuerySchema } from "@/lib/schemas/run";
import { listRuns } from "@/lib/server/runs/read-runs";
import { createRuns } from "@/lib/server/runs/write-runs";

// GET /api/runs – list runs with filters, sort and cursor pagination
export const GET = withErrors(async (request) => {
  const query = parseQuery(request.url, runListQuerySchema);
  return NextResponse.json(await listRuns(query));
});

// POST /api/runs – create one run (201), or return the existing one for a repeated externalId (200)
export const POST = withErrors(async (request) => {
  const input = await parseJsonBody(request, runCreateSchema);
  const [result] = await createRuns([input], { issuePrefix: () => "" });
  return NextResponse.json(result!.run, { status: result!.created ? 201 : 200 });
});
