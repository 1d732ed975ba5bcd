import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { listSources } from "@/lib/server/sources";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/sources – every source with its table list
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json({ items: await listSources() });
});
