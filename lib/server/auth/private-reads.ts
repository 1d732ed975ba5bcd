import "server-only";
// TUNEBOARD_PUBLIC_READS=false: pages, like the API, need a signed-in user. The API enforces it per route
// (requireReader); pages are gated here, from proxy.ts, because they read the database on the server (prefetch,
// metadata) and a client navigation fetches a page's data without re-running its layout.
import { safeNextPath } from "@/lib/auth/safe-next";
import { env } from "@/lib/env";
import { getSessionUser } from "./sessions";

/** Paths that stay open in private mode: signing in, the API (which answers 401 itself) and static assets (the app icons included). */
export const OPEN_PATHS = /^\/(sign-in|api|_next|favicon\.ico|icon\.svg)(\/|$)/;

/**
 * Where to send a page request that may not read: /sign-in?next=<the page with its query>, so that signing in
 * returns to it. Null when reads are public, the path is open, or the session cookie is live.
 */
export async function signInRedirectFor(request: Request, publicReads = env.TUNEBOARD_PUBLIC_READS): Promise<URL | null> {
  const url = new URL(request.url);
  if (publicReads || OPEN_PATHS.test(url.pathname)) return null;
  if (await getSessionUser(request)) return null;
  const target = new URL("/sign-in", url);
  // A request for `//evil.example` has that pathname: it must not become a way off the site after signing in.
  target.searchParams.set("next", safeNextPath(url.pathname + url.search));
  return target;
}
