import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { tokenCreateSchema } from "@/lib/schemas/auth";
import { requireActor } from "@/lib/server/auth/permissions";
import { createApiToken, listApiTokens } from "@/lib/server/auth/tokens";

// GET /api/tokens – your own API tokens (never their secrets); any role, since a token carries its owner's role
export const GET = withErrors(async (request) => {
  const actor = await requireActor(request, "viewer");
  return NextResponse.json({ items: await listApiTokens({ userId: actor.userId }) });
});

// POST /api/tokens – create a personal token; the secret is in this response only
export const POST = withErrors(async (request) => {
  const actor = await requireActor(request, "viewer");
  const { name } = await parseJsonBody(request, tokenCreateSchema);
  return NextResponse.json(await createApiToken({ userId: actor.userId, name }), { status: 201 });
});
