import "server-only";
// Who is calling: a session cookie or an `Authorization: Bearer <token>` header. Every write endpoint calls
// requireActor before it touches the database, so an attempt without permission changes nothing.
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { getSessionUser } from "./sessions";
import { verifyApiToken } from "./tokens";

export const ROLES = ["viewer", "member", "admin"] as const;
export type Role = (typeof ROLES)[number];
export type Actor = { userId: string; username: string; name: string; role: Role; via: "session" | "token" };

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

export function hasRole(actor: Pick<Actor, "role">, minimum: Role): boolean {
  return RANK[actor.role] >= RANK[minimum];
}

function toRole(value: string): Role {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : "viewer";
}

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
 * a page of this app (defence in depth beside SameSite=Lax). Browsers send Origin on every cross-site write;
 * tools such as curl send none, and are let through. Tokens are never sent by the browser on its own.
 */
function isCrossSiteWrite(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** 401 without an identity, 403 below the minimum role or for a cross-site write with the session cookie. */
export async function requireActor(request: Request, minimum: Role): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) throw new ApiError("unauthorized", "Sign in or send Authorization: Bearer <token> to do this");
  if (actor.via === "session" && isCrossSiteWrite(request)) throw new ApiError("forbidden", "Cross-site request refused: writes with the session cookie must come from this app's pages");
  if (!hasRole(actor, minimum)) throw new ApiError("forbidden", `This needs the ${minimum} role; you are a ${actor.role}`);
  return actor;
}

/** Reads are public unless TUNEBOARD_PUBLIC_READS=false, when any signed-in role may read. */
export async function requireReader(request: Request): Promise<Actor | null> {
  return env.TUNEBOARD_PUBLIC_READS ? null : requireActor(request, "viewer");
}
