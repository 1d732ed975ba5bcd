import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { diffQuerySchema } from "@/lib/schemas/compare";
import { diffRuns } from "@/lib/server/compare/diff";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/compare/diff?ids=a,b,c – 2 to 6 runs side by side, each field flagged where they differ
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const { ids } = parseQuery(request.url, diffQuerySchema);
  return NextResponse.json(await diffRuns(ids));
});
