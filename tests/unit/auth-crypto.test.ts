import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/server/auth/passwords";
import { createApiToken, hashSecret, revokeApiToken, verifyApiToken } from "@/lib/server/auth/tokens";
import { prisma } from "@/lib/server/db/client";

describe("passwords", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  });

  it("salts each hash, so one password gives two different hashes", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("never verifies against a malformed stored hash", async () => {
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
});

describe("API tokens", () => {
  it("stores only the sha256 of the token, finds the user by it, and rejects it once revoked", async () => {
    const user = await prisma.user.create({ data: { username: "crypto-test", name: "Crypto", role: "member", passwordHash: await hashPassword("password1") } });
    const { token, info } = await createApiToken({ userId: user.id, name: "ci" });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.tokenHash).not.toBe(token);
    expect(row.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(info.prefix).toBe(token.slice(0, 8));

    expect((await verifyApiToken(token))?.id).toBe(user.id);
    expect(await verifyApiToken(token + "x")).toBeNull();
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: info.id } })).lastUsedAt).not.toBeNull();

    await revokeApiToken(info.id, { actor: { userId: user.id, username: user.username, name: user.name, role: "member", via: "token" } });
    expect(await verifyApiToken(token)).toBeNull();
  });
});
