import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { runPatchSchema } from "@/lib/schemas/run";
import { getRunOrThrow } from "@/lib/server/runs/read-runs";
import { deleteRun, updateRun } from "@/lib/server/runs/write-runs";
import { getReader, isAdmin, requireActor } from "@/lib/server/auth/permissions";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id} – one run with the source cells it was read from
export const GET = withErrors(async (request, { params }: Context) => {
  const reader = await getReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await getRunOrThrow(id, { includeDeleted: isAdmin(reader) }));
});

// PATCH /api/runs/{id} – change some fields; null clears one; each changed field goes into the run's history
export const PATCH = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  const patch = await parseJsonBody(request, runPatchSchema);
  return NextResponse.json(await updateRun(id, patch, { actorId: actor.userId }));
});

// DELETE /api/runs/{id} – soft-delete a run: it leaves every list, chart and export; an admin can restore it
export const DELETE = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  await deleteRun(id, { actorId: actor.userId });
  return new NextResponse(null, { status: 204 });
});
