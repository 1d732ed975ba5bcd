import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { experimentCreateSchema, experimentListQuerySchema } from "@/lib/schemas/experiment";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";
import { createExperiment, listExperiments } from "@/lib/server/experiments";

// GET /api/experiments – experiments by name with run counts and last activity; archived ones with ?includeArchived=true
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const query = parseQuery(request.url, experimentListQuerySchema);
  return NextResponse.json({ items: await listExperiments({ includeArchived: query.includeArchived === "true" }) });
});

// POST /api/experiments – create an experiment (members); a taken name is a 409
export const POST = withErrors(async (request) => {
  await requireActor(request, "member");
  const input = await parseJsonBody(request, experimentCreateSchema);
  return NextResponse.json(await createExperiment(input), { status: 201 });
});
