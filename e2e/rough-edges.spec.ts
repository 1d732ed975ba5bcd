// The rough edges a new user met on the pages (issue 13, section 4): the app icon, run page titles, the 404
// page, the admin pages signed out, the calibration table's height, the diff's memory column and the review
// badge of reference runs.
import { type APIRequestContext, expect, test } from "@playwright/test";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

type ListedRun = { id: string; name: string; source: { id: string } | null };

async function firstRun(request: APIRequestContext, query: string): Promise<ListedRun> {
  const response = await request.get(`/api/runs?${query}&limit=1`);
  expect(response.status()).toBe(200);
  const run = ((await response.json()) as { items: ListedRun[] }).items[0];
  if (!run) throw new Error(`no run for ${query}`);
  return run;
}

test("the page declares an app icon and both it and /favicon.ico answer 200 with an image", async ({ page, request }) => {
  await page.goto("/runs");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\//);
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);
});

test("a run page is titled after the run", async ({ page, request }) => {
  const run = await firstRun(request, "source=lora-vs-qlora-vs-full");
  await page.goto(`/runs/${encodeURIComponent(run.id)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(run.name);
  await expect(page).toHaveTitle(`${run.name} · Tuneboard`);
});

test("an unknown run id answers 404 with the site's not-found page, header and ways back included", async ({ page }) => {
  const response = await page.goto("/runs/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Browse the runs" })).toHaveAttribute("href", "/runs");
  await expect(page.getByRole("main").getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
  await expect(page).toHaveTitle("Not found · Tuneboard");

  const unknownPath = await page.goto(`/no-such-page-${unique()}`);
  expect(unknownPath?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const path of ["/admin/users", "/admin/catalog", "/admin/deleted-runs"]) {
    test(`${path} offers a sign-in link that comes back to it`, async ({ page }) => {
      await page.goto(path);
      const notice = page.getByTestId("admins-only");
      await expect(notice).toContainText("Admins only.");
      await expect(notice.getByRole("link", { name: "Sign in as an admin" })).toHaveAttribute("href", `/sign-in?next=${encodeURIComponent(path)}`);
    });
  }
});

test("a signed-in admin sees the admin page, not the notice", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByTestId("admins-only")).toHaveCount(0);
});

test("the calibration table lays out at full height instead of a cut-off inner scroll box", async ({ page }) => {
  await page.goto("/calibration");
  const table = page.getByTestId("calibration-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const box = await table.evaluate((element) => {
    const wrap = element.parentElement!;
    return { wrapHeight: wrap.clientHeight, tableHeight: element.scrollHeight };
  });
  // Over a dozen rows make the table taller than the old 520 px box; the wrapper now holds all of it.
  expect(box.tableHeight).toBeGreaterThan(520);
  expect(box.wrapHeight).toBeGreaterThanOrEqual(box.tableHeight);
});

test("the diff prints a peak-memory range and a lower bound as the runs table does", async ({ page, request }) => {
  const tag = `diff-${unique()}`;
  const ids: string[] = [];
  for (const [name, memory] of [[`ranged ${tag}`, { peakMemoryGbMin: 10, peakMemoryGbMax: 12 }], [`bounded ${tag}`, { peakMemoryGbMin: 84 }]] as const) {
    const created = await request.post("/api/runs", { data: { name, method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, ...memory } });
    expect(created.status()).toBe(201);
    ids.push(((await created.json()) as { id: string }).id);
  }
  await page.goto(`/compare/diff?ids=${ids.join(",")}`);
  const row = page.getByTestId("diff-table").getByRole("row", { name: /Peak memory per GPU/ });
  await expect(row.getByRole("cell")).toHaveText(["10–12 GB", "84+ GB"]);
  await expect(page.getByTestId("diff-table")).not.toContainText('"min"');
});

test("a reference run read from a source shows Reference, not Draft; a logged run keeps its review controls", async ({ page, request }) => {
  const reference = await firstRun(request, "source=lora-vs-qlora-vs-full");
  await page.goto(`/runs/${encodeURIComponent(reference.id)}`);
  // The header badge and the review panel's.
  await expect(page.getByTestId("review-status")).toHaveText(["Reference", "Reference"]);

  const created = await request.post("/api/runs", { data: { name: `logged ${unique()}`, method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8 } });
  expect(created.status()).toBe(201);
  const logged = (await created.json()) as { id: string };
  await page.goto(`/runs/${encodeURIComponent(logged.id)}`);
  await expect(page.getByTestId("review-status")).toHaveText(["Draft", "Draft"]);
  await expect(page.getByLabel("Review status")).toBeVisible();

  await page.goto("/runs?source=lora-vs-qlora-vs-full");
  const badges = page.getByTestId("runs-table").getByTestId("review-status");
  await expect(badges.first()).toHaveText("Reference");
});

test("/not-found renders in light and dark at phone and desktop widths", async ({ page }, testInfo) => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: 844 });
      await page.emulateMedia({ colorScheme });
      await page.goto("/runs/does-not-exist");
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await testInfo.attach(`not-found-${colorScheme}-${width}`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
    }
  }
});
