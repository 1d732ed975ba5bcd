import { defineConfig } from "prisma/config";

// Only `prisma generate` reads this file here; migrations run through scripts/db-migrate.mts (WASM engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
