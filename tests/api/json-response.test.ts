// Large JSON answers are gzipped by the route itself when the client accepts gzip (lib/api/json-response.ts), so
// `next start`'s thread-pool compression, which held a chart's body until the server's other synchronous work was
// done, never sees them. The body must be the very JSON an uncompressed answer carries, and the header negotiation
// must follow RFC 9110 (a q of 0 refuses).
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as qualityMemoryRoute from "@/app/api/compare/quality-memory/route";
import * as rankQualityRoute from "@/app/api/compare/rank-quality/route";
import * as runsRoute from "@/app/api/runs/route";
import { acceptsGzip } from "@/lib/api/json-response";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function get(handler: Handler, path: string, acceptEncoding?: string) {
  const headers = acceptEncoding === undefined ? undefined : { "accept-encoding": acceptEncoding };
  const response = await handler(new Request(`http://localhost${path}`, { headers }), { params: Promise.resolve({}) });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("gzipped JSON answers", () => {
  it.each([
    ["quality-memory", qualityMemoryRoute.GET, "/api/compare/quality-memory?metric=mtBench"],
    ["rank-quality", rankQualityRoute.GET, "/api/compare/rank-quality"],
    ["the runs list", runsRoute.GET, "/api/runs?limit=200"],
  ])("%s: gzip when accepted, byte for byte the plain answer once inflated", async (_name, handler, path) => {
    const plain = await get(handler as Handler, path);
    expect(plain.response.status).toBe(200);
    expect(plain.response.headers.get("content-encoding")).toBeNull();
    // The seeded database's answers are well over the 1 KB threshold.
    expect(plain.bytes.length).toBeGreaterThan(1024);

    const zipped = await get(handler as Handler, path, "br, gzip;q=0.8, deflate");
    expect(zipped.response.status).toBe(200);
    expect(zipped.response.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.response.headers.get("content-type")).toBe("application/json");
    expect(zipped.response.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(Number(zipped.response.headers.get("content-length"))).toBe(zipped.bytes.length);
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length);
    expect(gunzipSync(zipped.bytes).equals(plain.bytes)).toBe(true);
  });

  it("answers plain JSON to a client that refuses gzip or names only other codings", async () => {
    for (const header of ["gzip;q=0", "br", "identity", "*;q=1, gzip;q=0"]) {
      const { response, bytes } = await get(qualityMemoryRoute.GET as Handler, "/api/compare/quality-memory?metric=mtBench", header);
      expect(response.headers.get("content-encoding"), header).toBeNull();
      expect(() => JSON.parse(bytes.toString("utf8")), header).not.toThrow();
    }
  });
});

describe("acceptsGzip", () => {
  it.each([
    [null, false],
    ["", false],
    ["gzip", true],
    ["GZIP", true],
    ["x-gzip", true],
    ["gzip, deflate, br, zstd", true],
    ["br;q=1.0, gzip;q=0.5", true],
    ["gzip;q=0", false],
    ["gzip; q=0.000", false],
    ["*", true],
    ["*;q=0", false],
    ["*, gzip;q=0", false],
    ["deflate, br", false],
  ] as const)("%j → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
