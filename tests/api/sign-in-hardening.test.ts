// Sign-in as an attacker would try it: parallel guesses, guesses from many addresses, a victim locked out from
// elsewhere, a cross-site post that signs the visitor in (login CSRF), a spoofed X-Forwarded-Host, and two admins
// demoting each other at once. Each test fails on the code before issue 9.
import { spawn } from "node:child_process";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as runsRoute from "@/app/api/runs/route";
import * as userRoute from "@/app/api/users/[id]/route";
import { databaseFilePath } from "@/lib/env";
import { hashPassword } from "@/lib/server/auth/passwords";
import { signInRedirectFor } from "@/lib/server/auth/private-reads";
import { MAX_FAILURES, USERNAME_CEILING, WINDOW_MS, reserveSignInAttempt, resetSignInThrottle } from "@/lib/server/auth/sign-in-throttle";
import { prisma } from "@/lib/server/db/client";
import { isCrossSiteRequest, siteOriginOf } from "@/lib/server/site-origin";
import { call, tokenForUser } from "../support/api";
import { inOtherInstance } from "../support/other-instance";
import { onPostgres } from "../support/postgres";

const PASSWORD = "the-right-password";

/** Takes SQLite's write lock in its own process, demotes one admin, says so, and commits after 400 ms. */
const OTHER_PROCESS = `
const db = require("better-sqlite3")(process.argv[1], { timeout: 10000 });
db.exec("BEGIN IMMEDIATE");
db.prepare('UPDATE "User" SET "role" = \\'member\\' WHERE "id" = ?').run(process.argv[2]);
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); db.close(); }, 400);
`;

/** The same on PostgreSQL: demotes the admin in an open transaction (locking that row), says so, commits after 400 ms. */
const OTHER_PROCESS_POSTGRES = `
const client = new (require("pg").Client)({ connectionString: process.argv[1] });
(async () => {
  await client.connect();
  await client.query("BEGIN");
  await client.query('UPDATE "User" SET "role" = \\'member\\' WHERE "id" = $1', [process.argv[2]]);
  process.stdout.write("locked\\n");
  setTimeout(async () => { await client.query("COMMIT"); await client.end(); }, 400);
})();
`;

async function createPerson(username: string, role = "member") {
  return prisma.user.upsert({ where: { username }, update: {}, create: { username, name: username, role, passwordHash: await hashPassword(PASSWORD) } });
}

function signIn(username: string, password: string, headers: Record<string, string> = {}) {
  return call(signInRoute.POST, { method: "POST", body: { username, password }, headers, as: "none" });
}

beforeEach(() => resetSignInThrottle());

