import "server-only";
// Who is acting and what their role lets them do: the vocabulary every permission check uses. Pure, with no
// import from sessions or tokens, so that those modules can use it without an import loop; callers import it
// through permissions.ts, which adds the request side (who is calling).
import { ApiError } from "@/lib/api/errors";
import { type User, roleSchema } from "@/lib/schemas/auth";

export const ROLES = roleSchema.options;
export type Role = User["role"];
export type Actor = { userId: string; username: string; name: string; role: Role; via: "session" | "token" };

/** Roles in increasing power: each includes what the ones before it may do. */
const RANK = Object.fromEntries(ROLES.map((role, index) => [role, index])) as Record<Role, number>;

export function hasRole(actor: Pick<Actor, "role">, minimum: Role): boolean {
  return RANK[actor.role] >= RANK[minimum];
}

export const isAdmin = (actor: Pick<Actor, "role"> | null | undefined): boolean => actor?.role === "admin";

/** A stored role as a Role; anything unknown (a hand-edited row) gets the least power. */
export function toRole(value: string): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : "viewer";
}

/** 403 below the minimum role. */
export function assertRole(actor: Actor, minimum: Role): void {
  if (!hasRole(actor, minimum)) throw new ApiError("forbidden", `This needs the ${minimum} role; you are a ${actor.role}`);
}

/** 403 unless the actor owns the record (wrote it, created it) or is an admin; `what` names it: "comment". */
export function assertOwnerOrAdmin(actor: Actor, ownerId: string | null, what: string): void {
  if (ownerId !== actor.userId && !isAdmin(actor)) throw new ApiError("forbidden", `Only its owner or an admin may change this ${what}`);
}
