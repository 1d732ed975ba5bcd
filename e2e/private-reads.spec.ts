// Against the second e2e server, started with TUNEBOARD_PUBLIC_READS=false on the same build and database.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./global-setup";
import { PRIVATE_READS_URL } from "./ports";

test.describe("private reads (TUNEBOARD_PUBLIC_READS=false)", () => {
  test.use({ baseURL: PRIVATE_READS_URL, storageState: { cookies: [], origins: [] } });

  test("the signed-out see only the sign-in page, and signing in returns to the shared link", async ({ page }) => {
    await page.goto("/runs?method=qlora");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fruns%3Fmethod%3Dqlora$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.getByTestId("runs-table")).toHaveCount(0);
    for (const path of ["/compare", "/sources/lora-vs-qlora-vs-full", "/activity", "/plan"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in\?next=/);
    }

    await page.goto("/runs?method=qlora");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/runs\?method=qlora$/);
    const rows = page.getByTestId("runs-table").locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    await expect(rows.first()).toContainText("QLoRA");
  });

  test("the API answers 401 to the signed-out and serves a signed-in session", async ({ baseURL }) => {
    const anonymous = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    try {
      expect((await anonymous.get("/api/runs")).status()).toBe(401);
      expect((await anonymous.get("/api/compare/quality-memory")).status()).toBe(401);
      expect(await (await anonymous.get("/api/auth/me")).json()).toEqual({ user: null, publicReads: false });
      expect((await anonymous.post("/api/auth/sign-in", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } })).status()).toBe(200);
      const runs = await anonymous.get("/api/runs?limit=1");
      expect(runs.status()).toBe(200);
      expect(((await runs.json()) as { total: number }).total).toBeGreaterThan(0);
    } finally {
      await anonymous.dispose();
    }
  });
});
