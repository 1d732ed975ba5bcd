// The API suite again, on PostgreSQL (issue 12): `npm test` runs it when TEST_POSTGRES_URL names a server
// (scripts/test-all.mts; .ci/run starts one). Same tests, same per-file isolation (tests/support/per-file-db.ts).
import { defineConfig } from "vitest/config";
import base from "./vitest.config.mjs";

// Read by the global setup, which runs in this process; the test workers get it through `env`.
process.env.TUNEBOARD_TEST_PROVIDER = "postgresql";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/api/**/*.test.ts"],
    env: { TUNEBOARD_TEST_PROVIDER: "postgresql" },
  },
});
