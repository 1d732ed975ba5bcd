// Browser sessions end to end through the route handlers: sign-in, the cookie, writes made with it, the
// cross-site guard on those writes, and sign-out.
import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/auth/me/route";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as signOutRoute from "@/app/api/auth/sign-out/route";
import * as runsRoute from "@/app/api/runs/route";
import { hashPassword } from "@/lib/server/auth/passwords";
import { LOCK_MS, MAX_FAILURES, reserveSignInAttempt } from "@/lib/server/auth/sign-in-throttle";
import { prisma } from "@/lib/server/db/client";
import { call } from "../support/api";

const validRun = { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, hardware: "rtx-4090" };
let userId: string;

beforeAll(async () => {
  userId = (await prisma.user.create({ data: { username: "cookie-member", name: "Cookie Member", role: "member", passwordHash: await hashPassword("cookie-password") } })).id;
});

async function signIn(): Promise<string> {
  const response = await call(signInRoute.POST, { method: "POST", body: { username: "cookie-member", password: "cookie-password" }, as: "none" });
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!;
}
const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;

describe("sessions", () => {
  it("signs in with a HttpOnly, SameSite=Lax cookie whose secret is stored only as a hash", async () => {
    const setCookie = await signIn();
    expect(setCookie).toMatch(/^tb_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
    const secret = cookieOf(setCookie).slice("tb_session=".length);
    const sessions = await prisma.session.findMany({ where: { userId } });
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.map((session) => session.id)).not.toContain(secret);
    const me = await call(meRoute.GET, { headers: { cookie: cookieOf(setCookie) } });
    expect(me.body.user).toMatchObject({ username: "cookie-member", role: "member" });
  });

  it("refuses a wrong password with 401 and starts no session", async () => {
    const before = await prisma.session.count();
    const response = await call(signInRoute.POST, { method: "POST", body: { username: "cookie-member", password: "not-it-at-all" }, as: "none" });
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await prisma.session.count()).toBe(before);
  });

  it("writes with the cookie from this app's pages and attributes the run; refuses a cross-site write and stores nothing", async () => {
    const cookie = cookieOf(await signIn());
    const sameSite = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...validRun, name: "cookie run" }, headers: { cookie, origin: "http://localhost", host: "localhost" }, as: "none" });
    expect(sameSite.status).toBe(201);
    expect(sameSite.body.createdBy).toEqual({ id: userId, name: "Cookie Member" });
    const noOrigin = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...validRun, name: "curl run" }, headers: { cookie }, as: "none" });
    expect(noOrigin.status).toBe(201);

    const before = await prisma.run.count();
    const crossSite = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...validRun, name: "forged run" }, headers: { cookie, origin: "http://evil.test", host: "localhost" }, as: "none" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.message).toMatch(/Cross-site request refused/);
    expect(await prisma.run.count()).toBe(before);
  });

  it("locks a username for five minutes after five failed sign-ins from one address, even with the right password; others are unaffected", async () => {
    await prisma.user.create({ data: { username: "guessed", name: "Guessed", role: "member", passwordHash: await hashPassword("right-password") } });
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) {
      expect((await call(signInRoute.POST, { method: "POST", body: { username: "guessed", password: `guess-${attempt}` }, as: "none" })).status).toBe(401);
    }
    const locked = await call(signInRoute.POST, { method: "POST", body: { username: "Guessed", password: "right-password" }, as: "none" });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/^Too many failed sign-ins for this username from your address; try again in \d+ s$/);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(LOCK_MS / 1000 - 5);
    expect(locked.headers.get("set-cookie")).toBeNull();
    expect((await signIn()).length).toBeGreaterThan(0);
  });

  it("unlocks after the lock time, and a success clears the count", async () => {
    const now = 1_000_000;
    const clock = { username: "clock-user", address: "10.1.1.1" };
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) await reserveSignInAttempt(clock, now + attempt);
    await expect(reserveSignInAttempt(clock, now + 10)).rejects.toThrow(/Too many failed sign-ins/);
    await expect(reserveSignInAttempt(clock, now + MAX_FAILURES - 1 + LOCK_MS)).resolves.toBeDefined();
    const other = { username: "other-user", address: "10.1.1.1" };
    for (let attempt = 0; attempt < MAX_FAILURES - 2; attempt += 1) await reserveSignInAttempt(other, now);
    await (await reserveSignInAttempt(other, now)).succeeded();
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) await reserveSignInAttempt(other, now + 1);
    await expect(reserveSignInAttempt(other, now + 2)).rejects.toThrow(/Too many failed sign-ins/);
  });

  it("signs out: the cookie is cleared and the session no longer identifies anyone", async () => {
    const cookie = cookieOf(await signIn());
    const out = await call(signOutRoute.POST, { method: "POST", headers: { cookie }, as: "none" });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^tb_session=; .*Max-Age=0/);
    expect((await call(meRoute.GET, { headers: { cookie } })).body.user).toBeNull();
    expect((await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: validRun, headers: { cookie }, as: "none" })).status).toBe(401);
  });
});
