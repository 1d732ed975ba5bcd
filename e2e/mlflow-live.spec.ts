import { type APIRequestContext, expect, test } from "@playwright/test";

// A run logged through the MLflow API, as an unmodified client logs it (Bearer token, MLflow's request bodies), shows
// on its page and in the runs table while it runs: the curve grows and the status turns to completed, no reload.
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const MLFLOW = "/api/2.0/mlflow";

async function mlflow(request: APIRequestContext, token: string, path: string, body: unknown) {
  const response = await request.post(`${MLFLOW}/${path}`, { headers: { authorization: `Bearer ${token}` }, data: body });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return response.json();
}

const lossBatch = (runId: string, from: number, to: number) => ({
  run_id: runId,
  metrics: Array.from({ length: to - from + 1 }, (_, i) => ({ key: "loss", value: 2 - (from + i) * 0.05, timestamp: Date.now(), step: from + i })),
});

test("a run logged through the MLflow API appears live: its curve grows and it turns completed without a reload", async ({ page, request }) => {
  const { token } = (await (await request.post("/api/tokens", { data: { name: `mlflow live ${unique()}` } })).json()) as { token: string };
  const runName = `mlflow-live-${unique()}`;
  const experiment = await mlflow(request, token, "experiments/create", { name: `live-${unique()}` });
  const created = await mlflow(request, token, "runs/create", {
    experiment_id: experiment.experiment_id,
    start_time: Date.now(),
    tags: [{ key: "mlflow.runName", value: runName }, { key: "mlflow.user", value: "e2e" }],
  });
  const runId: string = created.run.info.run_id;
  await mlflow(request, token, "runs/log-batch", { run_id: runId, params: [{ key: "lora_r", value: "16" }, { key: "per_device_train_batch_size", value: "4" }] });
  await mlflow(request, token, "runs/log-batch", lossBatch(runId, 1, 5));

  await page.goto(`/runs/${runId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(runName);
  await expect(page.getByTestId("run-status")).toContainText("running");
  await expect(page.getByTestId("loss-curve-points")).toContainText("loss: 5 points");
  await expect(page.getByTestId("run-params")).toContainText("per_device_train_batch_size");
  // A reload would drop this marker; the assertions below must hold with it still there.
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  await mlflow(request, token, "runs/log-batch", lossBatch(runId, 6, 12));
  await expect(page.getByTestId("loss-curve-points")).toContainText("loss: 12 points", { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  const table = page.getByTestId("runs-table");
  await page.goto(`/runs?q=${encodeURIComponent(runName)}`);
  const row = table.locator("tbody tr", { hasText: runName });
  await expect(row.getByTestId("run-status")).toContainText("running");
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  await mlflow(request, token, "runs/update", { run_id: runId, run_uuid: runId, status: "FINISHED", end_time: Date.now() });
  await expect(row.getByTestId("run-status")).toHaveText("completed", { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});
