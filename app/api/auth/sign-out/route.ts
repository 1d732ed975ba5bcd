import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { destroySession } from "@/lib/server/auth/sessions";

// POST /api/auth/sign-out – end the session and clear its cookie (harmless when signed out)
export const POST = withErrors(async (request) => {
  const response = new NextResponse(null, { status: 204 });
  response.headers.append("set-cookie", await destroySession(request));
  return response;
});
