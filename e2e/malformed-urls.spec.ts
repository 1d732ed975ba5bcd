// A path with a malformed percent-escape is the API's JSON 400, on every operation of the OpenAPI document that takes
// an {id} and on pages, never Next's plain-text 500. Sent over a raw socket (node:http), so that no client library
// tidies the escape up on the way.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./ports";

const MALFORMED = ["%FF", "%", "%zz", "%E0%A4%A", "%C3%28"];

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = method === "GET" || method === "DELETE" ? undefined : "{}";
    const req = httpRequest(
      { host: "127.0.0.1", port: E2E_PORT, method, path, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function expectJsonBadRequest(response: RawResponse, what: string) {
  expect(response.status, `${what}: ${response.body.slice(0, 80)}`).toBe(400);
  expect(response.headers["content-type"], what).toContain("application/json");
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  expect(body.error.code, what).toBe("bad_request");
  expect(body.error.message, what).toMatch(/percent-escape/);
  expect(response.headers["x-content-type-options"], what).toBe("nosniff");
  expect(response.headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

test.describe("malformed percent-escapes", () => {
  test("every {id} operation of the OpenAPI document answers a JSON 400", async () => {
    const document = JSON.parse((await send("GET", "/api/openapi.json")).body) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.includes("{id}"))
      .flatMap(([path, item]) => Object.keys(item).filter((method) => ["get", "post", "put", "patch", "delete"].includes(method)).map((method) => ({ method: method.toUpperCase(), path })));
    // The 19 id operations the issue counted, at least.
    expect(operations.length).toBeGreaterThanOrEqual(19);
    for (const { method, path } of operations) {
      for (const escape of MALFORMED) {
        const url = path.replace("{id}", escape);
        expectJsonBadRequest(await send(method, url), `${method} ${url}`);
      }
    }
  });

  test("pages answer the same JSON 400", async () => {
    for (const path of ["/runs/%FF", "/runs/%", "/runs/%zz/edit", "/sources/%FF", "/claims/%", "/views/%zz", "/%FF", "/compare/%"]) {
      expectJsonBadRequest(await send("GET", path), `GET ${path}`);
    }
  });

  test("well-formed escapes, malformed query strings and cookies still reach the app", async () => {
    // %61 is "a": the run does not exist, which the app itself says.
    const escaped = await send("GET", "/api/runs/%61bc");
    expect(escaped.status).toBe(404);
    expect(JSON.parse(escaped.body)).toMatchObject({ error: { code: "not_found" } });
    // Query values decode leniently (URLSearchParams keeps a bad escape as text): no 5xx anywhere.
    for (const path of ["/api/runs?tag=%FF", "/api/runs?q=%", "/runs?method=%zz", "/api/runs/%61bc/metrics?keys=%FF"]) {
      const response = await send("GET", path);
      expect(response.status, `GET ${path}`).toBeLessThan(500);
    }
    // Nor does a session cookie with a bad escape: it is no session, on the API and on pages.
    for (const path of ["/api/auth/me", "/api/runs?limit=1", "/runs"]) {
      const response = await send("GET", path, { cookie: "tb_session=%FF" });
      expect(response.status, `GET ${path} with tb_session=%FF`).toBe(200);
    }
  });
});
