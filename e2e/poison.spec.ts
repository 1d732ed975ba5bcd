import { expect, test } from "@playwright/test";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

test("the form refuses an MMLU given as a fraction, says to send percent, and saves nothing", async ({ page, request }) => {
  const before = (await (await request.get("/api/runs?limit=1")).json()).total as number;
  await page.goto("/runs/new");
  await page.getByLabel("Method").selectOption("lora");
  await page.getByLabel("Base model").fill("meta-llama/Llama-2-7b-hf");
  await page.getByLabel("Rank r").fill("16");
  await page.getByLabel("MMLU (%)").fill("0.65");
  await page.getByRole("button", { name: "Log run" }).click();

  await expect(page.locator("#field-mmlu-error")).toContainText("0.65 looks like a fraction: send 65 for 65 %");
  await expect(page).toHaveURL(/\/runs\/new$/);
  expect((await (await request.get("/api/runs?limit=1")).json()).total).toBe(before);
});

test("/calibration lists a run the MMLU fit ignored, with its reason and a link to it", async ({ page, request }) => {
  // Other specs log runs into the same database, so the fit is read before and compared after, not pinned.
  await page.goto("/calibration");
  const fitBefore = (await page.getByTestId("quality-fit-MMLU").textContent())!;
  expect(fitBefore).toMatch(/MMLU: \d+ runs, leave-one-out RMSE [\d.]+/);
  // MMLU 4.69 passes the door (it is not a fraction) but is far below what the other 7B LoRA runs predict.
  const name = `slipped decimal ${unique()}`;
  const created = await request.post("/api/runs", {
    data: { name, method: "lora", model: "llama-7b", rank: 16, targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"], mmlu: 4.69 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto("/calibration");
  // The fit, its run count and its leave-one-out error are exactly what they were without the bad run.
  await expect(page.getByTestId("quality-fit-MMLU")).toHaveText(fitBefore);
  const row = page.getByTestId("ignored-runs").locator("tbody tr", { hasText: name });
  await expect(row).toContainText("MMLU");
  await expect(row).toContainText(/MMLU 4\.7 is [\d.]+ robust SDs from what the other runs predict/);
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${id}$`));
  await request.delete(`/api/runs/${id}`);
});