describe("the sign-in throttle", () => {
  it("counts each attempt before the slow hash: of 39 parallel wrong passwords and then the right one, 5 are checked and the right one is refused", async () => {
    await createPerson("parallel-target");
    const from = { "x-forwarded-for": "203.0.113.7" };
    const attempts = [...Array.from({ length: 39 }, (_, index) => signIn("parallel-target", `wrong-${index}`, from)), signIn("parallel-target", PASSWORD, from)];
    const results = await Promise.all(attempts);
    const statuses = results.map((result) => result.status);
    // 401 means the password was hashed and compared; 429 means it was refused before the hash.
    expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_FAILURES);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - MAX_FAILURES);
    expect(statuses.at(-1)).toBe(429);
    expect(results.every((result) => result.headers.get("set-cookie") === null)).toBe(true);
    expect(await prisma.session.count({ where: { user: { username: "parallel-target" } } })).toBe(0);
  });

  it("locks the username only for the address that failed: the person signs in from elsewhere", async () => {
    await createPerson("victim");
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) expect((await signIn("victim", `guess-${attempt}`, { "x-forwarded-for": "198.51.100.66" })).status).toBe(401);
    const attacker = await signIn("victim", PASSWORD, { "x-forwarded-for": "198.51.100.66" });
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get("retry-after"))).toBeGreaterThan(0);
    const owner = await signIn("victim", PASSWORD, { "x-forwarded-for": "192.0.2.10" });
    expect(owner.status).toBe(200);
    expect(owner.headers.get("set-cookie")).toMatch(/^tb_session=/);
  });

  it("keys IPv6 clients by their /64, so rotating addresses inside one network does not buy more guesses", async () => {
    await createPerson("six-target");
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) {
      expect((await signIn("six-target", `guess-${attempt}`, { "x-forwarded-for": `2001:db8:1:2::${attempt + 1}` })).status).toBe(401);
    }
    expect((await signIn("six-target", PASSWORD, { "x-forwarded-for": "2001:db8:1:2:ffff::9" })).status).toBe(429);
    expect((await signIn("six-target", PASSWORD, { "x-forwarded-for": "2001:db8:1:3::1" })).status).toBe(200);
  });

  it("slows a guesser who rotates addresses once the username passes its ceiling, but the owner's known address still signs in", async () => {
    await createPerson("rotated");
    expect((await signIn("rotated", PASSWORD, { "x-forwarded-for": "192.0.2.44" })).status).toBe(200);
    for (let attempt = 0; attempt < USERNAME_CEILING; attempt += 1) {
      expect((await signIn("rotated", `guess-${attempt}`, { "x-forwarded-for": `203.0.113.${attempt + 1}` })).status).toBe(401);
    }
    // Past the ceiling: one attempt per interval for the username from unknown addresses, whichever address.
    expect((await signIn("rotated", "guess-next", { "x-forwarded-for": "203.0.113.200" })).status).toBe(401);
    const slowed = await signIn("rotated", PASSWORD, { "x-forwarded-for": "203.0.113.201" });
    expect(slowed.status).toBe(429);
    expect(slowed.body.error.message).toMatch(/slowed; try again in \d+ s$/);
    expect((await signIn("rotated", PASSWORD, { "x-forwarded-for": "192.0.2.44" })).status).toBe(200);
  });

  it("is shared by app instances on one database: failures another instance recorded lock the pair here too", async () => {
    await createPerson("two-instances");
    await inOtherInstance("sign-in-failures", { username: "Two-Instances", address: "198.51.100.90", count: MAX_FAILURES });
    const locked = await signIn("two-instances", PASSWORD, { "x-forwarded-for": "198.51.100.90" });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/^Too many failed sign-ins for this username from your address; try again in \d+ s$/);
    expect((await signIn("two-instances", PASSWORD, { "x-forwarded-for": "192.0.2.91" })).status).toBe(200);
    // Starting another Node process with the app's code takes seconds, more on a busy machine.
  }, 90_000);

  it("prunes failures and idle usernames once their window has passed, so random usernames cannot grow the tables", async () => {
    const longAgo = Date.now() - 2 * WINDOW_MS;
    for (let index = 0; index < 3; index += 1) await reserveSignInAttempt({ username: `random-${index}`, address: "203.0.113.50" }, longAgo);
    expect(await prisma.signInFailure.count()).toBe(3);
    await reserveSignInAttempt({ username: "someone-now", address: "203.0.113.51" });
    expect(await prisma.signInFailure.findMany({ select: { username: true } })).toEqual([{ username: "someone-now" }]);
    expect(await prisma.signInUsername.findMany({ select: { username: true } })).toEqual([{ username: "someone-now" }]);
  });
});

