import { expect, test } from "@playwright/test";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

test("browse the seeded runs and filter them, with the filter in the URL", async ({ page }) => {
  await page.goto("/runs");
  const table = page.getByTestId("runs-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("runs-count")).toContainText(/of \d+ runs/);
  const totalBefore = Number((await page.getByTestId("runs-count").textContent())!.match(/of (\d+)/)![1]);

  // The checkbox reflects the URL, so it turns checked once the URL has changed.
  await page.getByRole("checkbox", { name: "QLoRA" }).click();
  await expect(page).toHaveURL(/method=qlora/);
  await expect(page.getByRole("checkbox", { name: "QLoRA" })).toBeChecked();
  await expect(page.getByTestId("runs-count")).not.toContainText(`of ${totalBefore} runs`);
  const methods = await table.locator("tbody tr td:nth-child(2)").allTextContents();
  expect(methods.length).toBeGreaterThan(0);
  expect(new Set(methods)).toEqual(new Set(["QLoRA"]));

  // By role and name: the Source select's options include a measured source whose title says "Hardware".
  await page.getByRole("combobox", { name: /^Hardware/ }).selectOption("rtx-4090");
  await expect(page).toHaveURL(/hardware=rtx-4090/);
  await expect(page.getByTestId("runs-count")).toContainText("Showing 2 of 2 runs");
  expect(new Set(await table.locator("tbody tr td:nth-child(5)").allTextContents())).toEqual(new Set(["GeForce RTX 4090"]));

  // The shared link restores the same view.
  await page.goto(page.url());
  await expect(page.getByRole("checkbox", { name: "QLoRA" })).toBeChecked();
  await expect(page.getByTestId("runs-count")).toContainText("Showing 2 of 2 runs");
});

test("free-text search finds reference runs and sorting reorders the table", async ({ page }) => {
  await page.goto("/runs?tag=throughput");
  await page.getByRole("button", { name: /Samples\/s/ }).click();
  await expect(page).toHaveURL(/sort=throughputSamplesPerSec/);
  const first = page.getByTestId("runs-table").locator("tbody tr").first();
  await expect(first).toContainText("18.2");
  await page.getByRole("searchbox", { name: "Search" }).fill("A6000");
  await expect(page).toHaveURL(/q=A6000/);
  await expect(page.getByTestId("runs-table").locator("tbody tr")).toHaveCount(3);
});

test("log a run through the form and find it in the table", async ({ page }) => {
  const name = `form run ${unique()}`;
  await page.goto("/runs/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Method").selectOption("qlora");
  await page.getByLabel("Base model").fill("meta-llama/Llama-2-7b-hf");
  await page.getByLabel("Rank r").fill("16");
  await page.getByLabel("Alpha").fill("32");
  await page.getByRole("checkbox", { name: "q_proj" }).check();
  await page.getByRole("checkbox", { name: "v_proj" }).check();
  await page.getByLabel("GPU", { exact: true }).selectOption("rtx-4090");
  await page.getByLabel("Attention", { exact: true }).selectOption("flash");
  await page.getByLabel("Peak memory (GB)").fill("9.8");
  await page.getByLabel("MT-Bench (0–10)").fill("6.2");
  await page.getByRole("button", { name: "Log run" }).click();

  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("q_proj, v_proj")).toBeVisible();
  await expect(page.getByText("9.8 GB")).toBeVisible();
  await expect(page.getByText("FlashAttention", { exact: true })).toBeVisible();

  await page.goto(`/runs?q=${encodeURIComponent(name)}`);
  const rows = page.getByTestId("runs-table").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("QLoRA");
  await expect(rows.first()).toContainText("logged");
});

test("a bad form shows the field errors inline and saves nothing", async ({ page, request }) => {
  const before = (await (await request.get("/api/runs?limit=1")).json()).total as number;
  await page.goto("/runs/new");
  await page.getByLabel("Rank r").fill("-3");
  await page.getByLabel("MT-Bench (0–10)").fill("12");
  await page.getByLabel("Peak memory from (GB)").fill("30");
  await page.getByLabel("Peak memory to (GB)").fill("20");
  await page.getByRole("button", { name: "Log run" }).click();

  await expect(page.getByTestId("form-errors")).toBeVisible();
  await expect(page.locator("#field-model-error")).toBeVisible();
  await expect(page.locator("#field-rank-error")).toContainText("at least 1");
  await expect(page.locator("#field-mtBench-error")).toContainText("between 0 and 10");
  await expect(page.locator("#field-peakMemoryGbMax-error")).toContainText("“Peak memory from (GB)”");
  await expect(page.getByLabel("Rank r")).toHaveAttribute("aria-invalid", "true");

  // A rule only the server can check (the catalog) lands on its field too.
  await page.getByLabel("Rank r").fill("8");
  await page.getByLabel("MT-Bench (0–10)").fill("");
  await page.getByLabel("Peak memory to (GB)").fill("");
  await page.getByLabel("Base model").fill("acme/unknown-model");
  await page.getByRole("button", { name: "Log run" }).click();
  await expect(page.locator("#field-modelParams-error")).toContainText("not in the model catalog");
  await expect(page).toHaveURL(/\/runs\/new$/);
  expect((await (await request.get("/api/runs?limit=1")).json()).total).toBe(before);
});

