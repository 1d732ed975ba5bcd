import { expect, request as playwrightRequest, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./global-setup";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const runData = (name: string) => ({ name, method: "lora", model: "mistralai/Mistral-7B-v0.1", rank: 16, hardware: "a100-80gb", peakMemoryGb: 20.5 });

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("runs are browsable, writes are refused with 401, and a wrong password is shown inline", async ({ page, request }) => {
    await page.goto("/runs");
    await expect(page.getByTestId("runs-table").locator("tbody tr").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "API tokens" })).toHaveCount(0);
    // Read-only for the signed-out: hints instead of write controls.
    await expect(page.getByRole("link", { name: "Sign in to log a run" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Log a run", exact: true }).and(page.locator(".button"))).toHaveCount(0);
    await page.getByTestId("runs-table").locator("tbody tr a").first().click();
    await expect(page.getByRole("link", { name: "Sign in to edit or delete this run" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sign in to change the review status" })).toBeVisible();
    await expect(page.getByLabel("Review status")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sign in to comment" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Comment", exact: true })).toHaveCount(0);
    await page.goto("/plan");
    await expect(page.getByTestId("memory-total")).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to log this plan as a run" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Log as planned run" })).toHaveCount(0);
    await page.goto("/runs");
    await expect(page.getByRole("link", { name: "Sign in to save this view" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save view" })).toHaveCount(0);

    const refused = await request.post("/api/runs", { data: runData(`anon-${unique()}`) });
    expect(refused.status()).toBe(401);

    await page.goto("/settings/tokens");
    await expect(page.getByRole("link", { name: "Sign in" }).last()).toBeVisible();
    await page.goto("/admin/users");
    await expect(page.getByText("Admins only")).toBeVisible();

    await page.goto("/sign-in");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Wrong username or password");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("signing in from a hint", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("brings you back to the page and its URL state, now with the write controls", async ({ page }) => {
    await page.goto("/plan?method=qlora&rank=64");
    await expect(page.getByTestId("memory-total")).toBeVisible();
    await page.getByRole("link", { name: "Sign in to log this plan as a run" }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/plan\?method=qlora&rank=64$/);
    await expect(page.getByRole("button", { name: "Log as planned run" })).toBeVisible();
    await expect(page.getByLabel("Rank r", { exact: true })).toHaveValue("64");
  });
});

test("a token created on /settings/tokens logs runs as its owner until it is revoked", async ({ page, request, baseURL }) => {
  await page.goto("/runs");
  await expect(page.getByRole("link", { name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toBeVisible();
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);

  const tokenName = `ci-${unique()}`;
  await page.getByLabel("Token name").fill(tokenName);
  await page.getByRole("button", { name: "Create token" }).click();
  const box = page.getByTestId("new-token");
  await expect(box).toContainText("Copy it now: it is stored hashed and cannot be shown again");
  await expect(box.getByRole("button", { name: "Copy" })).toBeVisible();
  const token = (await page.getByTestId("new-token-value").textContent())!.trim();
  expect(token.length).toBeGreaterThan(20);
  const row = page.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: tokenName });
  await expect(row).toContainText(`${token.slice(0, 8)}…`);
  await expect(row).toContainText("Active");

  // A fresh context without the admin's cookie: only the token identifies the caller.
  const bare = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const created = await bare.post("/api/runs", { headers: { Authorization: `Bearer ${token}` }, data: runData(`token-${unique()}`) });
    expect(created.status()).toBe(201);
    const run = (await created.json()) as { createdBy: { name: string } | null };
    expect(run.createdBy?.name).toBe("Administrator");

    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: `Revoke ${tokenName}` }).click();
    await expect(row).toContainText("Revoked");

    const afterRevoke = await bare.post("/api/runs", { headers: { Authorization: `Bearer ${token}` }, data: runData(`revoked-${unique()}`) });
    expect(afterRevoke.status()).toBe(401);
  } finally {
    await bare.dispose();
  }
  // The session's own writes still work.
  expect((await request.get("/api/tokens")).status()).toBe(200);
});

