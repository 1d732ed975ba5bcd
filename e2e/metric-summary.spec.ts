// Metric summaries in a real browser: a run logs a loss that dips below its last value (with a NaN among its
// points) and an accuracy; the run page's Metric summary shows min and best with their steps, the direction of
// each metric, and the value at a typed step (kept in the URL). /compare/diff lists the shared metrics' best and
// last with the best run marked. Screenshots at 390 and 1440 px (light and dark) go to test-results/screenshots/.
import path from "node:path";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { expectNoSidewaysScroll } from "./layout";

const SCREENSHOTS = path.resolve("test-results/screenshots");
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

/**
 * Steps 0, 10, …, 290. The loss falls from 1.25 to 0.85 at step 120 and climbs to 1.4167 (overfitting), with a NaN at
 * step 200; `offset` shifts the whole curve so two runs differ. The accuracy peaks at 0.62 at step 150 and is lowest (0.47) at step 0.
 */
async function createRun(request: APIRequestContext, offset = 0) {
  const response = await request.post("/api/runs", { data: { name: `summary ${unique()}`, method: "lora", model: "llama-7b", rank: 16 } });
  expect(response.status()).toBe(201);
  const run = (await response.json()) as { id: string; name: string };
  const steps = Array.from({ length: 30 }, (_, index) => index * 10);
  const points = steps.flatMap((step) => [
    { key: "train/loss", step, value: step === 200 ? "NaN" : Number((0.85 + offset + Math.abs(step - 120) / 300).toFixed(4)) },
    { key: "eval/accuracy", step, value: Number((0.62 - Math.abs(step - 150) / 1000).toFixed(4)) },
  ]);
  expect((await request.post(`/api/runs/${run.id}/metrics`, { data: { points } })).status()).toBe(201);
  return run;
}

const summarySection = (page: Page) => page.getByRole("region", { name: "Metric summary" });
const cells = (page: Page, key: string) => summarySection(page).locator(`tr[data-key="${key}"] td`);

test("the run page summarises each metric with its min and best step, and reads the value at a typed step", async ({ page, request }) => {
  const run = await createRun(request);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/runs/${run.id}`);
  const section = summarySection(page);
  await expect(section.getByRole("columnheader")).toHaveText(["Metric", "Last", "Min", "Max", "Best"]);

  // Columns: last, min, max, best. The loss is better low: best is its min, at step 120; the NaN is in no extreme.
  const loss = cells(page, "train/loss");
  await expect(section.locator('tr[data-key="train/loss"] th')).toContainText("lower is better · 30 points");
  await expect(loss.nth(0)).toHaveText("1.417step 290");
  await expect(loss.nth(1)).toHaveText("0.85step 120");
  await expect(loss.nth(2)).toHaveText("1.417step 290");
  await expect(loss.nth(3)).toHaveText("0.85step 120");
  // Accuracy is better high: best is its max, at step 150.
  const accuracy = cells(page, "eval/accuracy");
  await expect(section.locator('tr[data-key="eval/accuracy"] th')).toContainText("higher is better");
  await expect(accuracy.nth(3)).toHaveText("0.62step 150");
  await expect(accuracy.nth(1)).toHaveText("0.47step 0");

  // A step between two logged steps reads the one before; the NaN at step 200 reads as logged.
  const input = section.getByLabel("Value at step");
  await input.fill("125");
  await expect(page).toHaveURL(/[?&]at=125/);
  await expect(section.getByTestId("metric-summary-at-heading")).toHaveText("At step 125");
  await expect(loss.nth(4)).toHaveText("0.85step 120");
  await input.fill("205");
  await expect(loss.nth(4)).toHaveText("NaNstep 200");
  await expect(accuracy.nth(4)).toHaveText("0.57step 200");
  await section.screenshot({ path: path.join(SCREENSHOTS, "metric-summary-1440.png") });

  // The step lives in the URL: a reload (or a shared link) shows the same column.
  await page.reload();
  await expect(summarySection(page).getByLabel("Value at step")).toHaveValue("205");
  await expect(cells(page, "train/loss").nth(4)).toHaveText("NaNstep 200");

  // Cleared, the column goes and so does at=.
  await summarySection(page).getByLabel("Value at step").fill("");
  await expect(summarySection(page).getByTestId("metric-summary-at-heading")).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]at=/);

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 390, height: 844 });
    await summarySection(page).getByLabel("Value at step").fill("125");
    await expect(cells(page, "train/loss").nth(4)).toHaveText("0.85step 120");
    await expectNoSidewaysScroll(page);
    await summarySection(page).screenshot({ path: path.join(SCREENSHOTS, `metric-summary-390-${colorScheme}.png`) });
  }
});

test("the diff compares the runs' best and last loss with their steps and marks the best run", async ({ page, request }) => {
  const better = await createRun(request);
  const worse = await createRun(request, 0.1);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/compare/diff?ids=${worse.id},${better.id}`);
  const table = page.getByTestId("diff-table");
  await expect(table.getByText("Metrics (best and last, as logged)")).toBeVisible();

  const bestLoss = table.locator('tr[data-field="metric:train/loss:best"]');
  await expect(bestLoss.locator("th")).toContainText("train/loss: best (lower is better)");
  await expect(bestLoss.locator("td").nth(0)).toHaveText("0.95step 120");
  await expect(bestLoss.locator("td").nth(1)).toHaveText("0.85 beststep 120");
  await expect(bestLoss.locator('td[data-best="true"]')).toHaveCount(1);
  // The last row compares too, but marks no run "best": that word belongs to the best row.
  const lastLoss = table.locator('tr[data-field="metric:train/loss"]');
  await expect(lastLoss.locator("td").nth(0)).toHaveText("1.517step 290");
  await expect(lastLoss.locator('td[data-best="true"]')).toHaveCount(0);
  // Accuracy is the same for both: nothing to mark.
  await expect(table.locator('tr[data-field="metric:eval/accuracy:best"] td[data-best="true"]')).toHaveCount(0);
  await table.locator('tr[data-field="metric:train/loss:best"]').screenshot({ path: path.join(SCREENSHOTS, "metric-summary-diff-1440.png") });
});
