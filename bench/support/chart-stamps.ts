import type { Page } from "@playwright/test";

type Stamped = { __chartsDrawn: Record<string, number> };

/**
 * Stamps, in the page, when each chart card of /compare first holds a canvas (performance.now(), from navigation
 * start), so a bench can say which chart held the page back. Call before navigating; read with readChartStamps.
 */
export async function stampChartCanvases(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    (window as unknown as Stamped).__chartsDrawn = seen;
    new MutationObserver(() => {
      for (const card of document.querySelectorAll("section.chart-card")) {
        const id = card.getAttribute("data-testid") ?? "?";
        if (!(id in seen) && card.querySelector("canvas")) seen[id] = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** Each chart card's stamp (its data-testid → ms from navigation start) recorded so far. */
export function readChartStamps(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...(window as unknown as Stamped).__chartsDrawn }));
}
