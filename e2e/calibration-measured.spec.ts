// /calibration's measured-benchmark section (issue 11 §3) on a phone and a desktop: each source's held-out
// accuracy per quantity, the overall row, the scatters coloured by source and the rows that could not be predicted.
// Saved to test-results/screenshots/calibration-measured-<width>.png for a person to look at.
import path from "node:path";
import { expect, test } from "@playwright/test";

const SCREENSHOTS = path.resolve("test-results/screenshots");

for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
  test(`at ${viewport.width} px /calibration shows each measured source predicted from the others`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto("/calibration");
    const section = page.getByTestId("measured-benchmarks");
    await expect(section.getByRole("heading", { name: "Measured benchmarks, each source predicted from the others" })).toBeVisible();
    for (const id of ["measured-memory", "measured-throughput"]) {
      const table = section.getByTestId(id);
      await expect(table.getByTestId(`${id}-row`).first()).toBeVisible();
      await expect(table.getByTestId(`${id}-overall`)).toContainText("All sources");
    }
    expect(await section.getByTestId("measured-memory-row").count()).toBeGreaterThanOrEqual(2);
    await expect(section.getByTestId("chart-measured-memory-scatter").locator("canvas")).toBeVisible();
    await expect(section.getByTestId("chart-measured-throughput-scatter").locator("canvas")).toBeVisible();
    await expect(section.getByTestId("measured-unpredicted").locator("li", { hasText: "an estimate" })).toHaveCount(1);
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(width.scroll, `the page is ${width.scroll} px wide at ${viewport.width} px`).toBeLessThanOrEqual(width.client);
    await section.screenshot({ path: path.join(SCREENSHOTS, `calibration-measured-${viewport.width}.png`) });
  });
}
