import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { getActor } from "@/lib/server/auth/permissions";
import { getUserOrThrow } from "@/lib/server/auth/users";

// GET /api/auth/me – the signed-in user (null when signed out) and whether reads are public
export const GET = withErrors(async (request) => {
  const actor = await getActor(request);
  return NextResponse.json({ user: actor ? await getUserOrThrow(actor.userId) : null, publicReads: env.TUNEBOARD_PUBLIC_READS });
});
