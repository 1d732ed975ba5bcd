// Sources and disagreements in a real browser: an article's tables as printed, the way from a cell to the
// run read from it, and the sources' contradicting answers side by side.
import { expect, test } from "@playwright/test";

test("an article shows its tables verbatim and links a cell to its run", async ({ page }) => {
  await page.goto("/sources");
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();
  // The three articles come first; the published measurements (issue 11) follow with their own badge.
  const articles = page.getByRole("list", { name: "Sources" }).getByRole("listitem").filter({ has: page.locator(".badge-source") });
  await expect(articles).toHaveCount(3);
  await articles.first().getByRole("link").first().click();

  await expect(page).toHaveURL(/\/sources\/lora-vs-qlora-vs-full$/);
  await expect(page.getByRole("heading", { level: 1, name: "LoRA vs QLoRA vs Full Fine-Tuning: Which Approach Should You Use?" })).toBeVisible();
  const table = page.getByRole("table", { name: "Training Memory by Model Size" });
  await expect(table.getByRole("columnheader", { name: "LoRA (r=16)" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "84GB+", exact: true })).toBeVisible();
  await expect(table.getByText("With gradient checkpointing and BF16/NF4")).toBeVisible();

  const linked = table.locator("td.linked").filter({ hasText: /^16GB$/ });
  await expect(linked).toHaveCount(1);
  await linked.getByRole("link", { name: "16GB", exact: true }).click();
  await expect(page).toHaveURL(/\/runs\/[^/?#]+$/);
});

test("disagreements put each source's answer side by side and the claim page gives the verdict", async ({ page }) => {
  await page.goto("/disagreements");
  await expect(page.getByTestId("disagreement-rule")).toContainText("How we decide");
  const card = page.getByRole("article", { name: "Peak memory of a 7B LoRA fine-tune" });
  await expect(card).toBeVisible();
  await expect(card.getByText("sources disagree", { exact: true })).toBeVisible();
  await expect(card.getByTestId("claim-reason")).toHaveText("Why: 16 GB (Flash Attention Team) vs 24–32 GB (AI World): no overlap");
  // Both sources say LoRA trains faster than full fine-tuning, in their own words: not a disagreement.
  await expect(page.locator("article[data-claim-id]").first()).toBeVisible();
  await expect(page.getByRole("article", { name: "Is LoRA faster to train than full fine-tuning?" })).toHaveCount(0);

  const boxes = [];
  for (const text of ["16GB", "24 - 32 GB", "~10-12GB (for 7B models, FP16)"]) {
    const quote = card.locator("blockquote.verbatim").filter({ hasText: text });
    await expect(quote).toHaveText(text);
    boxes.push((await quote.boundingBox())!);
  }
  // Side by side: the three answers share a row, left to right in article order.
  expect(Math.abs(boxes[0]!.y - boxes[1]!.y)).toBeLessThan(4);
  expect(Math.abs(boxes[1]!.y - boxes[2]!.y)).toBeLessThan(4);
  expect(boxes[0]!.x).toBeLessThan(boxes[1]!.x);
  expect(boxes[1]!.x).toBeLessThan(boxes[2]!.x);

  await card.getByRole("link", { name: "Peak memory of a 7B LoRA fine-tune", exact: true }).click();
  await expect(page).toHaveURL(/\/claims\/memory-7b-lora$/);
  await expect(page.getByRole("heading", { level: 1, name: "Peak memory of a 7B LoRA fine-tune" })).toBeVisible();
  await expect(page.getByTestId("claim-verdict")).toHaveText("Sources disagree: 16 GB vs 24–32 GB vs 10–12 GB");
  await expect(page.getByTestId("claim-reasons")).toContainText("16 GB (Flash Attention Team) vs 24–32 GB (AI World): no overlap");
  await expect(page.locator("li.evidence[data-cited]")).toHaveCount(2);

  // A quote's table link lands on that table of the source page.
  await page.getByRole("link", { name: "Training Memory by Model Size" }).first().click();
  await expect(page).toHaveURL(/\/sources\/lora-vs-qlora-vs-full#lora-vs-qlora-vs-full--memory-by-size$/);
  await expect(page.locator("#lora-vs-qlora-vs-full--memory-by-size")).toBeInViewport();
});

test("the agreement toggle lists every claim and unknown ids are 404s", async ({ page }) => {
  await page.goto("/disagreements");
  await page.getByRole("link", { name: "Show all claims, including agreements" }).click();
  await expect(page).toHaveURL(/\/disagreements\?all=1$/);
  const agreeing = page.getByRole("article", { name: "Share of parameters full fine-tuning trains" });
  await expect(agreeing.getByText("sources agree", { exact: true })).toBeVisible();
  await expect(agreeing.getByTestId("claim-reason")).toHaveCount(0);
  const speed = page.getByRole("article", { name: "Is LoRA faster to train than full fine-tuning?" });
  await expect(speed.getByText("sources agree", { exact: true })).toBeVisible();

  const missingSource = await page.goto("/sources/no-such-article");
  expect(missingSource?.status()).toBe(404);
  const missingClaim = await page.goto("/claims/no-such-claim");
  expect(missingClaim?.status()).toBe(404);
});
