// Issue 11 §4 on /plan, on a phone and a desktop, light and dark: a configuration that does not fit is not priced
// and says what would make it fit; the recommender sits above the sweeps with its cards side by side (one per
// row on a phone) and their differences from the first card marked; the framework and its switches are in the
// form and the applied defaults under "How this was estimated". Each page is saved to
// test-results/screenshots/plan-answers-<width>-<scheme>.png for a person to look at.
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";

const SCREENSHOTS = path.resolve("test-results/screenshots");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

const top = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())!.y;

for (const colorScheme of ["light", "dark"] as const) {
  for (const viewport of [PHONE, DESKTOP]) {
    test.describe(`${viewport.width} px, ${colorScheme}`, () => {
      test.use({ viewport, colorScheme });

      test("an 8B full fine-tune on a 24 GB card is not priced, says what would fit, and the recommender's cards sit above the sweeps", async ({ page }) => {
        await page.goto("/plan?model=llama-3.1-8b&method=full&hardware=rtx-4090");
        const verdict = page.getByTestId("plan-verdict");
        await expect(verdict).toHaveAttribute("data-kind", "does-not-fit");
        await expect(verdict).toContainText(/does not fit: \d+\.\d GB .*on a 24 GB card/);
        await expect(page.getByTestId("plan-not-priced")).toContainText("Not priced");
        await expect(page.getByTestId("plan-cost")).toHaveCount(0);
        const advice = page.getByTestId("plan-fit-advice").getByRole("listitem");
        await expect(advice.first()).toBeVisible();
        await expect(page.getByTestId("plan-fit-advice")).toContainText("instead of full fine-tuning");

        // The recommender comes before the sweep charts.
        const recommender = page.getByTestId("recommender");
        await recommender.getByRole("button", { name: "Recommend" }).click();
        const cards = recommender.getByTestId("recommendation");
        await expect(cards.nth(1)).toBeVisible();
        const sweepsTop = (await page.getByRole("heading", { name: "Sweeps" }).boundingBox())!.y;
        expect(await top(page, "recommender")).toBeLessThan(sweepsTop);
        // Every card fits with its margin stated; the second differs from the first in something marked.
        await expect(cards.first().getByTestId("recommendation-fit")).toContainText(/^fits: .* GB of 24 GB \(\d+\.\d GB to spare/);
        await expect(cards.nth(1).locator("[data-differs]").first()).toBeVisible();

        const [first, second] = [(await cards.nth(0).boundingBox())!, (await cards.nth(1).boundingBox())!];
        if (viewport === DESKTOP) expect(Math.abs(second.y - first.y), "cards side by side").toBeLessThan(2);
        else expect(second.y, "one card per row on a phone").toBeGreaterThan(first.y + first.height - 1);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
        await page.screenshot({ path: path.join(SCREENSHOTS, `plan-answers-${viewport.width}-${colorScheme}.png`), fullPage: true });
      });
    });
  }
}

test("the framework and its switches are in the form, and the applied defaults say who decided each", async ({ page }) => {
  await page.goto("/plan");
  const defaults = page.getByTestId("plan-defaults");
  await expect(defaults.locator("tr[data-origin=framework]").first()).toBeVisible();
  await expect(defaults).not.toContainText("you set");

  await page.getByLabel("Framework", { exact: true }).selectOption("torchtune");
  await expect(page).toHaveURL(/framework=torchtune/);
  // torchtune's recipes checkpoint activations: the form's default says so.
  await expect(page.getByLabel("Gradient checkpointing", { exact: true }).locator("option[value=default]")).toHaveText("Default (on)");

  await page.getByLabel("Packing", { exact: true }).selectOption("on");
  await expect(page).toHaveURL(/packing=1/);
  await expect(defaults.locator("tr", { hasText: "Packing" })).toContainText("you set");
  await expect(defaults.locator("tr", { hasText: "Gradient checkpointing" })).toContainText("framework default");
});
