// Experiments in the browser: create one on /experiments, log a run into it through the API, filter the runs
// table by it (URL state), then archive it from the UI. Saves a screenshot of each page to test-results/screenshots/.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./global-setup";

const SCREENSHOTS = path.resolve("test-results/screenshots");
// Signs in itself: another port's e2e run may replace the shared storage state (cookies are not per port).
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
  const response = await page.request.post("/api/auth/sign-in", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } });
  expect(response.ok(), await response.text()).toBe(true);
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("create an experiment in the UI, log runs into it through the API and the form, filter the runs table by it, then archive it", async ({ page }) => {
  // Seven page loads and four API calls: more than the default 30 s on a busy two-core machine.
  test.setTimeout(90_000);
  const suffix = unique();
  const name = `e2e sweep ${suffix}`;
  await page.goto("/experiments");
  await expect(page.getByTestId("experiments-table")).toContainText("Reference: article claims");
  const form = page.getByRole("form", { name: "Create an experiment" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel(/Description/).fill("Rank sweep logged from a training script");
  await form.getByRole("button", { name: "Create experiment" }).click();
  const row = page.getByTestId("experiments-table").locator("tbody tr", { hasText: name });
  await expect(row).toContainText("no runs yet");
  const experimentId = await row.getAttribute("data-experiment-id");
  expect(experimentId).toMatch(/^\d+$/);

  // The same name again: the API's 409 lands on the name field.
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create experiment" }).click();
  await expect(form.getByRole("status")).toContainText("is taken by another experiment");

  // A run logged into it through the REST API (the signed-in admin's session).
  const runName = `e2e experiment run ${suffix}`;
  const logged = await page.request.post("/api/runs", { data: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16, name: runName, experimentId } });
  expect(logged.status(), await logged.text()).toBe(201);

  // And one through the new-run form, whose Experiment select offers it; the run page links to it.
  const formRunName = `e2e form run ${suffix}`;
  await page.goto("/runs/new");
  await page.getByLabel("Name").fill(formRunName);
  await page.getByLabel("Method").selectOption("lora");
  await page.getByLabel("Base model").fill("meta-llama/Llama-2-7b-hf");
  await page.getByLabel("Rank r").fill("8");
  await page.getByLabel("Experiment").selectOption({ label: name });
  await page.getByRole("button", { name: "Log run" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(formRunName);
  await expect(page.getByTestId("run-experiment")).toHaveText(`Experiment: ${name}`);

  await page.goto("/experiments");
  await expect(row.locator("td.num")).toHaveText("2");
  await page.screenshot({ path: path.join(SCREENSHOTS, "experiments.png"), fullPage: true });

  // The runs table filtered by it through the filter bar: the URL carries it, and only its run is listed.
  await page.goto("/runs");
  await page.getByRole("combobox", { name: "Experiment" }).selectOption(experimentId!);
  await expect(page).toHaveURL(new RegExp(`experiment=${experimentId}(&|$)`));
  const rows = page.getByTestId("runs-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("runs-table")).toContainText(runName);
  await expect(page.getByTestId("runs-table")).toContainText(formRunName);
  await expect(rows.first()).toContainText(name);
  await page.screenshot({ path: path.join(SCREENSHOTS, "runs-by-experiment.png"), fullPage: true });
  // The shared link restores the same view.
  await page.goto(page.url());
  await expect(page.getByRole("combobox", { name: "Experiment" })).toHaveValue(experimentId!);
  await expect(rows).toHaveCount(2);

  // Archived from the UI: gone from the list until "Show archived", and it takes no new runs.
  await page.goto("/experiments");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(page.getByTestId("experiments-table")).not.toContainText(name);
  // The checkbox reflects the URL, so it turns checked once the URL has changed.
  await page.getByRole("checkbox", { name: "Show archived" }).click();
  await expect(page).toHaveURL(/archived=true/);
  await expect(page.getByRole("checkbox", { name: "Show archived" })).toBeChecked();
  await expect(row).toContainText("Archived");
  const refused = await page.request.post("/api/runs", { data: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, experimentId } });
  expect(refused.status()).toBe(422);
});
