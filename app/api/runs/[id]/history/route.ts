import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { getReader, isAdmin } from "@/lib/server/auth/permissions";
import { listRunHistory } from "@/lib/server/collab/review";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id}/history – every change to the run, oldest first (a deleted run's history: admins only)
export const GET = withErrors(async (request, { params }: Context) => {
  const reader = await getReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await listRunHistory(id, { includeDeleted: isAdmin(reader) }));
});
