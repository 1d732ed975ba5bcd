import "server-only";
// The one place route handlers and server functions get permissions from: who is calling (a session cookie or an
// `Authorization: Bearer <token>` header) and what their role allows. Every write endpoint calls requireActor
// before it touches the database, so an attempt without permission changes nothing.
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { isCrossSiteRequest } from "@/lib/server/site-origin";
import { type Actor, type Role, assertRole, toRole } from "./actor";
import { getSessionUser } from "./sessions";
import { verifyApiToken } from "./tokens";

export { type Actor, type Role, ROLES, assertOwnerOrAdmin, assertRole, hasRole, isAdmin } from "./actor";

export async function getActor(request: Request): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    // A bad token is an error, not an anonymous request: the caller meant to authenticate.
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match ? await verifyApiToken(match[1]!) : null;
    if (!user) throw new ApiError("unauthorized", "The API token is unknown or revoked");
    return { userId: user.id, username: user.username, name: user.name, role: toRole(user.role), via: "token" };
  }
  const user = await getSessionUser(request);
  return user ? { userId: user.id, username: user.username, name: user.name, role: toRole(user.role), via: "session" } : null;
}

/**
 * A cookie rides along on any request the browser sends, so a write made with the session cookie must come from
 * a page of this app (defence in depth beside SameSite=Lax). Tokens are never sent by the browser on its own.
 */
function isCrossSiteWrite(request: Request): boolean {
  return request.method !== "GET" && request.method !== "HEAD" && isCrossSiteRequest(request);
}

/** 401 without an identity, 403 below the minimum role or for a cross-site write with the session cookie. */
export async function requireActor(request: Request, minimum: Role): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) throw new ApiError("unauthorized", "Sign in or send Authorization: Bearer <token> to do this");
  if (actor.via === "session" && isCrossSiteWrite(request)) throw new ApiError("forbidden", "Cross-site request refused: writes with the session cookie must come from this app's pages");
  assertRole(actor, minimum);
  return actor;
}

/** Reads are public unless TUNEBOARD_PUBLIC_READS=false, when any signed-in role may read. */
export async function requireReader(request: Request): Promise<Actor | null> {
  return env.TUNEBOARD_PUBLIC_READS ? null : requireActor(request, "viewer");
}

/** Checks read access and returns the caller, or null for an anonymous reader when reads are public: for reads
 * whose answer depends on who asks (admins also see soft-deleted runs). */
export async function getReader(request: Request): Promise<Actor | null> {
  return (await requireReader(request)) ?? (await getActor(request));
}