test("the form hides adapter and quantization fields that do not apply to the method", async ({ page }) => {
  await page.goto("/runs/new");
  await expect(page.getByLabel("Rank r")).toBeVisible();
  await expect(page.getByLabel("Base weights")).toHaveCount(0);
  await page.getByLabel("Method").selectOption("full");
  await expect(page.getByLabel("Rank r")).toHaveCount(0);
  await page.getByLabel("Method").selectOption("qlora");
  await expect(page.getByLabel("Base weights")).toBeVisible();
});

test("a run created through the API appears in the UI with its loss curve", async ({ page, request }) => {
  const name = `api run ${unique()}`;
  const created = await request.post("/api/runs", {
    data: { name, method: "lora", model: "mistralai/Mistral-7B-v0.1", rank: 32, hardware: "a100-80gb", peakMemoryGb: 22.5, mmlu: 61.2 },
  });
  expect(created.status()).toBe(201);
  const run = await created.json();
  // 3,000 points: more than the page asks for, so it receives them downsampled by the server.
  const points = Array.from({ length: 3000 }, (_, step) => ({ key: "train/loss", step, value: 2.5 * Math.exp(-step / 600) + 0.6 }));
  expect((await request.post(`/api/runs/${run.id}/metrics`, { data: { points } })).status()).toBe(201);

  await page.goto(`/runs?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name }).click();
  await expect(page).toHaveURL(`/runs/${run.id}`);
  await expect(page.getByText("61.2 %")).toBeVisible();
  await expect(page.getByTestId("loss-curve-chart").locator("canvas")).toBeVisible();
  await expect(page.getByTestId("loss-curve-downsampled")).toHaveText("train/loss: 800 of 3,000 points shown (downsampled on the server, peaks kept)");
});

test("a reference run shows the verbatim cells it was read from, OOM kept as OOM", async ({ page }) => {
  await page.goto("/runs?source=lora-vs-qlora-vs-full&tag=throughput&hardware=rtx-4090&method=full");
  await page.getByTestId("runs-table").locator("tbody tr a").first().click();
  const cells = page.getByTestId("provenance-cells");
  await expect(cells).toContainText("OOM");
  await expect(cells).toContainText("Training Speed (samples/second, LLaMA-7B)");
  await expect(page.getByText("Out of memory", { exact: true })).toBeVisible();
});

test("edit a run, delete it, and restore it as an admin", async ({ page, request }) => {
  const name = `edit me ${unique()}`;
  const run = await (await request.post("/api/runs", { data: { name, method: "lora", model: "llama-7b", rank: 8 } })).json();
  await page.goto(`/runs/${run.id}`);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Rank r").fill("64");
  await page.getByLabel("Notes").fill("bumped the rank");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(`/runs/${run.id}`);
  await expect(page.getByText("bumped the rank", { exact: true })).toBeVisible();
  // The history timeline follows the edit without a reload.
  await expect(page.getByTestId("run-history")).toContainText("changed notes: — → bumped the rank");
  expect((await (await request.get(`/api/runs/${run.id}`)).json()).rank).toBe(64);

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  // A soft delete: the run leaves the list; this session is the admin's, which still reads it, marked deleted.
  expect((await (await request.get(`/api/runs?q=${encodeURIComponent(name)}`)).json()).total).toBe(0);
  expect((await (await request.get(`/api/runs/${run.id}`)).json()).deletedAt).toEqual(expect.any(String));

  // The admin's way back: Deleted runs in the header lists it with a Restore button.
  await page.getByRole("link", { name: "Deleted runs" }).click();
  await expect(page).toHaveURL(/\/admin\/deleted-runs$/);
  const row = page.getByTestId("deleted-runs-table").getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("run-restored")).toContainText(`Restored ${name}`);
  await expect(page.getByTestId("deleted-runs-table").getByRole("row").filter({ hasText: name })).toHaveCount(0);
  await page.getByTestId("run-restored").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("run-history")).toContainText("restored the run");
  expect((await (await request.get(`/api/runs?q=${encodeURIComponent(name)}`)).json()).total).toBe(1);
});
