// Walks the OpenAPI document: every operation that needs a role is called with no credentials, a viewer's
// token and a member's (and an admin's) token, against the real route modules found on disk, so an endpoint
// added later is checked without editing this file. Owner-or-admin operations are also called on a real record
// owned by one member: another member gets 403 and the record is unchanged; the owner and an admin get through.
import { beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS, WRITE_METHODS } from "@/lib/openapi";
import type { Actor } from "@/lib/server/auth/actor";
import { createApiToken } from "@/lib/server/auth/tokens";
import { createComment } from "@/lib/server/collab/comments";
import { createView } from "@/lib/server/collab/views";
import { prisma } from "@/lib/server/db/client";
import { call, tokenFor, tokenForUser } from "../support/api";
import { type Handler, callOnMissingId, callValid, handlerIn, loadRouteModules, operations, rowCounts } from "../support/openapi-walk";

const guarded = operations.filter((op) => op.permission === "member" || op.permission === "owner-or-admin" || op.permission === "admin");
const ownerOnly = operations.filter((op) => op.permission === "owner-or-admin");

type OwnedRecord = {
  /** Creates a record owned by the actor and returns its id. */
  create: (owner: Actor) => Promise<string>;
  /** The record's stored state (null once deleted), to show that a refused call left it alone. */
  read: (id: string) => Promise<unknown>;
  /** A valid body per method, so that a refusal cannot be a validation error in disguise. */
  bodies?: Partial<Record<string, unknown>>;
};

/** One factory per kind of owned record; an owner-or-admin path without one fails the test below. */
const OWNED_RECORDS: Record<string, OwnedRecord> = {
  "/api/comments/{id}": {
    create: async (owner) => {
      const run = await prisma.run.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } });
      return (await createComment(run.id, { body: "the owner's words" }, { actor: owner })).id;
    },
    read: (id) => prisma.comment.findUnique({ where: { id } }),
    bodies: { PATCH: { body: "edited by someone" } },
  },
  "/api/views/{id}": {
    create: async (owner) => (await createView({ name: "owner's view", path: "/runs", query: "method=lora" }, { actor: owner })).id,
    read: (id) => prisma.savedView.findUnique({ where: { id } }),
  },
  "/api/tokens/{id}": {
    create: async (owner) => (await createApiToken({ userId: owner.userId, name: "owner's token" })).info.id,
    // lastUsedAt moves whenever a token authenticates; ownership and revocation are what must not.
    read: (id) => prisma.apiToken.findUnique({ where: { id }, select: { userId: true, name: true, revokedAt: true } }),
  },
};

async function actorFor(username: string, role: "member" | "admin"): Promise<Actor & { token: string }> {
  const { token, userId } = await tokenForUser(username, role);
  return { userId, username, name: username, role, via: "token", token };
}
let modules: Awaited<ReturnType<typeof loadRouteModules>>;

const handlerFor = (apiPath: string, method: string): Handler => handlerIn(modules, apiPath, method);

const callOp = (op: { apiPath: string; method: string }, as: "none" | "viewer" | "member" | "admin") => callOnMissingId(modules, op, as);

beforeAll(async () => {
  modules = await loadRouteModules();
  // Create the test users and their tokens up front, so that row counts compare only what a call writes.
  await Promise.all((["viewer", "member", "admin"] as const).map((role) => tokenFor(role)));
});

