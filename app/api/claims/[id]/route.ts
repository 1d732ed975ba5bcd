import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { getClaimOrThrow } from "@/lib/server/sources";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/claims/{id} – one claim with each source's verbatim answer side by side
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await getClaimOrThrow(id));
});
