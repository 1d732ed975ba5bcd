import { NextResponse } from "next/server";
import { parseJsonBody, withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { runPatchSchema } from "@/lib/schemas/run";
import { getRunOrThrow } from "@/lib/server/runs/read-runs";
import { deleteRun, updateRun } from "@/lib/server/runs/write-runs";
import { requireActor, requireReader } from "@/lib/server/auth/actor";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id} – one run with the source cells it was read from
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await getRunOrThrow(id));
});

// PATCH /api/runs/{id} – change some fields; null clears one
export const PATCH = withErrors(async (request, { params }: Context) => {
  await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  const patch = await parseJsonBody(request, runPatchSchema);
  return NextResponse.json(await updateRun(id, patch));
});

// DELETE /api/runs/{id} – delete a run and its metric history
export const DELETE = withErrors(async (request, { params }: Context) => {
  await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  await deleteRun(id);
  return new NextResponse(null, { status: 204 });
});
