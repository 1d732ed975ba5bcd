// The operations of the OpenAPI document and the route modules on disk that serve them, for tests that walk
// every endpoint (permissions, private reads): a route added later is covered without editing those tests.
import { readdirSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument, type Permission } from "@/lib/openapi";
import { prisma } from "@/lib/server/db/client";
import type { Role } from "@/lib/server/auth/actor";
import { type ApiResult, call } from "./api";
import { validCallFor } from "./valid-calls";
import { onPostgres } from "./postgres";

export type Handler = (request: Request, context: unknown) => Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;
export type Operation = {
  apiPath: string;
  method: string;
  permission: Permission | undefined;
  hasBody: boolean;
  /** The request body's documented byte cap (x-max-bytes); undefined for operations without a body. */
  maxBodyBytes: number | undefined;
};

const API_DIR = path.resolve("app/api");

/** app/api/runs/[id]/route.ts → /api/runs/{id} */
function routeFiles(dir = API_DIR): { apiPath: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(API_DIR, path.dirname(full)).split(path.sep).map((part) => part.replace(/^\[\[\.\.\.(.+)\]\]$/, "{$1}").replace(/^\[(.+)\]$/, "{$1}"));
    return [{ apiPath: `/api/${relative.join("/")}`, file: full }];
  });
}

export const operations: Operation[] = Object.entries(buildOpenApiDocument().paths).flatMap(([apiPath, item]) =>
  Object.entries(item as Record<string, { "x-permission"?: Permission; requestBody?: { "x-max-bytes"?: number } }>)
    .filter(([method]) => method !== "parameters")
    .map(([method, operation]) => ({
      apiPath,
      method: method.toUpperCase(),
      permission: operation["x-permission"],
      hasBody: operation.requestBody !== undefined,
      maxBodyBytes: operation.requestBody?.["x-max-bytes"],
    })),
);

/** Every route module under app/api, by OpenAPI path; imported once per test file. */
export async function loadRouteModules(): Promise<Map<string, RouteModule>> {
  const modules = new Map<string, RouteModule>();
  for (const { apiPath, file } of routeFiles()) modules.set(apiPath, (await import(file)) as RouteModule);
  return modules;
}

export function handlerIn(modules: Map<string, RouteModule>, apiPath: string, method: string): Handler {
  const handler = modules.get(apiPath)?.[method];
  if (!handler) throw new Error(`${method} ${apiPath} is in the OpenAPI document but no route module exports it`);
  return handler;
}

/**
 * Calls an operation as a role (or nobody) on an id that does not exist, with an empty body for writes: what a
 * permission check must answer before it looks anything up.
 */
export function callOnMissingId(modules: Map<string, RouteModule>, op: Pick<Operation, "apiPath" | "method">, as: Role | "none"): Promise<ApiResult> {
  return call(handlerIn(modules, op.apiPath, op.method), {
    method: op.method,
    path: op.apiPath.replace("{id}", "missing-id"),
    params: { id: "missing-id" },
    body: op.method === "GET" ? undefined : {},
    as,
  });
}

/**
 * Calls an operation as a role with a valid request on real records (tests/support/valid-calls.ts): what the
 * role the operation allows must get a 2xx for. A factory that brings its own credentials (the owner of a
 * record, a fresh user changing their own password) is called with those instead of the role's shared token.
 */
export async function callValid(modules: Map<string, RouteModule>, op: Pick<Operation, "apiPath" | "method">, as: Role): Promise<ApiResult> {
  const valid = await validCallFor(op, as);
  return call(handlerIn(modules, op.apiPath, op.method), {
    method: op.method,
    path: valid.path,
    params: valid.params,
    body: valid.body,
    ...(valid.headers ? { as: "none" as const, headers: valid.headers } : { as }),
  });
}

/** Rows in every table of the test file's database: a refused request must leave every count as it was. */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    onPostgres
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
    counts[name] = Number(row!.n);
  }
  return counts;
}
