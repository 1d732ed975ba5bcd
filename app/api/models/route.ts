import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { modelCreateSchema } from "@/lib/schemas/catalog-input";
import { createModel, listModels } from "@/lib/server/catalog";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";

// GET /api/models – the base-model catalog with architecture fields
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json({ items: await listModels() });
});

// POST /api/models – add a model from a pasted config.json or from architecture fields (admin); 409 on a taken id
export const POST = withErrors(async (request) => {
  await requireActor(request, "admin");
  const input = await parseJsonBody(request, modelCreateSchema);
  return NextResponse.json(await createModel(input), { status: 201 });
});
