import "server-only";
// Reads follow the auth workstream's rule (public unless TUNEBOARD_PUBLIC_READS=false); some reads also need
// to know who is asking, e.g. admins see soft-deleted runs.
import { type Actor, getActor, requireReader } from "@/lib/server/auth/actor";

/** Checks read access and returns the caller, or null for an anonymous reader when reads are public. */
export async function getReader(request: Request): Promise<Actor | null> {
  return (await requireReader(request)) ?? (await getActor(request));
}

export const isAdmin = (actor: Actor | null): boolean => actor?.role === "admin";
