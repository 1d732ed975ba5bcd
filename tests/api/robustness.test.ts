// Walks every operation of the OpenAPI document with what a careless client or an attacker sends: unknown fields,
// oversized bodies, malformed JSON and odd ids. Whatever comes in, the answer is a 4xx with the error shape (never a
// 5xx) and no table gains or loses a row. Route modules are found on disk, so an operation added later is covered.
// (Malformed percent-escapes in the URL never reach a handler: e2e/malformed-urls.spec.ts sends them to the server.)
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiResult } from "../support/api";
import { call, tokenFor } from "../support/api";
import { handlerIn, loadRouteModules, operations, rowCounts } from "../support/openapi-walk";
import { type ValidCall, validCallFor } from "../support/valid-calls";

let modules: Awaited<ReturnType<typeof loadRouteModules>>;
beforeAll(async () => {
  modules = await loadRouteModules();
  // Create the shared test users and tokens up front, so that row counts compare only what a request writes.
  await Promise.all((["viewer", "member", "admin"] as const).map((role) => tokenFor(role)));
});

const withBody = operations.filter((op) => op.hasBody);
/** The allowed role for a valid call: admins for admin operations, members otherwise (viewers cannot write). */
const roleFor = (permission: string | undefined) => (permission === "admin" ? "admin" : "member");

type Op = (typeof operations)[number];

/** Sends a raw body on the operation's valid path, with the credentials its valid call would use. */
function sendRaw(op: Op, valid: ValidCall, rawBody: string): Promise<ApiResult> {
  return call(handlerIn(modules, op.apiPath, op.method), {
    method: op.method,
    path: valid.path,
    params: valid.params,
    rawBody,
    ...(valid.headers ? { as: "none" as const, headers: valid.headers } : { as: roleFor(op.permission) }),
  });
}

function expectClientError(response: ApiResult, status: number) {
  expect(response.status, response.text).toBe(status);
  expect(response.body?.error?.code, response.text).toEqual(expect.any(String));
  expect(response.body.error.message).toEqual(expect.any(String));
}

describe("the walk", () => {
  it("finds the operations that take a JSON body, each with a documented byte cap", () => {
    expect(withBody.length).toBeGreaterThanOrEqual(15);
    for (const op of withBody) expect(op.maxBodyBytes, `${op.method} ${op.apiPath}`).toBeGreaterThan(0);
  });
});

describe.each(withBody)("$method $apiPath", (op) => {
  it("refuses an unknown field with a 422 naming it, and stores nothing", async () => {
    const valid = await validCallFor(op, roleFor(op.permission));
    const before = await rowCounts();
    const response = await sendRaw(op, valid, JSON.stringify({ ...(valid.body as object), notAField: 1 }));
    // MLflow's API ignores fields it does not know (its newer clients send some): those routes must serve the call.
    if (op.apiPath.startsWith("/api/2.0/mlflow/")) return void expect(response.status, response.text).toBe(200);
    expectClientError(response, 422);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toContain("notAField");
    expect(response.body.error.message).toContain("notAField");
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a body just over its documented cap with a 413 before parsing it, and stores nothing", async () => {
    const valid = await validCallFor(op, roleFor(op.permission));
    const before = await rowCounts();
    const padding = "x".repeat((op.maxBodyBytes ?? 1_000_000) + 1);
    const response = await sendRaw(op, valid, JSON.stringify({ ...(valid.body as object), notes: padding }));
    expectClientError(response, 413);
    expect(response.body.error.code).toBe("payload_too_large");
    expect(await rowCounts()).toEqual(before);
  });

  it("answers malformed JSON with a 400 and stores nothing", async () => {
    const valid = await validCallFor(op, roleFor(op.permission));
    const before = await rowCounts();
    for (const rawBody of ["{", "{ \"a\": }", "[1, 2", "\u0000", ""]) expectClientError(await sendRaw(op, valid, rawBody), 400);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers a body of the wrong shape (array, string, null, number) with a 4xx and stores nothing", async () => {
    const valid = await validCallFor(op, roleFor(op.permission));
    const before = await rowCounts();
    for (const rawBody of ["[]", "\"text\"", "null", "42"]) {
      const response = await sendRaw(op, valid, rawBody);
      expect(response.status, `${rawBody}: ${response.text}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${rawBody}: ${response.text}`).toBeLessThan(500);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe.each(operations.filter((op) => op.apiPath.includes("{id}")))("$method $apiPath with odd ids", (op) => {
  it("answers a 4xx (never a 5xx) and changes nothing", async () => {
    const valid = await validCallFor(op, roleFor(op.permission));
    const before = await rowCounts();
    for (const id of ["%FF", "%", "../../etc/passwd", "a".repeat(5000), "' OR 1=1 --", "\u0000"]) {
      const response = await call(handlerIn(modules, op.apiPath, op.method), {
        method: op.method,
        path: op.apiPath.replace("{id}", "odd"),
        params: { id },
        body: op.hasBody ? valid.body : undefined,
        as: roleFor(op.permission),
      });
      expect(response.status, `${JSON.stringify(id.slice(0, 20))}: ${response.text}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${JSON.stringify(id.slice(0, 20))}: ${response.text}`).toBeLessThan(500);
    }
    expect(await rowCounts()).toEqual(before);
  });
});
