// Runs before every page request (Next 16's proxy, Node.js runtime). Its one job: in private-read mode, send the
// signed-out to /sign-in before a page reads anything (lib/server/auth/private-reads.ts).
import { type NextRequest, NextResponse } from "next/server";
import { signInRedirectFor } from "@/lib/server/auth/private-reads";

export async function proxy(request: NextRequest) {
  const target = await signInRedirectFor(request);
  return target ? NextResponse.redirect(target) : NextResponse.next();
}

export const config = {
  // Pages only: the API answers 401 itself, and static assets are not data.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
