// Issue 13's rough edges on a phone and a desktop, light and dark: no page scrolls sideways, the header folds into
// a menu on a phone, the run form's error summary takes focus with the form's own labels, the signed-out notice
// sits at the top of /runs/new, and runs can be picked on a chart without a shift key. Every page is saved to
// test-results/screenshots/mobile-<width>-<scheme>-<page>.png for a person to look at.
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./global-setup";

const SCREENSHOTS = path.resolve("test-results/screenshots");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** Each page with what shows once its content has arrived (a heading alone comes before the data). */
const PAGES: { name: string; path: string | ((page: Page) => Promise<string>); ready: (page: Page) => ReturnType<Page["locator"]> }[] = [
  { name: "runs", path: "/runs", ready: (page) => page.getByTestId("runs-table").locator("tbody tr").first() },
  { name: "compare", path: "/compare", ready: (page) => page.getByTestId("chart-memory-by-size").locator("canvas") },
  { name: "runs-new", path: "/runs/new", ready: (page) => page.getByRole("button", { name: "Log run" }) },
  { name: "plan", path: "/plan", ready: (page) => page.getByTestId("memory-total") },
  {
    name: "run",
    path: async (page) => {
      const list = (await (await page.request.get("/api/runs?limit=1")).json()) as { items: { id: string }[] };
      return `/runs/${list.items[0]!.id}`;
    },
    ready: (page) => page.getByRole("heading", { level: 1 }),
  },
];

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

for (const colorScheme of ["light", "dark"] as const) {
  for (const viewport of [PHONE, DESKTOP]) {
    test.describe(`${viewport.width} px, ${colorScheme}`, () => {
      test.use({ viewport, colorScheme });

      test("no page scrolls sideways: /runs, /compare, /runs/new, /plan and a run page", async ({ page }) => {
        for (const entry of PAGES) {
          await page.goto(typeof entry.path === "string" ? entry.path : await entry.path(page));
          await expect(entry.ready(page)).toBeVisible();
          await page.screenshot({ path: path.join(SCREENSHOTS, `mobile-${viewport.width}-${colorScheme}-${entry.name}.png`), fullPage: entry.name !== "compare" });
          const { scrollWidth, clientWidth } = await horizontalOverflow(page);
          expect(scrollWidth, `${entry.name} at ${viewport.width} px is ${scrollWidth} px wide`).toBeLessThanOrEqual(clientWidth);
        }
      });

      test("a failed Log run moves focus to an error summary in the form's words, each error a link to its field", async ({ page }) => {
        // Signed in here, not only through the shared storage state: the form's submit is disabled for the signed-out.
        expect((await page.request.post("/api/auth/sign-in", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } })).ok()).toBe(true);
        await page.goto("/runs/new");
        await page.getByLabel("Base model").fill("mistralai/Mistral-7B-v0.1");
        await page.getByLabel("Peak memory (GB)", { exact: true }).fill("20");
        await page.getByLabel("Peak memory from (GB)").fill("10");
        await page.getByRole("button", { name: "Log run" }).click();

        const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
        await expect(summary).toBeFocused();
        await expect(summary).toBeInViewport();
        const link = summary.getByRole("link", { name: /^Peak memory \(GB\): give either a measured “Peak memory \(GB\)” or a range/ });
        await expect(link).toBeVisible();
        // The API's own names stay out of what the form shows.
        await expect(summary).not.toContainText("peakMemoryGb");
        await expect(page.locator("#field-peakMemoryGb-error")).not.toContainText("peakMemoryGb");
        await page.screenshot({ path: path.join(SCREENSHOTS, `mobile-${viewport.width}-${colorScheme}-form-errors.png`) });
        await link.click();
        await expect(page.getByLabel("Peak memory (GB)", { exact: true })).toBeFocused();
      });
    });
  }
}

test.describe("phone header", () => {
  test.use({ viewport: PHONE });

  test("folds into a Menu button that opens, navigates and closes again", async ({ page }) => {
    await page.goto("/runs");
    const menu = page.getByRole("button", { name: "Menu" });
    const compareLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(compareLink).toBeHidden();
    const header = await page.locator(".site-header").boundingBox();
    expect(header!.height).toBeLessThan(80);

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.screenshot({ path: path.join(SCREENSHOTS, "mobile-390-light-menu-open.png") });
    await compareLink.click();
    await expect(page).toHaveURL(/\/compare$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Compare");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(compareLink).toBeHidden();
  });

  test("Tap to select picks a run from a chart without the shift key", async ({ page }) => {
    await page.goto("/compare");
    const chart = page.getByTestId("chart-memory-by-size");
    const canvas = chart.locator("canvas");
    await expect(canvas).toBeVisible();
    await page.getByRole("button", { name: /^Tap to select/ }).click();
    await expect(page.getByTestId("chart-select-mode")).toHaveAttribute("aria-pressed", "true");

    // A tap that misses a bar does nothing in this mode, so walk along the lower part of the plot until one hits.
    const tray = page.getByTestId("selection-tray");
    // The plot is wider than the phone and scrolls inside its card: only its visible part can be tapped.
    const box = (await canvas.boundingBox())!;
    const visibleWidth = await page.getByTestId("chart-scroll-memory-by-size").evaluate((element) => element.clientWidth);
    search: for (const y of [0.6, 0.7, 0.5]) {
      for (let x = 50; x < Math.min(box.width, visibleWidth) - 8; x += 10) {
        await canvas.click({ position: { x, y: box.height * y } });
        if (await tray.getByRole("listitem").count()) break search;
      }
    }
    await expect(tray.getByText(/^Selected runs \(1\//)).toBeVisible();
    // Its 20-odd groups keep their room: the plot scrolls inside the card, and the page itself does not (nor does
    // the selection tray, whose chip holds the picked run's long name).
    const plot = page.getByTestId("chart-scroll-memory-by-size");
    const widths = await plot.evaluate((element) => ({ inner: element.scrollWidth, outer: element.clientWidth }));
    expect(widths.inner).toBeGreaterThan(widths.outer * 1.5);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(390);
    await chart.screenshot({ path: path.join(SCREENSHOTS, "mobile-390-light-chart-memory-by-size.png") });
    await page.getByTestId("chart-quality-memory").screenshot({ path: path.join(SCREENSHOTS, "mobile-390-light-chart-quality-memory.png") });
    await expect(page).toHaveURL(/\/compare\?.*runs=/);
  });
});

test.describe("desktop header", () => {
  test.use({ viewport: DESKTOP });

  test("shows every link without a Menu button", async ({ page }) => {
    await page.goto("/runs");
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare" })).toBeVisible();
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] }, viewport: PHONE });

  test("/runs/new says to sign in at the top, before the form, and its submit is disabled", async ({ page }) => {
    await page.goto("/runs/new");
    const signIn = page.getByTestId("sign-in-notice").getByRole("link", { name: "Sign in to log a run" });
    await expect(signIn).toBeInViewport();
    await expect(signIn).toHaveAttribute("href", "/sign-in?next=%2Fruns%2Fnew");
    const notice = (await page.getByTestId("sign-in-notice").boundingBox())!;
    const firstField = (await page.getByLabel("Name", { exact: true }).boundingBox())!;
    expect(notice.y).toBeLessThan(firstField.y);
    await expect(page.getByRole("button", { name: "Log run" })).toBeDisabled();
    await page.screenshot({ path: path.join(SCREENSHOTS, "mobile-390-light-signed-out-form.png") });
  });
});
