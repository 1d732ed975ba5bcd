import type { NextConfig } from "next";

// Headers every response carries, static files and API answers included. Pages get a nonce-based
// Content-Security-Policy from proxy.ts, which overrides the one here (a proxy's response headers are applied
// after these). The CSP below is for responses that are not pages: they run no script at all. scripts/server.mjs
// repeats this list on the 400 it answers itself (e2e/security-headers.spec.ts and e2e/malformed-urls.spec.ts
// check both).
const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const securityHeaders = [
  { key: "content-security-policy", value: NON_PAGE_CONTENT_SECURITY_POLICY },
  { key: "x-content-type-options", value: "nosniff" },
  { key: "referrer-policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it. pg (PostgreSQL,
  // issue 12) likewise: it looks for an optional native binding at run time, which a bundle would try to resolve.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  typedRoutes: false,
  // Lets two builds of one checkout coexist (e.g. a second e2e server on another port); .next by default.
  distDir: process.env.TUNEBOARD_DIST_DIR ?? ".next",
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
