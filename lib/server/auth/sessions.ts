import "server-only";
// Browser sessions: the cookie holds a random secret; the database holds only its sha256 as the session id.
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { isCrossSiteRequest, siteOriginOf } from "@/lib/server/site-origin";
import { hashSecret } from "./tokens";

export const SESSION_COOKIE = "tb_session";
const SESSION_DAYS = 30;

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined; // a malformed escape (tb_session=%FF) is no session, not a 500
    }
  }
  return undefined;
}

/** Secure only in production over https, so that http://localhost keeps working. */
function isSecure(request: Request): boolean {
  return env.NODE_ENV === "production" && siteOriginOf(request).startsWith("https:");
}

/**
 * Login CSRF: a page of another site must not sign a visitor into an account of its choosing. A JSON body cannot be
 * sent cross-site without a CORS preflight (which this server never grants), so a form or a `text/plain` fetch is
 * refused; so is a browser that says the request comes from another site.
 */
export function assertSignInFromThisSite(request: Request): void {
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") throw new ApiError("bad_request", "Send the sign-in as Content-Type: application/json");
  if (isCrossSiteRequest(request)) throw new ApiError("forbidden", "Cross-site sign-in refused: sign in from this app's pages");
}

function cookieHeader(request: Request, value: string, maxAgeSeconds: number): string {
  const attributes = [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (isSecure(request)) attributes.push("Secure");
  return attributes.join("; ");
}

/** Starts a session and returns the Set-Cookie header value for it. */
export async function createSession(request: Request, userId: string): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
  await prisma.session.create({ data: { id: hashSecret(secret), userId, expiresAt } });
  return cookieHeader(request, secret, SESSION_DAYS * 24 * 3600);
}

/** The id of the request's session (the sha256 of its cookie), whether or not it is live; null without a cookie. */
export function sessionIdOf(request: Request): string | null {
  const secret = readCookie(request, SESSION_COOKIE);
  return secret ? hashSecret(secret) : null;
}

/** The user of the request's live session cookie, or null (also for a disabled user). */
export async function getSessionUser(request: Request) {
  const id = sessionIdOf(request);
  if (!id) return null;
  const session = await prisma.session.findUnique({ where: { id }, include: { user: true } });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  return session.user;
}

/** Ends the request's session (if any) and returns the Set-Cookie header value that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const id = sessionIdOf(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return cookieHeader(request, "", 0);
}
