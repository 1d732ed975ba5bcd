// The runs table's chosen columns in a real browser (issue 13 §2): two runs logged through the MLflow API with a param
// and an eval loss; the column chooser adds that param and the best eval loss, the table sorts, a reload and a saved
// view keep the columns, scrolling loads the next page without a button, and at 390 and 1440 px, light and dark, the
// page never scrolls sideways while the name column stays pinned. Screenshots: test-results/screenshots/runs-columns-*.png.
import path from "node:path";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";

const SCREENSHOTS = path.resolve("test-results/screenshots");
const MLFLOW = "/api/2.0/mlflow";
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

async function mlflow(request: APIRequestContext, token: string, route: string, body: unknown) {
  const response = await request.post(`${MLFLOW}/${route}`, { headers: { authorization: `Bearer ${token}` }, data: body });
  expect(response.status(), `${route}: ${await response.text()}`).toBe(200);
  return response.json();
}

type Logged = { experimentId: string; paramKey: string; runs: { id: string; name: string; warmup: string; bestLoss: number }[] };

/** An experiment of two runs, each with a param of its own key for this test and an eval/loss curve. */
async function logRuns(request: APIRequestContext): Promise<Logged> {
  const { token } = (await (await request.post("/api/tokens", { data: { name: `columns ${unique()}` } })).json()) as { token: string };
  const suffix = unique().replace(/\W/g, "_");
  const paramKey = `warmup_ratio_${suffix}`;
  const experiment = await mlflow(request, token, "experiments/create", { name: `columns-${suffix}` });
  const runs: Logged["runs"] = [];
  for (const [index, warmup, losses] of [[0, "0.03", [2.1, 1.4, 1.6]], [1, "0.1", [2.3, 1.9, 1.2]]] as const) {
    const name = `columns ${index === 0 ? "alpha" : "beta"} ${suffix} with a long name that would wrap into several lines`;
    const created = await mlflow(request, token, "runs/create", { experiment_id: experiment.experiment_id, start_time: Date.now(), tags: [{ key: "mlflow.runName", value: name }] });
    const id: string = created.run.info.run_id;
    await mlflow(request, token, "runs/log-batch", {
      run_id: id,
      params: [{ key: paramKey, value: warmup }, { key: "lora_r", value: String(8 * (index + 1)) }],
      metrics: losses.map((value, step) => ({ key: "eval/loss", value, timestamp: Date.now(), step: step * 100 })),
    });
    runs.push({ id, name, warmup, bestLoss: Math.min(...losses) });
  }
  return { experimentId: String(experiment.experiment_id), paramKey, runs };
}

const table = (page: Page) => page.getByTestId("runs-table");
const header = (page: Page, text: string) => table(page).locator("thead th").filter({ hasText: text });

/** The chooser's form: kind, key (typed or picked from the keys runs logged), statistic, then Add column. */
async function addRawColumn(page: Page, kind: "Parameter" | "Metric", key: string, statistic?: string) {
  const chooser = page.getByTestId("column-chooser");
  await chooser.getByLabel("Kind").selectOption({ label: kind });
  await chooser.getByLabel("Key").fill(key);
  if (statistic) await chooser.getByLabel("Value").selectOption({ label: statistic });
  await chooser.getByRole("button", { name: "Add column" }).click();
}

