import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { claimListQuerySchema } from "@/lib/schemas/common";
import { listClaims } from "@/lib/server/sources";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/claims?disagreeing=true – each claim with every source's answer, flagged where they contradict
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const { disagreeing } = parseQuery(request.url, claimListQuerySchema);
  return NextResponse.json({ items: await listClaims({ disagreeing: disagreeing === "true" }) });
});
