import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { requireActor } from "@/lib/server/auth/permissions";
import { revokeApiToken } from "@/lib/server/auth/tokens";

type Context = { params: Promise<{ id: string }> };

// DELETE /api/tokens/{id} – revoke a token (your own; an admin may revoke any)
export const DELETE = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "viewer");
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await revokeApiToken(id, { actor }));
});
