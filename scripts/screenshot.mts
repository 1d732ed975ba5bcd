// npm run screenshot -- [url] [out.png]: captures a page of a running Tuneboard (used for the README image).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const url = process.argv[2] ?? "http://localhost:3000/runs";
const out = process.argv[3] ?? "docs/screenshot.png";
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: process.env.DARK ? "dark" : "light" });
await page.goto(url, { waitUntil: "load" });
// Give client components a moment to hydrate and draw charts; this is a picture, not a test.
await page.waitForTimeout(1500);
await page.screenshot({ path: out, fullPage: process.env.FULL === "1" });
await browser.close();
console.log(`saved ${out}`);
