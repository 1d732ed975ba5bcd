import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { activityQuerySchema } from "@/lib/schemas/collab";
import { requireReader } from "@/lib/server/auth/permissions";
import { listActivity } from "@/lib/server/collab/review";

// GET /api/activity?user=&kind=&cursor= – the team's recent runs, comments and status changes, newest first
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json(await listActivity(parseQuery(request.url, activityQuerySchema)));
});
