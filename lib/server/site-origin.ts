import "server-only";
// What this site's origin is, for the checks that refuse cross-site requests (login CSRF, cookie writes).
// Behind no proxy, the browser reached this server itself: the host is the Host header (a browser cannot forge
// it for another site) and X-Forwarded-Host is ignored, since a client may send one. With
// TUNEBOARD_TRUST_PROXY=true the proxy's X-Forwarded-Host/-Proto name the origin the browser saw.
import { env } from "@/lib/env";

/** The right-most entry of a comma-separated forwarding header: the one the nearest proxy wrote. */
export const lastHeaderEntry = (value: string | null) => value?.split(",").at(-1)?.trim() || undefined;

/** scheme://host[:port] of this site as the browser sees it, in the form of an Origin header. */
export function siteOriginOf(request: Request, trustProxy = env.TUNEBOARD_TRUST_PROXY): string {
  const url = new URL(request.url);
  const forwardedHost = trustProxy ? lastHeaderEntry(request.headers.get("x-forwarded-host")) : undefined;
  const forwardedProto = trustProxy ? lastHeaderEntry(request.headers.get("x-forwarded-proto")) : undefined;
  const host = forwardedHost ?? request.headers.get("host") ?? url.host;
  const protocol = forwardedProto ?? url.protocol.replace(":", "");
  try {
    return new URL(`${protocol}://${host}`).origin; // drops a default port, as browsers do in Origin
  } catch {
    return `${protocol}://${host}`.toLowerCase();
  }
}

/**
 * True when a browser says the request comes from another site: Sec-Fetch-Site is cross-site or same-site (a
 * sibling subdomain is another origin), or Origin is present and is not this site's origin ("null" included).
 * Without either header (curl, scripts) it is false: those clients carry no victim's cookie.
 */
export function isCrossSiteRequest(request: Request, trustProxy = env.TUNEBOARD_TRUST_PROXY): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  try {
    return new URL(origin).origin !== siteOriginOf(request, trustProxy);
  } catch {
    return true;
  }
}
