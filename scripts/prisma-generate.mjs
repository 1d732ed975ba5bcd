// Runs `prisma generate` without the native schema-engine download that offline machines cannot make:
// generate never executes the engine, it only checks that the configured path exists (see PLATFORM notes in README).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const placeholder = fileURLToPath(import.meta.url);
const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder },
});
process.exit(result.status ?? 1);
