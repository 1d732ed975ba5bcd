// People management through the route handlers: an admin resets a password or disables someone; anyone changes
// their own password. Each change is checked by what it does to sign-in, sessions and tokens.
import { describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/auth/me/route";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as runsRoute from "@/app/api/runs/route";
import * as usersRoute from "@/app/api/users/route";
import * as userRoute from "@/app/api/users/[id]/route";
import { createApiToken } from "@/lib/server/auth/tokens";
import { prisma } from "@/lib/server/db/client";
import { call, tokenFor } from "../support/api";

let serial = 0;
async function newUser(role: "viewer" | "member" | "admin" = "member", password = "first-password") {
  const username = `person-${++serial}`;
  const created = await call(usersRoute.POST, { method: "POST", body: { username, name: `Person ${serial}`, role, password }, as: "admin" });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, username };
}

async function signIn(username: string, password: string) {
  const response = await call(signInRoute.POST, { method: "POST", body: { username, password }, as: "none" });
  return { status: response.status, body: response.body, cookie: response.headers.get("set-cookie")?.split(";")[0] ?? null };
}

const meWith = async (cookie: string) => (await call(meRoute.GET, { headers: { cookie } })).body.user as { username: string } | null;
const patchUser = (id: string, body: unknown, as: "admin" | "member" = "admin") => call(userRoute.PATCH, { method: "PATCH", params: { id }, body, as });

describe("an admin resets a password", () => {
  it("sets the new password and ends the person's sessions", async () => {
    const person = await newUser();
    const { cookie } = await signIn(person.username, "first-password");
    expect(await meWith(cookie!)).toMatchObject({ username: person.username });

    const reset = await patchUser(person.id, { password: "second-password" });
    expect(reset.status).toBe(200);
    expect(reset.body).not.toHaveProperty("passwordHash");
    expect(await meWith(cookie!)).toBeNull();
    expect((await signIn(person.username, "first-password")).status).toBe(401);
    expect((await signIn(person.username, "second-password")).status).toBe(200);
  });

  it("refuses a short password per field and changes nothing; a member may not reset anyone's", async () => {
    const person = await newUser();
    const short = await patchUser(person.id, { password: "short" });
    expect(short.status).toBe(422);
    expect(short.body.error.issues).toEqual([{ path: "password", message: "at least 8 characters" }]);
    expect((await patchUser(person.id, { password: "member-chosen" }, "member")).status).toBe(403);
    expect((await signIn(person.username, "first-password")).status).toBe(200);
  });
});

describe("an admin disables someone", () => {
  it("refuses their sign-in, ends their sessions and refuses their tokens until enabled again", async () => {
    const person = await newUser();
    const { cookie } = await signIn(person.username, "first-password");
    const { token } = await createApiToken({ userId: person.id, name: "job" });
    const write = () => call(runsRoute.POST, { method: "POST", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8 }, headers: { authorization: `Bearer ${token}` } });

    const disabled = await patchUser(person.id, { disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true });
    const refused = await signIn(person.username, "first-password");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("This account is disabled; ask an admin");
    expect(refused.cookie).toBeNull();
    expect((await signIn(person.username, "wrong-password")).status).toBe(401);
    expect(await meWith(cookie!)).toBeNull();
    const runsBefore = await prisma.run.count();
    expect((await write()).status).toBe(401);
    expect(await prisma.run.count()).toBe(runsBefore);

    expect((await patchUser(person.id, { disabled: false })).body).toMatchObject({ disabled: false });
    expect((await write()).status).toBe(201);
    expect((await signIn(person.username, "first-password")).status).toBe(200);
  });

  it("keeps one enabled admin, and no admin disables themselves", async () => {
    const admin = await tokenFor("admin");
    const self = await patchUser(admin.userId, { disabled: true });
    expect(self.status).toBe(409);
    // Leave exactly one enabled admin: every other admin is disabled for this check, then restored.
    const others = await prisma.user.findMany({ where: { role: "admin", disabledAt: null, id: { not: admin.userId } }, select: { id: true } });
    await prisma.user.updateMany({ where: { id: { in: others.map((user) => user.id) } }, data: { disabledAt: new Date() } });
    try {
      const demote = await patchUser(admin.userId, { role: "member" });
      expect(demote.status).toBe(409);
      expect(demote.body.error.message).toMatch(/last admin/);
      // With a second enabled admin, that one may be disabled: this admin is left.
      const second = await newUser("admin");
      expect((await patchUser(second.id, { disabled: true })).status).toBe(200);
      expect((await patchUser(admin.userId, { role: "member" })).status).toBe(409);
    } finally {
      await prisma.user.updateMany({ where: { id: { in: others.map((user) => user.id) } }, data: { disabledAt: null } });
    }
  });
});

describe("changing your own password", () => {
  it("needs the current password, per field, and changes nothing without it", async () => {
    const person = await newUser("viewer");
    const { cookie } = await signIn(person.username, "first-password");
    const wrong = await call(passwordRoute.POST, { method: "POST", body: { currentPassword: "not-it-at-all", newPassword: "brand-new-pass" }, headers: { cookie: cookie! }, as: "none" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.issues).toEqual([{ path: "currentPassword", message: "is not your current password" }]);
    const same = await call(passwordRoute.POST, { method: "POST", body: { currentPassword: "first-password", newPassword: "first-password" }, headers: { cookie: cookie! }, as: "none" });
    expect(same.body.error.issues).toEqual([{ path: "newPassword", message: "must differ from the current password" }]);
    expect((await signIn(person.username, "first-password")).status).toBe(200);
  });

  it("works for a viewer, keeps this session and ends the others", async () => {
    const person = await newUser("viewer");
    const here = (await signIn(person.username, "first-password")).cookie!;
    const elsewhere = (await signIn(person.username, "first-password")).cookie!;
    const changed = await call(passwordRoute.POST, { method: "POST", body: { currentPassword: "first-password", newPassword: "brand-new-pass" }, headers: { cookie: here }, as: "none" });
    expect(changed.status).toBe(204);
    expect(await meWith(here)).toMatchObject({ username: person.username });
    expect(await meWith(elsewhere)).toBeNull();
    expect((await signIn(person.username, "first-password")).status).toBe(401);
    expect((await signIn(person.username, "brand-new-pass")).status).toBe(200);
  });
});
