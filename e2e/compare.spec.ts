// /compare in a real browser: every chart drawn from the seeded articles, its data view, legend and downloads,
// filters in the URL, loss curves of runs logged through the API, and the run diff. Each chart card is saved
// for review to test-results/screenshots/, or to docs/screenshots/ (the README's images) with UPDATE_SCREENSHOTS=1,
// so that an ordinary test run leaves the tracked files alone.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type APIRequestContext, type Locator, type Page, expect, test } from "@playwright/test";

// A wide viewport at twice the pixel density: the screenshots are meant for slides.
test.use({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 2 });

const SCREENSHOTS = path.resolve(process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots");
// Runs created here avoid the hardware and tags that e2e/runs.spec.ts counts (QLoRA on an RTX 4090, "throughput").
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

const card = (page: Page, id: string) => page.getByTestId(`chart-${id}`);

/** Rows of a table that have a cell reading exactly each of `cells`. */
function rowsWithCells(table: Locator, cells: string[]): Locator {
  let rows = table.getByRole("row");
  for (const text of cells) rows = rows.filter({ has: table.page().getByRole("cell", { name: text, exact: true }) });
  return rows;
}

/** Opens a card's data view and returns its table. */
async function showData(chart: Locator): Promise<Locator> {
  await chart.getByRole("button", { name: "Show data" }).click();
  await expect(chart.getByRole("button", { name: "Hide data" })).toHaveAttribute("aria-expanded", "true");
  return chart.getByRole("table");
}

async function expectChartDrawn(chart: Locator, legendEntries: string[]) {
  await expect(chart.locator("canvas")).toBeVisible();
  const legend = chart.getByRole("list", { name: /^Legend/ });
  for (const entry of legendEntries) await expect(legend.getByText(entry, { exact: true })).toBeVisible();
}

async function createRunWithLoss(request: APIRequestContext, data: Record<string, unknown>, steps: number, floor: number) {
  const response = await request.post("/api/runs", { data });
  expect(response.status()).toBe(201);
  const run = (await response.json()) as { id: string; name: string };
  // A decaying loss with seeded noise (a linear congruential generator), so smoothing has something to smooth.
  let seed = 12345;
  const noise = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.16;
  const points = Array.from({ length: steps }, (_, step) => ({ key: "train/loss", step, value: floor + 2.2 * Math.exp(-step / (steps / 6)) + noise() }));
  expect((await request.post(`/api/runs/${run.id}/metrics`, { data: { points } })).status()).toBe(201);
  return run;
}

test("every chart draws the seeded articles, with legend, data table and screenshot", async ({ page }) => {
  // The articles' claims alone: the published measurements (issue 11) move the medians; e2e/measurements.spec.ts has them.
  await page.goto("/compare?evidence=claim");

  const qualityMemory = card(page, "quality-memory");
  await expectChartDrawn(qualityMemory, ["Full fine-tuning", "LoRA", "QLoRA", "Article claim", "Pareto frontier"]);
  await expect(qualityMemory.getByTestId("frontier-list").getByRole("listitem").first()).toBeVisible();
  await qualityMemory.screenshot({ path: path.join(SCREENSHOTS, "quality-memory.png") });
  const qualityTable = await showData(qualityMemory);
  await expect(rowsWithCells(qualityTable, ["LoRA", "16", "6.4"]).filter({ hasText: "r=16" })).toHaveCount(1);

  const throughput = card(page, "throughput");
  await expectChartDrawn(throughput, ["Full fine-tuning", "LoRA", "QLoRA", "OOM: ran out of memory"]);
  await throughput.screenshot({ path: path.join(SCREENSHOTS, "throughput.png") });
  const throughputTable = await showData(throughput);
  await expect(rowsWithCells(throughputTable, ["GeForce RTX 4090", "Full fine-tuning", "OOM"])).toHaveCount(1);
  await expect(rowsWithCells(throughputTable, ["LoRA", "18.2"]).filter({ hasText: "A100" })).toHaveCount(1);

  const rankQuality = card(page, "rank-quality");
  await expectChartDrawn(rankQuality, ["LoRA", "MMLU (%, left axis)", "MT-Bench (0–10, right axis)", "Full fine-tuning level"]);
  // Across models, one line per model; narrowed to one model, the chart follows that model's rank sweep alone.
  await expect(rankQuality.getByText(/^One line per model \(\d+\); pick one to see it alone\.$/)).toBeVisible();
  await rankQuality.getByLabel("Model").selectOption({ label: "7B LLaMA" });
  await expect(page).toHaveURL(/rankModel=llama-7b/);
  await expect(rankQuality.getByText(/^One line per model/)).toHaveCount(0);
  await rankQuality.screenshot({ path: path.join(SCREENSHOTS, "rank-quality.png") });
  const rankTable = await showData(rankQuality);
  await expect(rowsWithCells(rankTable, ["128", "48.0"])).toHaveCount(1);
  await expect(rowsWithCells(rankTable, ["48.3"]).filter({ hasText: "(reference)" })).toHaveCount(1);

  const memoryBySize = card(page, "memory-by-size");
  await expectChartDrawn(memoryBySize, ["Full fine-tuning", "LoRA", "QLoRA", "≠ Sources disagree"]);
  await memoryBySize.screenshot({ path: path.join(SCREENSHOTS, "memory-by-size.png") });
  const memoryTable = await showData(memoryBySize);
  for (const claim of ["16", "24–32", "10–12"]) {
    await expect(rowsWithCells(memoryTable, ["7B", "LoRA", claim, "≠ disagree"]).first()).toBeVisible();
  }

  const targetModules = card(page, "target-modules");
  await expectChartDrawn(targetModules, ["Trainable parameters (% of model, left axis)", "Quality gain over q,v only (%, right axis)"]);
  await targetModules.screenshot({ path: path.join(SCREENSHOTS, "target-modules.png") });
  const targetTable = await showData(targetModules);
  await expect(rowsWithCells(targetTable, ["0.04%"])).toHaveCount(1);
  await expect(rowsWithCells(targetTable, ["+8–10%"])).toHaveCount(1);

  // Nothing selected yet: the loss-curve card says why it is empty instead of drawing an empty frame.
  await expect(card(page, "loss-curves").getByTestId("chart-empty")).toContainText("Select runs to overlay their loss curves");
});

test("a filter changes the URL and the data of every chart, and the link restores the view", async ({ page }) => {
  await page.goto("/compare?evidence=claim");
  const throughputTable = await showData(card(page, "throughput"));
  await expect(rowsWithCells(throughputTable, ["Full fine-tuning"]).first()).toBeVisible();
  const qualityTable = await showData(card(page, "quality-memory"));
  await expect(rowsWithCells(qualityTable, ["Full fine-tuning"]).first()).toBeVisible();

  await page.getByRole("checkbox", { name: "QLoRA" }).click();
  await expect(page).toHaveURL(/method=qlora/);
  await expect(page.getByRole("checkbox", { name: "QLoRA" })).toBeChecked();
  await expect(rowsWithCells(throughputTable, ["Full fine-tuning"])).toHaveCount(0);
  await expect(rowsWithCells(throughputTable, ["QLoRA"])).toHaveCount(3);
  await expect(rowsWithCells(qualityTable, ["LoRA"])).toHaveCount(0);
  await expect(rowsWithCells(qualityTable, ["QLoRA"]).first()).toBeVisible();

  // A chart option lives in the URL too.
  await card(page, "quality-memory").getByText("MMLU", { exact: true }).click();
  await expect(page).toHaveURL(/metric=mmlu/);
  await expect(qualityTable.getByRole("columnheader", { name: "MMLU accuracy (%)" })).toBeVisible();

  await page.goto(page.url());
  await expect(page.getByRole("checkbox", { name: "QLoRA" })).toBeChecked();
  await expect(card(page, "quality-memory").getByRole("radio", { name: "MMLU" })).toBeChecked();
  const reloaded = await showData(card(page, "throughput"));
  await expect(rowsWithCells(reloaded, ["QLoRA"])).toHaveCount(3);
  await expect(rowsWithCells(reloaded, ["LoRA"])).toHaveCount(0);

  // Filters that match nothing give each card a reason, not an empty frame.
  await page.goto("/compare?q=no-such-run-anywhere");
  await expect(card(page, "quality-memory").getByTestId("chart-empty")).toHaveText("No run with both peak memory and MT-Bench matches these filters.");
  await expect(card(page, "throughput").getByTestId("chart-empty")).toBeVisible();
});

test("CSV and PNG downloads hold the chart's data and image", async ({ page }) => {
  await page.goto("/compare?evidence=claim");
  const throughput = card(page, "throughput");
  await expect(throughput.locator("canvas")).toBeVisible();

  const [csv] = await Promise.all([page.waitForEvent("download"), throughput.getByRole("button", { name: "Download CSV" }).click()]);
  expect(csv.suggestedFilename()).toBe("tuneboard-throughput.csv");
  const text = (await readFile(await csv.path())).toString("utf8").replace(/^\uFEFF/, "");
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toBe("Hardware,Method,Median throughput (samples/s),Runs,Out-of-memory runs");
  expect(lines).toContain("GeForce RTX 4090,Full fine-tuning,OOM,1,1");
  expect(lines.some((line) => /A100.*,LoRA,18\.2,/.test(line))).toBe(true);

  const [png] = await Promise.all([page.waitForEvent("download"), throughput.getByRole("button", { name: "Download PNG" }).click()]);
  expect(png.suggestedFilename()).toBe("tuneboard-throughput.png");
  const image = await readFile(await png.path());
  expect(image.subarray(1, 4).toString("ascii")).toBe("PNG");
  expect(image.length).toBeGreaterThan(5_000);
});

test("loss curves of runs logged through the API are overlaid, smoothed and downsampled", async ({ page, request }) => {
  const tag = unique();
  const lora = await createRunWithLoss(request, { name: `loss LoRA ${tag}`, method: "lora", model: "llama-7b", rank: 16, hardware: "a100-80gb" }, 3000, 0.9);
  const qlora = await createRunWithLoss(
    request,
    { name: `loss QLoRA ${tag}`, method: "qlora", model: "llama-7b", rank: 16, quantization: "nf4", hardware: "l40s" },
    1200,
    1.0,
  );

  await page.goto(`/compare?runs=${lora.id},${qlora.id}`);
  const loss = card(page, "loss-curves");
  await expectChartDrawn(loss, [lora.name, qlora.name]);
  // 3,000 stored points are thinned on the server; the card says so.
  await expect(loss.getByText(/of 3,000 points/)).toBeVisible();
  const tray = page.getByTestId("selection-tray");
  await expect(tray.getByRole("link", { name: lora.name })).toBeVisible();

  await loss.getByRole("slider", { name: /Smoothing/ }).fill("0.9");
  await expect(page).toHaveURL(/smooth=0\.9/);
  await loss.getByRole("checkbox", { name: "Log scale (y)" }).check();
  await expect(page).toHaveURL(/logY=1/);
  await page.mouse.move(0, 0);
  await loss.screenshot({ path: path.join(SCREENSHOTS, "loss-curves.png") });

  const table = await showData(loss);
  await expect(table.getByRole("columnheader", { name: "train/loss (EMA 0.9)" })).toBeVisible();
  await expect(rowsWithCells(table, [lora.name, "0"])).toHaveCount(1);
  await expect(rowsWithCells(table, [qlora.name, "0"])).toHaveCount(1);

  // The legend hides a run.
  await loss.getByRole("button", { name: lora.name }).click();
  await expect(loss.getByRole("button", { name: lora.name })).toHaveAttribute("aria-pressed", "false");
});

test("runs picked in a chart go to the diff", async ({ page }) => {
  await page.goto("/compare");
  const frontier = card(page, "quality-memory").getByTestId("frontier-list");
  await frontier.getByRole("button", { name: "Select for diff" }).first().click();
  await expect(page).toHaveURL(/runs=/);
  const tray = page.getByTestId("selection-tray");
  await expect(tray.getByRole("button", { name: "Compare selected (1)" })).toBeDisabled();
  await frontier.getByRole("button", { name: "Select for diff" }).first().click();
  await tray.getByRole("link", { name: "Compare selected (2)" }).click();
  await expect(page).toHaveURL(/\/compare\/diff\?ids=[^,]+,[^,]+$/);
  await expect(page.getByTestId("diff-table").locator("thead th")).toHaveCount(3);
});

test("select runs in the runs table, open the diff, and keep only the differences", async ({ page, request }) => {
  const tag = unique();
  const first = await createRunWithLoss(
    request,
    { name: `diff A ${tag}`, method: "lora", model: "llama-7b", rank: 16, loraAlpha: 32, hardware: "a100-80gb", batchSize: 8, mmlu: 46.1 },
    400,
    0.9,
  );
  const second = await createRunWithLoss(
    request,
    { name: `diff B ${tag}`, method: "qlora", model: "llama-7b", rank: 64, loraAlpha: 32, quantization: "nf4", hardware: "a100-80gb", batchSize: 8, mmlu: 45.2 },
    400,
    1.0,
  );

  await page.goto(`/runs?q=${encodeURIComponent(tag)}`);
  const rows = page.getByTestId("runs-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Compare selected (0)" })).toBeDisabled();
  for (const row of await rows.all()) await row.getByRole("checkbox", { name: "Select for comparison" }).check();
  await page.getByRole("link", { name: "Compare selected (2)" }).click();

  await expect(page).toHaveURL(/\/compare\/diff\?ids=/);
  expect(new Set(new URL(page.url()).searchParams.get("ids")!.split(","))).toEqual(new Set([first.id, second.id]));
  const table = page.getByTestId("diff-table");
  await expect(table.getByRole("link", { name: first.name })).toBeVisible();
  await expect(table.getByRole("link", { name: second.name })).toBeVisible();

  const differing = table.locator('tbody tr[data-differs="true"]');
  const equal = table.locator('tbody tr[data-differs="false"]');
  await expect(differing.filter({ hasText: "64" }).first()).toBeVisible();
  await expect(differing.filter({ hasText: "differs" }).first()).toBeVisible();
  await expect(equal.first()).toBeVisible();
  const differingCount = await differing.count();
  expect(differingCount).toBeGreaterThanOrEqual(3);
  await expect(card(page, "loss-curves").locator("canvas")).toBeVisible();
  await page.locator("main").screenshot({ path: path.join(SCREENSHOTS, "run-diff.png") });

  await page.getByRole("checkbox", { name: "Only differences" }).check();
  await expect(page).toHaveURL(/only=1/);
  await expect(equal).toHaveCount(0);
  await expect(differing).toHaveCount(differingCount);

  await expectChartDrawn(card(page, "loss-curves"), [first.name, second.name]);
});

test("the compare page is interactive quickly and readable in dark mode", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const started = Date.now();
  await page.goto("/compare");
  await expect(card(page, "quality-memory").locator("canvas")).toBeVisible();
  const firstChartMs = Date.now() - started;
  const navigation = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domInteractive);
  console.log(`compare: DOM interactive after ${Math.round(navigation)} ms, first chart after ${firstChartMs} ms`);
  expect(navigation).toBeLessThan(1500);

  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(17, 20, 24)");
  await card(page, "quality-memory").screenshot({ path: path.join(SCREENSHOTS, "quality-memory-dark.png") });
  await expect(card(page, "memory-by-size").locator("canvas")).toBeVisible();
  await card(page, "memory-by-size").screenshot({ path: path.join(SCREENSHOTS, "memory-by-size-dark.png") });
});
