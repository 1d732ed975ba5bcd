// Issue 11 in a real browser: the frameworks' published measurements on /sources (where the original is, estimates
// flagged), a measured run's page (the figure as printed, what it measured, its scope, the training settings), the
// evidence filter on /runs and /compare, and the run form's tri-state training settings. Screenshots at 390 and
// 1440 px go to test-results/screenshots/measurements-<width>-<page>.png for a person to look at.
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./global-setup";

const SCREENSHOTS = path.resolve("test-results/screenshots");
type ListedRun = { id: string; name: string; isEstimate: boolean; peakMemoryOriginal: string | null; peakMemoryMeasure: string | null; peakMemoryScope: string | null; gpuCount: number | null; peakMemoryGbMax: number | null };

async function listRuns(page: Page, query: string): Promise<ListedRun[]> {
  const response = await page.request.get(`/api/runs?${query}&limit=200`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: ListedRun[] }).items;
}

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
  test.describe(`${viewport.width} px`, () => {
    test.use({ viewport });

    test("a measured source says where the original is, and its estimates are flagged", async ({ page }) => {
      await page.goto("/sources");
      const cards = page.getByRole("list", { name: "Sources" }).getByRole("listitem");
      const measured = cards.filter({ has: page.locator(".badge-measured") });
      await expect(measured.first()).toBeVisible();
      expect(await measured.count()).toBeGreaterThan(5);
      await expect(cards.filter({ has: page.locator(".badge-source") })).toHaveCount(3);
      await page.screenshot({ path: path.join(SCREENSHOTS, `measurements-${viewport.width}-sources.png`), fullPage: true });

      await page.goto("/sources/llama-factory-hardware-requirement");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator(".source-view header").getByText("Published measurements", { exact: true })).toBeVisible();
      const location = page.locator("header").getByTestId("source-location");
      await expect(location).toContainText("hiyouga/LLaMA-Factory");
      await expect(location).toContainText("README.md");
      await expect(location.locator("code[title]")).toHaveAttribute("title", /^[0-9a-f]{40}$/);
      const original = location.getByRole("link", { name: /Open the original/ });
      await expect(original).toHaveAttribute("target", "_blank");
      await expect(original).toHaveAttribute("rel", /noopener/);
      // Estimates: counted in the header and marked beside their rows.
      await expect(page.locator("header").locator(".badge-estimate")).toContainText("estimates");
      expect(await page.locator("th .badge-estimate").count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `measurements-${viewport.width}-source.png`), fullPage: true });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });

    test("a measured run shows the figure as printed, what it measured, its scope and the training settings", async ({ page }) => {
      const runs = await listRuns(page, "source=ms-swift-benchmark");
      const run = runs.find((r) => r.peakMemoryOriginal?.endsWith("GiB") && r.peakMemoryMeasure === "reserved")!;
      expect(run).toBeDefined();
      await page.goto(`/runs/${run.id}`);
      const outcomes = page.getByRole("region", { name: "Outcomes" });
      await expect(outcomes.getByText(new RegExp(`^${run.peakMemoryOriginal!.replace(".", "\\.")} → [\\d.]+ GB$`))).toBeVisible();
      await expect(outcomes.getByText(/reserved by torch.s caching allocator/)).toBeVisible();
      await expect(outcomes.getByText("per GPU", { exact: true })).toBeVisible();
      const configuration = page.getByRole("region", { name: "Configuration" });
      await expect(configuration.getByText("Packing")).toBeVisible();
      await expect(configuration.getByText("fp32 master weights")).toBeVisible();
      await expect(page.getByRole("region", { name: "Where this comes from" }).getByTestId("source-location")).toContainText("modelscope/ms-swift");
      await page.screenshot({ path: path.join(SCREENSHOTS, `measurements-${viewport.width}-run.png`), fullPage: true });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      const total = (await listRuns(page, "source=qwen-profiling")).find((r) => r.peakMemoryScope === "total" && (r.gpuCount ?? 1) > 1)!;
      await page.goto(`/runs/${total.id}`);
      await expect(page.getByRole("region", { name: "Outcomes" }).getByText(`total over ${total.gpuCount} GPUs`, { exact: true })).toBeVisible();

      const bound = (await listRuns(page, "source=unsloth-context-length")).find((r) => r.peakMemoryMeasure === "fits-in" && r.peakMemoryGbMax !== null)!;
      await page.goto(`/runs/${bound.id}`);
      await expect(page.getByRole("region", { name: "Outcomes" }).getByText(`≤ ${bound.peakMemoryGbMax} GB (fits in)`, { exact: true })).toBeVisible();
    });

    test("an estimate carries its badge on the run page and in the runs table, and the evidence filter finds it", async ({ page }) => {
      const [estimate] = await listRuns(page, "evidence=estimate");
      await page.goto(`/runs/${estimate!.id}`);
      await expect(page.locator(".page-header").getByText("Estimate — not a measurement")).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `measurements-${viewport.width}-estimate.png`), fullPage: true });

      await page.goto("/runs");
      await expect(page.getByTestId("runs-table").locator("tbody tr").first()).toBeVisible();
      await page.getByLabel("Evidence").selectOption("estimate");
      await expect(page).toHaveURL(/evidence=estimate/);
      const rows = page.getByTestId("runs-table").locator("tbody tr");
      await expect(page.getByTestId("runs-count")).toContainText("Showing 10 of 10 runs");
      expect(await rows.filter({ hasText: "Estimate — not a measurement" }).count()).toBe(await rows.count());
      await page.getByLabel("Evidence").selectOption("claim");
      await expect(page).toHaveURL(/evidence=claim/);
      await expect(rows.filter({ has: page.locator(".badge-measured") })).toHaveCount(0);
      await expect(rows.first()).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `measurements-${viewport.width}-runs.png`) });
    });
  });
}

