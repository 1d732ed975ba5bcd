import { expect, type Locator, test } from "@playwright/test";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
/** "16.4 GB" → 16.4 */
const gbOf = async (locator: Locator) => Number.parseFloat((await locator.textContent()) ?? "NaN");

test("/plan predicts live as fields change, and the URL holds the plan", async ({ page }) => {
  await page.goto("/plan");
  const total = page.getByTestId("memory-total");
  await expect(total).toHaveText(/^\d+(\.\d+)? GB$/);
  const initial = await total.textContent();

  // No submit button: a changed field alone brings a new prediction.
  await page.getByLabel("Rank r", { exact: true }).fill("256");
  await expect(total).not.toHaveText(initial!);
  await expect(page).toHaveURL(/rank=256/);
  const lora = await gbOf(total);
  expect(lora).toBeGreaterThan(Number.parseFloat(initial!));

  await page.getByLabel("Method", { exact: true }).selectOption("qlora");
  await expect(page).toHaveURL(/method=qlora/);
  await expect.poll(() => gbOf(total)).toBeLessThan(lora);
  const qlora = await total.textContent();
  await expect(page.getByLabel("Quantization", { exact: true })).toHaveValue("nf4");

  // The shared link restores the form and its prediction.
  await page.goto(page.url());
  await expect(page.getByLabel("Method", { exact: true })).toHaveValue("qlora");
  await expect(page.getByLabel("Rank r", { exact: true })).toHaveValue("256");
  await expect(total).toHaveText(qlora!);
  // One row per catalogued GPU, admin-added ones included (e2e/catalog.spec.ts may have added one).
  const { items: gpus } = (await (await page.request.get("/api/hardware")).json()) as { items: unknown[] };
  expect(gpus.length).toBeGreaterThanOrEqual(23);
  await expect(page.getByTestId("plan-fits").locator("tbody tr")).toHaveCount(gpus.length);
  await expect(page.getByTestId("chart-plan-memory-breakdown").getByRole("img")).toBeVisible();
  await expect(page.getByTestId("chart-plan-sweep-rank").getByRole("img")).toBeVisible();
});

test("the recommender's suggestion fills the form", async ({ page }) => {
  await page.goto("/plan?method=full&hardware=rtx-4090&datasetSize=2000");
  await expect(page.getByTestId("memory-total")).toBeVisible();
  const recommender = page.getByTestId("recommender");
  await recommender.getByRole("button", { name: "Recommend" }).click();
  const first = recommender.getByTestId("recommendation").first();
  await expect(first).toBeVisible();
  await expect(first.getByTestId("recommendation-fit")).toContainText(/^fits: .* GB of 24 GB/);
  const method = (await first.getAttribute("data-method"))!;
  const rank = (await first.getAttribute("data-rank"))!;
  // On a 24 GB card full fine-tuning of a 7B model fits nowhere, so the suggestion changes the method.
  expect(method).not.toBe("full");

  await first.getByRole("button", { name: "Use this" }).click();
  await expect(page.getByLabel("Method", { exact: true })).toHaveValue(method);
  await expect(page.getByLabel("Rank r", { exact: true })).toHaveValue(rank);
  await expect(page).toHaveURL(method === "lora" ? /^(?!.*method=)/ : new RegExp(`method=${method}`));
  // The recommender sizes within the card with room for the estimate's error, so the form says it fits.
  await expect(page.getByTestId("plan-verdict")).toHaveAttribute("data-kind", "fits");
  await expect(page.getByTestId("plan-verdict")).toContainText(/fits: [\d.–]+ GB of 24 GB \(\d+\.\d GB to spare/);
});

test("log as planned run, then find it among the planned runs", async ({ page }) => {
  const name = `planned ${unique()}`;
  await page.goto("/plan?rank=32&gradientCheckpointing=1&attention=flash");
  await expect(page.getByTestId("memory-total")).toBeVisible();
  await page.getByLabel("Run name").fill(name);
  await page.getByRole("button", { name: "Log as planned run" }).click();
  const created = page.getByTestId("planned-run-created");
  await expect(created).toContainText(name);

  await page.goto("/runs?status=planned");
  const table = page.getByTestId("runs-table");
  await expect(table.getByRole("link", { name })).toBeVisible();
  await table.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("planned", { exact: true })).toBeVisible();
  await expect(page.getByText(/Predicted peak \d+\.\d+ GB per GPU/)).toBeVisible();
  // The plan's attention is a run field now, shown with the configuration.
  await expect(page.locator("dt", { hasText: /^Attention$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("FlashAttention");
});

test("a run with a measured peak shows predicted against measured", async ({ page, request }) => {
  const name = `measured ${unique()}`;
  const response = await request.post("/api/runs", {
    data: {
      name, method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16, targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"],
      precision: "bf16", hardware: "a100-80gb", gpuCount: 1, batchSize: 4, seqLen: 1024, gradientCheckpointing: true, optimizer: "adamw",
      peakMemoryGb: 19.5, throughputSamplesPerSec: 9.5,
    },
  });
  expect(response.status()).toBe(201);
  const run = (await response.json()) as { id: string };

  await page.goto(`/runs/${run.id}`);
  const card = page.getByTestId("predicted-vs-measured");
  await expect(card.getByTestId("pvm-memory")).toContainText("19.5");
  await expect(card.getByTestId("pvm-memory")).toContainText(/[+−]\d+(\.\d)?%|0%/);
  await expect(card.getByTestId("pvm-throughput")).toContainText("9.5");
});

test("/calibration shows the error statistics", async ({ page }) => {
  await page.goto("/calibration");
  await expect(page.getByTestId("stats-memory-count")).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId("stats-memory-mape")).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId("stats-throughput-count")).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId("stats-ranges")).toContainText("Inside");
  await expect(page.getByTestId("chart-calibration-memory").getByRole("img")).toBeVisible();
  await expect(page.getByTestId("calibration-table").locator("tbody tr").first()).toBeVisible();
});
