import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { userPatchSchema } from "@/lib/schemas/auth";
import { idParamsSchema } from "@/lib/schemas/common";
import { requireActor } from "@/lib/server/auth/permissions";
import { updateUser } from "@/lib/server/auth/users";

type Context = { params: Promise<{ id: string }> };

// PATCH /api/users/{id} – change a user's name, role or password, or disable them (admin)
export const PATCH = withErrors(async (request, { params }: Context) => {
  const actor = await requireActor(request, "admin");
  const { id } = idParamsSchema.parse(await params);
  const patch = await parseJsonBody(request, userPatchSchema);
  return NextResponse.json(await updateUser(id, patch, { actor }));
});
