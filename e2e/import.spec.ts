import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { generateTrainerState } from "../tests/support/trainer-state";
import { E2E_ADMIN_PASSWORD } from "./global-setup";

// Playwright runs from the repository root.
const fixture = (name: string) => path.join(process.cwd(), "tests/fixtures/imports", name);

// Signs in here rather than relying on the shared storage state alone: another e2e run of this checkout (another
// port) may have replaced that file with its own server's session.
test.beforeEach(async ({ page }) => {
  const response = await page.request.post("/api/auth/sign-in", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } });
  expect(response.ok()).toBe(true);
});

test("adapter_config.json + trainer_state.json imported through the picker make one run with its rank and loss curve", async ({ page }) => {
  await page.goto("/runs/new");
  await page.getByLabel("Choose files to import").setInputFiles([fixture("adapter_config.json"), fixture("trainer_state.json")]);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("This import will set");
  await expect(preview.getByRole("row", { name: /^rank 16 adapter_config\.json: r$/ })).toBeVisible();
  await expect(preview).toContainText("26 metric points");
  await preview.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(page.getByRole("term").filter({ hasText: /^LoRA rank$/ }).locator("+ dd")).toHaveText("16");
  await expect(page.getByTestId("loss-curve-chart")).toBeVisible();
  await expect(page.getByTestId("loss-curve-points")).toContainText("loss: 4 points");
  await page.screenshot({ path: "test-results/import-run-page.png", fullPage: true });
});

test("a prefix-tuning adapter is refused with the file and the problem named", async ({ page }) => {
  await page.goto("/runs/new");
  await page.getByLabel("Choose files to import").setInputFiles([fixture("prefix_tuning_adapter_config.json")]);
  await expect(page.getByTestId("import-errors")).toContainText("prefix_tuning_adapter_config.json: this is an adapter_config.json of a prefix-tuning adapter: only LoRA adapters are understood");
});

test("100,000 log entries import into a run with a progress bar", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/runs/new");
  await page.getByLabel("Choose files to import").setInputFiles([
    { name: "adapter_config.json", mimeType: "application/json", buffer: readFileSync(fixture("adapter_config.json")) },
    { name: "trainer_state.json", mimeType: "application/json", buffer: Buffer.from(generateTrainerState(100_000)) },
  ]);
  await expect(page.getByTestId("import-preview")).toContainText("400,000 metric points", { timeout: 60_000 });
  await page.getByTestId("import-preview").getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("progressbar", { name: "Metric points written" })).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/\/runs\/[^/]+$/, { timeout: 120_000 });
  await expect(page.getByTestId("loss-curve-points")).toContainText("loss: 100,000 points");
});
