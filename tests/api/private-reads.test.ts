// TUNEBOARD_PUBLIC_READS=false: every operation the OpenAPI document marks public-read answers 401 to the
// signed-out and serves any signed-in role; self operations stay open; pages send the signed-out to /sign-in.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { hashSecret } from "@/lib/server/auth/tokens";
import { signInRedirectFor } from "@/lib/server/auth/private-reads";
import { prisma } from "@/lib/server/db/client";
import { call, tokenFor } from "../support/api";
import { type Handler, callOnMissingId, callValid, handlerIn, loadRouteModules, operations } from "../support/openapi-walk";

// lib/env.ts reads the environment once, when first imported: set it before any import above runs.
vi.hoisted(() => {
  process.env.TUNEBOARD_PUBLIC_READS = "false";
});

const publicReads = operations.filter((op) => op.permission === "public-read");
let modules: Awaited<ReturnType<typeof loadRouteModules>>;
const handlerFor = (apiPath: string, method: string): Handler => handlerIn(modules, apiPath, method);
const callOp = (op: { apiPath: string; method: string }, as: "none" | "viewer") => callOnMissingId(modules, op, as);

beforeAll(async () => {
  modules = await loadRouteModules();
  await tokenFor("viewer");
});

describe("private reads", () => {
  it("finds the read operations it is meant to check", () => {
    expect(publicReads.length).toBeGreaterThanOrEqual(20);
  });

  it.each(publicReads)("$method $apiPath answers 401 signed out and serves a viewer", async (op) => {
    const refused = await callOp(op, "none");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    const served = await callValid(modules, op, "viewer");
    expect(served.status, served.text).toBeGreaterThanOrEqual(200);
    expect(served.status, served.text).toBeLessThan(300);
  });

  it("leaves sign-in, me and the OpenAPI document open, and me says reads are private", async () => {
    const me = await call(handlerFor("/api/auth/me", "GET"), { as: "none" });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: null, publicReads: false });
    expect((await call(handlerFor("/api/openapi.json", "GET"), { as: "none" })).status).toBe(200);
    const signIn = await call(handlerFor("/api/auth/sign-in", "POST"), { method: "POST", body: { username: "nobody", password: "wrong-password" }, as: "none" });
    expect(signIn.status).toBe(401);
  });
});

describe("a viewer's own token", () => {
  it("is created, reads the API, cannot write, and stops reading once revoked", async () => {
    const viewer = await tokenFor("viewer");
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const created = await call(handlerFor("/api/tokens", "POST"), { method: "POST", body: { name: "notebook" }, headers: bearer(viewer.token) });
    expect(created.status).toBe(201);
    const { token, info } = created.body as { token: string; info: { id: string } };

    expect((await call(handlerFor("/api/runs", "GET"), { path: "/api/runs?limit=1", headers: bearer(token) })).status).toBe(200);
    const listed = await call(handlerFor("/api/tokens", "GET"), { headers: bearer(token) });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(info.id);
    const runsBefore = await prisma.run.count();
    const write = await call(handlerFor("/api/runs", "POST"), { method: "POST", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8 }, headers: bearer(token) });
    expect(write.status).toBe(403);
    expect(await prisma.run.count()).toBe(runsBefore);

    const revoked = await call(handlerFor("/api/tokens/{id}", "DELETE"), { method: "DELETE", params: { id: info.id }, headers: bearer(token) });
    expect(revoked.status).toBe(200);
    expect((await call(handlerFor("/api/runs", "GET"), { path: "/api/runs?limit=1", headers: bearer(token) })).status).toBe(401);
  });
});

describe("pages in private mode", () => {
  const page = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });

  it("sends the signed-out to /sign-in with the page and its query as next", async () => {
    const target = await signInRedirectFor(page("/compare?method=lora&metric=mmlu"));
    expect(target?.pathname).toBe("/sign-in");
    expect(target?.searchParams.get("next")).toBe("/compare?method=lora&metric=mmlu");
    expect((await signInRedirectFor(page("/runs/abc", "tb_session=forged")))?.searchParams.get("next")).toBe("/runs/abc");
  });

  it("lets a live session through, and never gates sign-in, the API or assets", async () => {
    const { userId } = await tokenFor("viewer");
    await prisma.session.create({ data: { id: hashSecret("live-secret"), userId, expiresAt: new Date(Date.now() + 3600_000) } });
    await prisma.session.create({ data: { id: hashSecret("old-secret"), userId, expiresAt: new Date(Date.now() - 1000) } });
    expect(await signInRedirectFor(page("/runs", "tb_session=live-secret"))).toBeNull();
    expect(await signInRedirectFor(page("/runs", "tb_session=old-secret"))).not.toBeNull();
    for (const open of ["/sign-in", "/sign-in?next=/runs", "/api/runs", "/_next/static/chunk.js", "/favicon.ico", "/icon.svg"]) expect(await signInRedirectFor(page(open))).toBeNull();
    expect(await signInRedirectFor(page("/sign-inx"))).not.toBeNull();
  });

  it("lets everyone through when reads are public", async () => {
    expect(await signInRedirectFor(page("/runs"), true)).toBeNull();
  });
});
