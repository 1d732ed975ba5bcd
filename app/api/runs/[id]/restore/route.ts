import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { requireActor } from "@/lib/server/auth/permissions";
import { restoreRun } from "@/lib/server/runs/write-runs";

type Context = { params: Promise<{ id: string }> };

// POST /api/runs/{id}/restore – bring back a soft-deleted run (admins)
export const POST = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "admin");
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await restoreRun(id, { actorId: actor.userId }));
});
