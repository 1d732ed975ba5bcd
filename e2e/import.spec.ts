import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { generateTrainerState } from "../tests/support/trainer-state";
import { E2E_ADMIN_PASSWORD } from "./global-setup";

// Playwright runs from the repository root.
const fixture = (name: string) => path.join(process.cwd(), "tests/fixtures/imports", name);
// The new run's page: /runs/new, where the import starts, matches /runs/[^/]+ too, so that alone passed at once.
const RUN_PAGE = /\/runs\/(?!new$)[^/]+$/;

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
  await expect(page).toHaveURL(RUN_PAGE);
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
  // The write can finish and hand over to the run page between two of Playwright's polls, so the page itself records
  // every state of the progress bar it draws; the navigation is client-side, so the record survives it.
  await page.evaluate(() => {
    const seen: { value: number; max: number }[] = [];
    (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    const record = () => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Metric points written"]');
      if (bar && seen.at(-1)?.value !== bar.value) seen.push({ value: bar.value, max: bar.max });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["value"] });
  });
  await page.getByTestId("import-preview").getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(RUN_PAGE, { timeout: 120_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: { value: number; max: number }[] }).progressSeen);
  expect(seen.length, "the progress bar was drawn").toBeGreaterThan(0);
  expect(seen.every((state) => state.max === 400_000)).toBe(true);
  expect(seen.at(-1)!.value).toBe(400_000);
  expect(seen.every((state, index) => index === 0 || state.value >= seen[index - 1]!.value), "written only grows").toBe(true);
  await expect(page.getByTestId("loss-curve-points")).toContainText("loss: 100,000 points");
});