describe("login CSRF", () => {
  beforeAll(() => createPerson("csrf-target"));
  const sessions = () => prisma.session.count({ where: { user: { username: "csrf-target" } } });

  it("refuses a cross-site text/plain post (what an HTML form or a no-preflight fetch sends) and sets no cookie", async () => {
    const before = await sessions();
    const forged = await call(signInRoute.POST, {
      method: "POST",
      rawBody: JSON.stringify({ username: "csrf-target", password: PASSWORD }),
      headers: { "content-type": "text/plain;charset=UTF-8", origin: "http://evil.example", host: "localhost", "sec-fetch-site": "cross-site" },
      as: "none",
    });
    expect(forged.status).toBe(400);
    expect(forged.headers.get("set-cookie")).toBeNull();
    const plainFromAnywhere = await call(signInRoute.POST, { method: "POST", rawBody: JSON.stringify({ username: "csrf-target", password: PASSWORD }), headers: { "content-type": "text/plain" }, as: "none" });
    expect(plainFromAnywhere.status).toBe(400);
    expect(await sessions()).toBe(before);
  });

  it("refuses JSON from another origin, or that a browser marks cross-site, and accepts this site's own page and curl", async () => {
    const before = await sessions();
    for (const headers of [
      { origin: "http://evil.example", host: "localhost" },
      { origin: "null", host: "localhost" },
      { origin: "https://localhost", host: "localhost" },
      { "sec-fetch-site": "cross-site", host: "localhost" },
      { "sec-fetch-site": "same-site", origin: "http://other.localhost", host: "localhost" },
      // Behind no proxy, X-Forwarded-Host is whatever the client sent: it does not make evil.example this site.
      { origin: "http://evil.example", host: "localhost", "x-forwarded-host": "evil.example" },
    ] as Record<string, string>[]) {
      const refused = await signIn("csrf-target", PASSWORD, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.headers.get("set-cookie")).toBeNull();
    }
    expect(await sessions()).toBe(before);
    expect((await signIn("csrf-target", PASSWORD, { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await signIn("csrf-target", PASSWORD)).status).toBe(200);
  });

  it("does not let a spoofed X-Forwarded-Host pass the cross-site guard on writes made with the session cookie", async () => {
    const cookie = (await signIn("csrf-target", PASSWORD)).headers.get("set-cookie")!.split(";")[0]!;
    const runs = await prisma.run.count();
    const forged = await call(runsRoute.POST, {
      method: "POST",
      body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name: "forged through x-forwarded-host" },
      headers: { cookie, origin: "http://evil.example", host: "localhost", "x-forwarded-host": "evil.example" },
      as: "none",
    });
    expect(forged.status).toBe(403);
    expect(await prisma.run.count()).toBe(runs);
  });

  it("takes this site's origin from X-Forwarded-Host/-Proto only when a proxy is trusted", () => {
    const request = new Request("http://localhost:3000/api/auth/sign-in", {
      method: "POST",
      headers: { host: "localhost:3000", "x-forwarded-host": "spoofed.example, tuneboard.example", "x-forwarded-proto": "https", origin: "https://tuneboard.example" },
    });
    expect(siteOriginOf(request, false)).toBe("http://localhost:3000");
    expect(siteOriginOf(request, true)).toBe("https://tuneboard.example");
    expect(isCrossSiteRequest(request, false)).toBe(true);
    expect(isCrossSiteRequest(request, true)).toBe(false);
  });

  it("a private-mode redirect to sign-in never carries a next that leaves the site", async () => {
    const target = await signInRedirectFor(new Request("http://localhost//evil.example/c"), false);
    expect(target?.searchParams.get("next")).toBe("/");
    const kept = await signInRedirectFor(new Request("http://localhost/runs?method=qlora"), false);
    expect(kept?.searchParams.get("next")).toBe("/runs?method=qlora");
  });
});

describe("the last enabled admin", () => {
  /** Leaves exactly the given admins enabled (every other admin of this file's database is disabled). */
  async function onlyAdmins(count: number, prefix: string) {
    const admins = await Promise.all(Array.from({ length: count }, (_, index) => tokenForUser(`${prefix}-${index}`, "admin")));
    await prisma.user.updateMany({ where: { role: "admin", id: { notIn: admins.map((admin) => admin.userId) } }, data: { disabledAt: new Date() } });
    await prisma.user.updateMany({ where: { id: { in: admins.map((admin) => admin.userId) } }, data: { role: "admin", disabledAt: null } });
    return admins;
  }
  const enabledAdmins = () => prisma.user.count({ where: { role: "admin", disabledAt: null } });
  const patch = (id: string, body: unknown, token: string) => call(userRoute.PATCH, { method: "PATCH", params: { id }, body, headers: { authorization: `Bearer ${token}` } });

  it("survives two admins demoting each other at the same moment: one request wins, the other is a 409", async () => {
    const [first, second] = await onlyAdmins(2, "mutual");
    const results = await Promise.all([patch(second!.userId, { role: "member" }, first!.token), patch(first!.userId, { role: "member" }, second!.token)]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    expect(results.find((result) => result.status === 409)!.body.error.message).toMatch(/last admin/);
    expect(await enabledAdmins()).toBe(1);
  });

  it("survives many concurrent demotions and disables among six admins: at least one stays enabled", async () => {
    const admins = await onlyAdmins(6, "crowd");
    const requests = admins.flatMap((actor, index) =>
      admins.filter((target) => target !== actor).map((target, other) => patch(target.userId, (index + other) % 2 ? { role: "viewer" } : { disabled: true }, actor.token)),
    );
    const results = await Promise.all(requests);
    expect(results.every((result) => [200, 401, 403, 409].includes(result.status))).toBe(true);
    expect(await enabledAdmins()).toBe(1);
  });

  it("re-counts under the write lock, so a demotion committed meanwhile by another process is seen", async () => {
    const [first, second] = await onlyAdmins(2, "two-process");
    // Signed in with a cookie: reading a session writes nothing, so the request's first write is updateUser's own.
    const cookie = (await signIn("two-process-0", "test-password")).headers.get("set-cookie")!.split(";")[0]!;
    // Another process holds the write lock, demotes `first`, and commits 400 ms later; meanwhile `first` demotes
    // `second`. Until that commit this process still reads `first` as an enabled admin (WAL readers see the last commit;
    // on PostgreSQL, every reader sees the last commit, and that process holds `first`'s row).
    const [script, database] = onPostgres ? [OTHER_PROCESS_POSTGRES, process.env.DATABASE_URL!] : [OTHER_PROCESS, databaseFilePath(process.env.DATABASE_URL)];
    const other = spawn(process.execPath, ["-e", script, database, first!.userId], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => other.on("exit", resolve));
    await new Promise<void>((resolve) => other.stdout.once("data", () => resolve()));
    const result = await call(userRoute.PATCH, { method: "PATCH", params: { id: second!.userId }, body: { role: "viewer" }, headers: { cookie }, as: "none" });
    expect(await exited).toBe(0);
    expect(result.status).toBe(409);
    expect(await enabledAdmins()).toBe(1);
  });
});
