import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT } from "./e2e/ports";

// End-to-end tests run real Chromium against the production build, on its own port and its own freshly
// migrated and seeded database file, so they never touch data/tuneboard.db.
const port = E2E_PORT;
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // Artifacts go to their own folder: Playwright empties outputDir at start, and test-results/ also holds
  // the Vitest report that npm test reads afterwards.
  outputDir: "test-results/playwright",
  globalSetup: "./e2e/global-setup.ts",
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Signed in as the first admin (e2e/global-setup.ts); specs about signed-out browsing clear it.
    storageState: "test-results/e2e-storage-state.json",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: systemChromium
          ? { executablePath: systemChromium, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] }
          : {},
      },
    },
  ],
  webServer: {
    command: `node scripts/e2e-server.mjs ${port}`,
    url: `http://127.0.0.1:${port}/api/sources`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
