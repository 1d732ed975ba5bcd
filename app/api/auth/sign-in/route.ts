import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { ApiError, withErrors } from "@/lib/api/errors";
import { signInSchema } from "@/lib/schemas/auth";
import { assertSignInFromThisSite, createSession } from "@/lib/server/auth/sessions";
import { authenticate } from "@/lib/server/auth/users";
import { clientAddressOf } from "@/lib/server/client-address";

// POST /api/auth/sign-in – check username and password, start a session (sets the tb_session cookie); JSON from this site only
export const POST = withErrors(async (request) => {
  assertSignInFromThisSite(request);
  const input = await parseJsonBody(request, signInSchema);
  const user = await authenticate(input, { address: clientAddressOf(request) });
  if (!user) throw new ApiError("unauthorized", "Wrong username or password");
  const response = NextResponse.json({ user });
  response.headers.append("set-cookie", await createSession(request, user.id));
  return response;
});
