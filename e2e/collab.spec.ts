import { type Browser, type BrowserContext, type Page, expect, test } from "@playwright/test";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = "e2e-member-password";
const SCRIPT_PAYLOAD = "<script>alert('xss')</script> [click me](javascript:alert('xss')) <img src=x onerror=alert('xss')>";

/** A browser of its own, signed in as `username`; any dialog (an alert from a stored script) fails the test. */
async function signedInPage(browser: Browser, baseURL: string, username: string): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const response = await context.request.post("/api/auth/sign-in", { data: { username, password: PASSWORD } });
  expect(response.ok(), await response.text()).toBe(true);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { context, page, dialogs };
}

test("one person logs a run, another comments (script payload inert) and sets it in review, the first sees both in the activity feed", async ({ browser, page: adminPage, baseURL }) => {
  const suffix = unique();
  const alice = { username: `alice-${suffix}`, name: `Alice ${suffix}` };
  const bob = { username: `bob-${suffix}`, name: `Bob ${suffix}` };
  // The default page is signed in as the first admin (e2e/global-setup.ts), who creates the two members.
  for (const person of [alice, bob]) {
    const created = await adminPage.request.post("/api/users", { data: { ...person, role: "member", password: PASSWORD } });
    expect(created.status(), await created.text()).toBe(201);
  }
  const a = await signedInPage(browser, baseURL!, alice.username);
  const b = await signedInPage(browser, baseURL!, bob.username);

  // Alice logs a run through the form.
  const runName = `collab run ${suffix}`;
  await a.page.goto("/runs/new");
  await a.page.getByLabel("Name").fill(runName);
  await a.page.getByLabel("Method").selectOption("lora");
  await a.page.getByLabel("Base model").fill("meta-llama/Llama-2-7b-hf");
  await a.page.getByLabel("Rank r").fill("8");
  await a.page.getByRole("button", { name: "Log run" }).click();
  await expect(a.page.getByRole("heading", { level: 1 })).toHaveText(runName);
  const runUrl = new URL(a.page.url()).pathname;

  // Bob comments, with a stored-script payload and a mention of Alice, then sets the review status.
  await b.page.goto(runUrl);
  await expect(b.page.getByRole("heading", { level: 1 })).toHaveText(runName);
  await b.page.getByRole("textbox", { name: /^Comment/ }).fill(`Looks right to me, @${alice.username}. ${SCRIPT_PAYLOAD}`);
  await b.page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = b.page.getByTestId("comment");
  await expect(comment).toContainText("<script>alert('xss')</script>");
  await expect(comment.getByRole("link", { name: `@${alice.username}` })).toHaveAttribute("href", `/activity?user=${alice.username}`);
  await expect(comment.getByRole("link", { name: "click me" })).toHaveCount(0);
  await expect(comment.locator("script, img")).toHaveCount(0);

  await b.page.getByLabel("Review status").selectOption("in_review");
  await expect(b.page.getByTestId("review-changed")).toContainText(`changed by ${bob.name}`);
  await expect(b.page.getByTestId("review-status").first()).toHaveText("In review");

  // Alice sees both in the activity feed, and the payload stays inert on her page too.
  await a.page.goto("/activity");
  await a.page.getByLabel("Person", { exact: true }).selectOption({ label: `${bob.name} (@${bob.username})` });
  await expect(a.page).toHaveURL(new RegExp(`/activity\\?user=${bob.username}$`));
  const feed = a.page.getByTestId("activity-feed");
  await expect(feed.locator('[data-kind="status"]')).toContainText(`${bob.name} set review status: Draft → In review on ${runName}`);
  await expect(feed.locator('[data-kind="comment"]')).toContainText(`${bob.name} commented`);
  await expect(feed.getByTestId("activity-item")).toHaveCount(2);
  // Bob's comment mentioned Alice: it is among the mentions of her.
  await a.page.getByRole("button", { name: "Mentions of me" }).click();
  await expect(a.page).toHaveURL(new RegExp(`mentions=${alice.username}`));
  await expect(feed.getByTestId("activity-item").first()).toContainText(`${bob.name} commented: “Looks right to me, @${alice.username}.`);
  await expect(feed.locator('[data-kind]:not([data-kind="comment"])')).toHaveCount(0);
  await a.page.goto(runUrl);
  await expect(a.page.getByTestId("comment")).toContainText("<script>alert('xss')</script>");
  await expect(a.page.getByTestId("run-history")).toContainText(`${bob.name} set review status: Draft → In review`);
  // Only its author edits a comment; the history keeps what it said before.
  await expect(a.page.getByTestId("comment").getByRole("button", { name: "Edit" })).toHaveCount(0);
  await b.page.getByTestId("comment").getByRole("button", { name: "Edit" }).click();
  await b.page.getByLabel("Edit comment").fill("Looks right after the rerun.");
  await b.page.getByRole("button", { name: "Save" }).click();
  await expect(b.page.getByTestId("comment")).toContainText("Looks right after the rerun.");
  await a.page.reload();
  await expect(a.page.getByTestId("comment")).toContainText("· edited");
  await expect(a.page.getByTestId("run-history")).toContainText(`${bob.name} edited a comment: “Looks right to me, @${alice.username}.`);

  expect(a.dialogs).toEqual([]);
  expect(b.dialogs).toEqual([]);
  await a.context.close();
  await b.context.close();
});

test("the runs table shows review badges and filters by review status; a saved view opens the same filters", async ({ page }) => {
  await page.goto("/runs");
  await page.getByLabel(/^Review/).selectOption("draft");
  await expect(page).toHaveURL(/reviewStatus=draft/);
  const badges = page.getByTestId("runs-table").getByTestId("review-status");
  // A reference run read from a source is stored as a draft but badged "Reference".
  await expect(badges.first()).toHaveText(/^(Draft|Reference)$/);
  for (const text of await badges.allInnerTexts()) expect(["Draft", "Reference"]).toContain(text);

  await page.getByRole("button", { name: "Save view" }).click();
  const name = `drafts ${unique()}`;
  await page.getByLabel("View name").fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const link = await page.getByLabel("Link to this view").inputValue();
  expect(link).toMatch(/\/views\/[a-z0-9]+$/);

  await page.goto(new URL(link).pathname);
  await expect(page).toHaveURL(/\/runs\?reviewStatus=draft/);
  await expect(page.getByLabel(/^Review/)).toHaveValue("draft");
  await page.goto("/views");
  await expect(page.getByTestId("views-table")).toContainText(name);

  // Baselines: mark one run, then filter the table down to baselines.
  const run = (await (await page.request.get("/api/runs?limit=1&baseline=false")).json()) as { items: { id: string; name: string }[] };
  const target = run.items[0]!;
  expect((await page.request.put(`/api/runs/${target.id}/review`, { data: { isBaseline: true } })).status()).toBe(200);
  await page.goto("/runs");
  await page.getByLabel("Baselines only").click();
  await expect(page.getByLabel("Baselines only")).toBeChecked();
  await expect(page).toHaveURL(/baseline=true/);
  const rows = page.getByTestId("runs-table").locator("tbody tr");
  await expect(rows.filter({ hasText: target.name }).first()).toBeVisible();
  await expect(rows.first().getByTestId("baseline-badge")).toHaveText("Baseline");
  // Every row listed is a baseline (polled: the table may still be swapping the unfiltered page out).
  await expect.poll(async () => (await rows.count()) - (await rows.getByTestId("baseline-badge").count())).toBe(0);
});
