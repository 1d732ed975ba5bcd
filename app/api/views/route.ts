import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { savedViewCreateSchema } from "@/lib/schemas/collab";
import { requireActor, requireReader } from "@/lib/server/auth/permissions";
import { createView, listViews } from "@/lib/server/collab/views";

// GET /api/views – every saved view, newest first
export const GET = withErrors(async (request) => {
  await requireReader(request);
  return NextResponse.json({ items: await listViews() });
});

// POST /api/views – save a named page with its filters and chart settings (members)
export const POST = withErrors(async (request) => {
  const actor = await requireActor(request, "member");
  const input = await parseJsonBody(request, savedViewCreateSchema);
  return NextResponse.json(await createView(input, { actor }), { status: 201 });
});
