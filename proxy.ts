// Runs before every page request (Next 16's proxy, Node.js runtime). Two jobs: in private-read mode, send the
// signed-out to /sign-in before a page reads anything (lib/server/auth/private-reads.ts); and give every page a
// Content-Security-Policy with a fresh nonce. Next reads the nonce from the request's CSP header and puts it on
// its own scripts, so no inline script runs without it (which is why every page renders per request:
// app/layout.tsx). API answers and static files get a script-free policy from next.config.ts instead.
import { type NextRequest, NextResponse } from "next/server";
import { signInRedirectFor } from "@/lib/server/auth/private-reads";

/**
 * The page policy. Styles allow 'unsafe-inline': React writes style attributes and Chart.js sizes its canvases
 * through them, and a nonce cannot cover an attribute; style cannot run script. Development adds 'unsafe-eval',
 * which React's dev build needs for its error overlays.
 */
function pageContentSecurityPolicy(nonce: string, isDevelopment = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function proxy(request: NextRequest) {
  const target = await signInRedirectFor(request);
  if (target) return NextResponse.redirect(target);
  // 128 random bits, base64: the nonce must be unguessable and new on every response.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: the API answers 401 itself, and static assets are not data.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
