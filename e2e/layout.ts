// Layout checks shared by the specs that resize the viewport.
import { type Page, expect } from "@playwright/test";

/**
 * The page does not scroll sideways. Polled: after a viewport change Chart.js resizes its canvas on the animation
 * frame after its ResizeObserver fires, so the first read can still see the wide canvas (seen once in CI, 957 px
 * over, on a loaded machine). A page that really overflows keeps failing until the poll gives up.
 */
export async function expectNoSidewaysScroll(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}
