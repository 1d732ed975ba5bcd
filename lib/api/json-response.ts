import { gzipSync } from "node:zlib";
import { NextResponse } from "next/server";

/**
 * A JSON answer for a route whose answers can be large (the charts, the runs list, metric series): gzipped here,
 * synchronously, when the client accepts gzip and the body is worth it.
 *
 * Why not leave it to the server: `next start` compresses responses with the `compression` middleware, which gzips
 * on libuv's thread pool in 16 KB pieces, each written out only on a later turn of the event loop. /compare asks
 * for four charts at once and each answer is synchronous SQLite work, so the first chart's body waited for the
 * other three: measured on the 100,000-run database, quality-memory's first byte came at 83 ms and its last at
 * 241 ms (uncompressed: 80 and 86 ms), and all four answers reached the browser together, which then drew the four
 * charts back to back instead of drawing each while the server computed the next. Gzipped here, the body is
 * written whole as soon as it is ready; the middleware leaves an answer that already has a Content-Encoding alone.
 * Level 1: 724 KB of quality-memory JSON takes ~4 ms (87 KB) where the default level takes ~12 ms (66 KB), and this
 * runs on the event loop.
 */
export function jsonResponse(request: Request, body: unknown, init: ResponseInit = {}): Response {
  return jsonTextResponse(request, JSON.stringify(body), init);
}

/** The same for a body already written as JSON, as text or UTF-8 (the runs list writes its own, lib/server/runs/serialize.ts). */
export function jsonTextResponse(request: Request, text: string | Uint8Array<ArrayBuffer>, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  headers.append("vary", "Accept-Encoding");
  const size = typeof text === "string" ? text.length : text.byteLength;
  if (size < GZIP_FROM_SIZE || !acceptsGzip(request.headers.get("accept-encoding"))) return new NextResponse(text, { ...init, headers });
  const gzipped = gzipSync(text, { level: 1 });
  headers.set("content-encoding", "gzip");
  headers.set("content-length", String(gzipped.length));
  return new NextResponse(new Uint8Array(gzipped.buffer, gzipped.byteOffset, gzipped.byteLength), { ...init, headers });
}

/**
 * Below this many characters (or bytes) an answer goes uncompressed: the middleware's own threshold, so that
 * nothing this function answers is left to its thread-pool gzip (even one small piece waits for a free event loop).
 */
const GZIP_FROM_SIZE = 1024;

/**
 * Whether an Accept-Encoding header allows gzip: listed (or `*`) with a q-value above 0 (RFC 9110 §12.5.3). An
 * explicit `gzip;q=0` refuses it even when `*` is allowed.
 */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === "gzip" || name.trim() === "x-gzip") return allowed;
    if (name.trim() === "*") wildcard = allowed;
  }
  return wildcard;
}