test("/compare draws published measurements apart from claims, with the same evidence filter", async ({ page }) => {
  await page.goto("/compare?evidence=measured");
  const chart = page.getByTestId("chart-memory-by-size");
  await expect(chart.locator("canvas")).toBeVisible();
  await expect(chart.getByRole("list", { name: /legend/i }).getByText("Published measurements")).toBeVisible();
  await expect(page.getByLabel("Evidence")).toHaveValue("measured");
  await chart.screenshot({ path: path.join(SCREENSHOTS, "measurements-compare-memory-by-size.png") });
  await page.goto("/compare");
  await expect(chart.locator("canvas")).toBeVisible();
  await expect(chart.getByRole("list", { name: /legend/i }).getByText("Published measurements")).toBeVisible();
  await chart.screenshot({ path: path.join(SCREENSHOTS, "measurements-compare-all-memory-by-size.png") });
  await page.goto("/compare?evidence=claim");
  await expect(chart.locator("canvas")).toBeVisible();
  await expect(chart.getByRole("list", { name: /legend/i }).getByText("Published measurements")).toHaveCount(0);
});

test("the run form's training settings are framework default, on or off, and come back as set", async ({ page }) => {
  expect((await page.request.post("/api/auth/sign-in", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } })).ok()).toBe(true);
  const name = `overrides ${Date.now()}`;
  await page.goto("/runs/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Method").selectOption("full");
  await page.getByLabel("Base model").fill("meta-llama/Llama-2-7b-hf");
  await page.getByLabel("Framework").selectOption("torchtune");
  await expect(page.getByLabel("Packing")).toHaveValue("");
  await expect(page.getByLabel("Packing").locator("option").first()).toHaveText("Framework default");
  await page.getByLabel("Packing").selectOption({ label: "On" });
  await page.getByLabel("fp32 master weights").selectOption({ label: "Off" });
  await page.getByRole("button", { name: "Log run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  const configuration = page.getByRole("region", { name: "Configuration" });
  const value = (label: string) => configuration.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(value("Framework")).toHaveText("torchtune");
  await expect(value("Packing")).toHaveText("on");
  await expect(value("fp32 master weights")).toHaveText("off");
  await expect(value("Chunked loss")).toHaveText("framework default");

  // Edit: back to the framework's default clears the stored value.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Packing")).toHaveValue("yes");
  await page.getByLabel("Packing").selectOption({ label: "Framework default" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(value("Packing")).toHaveText("framework default");
  await expect(value("fp32 master weights")).toHaveText("off");
});
