// Metric curves in a real browser: a run that logs loss, learning rate and epoch through the API. The run page
// draws the loss and the learning rate on two y axes, switches its x axis to epoch, and keeps those choices in the
// URL; /compare's loss curves switch to epoch too. Screenshots at 390 and 1440 px go to test-results/screenshots/.
import path from "node:path";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { expectNoSidewaysScroll } from "./layout";

const SCREENSHOTS = path.resolve("test-results/screenshots");
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

/** 300 steps of a decaying loss, a cosine learning rate from 2e-4 down to 2e-6 (never 0: its axis stays logarithmic), and 3 epochs. */
async function createRunWithCurves(request: APIRequestContext) {
  const response = await request.post("/api/runs", {
    data: { name: `curves ${unique()}`, method: "lora", model: "llama-7b", rank: 16, hardware: "a100-80gb", batchSize: 4, seqLen: 1024, gradientAccumulation: 4, gpuCount: 1 },
  });
  expect(response.status()).toBe(201);
  const run = (await response.json()) as { id: string; name: string };
  const steps = Array.from({ length: 100 }, (_, index) => index * 3);
  // Two seconds a step, from a fixed start: the relative-time axis reads these.
  const time = (step: number) => new Date(Date.UTC(2026, 0, 1) + step * 2000).toISOString();
  const points = steps.flatMap((step) => [
    { key: "train/loss", step, value: 0.9 + 2 * Math.exp(-step / 60) + (step % 7) * 0.02, time: time(step) },
    { key: "train/learning_rate", step, value: 2e-6 + (2e-4 - 2e-6) * 0.5 * (1 + Math.cos((Math.PI * step) / 297)), time: time(step) },
    { key: "epoch", step, value: (3 * step) / 297, time: time(step) },
  ]);
  expect((await request.post(`/api/runs/${run.id}/metrics`, { data: { points } })).status()).toBe(201);
  return run;
}

const curveSection = (page: Page) => page.getByRole("region", { name: "Metric curves" });

test("the run page draws loss and learning rate on two y axes and switches its x axis to epoch", async ({ page, request }) => {
  const run = await createRunWithCurves(request);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/runs/${run.id}`);
  const section = curveSection(page);
  const picker = section.getByTestId("metric-picker");
  const axes = section.getByTestId("loss-curve-axes");

  // The loss is preselected alone: one axis.
  await expect(picker.getByRole("checkbox", { name: "train/loss" })).toBeChecked();
  await expect(picker.getByRole("checkbox", { name: "train/learning_rate" })).not.toBeChecked();
  await expect(axes).toHaveAttribute("data-axis-count", "1");

  await picker.getByRole("checkbox", { name: "train/learning_rate" }).check();
  await expect(page).toHaveURL(/metrics=train%2Flearning_rate%2Ctrain%2Floss/);
  await expect(axes).toHaveAttribute("data-axis-count", "2");
  await expect(axes).toContainText("left axis: Loss / perplexity (unitless) (train/loss)");
  await expect(axes).toContainText("right axis: Learning rate (log scale) (train/learning_rate)");

  // A small run's timestamps are read in one page, so relative time can be chosen; tokens come from the batch shape.
  const xSelect = section.getByTestId("curve-x-axis");
  await expect(xSelect.getByRole("option", { name: "Tokens seen" })).toBeEnabled();
  await xSelect.selectOption("time");
  await expect(axes).toHaveAttribute("data-x-axis", "time");
  await expect(section.getByRole("img", { name: /against seconds since the first point/ })).toBeVisible();

  await xSelect.selectOption("epoch");
  await expect(page).toHaveURL(/[?&]x=epoch/);
  await expect(axes).toHaveAttribute("data-x-axis", "epoch");
  await expect(section.locator("canvas")).toBeVisible();

  await section.getByTestId("curve-smoothing").fill("0.8");
  await expect(page).toHaveURL(/smooth=0.8/);
  await section.screenshot({ path: path.join(SCREENSHOTS, "run-curves-1440.png") });

  // The choices live in the URL: a reload (or a shared link) shows the same chart.
  await page.reload();
  await expect(curveSection(page).getByTestId("loss-curve-axes")).toHaveAttribute("data-axis-count", "2");
  await expect(curveSection(page).getByTestId("loss-curve-axes")).toHaveAttribute("data-x-axis", "epoch");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(curveSection(page).locator("canvas")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await curveSection(page).screenshot({ path: path.join(SCREENSHOTS, "run-curves-390.png") });
});

test("a run without an epoch series cannot choose epoch, and says why", async ({ page, request }) => {
  const response = await request.post("/api/runs", { data: { name: `no epoch ${unique()}`, method: "lora", model: "llama-7b", rank: 8, hardware: "a100-80gb" } });
  const run = (await response.json()) as { id: string };
  const points = Array.from({ length: 20 }, (_, step) => ({ key: "train/loss", step, value: 2 - step * 0.05 }));
  expect((await request.post(`/api/runs/${run.id}/metrics`, { data: { points } })).status()).toBe(201);
  await page.goto(`/runs/${run.id}?x=epoch`);
  const section = curveSection(page);
  const epoch = section.getByTestId("curve-x-axis").getByRole("option", { name: /Epoch/ });
  await expect(epoch).toBeDisabled();
  await expect(epoch).toHaveAttribute("title", /No epoch series/);
  await expect(section.getByTestId("curve-x-axis").getByRole("option", { name: /Relative time/ })).toBeEnabled();
  // The link asked for epoch; the chart falls back to step rather than drawing nothing.
  await expect(section.getByTestId("loss-curve-axes")).toHaveAttribute("data-x-axis", "step");
  // No batch size or sequence length recorded and no tokens series: tokens seen is disabled too.
  await expect(section.getByTestId("curve-x-axis").getByRole("option", { name: /Tokens seen/ })).toBeDisabled();
});

test("/compare's loss curves switch their x axis to epoch", async ({ page, request }) => {
  const run = await createRunWithCurves(request);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/compare?runs=${run.id}`);
  const chart = page.getByTestId("chart-loss-curves");
  await expect(chart.locator("canvas")).toBeVisible();
  const xSelect = chart.getByTestId("curve-x-axis");
  await expect(xSelect.getByRole("option", { name: /Relative time/ })).toBeDisabled();
  await xSelect.selectOption("epoch");
  await expect(chart.getByText(/against epoch \(from epoch, interpolated/)).toBeVisible();
  await expect(page).toHaveURL(/[?&]x=epoch/);
  await expect(chart.getByTestId("chart-empty")).toHaveCount(0);
  await chart.getByRole("button", { name: "Show data" }).click();
  // Step 150 of 297 is epoch 1.5152 (3 × 150 / 297).
  await expect(chart.getByRole("row").filter({ hasText: "150" }).filter({ hasText: "1.515" })).toHaveCount(1);
  await chart.getByTestId("curve-smoothing").fill("0.8");
  await expect(page).toHaveURL(/smooth=0.8/);
  await expect(chart.getByRole("columnheader", { name: "train/loss (EMA 0.8)" })).toBeVisible();
  await chart.screenshot({ path: path.join(SCREENSHOTS, "compare-curves-epoch-1440.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(chart.locator("canvas")).toBeVisible();
  await chart.screenshot({ path: path.join(SCREENSHOTS, "compare-curves-epoch-390.png") });
});
