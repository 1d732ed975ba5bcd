import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { reviewPutSchema } from "@/lib/schemas/collab";
import { idParamsSchema } from "@/lib/schemas/common";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";
import { getReview, setReview } from "@/lib/server/collab/review";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id}/review – review status, baseline flag, and who changed them last
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await getReview(id));
});

// PUT /api/runs/{id}/review – set the review status and/or baseline flag (members)
export const PUT = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  const input = await parseJsonBody(request, reviewPutSchema);
  return NextResponse.json(await setReview(id, input, { actor }));
});
