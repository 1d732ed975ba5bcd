// Calls route handlers in-process with real Request objects, against the test file's own SQLite database.
// Handlers differ in their params type; the test supplies whatever the route declares. Bodies are typed
// loosely on purpose: tests assert on their shape. Writes carry a member's Bearer token unless told otherwise.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Role } from "@/lib/server/auth/actor";
import { hashPassword } from "@/lib/server/auth/passwords";
import { createApiToken } from "@/lib/server/auth/tokens";
import { prisma } from "@/lib/server/db/client";

type Handler = (request: Request, context: any) => Promise<Response>;

export type ApiResult<T = any> = { status: number; body: T; text: string; headers: Headers };

const tokens = new Map<string, Promise<{ token: string; userId: string }>>();

/** A user with a live API token, created once per test file; `username` tells apart two users of one role. */
export function tokenForUser(username: string, role: Role): Promise<{ token: string; userId: string }> {
  let pending = tokens.get(username);
  if (!pending) {
    pending = (async () => {
      const user = await prisma.user.upsert({
        where: { username },
        update: {},
        create: { username, name: `Test ${username.replace(/^test-/, "")}`, role, passwordHash: await hashPassword("test-password") },
      });
      const { token } = await createApiToken({ userId: user.id, name: "tests" });
      return { token, userId: user.id };
    })();
    tokens.set(username, pending);
  }
  return pending;
}

/** A user of that role (test-<role>) with a live API token. */
export const tokenFor = (role: Role) => tokenForUser(`test-${role}`, role);

export type CallOptions = {
  method?: string;
  path?: string;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
  /** A role's token, "none", or explicit headers; default: a member's token on writes, nothing on GET. */
  as?: Role | "none";
  headers?: Record<string, string>;
};

export async function call<T = any>(handler: Handler, options: CallOptions = {}): Promise<ApiResult<T>> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  const as = options.as ?? (method === "GET" ? "none" : "member");
  if (as !== "none" && !headers.authorization) headers.authorization = `Bearer ${(await tokenFor(as)).token}`;
  const init: RequestInit = { method, headers };
  if (options.rawBody !== undefined) init.body = options.rawBody;
  else if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await handler(new Request(`http://localhost${options.path ?? "/"}`, init), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body: body as T, text, headers: response.headers };
}