async function pageOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("adds a param column and a best-eval-loss column, sorts, and keeps them through a reload and a saved view", async ({ page, request }) => {
  const logged = await logRuns(request);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/runs?experiment=${encodeURIComponent(logged.experimentId)}`);
  await expect(page.getByTestId("runs-count")).toHaveText("Showing 2 of 2 runs");

  await page.getByText(/^Columns \(\d+\)$/).click();
  // The keys the runs logged are offered (GET /api/runs/columns), with their run counts.
  await expect(page.getByTestId("column-chooser").locator(`datalist option[value="${logged.paramKey}"]`)).toHaveCount(1);
  await addRawColumn(page, "Parameter", logged.paramKey);
  await expect(page).toHaveURL(new RegExp(`columns=[^&]*param%3A${logged.paramKey}`));
  await addRawColumn(page, "Metric", "eval/loss", "best");
  await expect(header(page, "eval/loss (best)")).toBeVisible();
  await expect(header(page, logged.paramKey)).toBeVisible();
  // A typed field from its group, and one default column removed.
  await page.getByTestId("column-chooser").getByLabel("Run field").selectOption({ label: "Learning rate" });
  await page.getByTestId("column-chooser").getByRole("button", { name: "Remove Review" }).click();
  await expect(header(page, "Learning rate")).toBeVisible();
  await expect(header(page, "Review")).toHaveCount(0);

  const rowOf = (name: string) => table(page).locator("tbody tr").filter({ hasText: name });
  const cellOf = async (name: string, column: string) => {
    const index = await table(page).locator("thead th").evaluateAll((cells, text) => cells.findIndex((cell) => cell.textContent?.trim().startsWith(text)), column);
    return rowOf(name).locator("td").nth(index);
  };
  for (const run of logged.runs) {
    await expect(await cellOf(run.name, logged.paramKey)).toHaveText(run.warmup);
    await expect(await cellOf(run.name, "eval/loss (best)")).toHaveText(String(run.bestLoss));
  }
  // The best loss says the step it was reached at.
  await expect(await cellOf(logged.runs[1]!.name, "eval/loss (best)")).toHaveAttribute("title", /at step 200/);

  // Sorting through the API's sort: by name, ascending then descending.
  await header(page, "Name").getByRole("button").click();
  await expect(page).toHaveURL(/sort=name/);
  const names = async () => (await table(page).locator("tbody tr td:first-child a").allInnerTexts()).map((text) => text.trim());
  const firstOrder = await names();
  await header(page, "Name").getByRole("button").click();
  await expect.poll(names).toEqual([...firstOrder].reverse());

  await page.reload();
  await expect(header(page, "eval/loss (best)")).toBeVisible();
  await expect(header(page, logged.paramKey)).toBeVisible();
  await expect(header(page, "Review")).toHaveCount(0);
  // Export takes the same columns.
  await expect(page.getByTestId("export-runs")).toHaveAttribute("href", new RegExp(`columns=name%2C.*metric%3Aeval%2Floss%3Abest`));

  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByLabel("View name").fill(`columns ${unique()}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const link = await page.getByLabel("Link to this view").inputValue();
  await page.goto("/runs");
  await expect(header(page, "eval/loss (best)")).toHaveCount(0);
  await page.goto(new URL(link).pathname);
  await expect(page).toHaveURL(/\/runs\?.*columns=/);
  await expect(header(page, "eval/loss (best)")).toBeVisible();
  await expect(header(page, logged.paramKey)).toBeVisible();
  await expect(await cellOf(logged.runs[0]!.name, logged.paramKey)).toHaveText(logged.runs[0]!.warmup);
});

test("scrolling to the end of the table loads the next page, without a Load more button", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/runs");
  const rows = table(page).locator("tbody tr");
  await expect(rows).toHaveCount(50);
  const total = Number((await page.getByTestId("runs-count").textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThan(100);
  await expect(page.getByTestId("runs-count")).toHaveText(`Showing 50 of ${total} runs`);
  await expect(page.getByRole("button", { name: /load more/i })).toHaveCount(0);

  await rows.last().scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(100);
  await expect(page.getByTestId("runs-count")).toHaveText(`Showing 100 of ${total} runs`);
  // Nothing is read ahead: with the end of the table out of view again, no third page arrives.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForLoadState("networkidle");
  await expect(rows).toHaveCount(100);
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
    test(`${viewport.width} px, ${colorScheme}: chosen columns scroll inside the table, the name stays pinned, the page never scrolls sideways`, async ({ page, request }) => {
      const logged = await logRuns(request);
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(viewport);
      const columns = ["name", "method", "modelName", "rank", `param:${logged.paramKey}`, "metric:eval/loss:best", "metric:eval/loss@150", "learningRate", "peakMemoryGb", "createdAt"];
      await page.goto(`/runs?experiment=${encodeURIComponent(logged.experimentId)}&columns=${encodeURIComponent(columns.join(","))}`);
      await expect(page.getByTestId("runs-count")).toHaveText("Showing 2 of 2 runs");
      await page.getByText(/^Columns \(\d+\)$/).click();
      await expect(page.getByTestId("shown-columns").locator("li")).toHaveCount(columns.length - 1);
      await page.screenshot({ path: path.join(SCREENSHOTS, `runs-columns-${viewport.width}-${colorScheme}.png`), fullPage: true });
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

      // A long name stays on one line (cut with an ellipsis, the whole name in its title).
      const nameLink = table(page).locator("tbody tr td:first-child a").first();
      await expect(nameLink).toHaveAttribute("title", /with a long name that would wrap into several lines/);
      const box = (await nameLink.boundingBox())!;
      expect(box.height).toBeLessThan(30);

      // Scrolled sideways inside its own box, the name column stays where it was.
      await page.getByText(/^Columns \(\d+\)$/).click();
      await expect(page.getByTestId("shown-columns")).toBeHidden();
      const wrap = page.locator(".runs-table-wrap");
      await wrap.scrollIntoViewIfNeeded();
      const nameCell = table(page).locator("tbody tr td:first-child").first();
      const before = (await nameCell.boundingBox())!.x;
      const scrolled = await wrap.evaluate((element) => {
        element.scrollLeft = element.scrollWidth;
        return element.scrollLeft;
      });
      if (viewport.width === 390) expect(scrolled).toBeGreaterThan(0);
      await expect.poll(async () => (await nameCell.boundingBox())!.x).toBe(before);
      await page.screenshot({ path: path.join(SCREENSHOTS, `runs-columns-${viewport.width}-${colorScheme}-scrolled.png`) });
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    });
  }
}
