import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { experimentPatchSchema } from "@/lib/schemas/experiment";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";
import { getExperiment, updateExperiment } from "@/lib/server/experiments";

type Context = { params: Promise<{ id: string }> };

// GET /api/experiments/{id} – one experiment, archived or not
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await getExperiment(id));
});

// PATCH /api/experiments/{id} – rename, describe, archive or restore (members)
export const PATCH = withErrors(async (request, { params }: Context) => {
  await requireActor(request, "member");
  const { id } = idParamsSchema.parse(await params);
  const patch = await parseJsonBody(request, experimentPatchSchema);
  return NextResponse.json(await updateExperiment(id, patch));
});
