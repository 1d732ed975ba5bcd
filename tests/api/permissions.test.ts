// Walks the OpenAPI document: every operation that needs a role is called with no credentials, a viewer's
// token and a member's (and an admin's) token, against the real route modules found on disk, so an endpoint
// added later is checked without editing this file.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument, type Permission, WRITE_METHODS } from "@/lib/openapi";
import { prisma } from "@/lib/server/db/client";
import { call, tokenFor } from "../support/api";

type Handler = (request: Request, context: unknown) => Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;
const API_DIR = path.resolve("app/api");

/** app/api/runs/[id]/route.ts → /api/runs/{id} */
function routeFiles(dir = API_DIR): { apiPath: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(API_DIR, path.dirname(full)).split(path.sep).map((part) => part.replace(/^\[(.+)\]$/, "{$1}"));
    return [{ apiPath: `/api/${relative.join("/")}`, file: full }];
  });
}

const document = buildOpenApiDocument();
const operations = Object.entries(document.paths).flatMap(([apiPath, item]) =>
  Object.entries(item as Record<string, { "x-permission"?: Permission }>)
    .filter(([method]) => method !== "parameters")
    .map(([method, operation]) => ({ apiPath, method: method.toUpperCase(), permission: operation["x-permission"] })),
);
const guarded = operations.filter((op) => op.permission === "member" || op.permission === "admin");
const modules = new Map<string, RouteModule>();

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
    counts[name] = Number(row!.n);
  }
  return counts;
}

function handlerFor(apiPath: string, method: string): Handler {
  const handler = modules.get(apiPath)?.[method];
  if (!handler) throw new Error(`${method} ${apiPath} is in the OpenAPI document but no route module exports it`);
  return handler;
}

const callOp = (op: { apiPath: string; method: string }, as: "none" | "viewer" | "member" | "admin") =>
  call(handlerFor(op.apiPath, op.method), { method: op.method, path: op.apiPath.replace("{id}", "missing-id"), params: { id: "missing-id" }, body: op.method === "GET" ? undefined : {}, as });

beforeAll(async () => {
  for (const { apiPath, file } of routeFiles()) modules.set(apiPath, (await import(file)) as RouteModule);
  // Create the test users and their tokens up front, so that row counts compare only what a call writes.
  await Promise.all((["viewer", "member", "admin"] as const).map((role) => tokenFor(role)));
});

describe("the OpenAPI document and the route modules agree", () => {
  it("marks every operation with x-permission and security", () => {
    for (const op of operations) expect(op.permission, `${op.method} ${op.apiPath}`).toMatch(/^(public-read|member|admin|self)$/);
  });

  it("documents every method every route module exports, and every write is guarded or a documented read/self", () => {
    for (const [apiPath, routeModule] of modules) {
      for (const method of Object.keys(routeModule).filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name))) {
        expect(operations.some((op) => op.apiPath === apiPath && op.method === method), `${method} ${apiPath} is missing from lib/openapi.ts`).toBe(true);
      }
    }
    for (const op of operations) expect(() => handlerFor(op.apiPath, op.method)).not.toThrow();
    const unguardedWrites = operations.filter((op) => (WRITE_METHODS as readonly string[]).includes(op.method.toLowerCase()) && op.permission === "public-read");
    expect(unguardedWrites.map((op) => `${op.method} ${op.apiPath}`).sort()).toEqual(["POST /api/predict", "POST /api/predict/sweep", "POST /api/recommend"]);
  });

  it("finds the write endpoints it is meant to check", () => {
    expect(guarded.length).toBeGreaterThanOrEqual(10);
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

  it("answers 403 to a viewer and changes nothing", async () => {
    const before = await rowCounts();
    const response = await callOp(op, "viewer");
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
    expect(await rowCounts()).toEqual(before);
  });

  it(`lets a ${op.permission} through`, async () => {
    const response = await callOp(op, op.permission === "admin" ? "admin" : "member");
    expect([401, 403]).not.toContain(response.status);
    if (op.permission === "admin") expect((await callOp(op, "member")).status).toBe(403);
  });
});
