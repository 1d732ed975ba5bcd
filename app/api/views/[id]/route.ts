import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";
import { deleteView, getViewOrThrow } from "@/lib/server/collab/views";

type Context = { params: Promise<{ id: string }> };

// GET /api/views/{id} – one saved view; its url is where /views/{id} redirects
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await getViewOrThrow(id));
});

// DELETE /api/views/{id} – delete a saved view (its owner, or an admin)
export const DELETE = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  await deleteView(id, { actor });
  return new NextResponse(null, { status: 204 });
});
