import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { requireReader } from "@/lib/server/auth/permissions";
import { listPeople } from "@/lib/server/auth/users";

// GET /api/people – everyone's username and name (as comments and the activity feed show them), by name
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json({ items: await listPeople() });
});