describe("the OpenAPI document and the route modules agree", () => {
  it("marks every operation with x-permission and security", () => {
    for (const op of operations) expect(op.permission, `${op.method} ${op.apiPath}`).toMatch(new RegExp(`^(${PERMISSIONS.join("|")})$`));
  });

  it("documents every method every route module exports, and every write is guarded or a documented read/self", () => {
    for (const [apiPath, routeModule] of modules) {
      for (const method of Object.keys(routeModule).filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name))) {
        expect(operations.some((op) => op.apiPath === apiPath && op.method === method), `${method} ${apiPath} is missing from lib/openapi.ts`).toBe(true);
      }
    }
    for (const op of operations) expect(() => handlerFor(op.apiPath, op.method)).not.toThrow();
    const unguardedWrites = operations.filter((op) => (WRITE_METHODS as readonly string[]).includes(op.method.toLowerCase()) && op.permission === "public-read");
    expect(unguardedWrites.map((op) => `${op.method} ${op.apiPath}`).sort()).toEqual([
      "POST /api/2.0/mlflow/experiments/search", "POST /api/2.0/mlflow/runs/search", "POST /api/predict", "POST /api/predict/sweep", "POST /api/recommend",
    ]);
  });

  it("lets every signed-in role, and nobody else, use its own-account operations", async () => {
    const own = operations.filter((op) => op.permission === "signed-in");
    expect(own.map((op) => `${op.method} ${op.apiPath}`).sort()).toEqual(["GET /api/tokens", "POST /api/auth/password", "POST /api/tokens"]);
    for (const op of own) {
      const before = await rowCounts();
      expect((await callOp(op, "none")).status, `${op.method} ${op.apiPath}`).toBe(401);
      expect(await rowCounts()).toEqual(before);
      const served = await callValid(modules, op, "viewer");
      expect(served.status, `${op.method} ${op.apiPath}: ${served.text}`).toBeLessThan(300);
    }
  });

  it("finds the write endpoints it is meant to check", () => {
    expect(guarded.length).toBeGreaterThanOrEqual(10);
    expect(ownerOnly.map((op) => `${op.method} ${op.apiPath}`).sort()).toEqual(["DELETE /api/comments/{id}", "DELETE /api/tokens/{id}", "DELETE /api/views/{id}", "PATCH /api/comments/{id}"]);
  });
});

describe.each(guarded)("$method $apiPath ($permission)", (op) => {
  it("answers 401 without credentials and changes nothing", async () => {
    const before = await rowCounts();
    const response = await callOp(op, "none");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
    expect(await rowCounts()).toEqual(before);
  });

  it("answers 401 to an unknown token and changes nothing", async () => {
    const before = await rowCounts();
    const response = await call(handlerFor(op.apiPath, op.method), { method: op.method, params: { id: "missing-id" }, body: op.method === "GET" ? undefined : {}, headers: { authorization: "Bearer tb_not-a-token" } });
    expect(response.status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a viewer and changes nothing", async () => {
    const before = await rowCounts();
    const response = await callOp(op, "viewer");
    // A viewer may own a token, so revoking one checks ownership on the record: on a missing id that is a 404.
    // The owner-or-admin block below checks a viewer against a real record someone else owns.
    if (op.permission === "owner-or-admin" && response.status === 404) expect(response.body.error.code).toBe("not_found");
    else {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("forbidden");
    }
    expect(await rowCounts()).toEqual(before);
  });

  it(`lets a ${op.permission === "admin" ? "admin" : "member"} succeed with a valid request`, async () => {
    // A 2xx, not merely "not 401/403": a 500 on the allowed side is a failure too.
    const response = await callValid(modules, op, op.permission === "admin" ? "admin" : "member");
    expect(response.status, response.text).toBeGreaterThanOrEqual(200);
    expect(response.status, response.text).toBeLessThan(300);
    if (op.permission === "admin") expect((await callOp(op, "member")).status).toBe(403);
  });
});

describe.each(ownerOnly)("$method $apiPath on someone else's record", (op) => {
  const record = () => {
    const found = OWNED_RECORDS[op.apiPath];
    if (!found) throw new Error(`${op.apiPath} is owner-or-admin but the test has no OWNED_RECORDS factory for it`);
    return found;
  };
  const callAs = (id: string, token: string) =>
    call(handlerFor(op.apiPath, op.method), { method: op.method, params: { id }, body: record().bodies?.[op.method] ?? {}, headers: { authorization: `Bearer ${token}` } });

  it("answers 403 to another member and to a viewer, and leaves the record and every table as they were", async () => {
    const owner = await actorFor("test-owner", "member");
    const id = await record().create(owner);
    for (const other of [await actorFor("test-other-member", "member"), { token: (await tokenFor("viewer")).token }]) {
      const [before, counts] = [await record().read(id), await rowCounts()];
      const response = await callAs(id, other.token);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("forbidden");
      expect(await record().read(id)).toEqual(before);
      expect(await rowCounts()).toEqual(counts);
    }
  });

  it("lets the owner and an admin through", async () => {
    const owner = await actorFor("test-owner", "member");
    const admin = await actorFor("test-admin", "admin");
    for (const token of [owner.token, admin.token]) {
      const id = await record().create(owner);
      const before = await record().read(id);
      const response = await callAs(id, token);
      expect(response.status, response.text).toBeLessThan(300);
      expect(await record().read(id)).not.toEqual(before);
    }
  });
});
