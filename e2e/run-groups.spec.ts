// Grouped runs in a real browser (issue 13 §2): four runs logged through the API under a tag of their own; /runs
// grouped by method × rank with the group-by control shows each group's count and mean ± std with min–max, and a
// group expands to its runs; /compare's "Group points by" draws the groups with error bars. Screenshots at 390 and
// 1440 px, light and dark: test-results/screenshots/run-groups-*.png.
import path from "node:path";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";

const SCREENSHOTS = path.resolve("test-results/screenshots");
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

/** LoRA r=8 twice (memory 10 and 12 GB: 11 ± 1.41), LoRA r=16 and QLoRA r=8 once each; all with MT-Bench. */
async function logRuns(request: APIRequestContext) {
  const tag = `groups-${unique()}`;
  const base = { model: "meta-llama/Llama-2-7b-hf", hardware: "a100-80gb", status: "completed", tags: [tag] };
  const items = [
    { ...base, name: `groups lora8 a ${tag}`, method: "lora", rank: 8, peakMemoryGb: 10, mtBench: 6, mmlu: 40 },
    { ...base, name: `groups lora8 b ${tag}`, method: "lora", rank: 8, peakMemoryGb: 12, mtBench: 7, mmlu: 44 },
    { ...base, name: `groups lora16 ${tag}`, method: "lora", rank: 16, peakMemoryGb: 18, mtBench: 7.2, mmlu: 45 },
    { ...base, name: `groups qlora8 ${tag}`, method: "qlora", rank: 8, quantization: "nf4", peakMemoryGb: 6, mtBench: 6.4, mmlu: 41 },
  ];
  const response = await request.post("/api/runs/batch", { data: { items } });
  expect(response.status(), await response.text()).toBe(201);
  return { tag, names: items.map((item) => item.name) };
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("the runs page groups by method × rank with mean ± std and min–max, and a group expands to its runs", async ({ page, request }) => {
  const { tag, names } = await logRuns(request);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/runs?tag=${tag}`);

  const control = page.getByTestId("group-by-select");
  await control.getByRole("combobox", { name: "Group by" }).selectOption("method");
  await control.getByRole("combobox", { name: "Also group by" }).selectOption("rank");
  await expect(page).toHaveURL(/group=method%2Crank|group=method,rank/);

  const groups = page.getByTestId("run-groups");
  await expect(groups).toContainText("4 runs in 3 groups");
  const rows = groups.getByTestId("run-group");
  await expect(rows).toHaveCount(3);
  // Largest first: LoRA r=8 with its two runs.
  const lora8 = rows.first();
  await expect(lora8).toContainText("LoRA");
  await expect(lora8).toContainText("r=8");
  await expect(lora8.getByRole("cell").nth(3)).toHaveText("2");
  await expect(lora8).toContainText("11 ± 1.41");
  await expect(lora8).toContainText("10–12");
  await expect(groups).toContainText("Peak memory averages measured points only");

  await page.getByRole("button", { name: "Show the runs of LoRA · r=8" }).click();
  const expanded = groups.getByTestId("run-group-runs");
  await expect(expanded.getByRole("link", { name: names[0]! })).toBeVisible();
  await expect(expanded.getByRole("link", { name: names[1]! })).toBeVisible();
  await expect(expanded.getByRole("link", { name: names[2]! })).toHaveCount(0);

  // Reloading keeps the grouping (URL state).
  await page.reload();
  await expect(page.getByTestId("run-group")).toHaveCount(3);
  await page.getByRole("button", { name: "Show the runs of LoRA · r=8" }).click();
  await expect(page.getByTestId("run-group-runs").getByRole("link", { name: names[0]! })).toBeVisible();

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1000 });
      await page.getByRole("button", { name: /the runs of LoRA · r=8/ }).scrollIntoViewIfNeeded();
      await expect(page.getByTestId("run-group")).toHaveCount(3);
      if (width === 390) await expectNoSidewaysScroll(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `run-groups-runs-${width}-${colorScheme}.png`), fullPage: true });
    }
  }
});

test("/compare groups the quality-memory and rank-quality points with error bars", async ({ page, request }) => {
  const { tag } = await logRuns(request);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/compare?tag=${tag}`);

  const control = page.getByTestId("group-by-select");
  await control.getByRole("combobox", { name: "Group points by" }).selectOption("method");
  await control.getByRole("combobox", { name: "Also group by" }).selectOption("rank");
  await expect(page).toHaveURL(/group=method%2Crank|group=method,rank/);

  const qualityMemory = page.getByTestId("chart-quality-memory");
  await expect(qualityMemory.getByTestId("quality-memory-groups")).toContainText("3 groups drawn over all 4 matching runs");
  await expect(qualityMemory.getByRole("img", { name: /for 3 groups of runs, with error bars/ })).toBeVisible();
  await qualityMemory.getByRole("button", { name: "Show data" }).click();
  const table = qualityMemory.locator("#quality-memory-data");
  await expect(table.getByRole("row", { name: /^LoRA · r=8 / })).toContainText("11 ± 1.41 (10–12)");
  await expect(table.getByRole("row", { name: /^LoRA · r=8 / })).toContainText("6.5 ± 0.71 (6–7)");

  const rankQuality = page.getByTestId("chart-rank-quality");
  await expect(rankQuality.getByTestId("rank-quality-groups")).toContainText("3 groups over all 4 matching runs");

  // Ungrouping brings the runs' own points back.
  await control.getByRole("button", { name: "Ungroup" }).click();
  await expect(page).not.toHaveURL(/group=/);
  await expect(qualityMemory.getByRole("img", { name: /for 4 runs/ })).toBeVisible();
  await page.goto(`/compare?tag=${tag}&group=method,rank`);
  await expect(qualityMemory.getByTestId("quality-memory-groups")).toContainText("3 groups drawn");

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1000 });
      await expect(qualityMemory.getByRole("img", { name: /with error bars/ })).toBeVisible();
      await qualityMemory.scrollIntoViewIfNeeded();
      await qualityMemory.screenshot({ path: path.join(SCREENSHOTS, `run-groups-compare-quality-memory-${width}-${colorScheme}.png`) });
      await rankQuality.scrollIntoViewIfNeeded();
      await rankQuality.screenshot({ path: path.join(SCREENSHOTS, `run-groups-compare-rank-quality-${width}-${colorScheme}.png`) });
    }
  }
});
