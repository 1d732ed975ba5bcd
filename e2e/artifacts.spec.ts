// A file uploaded through MLflow's artifact proxy, as the Python client sends it (PUT of the bytes with a Bearer
// token), is listed on its run's page and downloads byte for byte; the real server refuses an encoded escape.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

test("an artifact uploaded through the MLflow API appears on its run page and downloads intact", async ({ page, request }) => {
  const created = await request.post("/api/runs", { data: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name: `artifact run ${unique()}` } });
  expect(created.status()).toBe(201);
  const run = (await created.json()) as { id: string; experimentId: string };
  const { token } = (await (await request.post("/api/tokens", { data: { name: `artifacts ${unique()}` } })).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const base = `/api/2.0/mlflow-artifacts/artifacts/${run.experimentId}/${run.id}/artifacts`;

  const yaml = `# torchtune config\nmodel:\n  _component_: torchtune.models.llama3_1.lora_llama3_1_8b\n  lora_rank: 16\nbatch_size: 4\n${"# padding\n".repeat(200)}`;
  const uploaded = await request.put(`${base}/torchtune_config.yaml`, { headers: { ...auth, "content-type": "application/x-yaml" }, data: Buffer.from(yaml) });
  expect(uploaded.status()).toBe(200);
  expect(await uploaded.json()).toEqual({});

  // The served app reads the path as sent: an encoded "../" is refused, not resolved.
  const escape = await request.put(`${base}/..%2F..%2F..%2Fescape.txt`, { headers: auth, data: Buffer.from("x") });
  expect(escape.status()).toBe(400);
  expect((await escape.json()).error_code).toBe("INVALID_PARAMETER_VALUE");

  const listing = await request.get(`/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`${run.experimentId}/${run.id}/artifacts`)}`);
  expect(await listing.json()).toEqual({ files: [{ path: "torchtune_config.yaml", is_dir: false, file_size: Buffer.byteLength(yaml) }] });

  await page.goto(`/runs/${run.id}`);
  const table = page.getByTestId("run-artifacts");
  await expect(table).toContainText("torchtune_config.yaml");
  await expect(table).toContainText(`${Number((Buffer.byteLength(yaml) / 1e3).toPrecision(3))} kB`);

  const downloading = page.waitForEvent("download");
  await table.getByRole("link", { name: "torchtune_config.yaml" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("torchtune_config.yaml");
  expect(readFileSync((await download.path())!, "utf8")).toBe(yaml);
});