test("an admin adds a viewer on /admin/users, and a viewer's token cannot write", async ({ page, baseURL }) => {
  const username = `viewer-${unique()}`;
  const password = "viewer-password-1";
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });

  // The API's field issues land next to their fields.
  await form.getByLabel("Username").fill("x");
  await form.getByLabel("Name", { exact: true }).fill("Too short");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator("#user-username-error")).toBeVisible();
  await expect(page.locator("#user-password-error")).toContainText("at least 8 characters");

  await form.getByLabel("Username").fill(username);
  await form.getByLabel("Name", { exact: true }).fill("Vera Viewer");
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created user ${username}.`)).toBeVisible();
  const roleSelect = page.getByLabel(`Role of ${username}`);
  await expect(roleSelect).toHaveValue("viewer");

  const viewer = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    expect((await viewer.post("/api/auth/sign-in", { data: { username, password } })).status()).toBe(200);
    // A viewer reads only: no runs; a token of their own reads and cannot write.
    expect((await viewer.post("/api/runs", { data: runData(`viewer-${unique()}`) })).status()).toBe(403);
    const viewerToken = (await (await viewer.post("/api/tokens", { data: { name: "viewer" } })).json()) as { token: string };
    expect((await viewer.post("/api/runs", { headers: { Authorization: `Bearer ${viewerToken.token}` }, data: runData(`viewer-${unique()}`) })).status()).toBe(403);

    // Promote to member, create a token, then demote: the token carries the user's current role.
    await roleSelect.selectOption("member");
    await expect.poll(async () => (await viewer.get("/api/auth/me").then((r) => r.json()) as { user: { role: string } }).user.role).toBe("member");
    const tokenResponse = await viewer.post("/api/tokens", { data: { name: "member" } });
    expect(tokenResponse.status()).toBe(201);
    const { token } = (await tokenResponse.json()) as { token: string };
    expect((await viewer.post("/api/runs", { headers: { Authorization: `Bearer ${viewerToken.token}` }, data: runData(`promoted-${unique()}`) })).status()).toBe(201);
    await roleSelect.selectOption("viewer");
    await expect.poll(async () => (await viewer.get("/api/auth/me").then((r) => r.json()) as { user: { role: string } }).user.role).toBe("viewer");

    const refused = await viewer.post("/api/runs", { headers: { Authorization: `Bearer ${token}` }, data: runData(`viewer-token-${unique()}`) });
    expect(refused.status()).toBe(403);
  } finally {
    await viewer.dispose();
  }
});

test("a person changes their password; an admin resets it, then disables them, and they can no longer sign in", async ({ page: adminPage, browser, baseURL }) => {
  const username = `pat-${unique()}`;
  const created = await adminPage.request.post("/api/users", { data: { username, name: "Pat Person", role: "member", password: "first-password" } });
  expect(created.status(), await created.text()).toBe(201);

  // Pat signs in through the form in a browser of their own, then changes their password from the header.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const pat = await context.newPage();
  const signInAs = async (password: string) => {
    await pat.goto("/sign-in");
    await pat.getByLabel("Username").fill(username);
    await pat.getByLabel("Password").fill(password);
    await pat.getByRole("button", { name: "Sign in" }).click();
  };
  await signInAs("first-password");
  await pat.getByRole("link", { name: /Pat Person/ }).click();
  await expect(pat).toHaveURL(/\/settings\/account$/);
  const form = pat.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password").fill("second-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(pat.locator("#currentPassword-error")).toHaveText("is not your current password");
  await form.getByLabel("Current password").fill("first-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(pat.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

  // The admin sets a new one: Pat's session ends.
  await adminPage.goto("/admin/users");
  const row = adminPage.getByRole("row").filter({ hasText: username });
  await row.getByRole("button", { name: "Set password" }).click();
  await row.getByLabel(`New password for ${username}`).fill("third-password");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Password set; sessions ended.");
  await pat.goto("/runs");
  await expect(pat.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await signInAs("third-password");
  await expect(pat).toHaveURL(/\/runs$/);

  // Disabled: the right password is refused with a reason, and the session is gone.
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  await pat.goto("/runs");
  await expect(pat.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await signInAs("third-password");
  await expect(pat.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("This account is disabled; ask an admin");
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("Active");
  await context.close();
});
