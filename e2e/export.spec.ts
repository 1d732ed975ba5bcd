import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("Export CSV downloads exactly the runs the filtered table shows", async ({ page }) => {
  await page.goto("/runs");
  const total = Number((await page.getByTestId("runs-count").textContent())!.match(/of (\d+)/)![1]);
  await page.getByRole("checkbox", { name: "QLoRA" }).click();
  await expect(page).toHaveURL(/method=qlora/);
  // By role and name: the Source select's options include a measured source whose title says "Hardware".
  await page.getByRole("combobox", { name: /^Hardware/ }).selectOption("rtx-4090");
  await expect(page).toHaveURL(/hardware=rtx-4090/);
  await expect(page.getByTestId("runs-count")).not.toContainText(`of ${total} runs`);
  await expect(page.getByTestId("runs-count")).toContainText(/Showing (\d+) of \1 runs/);
  const links = await page.getByTestId("runs-table").locator("tbody tr a[id^='run-name-']").evaluateAll((anchors) => anchors.map((a) => a.id.replace("run-name-", "")));
  expect(links.length).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-runs").click()]);
  expect(download.suggestedFilename()).toBe("tuneboard-runs.csv");
  const [, ...lines] = (await readFile((await download.path())!, "utf8")).trimEnd().split("\r\n");
  // The id is the first column and never holds a comma; seeded runs have no line breaks in their fields.
  expect(lines.map((line) => line.slice(0, line.indexOf(","))).sort()).toEqual([...links].sort());
});
