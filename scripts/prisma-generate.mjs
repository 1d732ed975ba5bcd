// Runs `prisma generate` without the native schema-engine download that offline machines cannot make:
// generate never executes the engine, it only checks that the configured path exists (see PLATFORM notes in README).
// Two clients (issue 12): Prisma 7 binds a generated client to one provider, so the SQLite schema generates
// lib/generated/prisma and its PostgreSQL twin (prisma/postgres/schema.prisma) lib/generated/prisma-pg.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const placeholder = fileURLToPath(import.meta.url);
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  const result = spawnSync("npx", ["prisma", "generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
