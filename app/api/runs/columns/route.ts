import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { requireReader } from "@/lib/server/auth/permissions";
import { listRunColumnKeys } from "@/lib/server/runs/run-keys";

// GET /api/runs/columns – the param, tag and metric keys runs have logged (with capped run counts), for the column chooser
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json(await listRunColumnKeys());
});
