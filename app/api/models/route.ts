import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { listModels } from "@/lib/server/catalog";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/models – the base-model catalog with architecture fields
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json({ items: await listModels() });
});
