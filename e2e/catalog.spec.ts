import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./global-setup";

// Signs in here rather than through the shared storage state, which another e2e run of this checkout may rewrite.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
  const response = await page.request.post("/api/auth/sign-in", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } });
  expect(response.status()).toBe(200);
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const fixture = (file: string) => readFileSync(join(__dirname, "../tests/fixtures/hf-configs", file), "utf8");

test("an admin adds a model by pasting its config.json, sees the architecture first, and the plan can use it", async ({ page }) => {
  const suffix = unique();
  const id = `qwen2.5-7b-copy-${suffix}`;
  await page.goto("/admin/catalog");
  const form = page.getByRole("form", { name: "Add a model from config.json" });

  // A mixture-of-experts config is refused before anything is sent, naming why.
  await form.getByLabel("config.json").fill(fixture("mixtral-8x7b-v0.1.config.json"));
  await expect(form.getByRole("alert")).toContainText("num_local_experts");
  await expect(form.getByRole("button", { name: "Add model" })).toBeDisabled();

  await form.getByLabel("config.json").fill(fixture("qwen2.5-7b.config.json"));
  await form.getByLabel(/^Hugging Face id/).fill(`e2e/Qwen2.5-7B-copy-${suffix}`);
  await form.getByLabel(/^Catalog id/).fill(id);
  const preview = form.getByRole("region", { name: "Preview" });
  await expect(preview.getByTestId("preview-params")).toHaveText("7.62 B (7,615,616,512)");
  await expect(preview).toContainText("28 query, 4 key/value, head dim 128");
  await page.screenshot({ path: "test-results/catalog-admin-preview.png", fullPage: true });

  await form.getByRole("button", { name: "Add model" }).click();
  await expect(form.getByRole("status")).toContainText(`Added model ${id}`);
  const row = page.getByRole("table", { name: "Model catalog" }).getByRole("row").filter({ hasText: id });
  await expect(row).toContainText("7,615,616,512");

  // The same id again is a 409, shown on the form.
  await form.getByLabel("config.json").fill(fixture("qwen2.5-7b.config.json"));
  await form.getByLabel(/^Catalog id/).fill(id);
  await form.getByRole("button", { name: "Add model" }).click();
  await expect(form.getByRole("alert")).toContainText(`model '${id}' already exists`);

  await page.goto(`/plan?model=${encodeURIComponent(id)}&method=qlora`);
  await expect(page.locator("#plan-model")).toHaveValue(id);
  await expect(page.getByTestId("memory-total")).toBeVisible();
});

test("an admin adds a GPU and edits its price; the GPU list shows both", async ({ page }) => {
  const id = `e2e-gpu-${unique()}`;
  await page.goto("/admin/catalog");
  const form = page.getByRole("form", { name: "Add a GPU" });
  await form.getByLabel("Catalog id").fill(id);
  await form.getByLabel("Display name").fill(`E2E GPU ${id}`);
  await form.getByLabel("Memory (GB, as marketed)").fill("48");
  await form.getByLabel("Dense BF16 tensor TFLOP/s (empty if none)").fill("150");
  await form.getByLabel("Dense FP16 tensor TFLOP/s (FP32 accumulate)").fill("150");
  await form.getByLabel("Memory bandwidth (GB/s)").fill("900");
  await form.getByLabel("Price (USD per GPU-hour)").fill("0.8");
  await form.getByLabel("Price source (provider, offer, date)").fill("e2e: a made-up offer");
  await form.getByRole("button", { name: "Add GPU" }).click();
  // Missing spec source: refused on that field, nothing sent.
  await expect(form.locator("#gpu-specSource-error")).toBeVisible();
  await form.getByLabel("Spec source (datasheet, table)").fill("e2e: a made-up datasheet");
  await form.getByRole("button", { name: "Add GPU" }).click();
  await expect(form.getByRole("status")).toContainText(`Added GPU ${id}`);

  const row = page.getByRole("table", { name: "GPU catalog" }).getByRole("row").filter({ hasText: id });
  await expect(row).toContainText("$0.80");
  await row.getByRole("button", { name: /Edit the price/ }).click();
  await row.getByLabel("USD per GPU-hour").fill("0.95");
  await row.getByLabel("Price source").fill("e2e: a new offer");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("$0.95");
});
