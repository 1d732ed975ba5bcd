import "server-only";
// Personal API tokens: 32 random bytes, shown once. Only their sha256 is stored; the secret is high-entropy,
// so a fast hash is enough (no salt or slow hash needed, unlike passwords) and lookup stays an index hit.
import { createHash, randomBytes } from "node:crypto";
import { notFound } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/server/db/client";
import { readRows } from "@/lib/server/db/raw-read";
import type { ApiTokenInfo } from "@/lib/schemas/auth";
import { type Actor, assertOwnerOrAdmin } from "./actor";

const TOKEN_PREFIX = "tb_";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

type TokenRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function serializeToken(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token for a user; the plaintext is returned here and never again. */
export async function createApiToken(options: { userId: string; name: string }): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await prisma.apiToken.create({
    data: { userId: options.userId, name: options.name, tokenHash: hashSecret(token), prefix: token.slice(0, 8) },
  });
  return { token, info: serializeToken(row) };
}

/** How stale a token's lastUsedAt may be: it is rewritten at most once a minute. */
const LAST_USED_PRECISION_MS = 60_000;

/** The caller a token stands for: the token's owner. */
export type TokenUser = { id: string; username: string; name: string; role: string };

/** The user a live token belongs to, or null for an unknown or revoked token or a disabled user. Records when it was last used, to the minute. */
export async function verifyApiToken(token: string): Promise<TokenUser | null> {
  // Every API call with a token asks this: one cached statement (readRows) instead of Prisma's findUnique with an
  // include, whose query building and mapping cost about 0.7 ms of each call on the server's thread (issue 9).
  const [row] = await readRows<TokenUser & { tokenId: string; lastUsedAt: Date | null; revokedAt: Date | null; disabledAt: Date | null }>(Prisma.sql`
    SELECT t."id" AS "tokenId", t."lastUsedAt", t."revokedAt", u."id", u."username", u."name", u."role", u."disabledAt"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${hashSecret(token)}`);
  if (!row || row.revokedAt || row.disabledAt) return null;
  // To the minute: a write per request cost every API call a commit on the server's thread (issue 9), and one that
  // lands while the database worker writes a batch waits for it there, holding every other request.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) await prisma.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: now } });
  return { id: row.id, username: row.username, name: row.name, role: row.role };
}

export async function listApiTokens(options: { userId: string }): Promise<ApiTokenInfo[]> {
  const rows = await prisma.apiToken.findMany({ where: { userId: options.userId }, orderBy: { createdAt: "desc" } });
  return rows.map(serializeToken);
}

/** Revokes a token: its owner may, and so may an admin. Revoking twice is harmless. */
export async function revokeApiToken(id: string, { actor }: { actor: Actor }): Promise<ApiTokenInfo> {
  const row = await prisma.apiToken.findUnique({ where: { id } });
  if (!row) throw notFound("Token", id);
  assertOwnerOrAdmin(actor, row.userId, "API token");
  if (row.revokedAt) return serializeToken(row);
  return serializeToken(await prisma.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } }));
}
