import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { commentPatchSchema } from "@/lib/schemas/collab";
import { idParamsSchema } from "@/lib/schemas/common";
import { requireActor } from "@/lib/server/auth/permissions";
import { deleteComment, updateComment } from "@/lib/server/collab/comments";

type Context = { params: Promise<{ id: string }> };

// PATCH /api/comments/{id} – edit a comment (its author, or an admin)
export const PATCH = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  const input = await parseJsonBody(request, commentPatchSchema);
  return NextResponse.json(await updateComment(id, input, { actor }));
});

// DELETE /api/comments/{id} – delete a comment (its author, or an admin)
export const DELETE = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  await deleteComment(id, { actor });
  return new NextResponse(null, { status: 204 });
});
