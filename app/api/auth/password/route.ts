import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { passwordChangeSchema } from "@/lib/schemas/auth";
import { requireActor } from "@/lib/server/auth/permissions";
import { sessionIdOf } from "@/lib/server/auth/sessions";
import { changePassword } from "@/lib/server/auth/users";

// POST /api/auth/password – change your own password (any signed-in role); your other sessions end
export const POST = withErrors(async (request) => {
  const actor = await requireActor(request, "viewer");
  const input = await parseJsonBody(request, passwordChangeSchema);
  await changePassword(input, { actor, keepSessionId: actor.via === "session" ? sessionIdOf(request) : null });
  return new NextResponse(null, { status: 204 });
});
