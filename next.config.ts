import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  typedRoutes: false,
  // Lets two builds of one checkout coexist (e.g. a second e2e server on another port); .next by default.
  distDir: process.env.TUNEBOARD_DIST_DIR ?? ".next",
};

export default nextConfig;
