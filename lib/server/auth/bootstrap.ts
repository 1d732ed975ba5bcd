import "server-only";
// The first admin: created when the database has no user yet, so a fresh install can be managed.
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { hashPassword } from "./passwords";

/** Creates user `admin` if no user exists. Returns the generated password (to print once), or null. */
export async function ensureFirstAdmin(): Promise<{ username: string; password: string | null } | null> {
  if ((await prisma.user.count()) > 0) return null;
  const generated = env.TUNEBOARD_ADMIN_PASSWORD ? null : randomBytes(12).toString("base64url");
  const password = env.TUNEBOARD_ADMIN_PASSWORD ?? generated!;
  await prisma.user.create({ data: { username: "admin", name: "Administrator", role: "admin", passwordHash: await hashPassword(password) } });
  return { username: "admin", password: generated };
}
