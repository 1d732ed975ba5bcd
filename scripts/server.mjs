// Serves the production build (npm start, scripts/e2e-server.mjs): Next's own request handler behind a plain Node
// HTTP server that does the three things Next leaves to whoever hosts it, and nothing else:
// 1. the client's address: unless TUNEBOARD_TRUST_PROXY=true says a reverse proxy is in front, the X-Forwarded-*
//    and X-Real-IP headers a client sent are dropped and X-Forwarded-For is set to the socket's address, so the
//    app (lib/server/client-address.ts) cannot be told a made-up one. Next fills these headers only when absent.
// 2. a path with a malformed percent-escape (/api/runs/%FF, /runs/%) gets the API's JSON 400. Next answers it with a
//    plain-text 500 before any route or proxy.ts runs, so this is the one place that sees it.
// 3. keep-alive timeouts longer than the clients' own, so an idle socket is not closed under a client reusing it.
//
//   node scripts/server.mjs [-p <port>] [-H <hostname>]     (PORT or 3000; all interfaces)
import { Buffer } from "node:buffer";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

// As `next start` does: React and Next pick their production builds from NODE_ENV when first loaded.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const { values: options } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(options.port ?? process.env.PORT ?? 3000);
const hostname = options.hostname;
// Validated again with the rest of the settings in lib/env.ts; read here because this file runs before any app code.
const trustProxySetting = process.env.TUNEBOARD_TRUST_PROXY ?? "false";
if (trustProxySetting !== "true" && trustProxySetting !== "false") {
  console.error('TUNEBOARD_TRUST_PROXY must be "true" or "false"');
  process.exit(1);
}
const trustProxy = trustProxySetting === "true";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/** Replaces whatever forwarding headers the client sent with the socket's own address. */
function pinClientAddress(request) {
  for (const name of FORWARDING_HEADERS) delete request.headers[name];
  const address = request.socket.remoteAddress;
  if (address) request.headers["x-forwarded-for"] = address;
}

/** True when the path (not the query: URLSearchParams decodes leniently) has a % that does not decode. */
function hasMalformedEscape(url) {
  const path = url.split("?", 1)[0] ?? "";
  if (!path.includes("%")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

// The same headers next.config.ts gives every response that is not a page; this 400 never reaches Next.
// e2e/malformed-urls.spec.ts checks them on it.
const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

function sendJsonError(response, status, code, message) {
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  response.end(body);
}

const server = createServer();
const app = next({ dev: false, dir: process.cwd(), hostname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

server.on("request", (request, response) => {
  if (!trustProxy) pinClientAddress(request);
  if (hasMalformedEscape(request.url ?? "/")) {
    sendJsonError(response, 400, "bad_request", "The URL path has a malformed percent-escape: % must be followed by two hex digits that encode UTF-8");
    return;
  }
  handle(request, response).catch((error) => {
    console.error("Unhandled request error", error);
    if (!response.headersSent) sendJsonError(response, 500, "internal_server_error", "Something went wrong on our side");
    else response.destroy();
  });
});

// Clients keep idle sockets for a few seconds (Node's fetch: 4 s; browsers and proxies: up to 60 s). A server that
// closes first races the client's next request on that socket, and a busy event loop widens the race: the close
// fires late, after the client already sent. So the server waits longer than any of them; headersTimeout must be
// longer still, or it cuts a kept-alive socket whose next request has not started.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 120_000;

server.listen(port, hostname, () => {
  console.log(`> Tuneboard listening on http://${hostname ?? "0.0.0.0"}:${port}${trustProxy ? " (trusting X-Forwarded-* from a proxy)" : ""}`);
});

// Exit through process.exit so that exit handlers run (the database lease, lib/server/db/lease.ts, is released).
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
