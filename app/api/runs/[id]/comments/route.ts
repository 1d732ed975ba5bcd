import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { commentCreateSchema } from "@/lib/schemas/collab";
import { idParamsSchema } from "@/lib/schemas/common";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";
import { createComment, listComments } from "@/lib/server/collab/comments";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id}/comments – the run's comments, oldest first, with their rendered HTML
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json({ items: await listComments(id) });
});

// POST /api/runs/{id}/comments – comment on a run (members)
export const POST = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  const input = await parseJsonBody(request, commentCreateSchema);
  return NextResponse.json(await createComment(id, input, { actor }), { status: 201 });
});
