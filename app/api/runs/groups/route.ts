import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { runGroupsQuerySchema } from "@/lib/schemas/run-table";
import { requireReader } from "@/lib/server/auth/permissions";
import { groupRuns } from "@/lib/server/runs/group-runs";

// GET /api/runs/groups – the filtered runs grouped by 1–4 fields: count, OOMs and each outcome's mean, std, min and max
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const query = parseQuery(request.url, runGroupsQuerySchema);
  return NextResponse.json(await groupRuns(query));
});
