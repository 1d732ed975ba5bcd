// Every kind of response carries the security headers (pages, API answers, static files, 404s, redirects); a page's
// Content-Security-Policy forbids inline script except Next's own, which carry the response's nonce; and no page
// reports a CSP violation while it loads and hydrates.
import { type APIResponse, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { PRIVATE_READS_URL } from "./ports";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, `${what}: Content-Security-Policy`).toContain("frame-ancestors 'none'");
  expect(policy, `${what}: no inline script`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(policy, `${what}: a script rule`).toMatch(/(script-src|default-src) /);
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("same-origin");
  expect(headers["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
  return policy;
}

/** The nonce a page policy allows scripts by. */
function nonceOf(policy: string): string {
  const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return nonce!;
}

test.describe("security headers", () => {
  test("pages, API answers, static files, 404s and redirects all carry them", async ({ request }) => {
    const page = await request.get("/runs");
    expect(page.status()).toBe(200);
    const pagePolicy = expectSecurityHeaders(page, "page /runs");
    const html = await page.text();

    const staticPath = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(staticPath, "a static script on the page").toBeTruthy();
    const asset = await request.get(staticPath!);
    expect(asset.status()).toBe(200);
    expectSecurityHeaders(asset, `static ${staticPath}`);

    const api = await request.get("/api/sources");
    expect(api.status()).toBe(200);
    expect(expectSecurityHeaders(api, "API /api/sources")).toContain("default-src 'none'");

    const missingPage = await request.get("/no-such-page");
    expect(missingPage.status()).toBe(404);
    nonceOf(expectSecurityHeaders(missingPage, "404 page"));
    const missingApi = await request.get("/api/no-such-route");
    expect(missingApi.status()).toBe(404);
    expectSecurityHeaders(missingApi, "404 under /api");
    const missingAsset = await request.get("/_next/static/no-such-file.js");
    expect(missingAsset.status()).toBe(404);
    expectSecurityHeaders(missingAsset, "404 static");
    const apiError = await request.get("/api/runs/no-such-run");
    expect(apiError.status()).toBe(404);
    expectSecurityHeaders(apiError, "API 404");

    const anonymous = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const redirect = await anonymous.get(`${PRIVATE_READS_URL}/runs`, { maxRedirects: 0 });
      expect(redirect.status()).toBe(307);
      expectSecurityHeaders(redirect, "redirect to /sign-in");
    } finally {
      await anonymous.dispose();
    }

    // A page policy: nonce-based, strict-dynamic, nothing inline; a new nonce on every response.
    expect(pagePolicy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(pagePolicy).toContain("object-src 'none'");
    expect(pagePolicy).toContain("base-uri 'self'");
    const again = await request.get("/runs");
    expect(nonceOf(again.headers()["content-security-policy"]!)).not.toBe(nonceOf(pagePolicy));
  });

  test("every script of a page carries the response's nonce", async ({ request }) => {
    for (const path of ["/runs", "/compare", "/plan", "/runs/new", "/sign-in", "/no-such-page"]) {
      const response = await request.get(path);
      const nonce = nonceOf(response.headers()["content-security-policy"] ?? "");
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
    }
  });

  test("pages load and hydrate without a Content-Security-Policy violation", async ({ page }) => {
    test.setTimeout(120_000); // a dozen page loads
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`Refused to execute: CSP violation of ${event.violatedDirective} by ${event.blockedURI || "inline"}`);
      });
    });
    const hydrated = (p: Page) => p.evaluate(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));

    await page.goto("/runs");
    await expect(page.getByTestId("runs-table").locator("tbody tr").first()).toBeVisible();
    expect(await hydrated(page)).toBe(true);
    const firstRun = await page.getByTestId("runs-table").locator("tbody tr a").first().getAttribute("href");

    await page.goto("/compare");
    await expect(page.locator("section.chart-card canvas").first()).toBeVisible();
    expect(await hydrated(page)).toBe(true);

    await page.goto("/plan");
    await expect(page.getByRole("heading").first()).toBeVisible();
    expect(await hydrated(page)).toBe(true);

    for (const path of [firstRun!, "/runs/new", "/sources", "/calibration", "/activity", "/views", "/settings/account", "/no-such-page"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      expect(await hydrated(page), `${path} hydrated`).toBe(true);
    }
    // A client-side navigation after hydration loads its chunks under the same policy.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare" }).click();
    await expect(page).toHaveURL(/\/compare$/);
    await expect(page.locator("section.chart-card canvas").first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
