#!/usr/bin/env bun
/**
 * Web bench: (1) the gzipped JavaScript the viewer's live TV page loads (before and after the
 * player lazily loads hls.js) and (2) the time from a channel click to the first decoded video
 * frame for a demo channel, in Debian's Chromium against the real API and the built web app.
 *
 *   cd packages/web && bun run build && cd ../.. && bun bench/web/run.ts
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT, startStack, stopStack } from "../../packages/web/e2e/_stack.ts";

const require = createRequire(join(REPO_ROOT, "packages/web/package.json"));
const { chromium } = require("@playwright/test") as typeof import("@playwright/test");
const VIEWER = { email: "viewer@nevewatch.test", password: "nevewatch-viewer" };
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const stack = await startStack();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--autoplay-policy=no-user-gesture-required",
  ],
});
try {
  const page = await browser.newPage();
  const scripts = new Map<string, number>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    try {
      scripts.set(response.url(), gzipSync(await response.body()).length);
    } catch {
      // Redirects and aborted requests have no body.
    }
  });
  await page.goto(`${stack.webUrl}/login`);
  await page.getByLabel("E-mail").fill(VIEWER.email);
  await page.getByLabel("Password").fill(VIEWER.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/watch/);
  await page.getByRole("list", { name: "Who is watching?" }).getByRole("button").first().click();
  await page.waitForURL(/\/watch\/live/);
  // A fresh load of the viewer page, as a returning viewer opens it.
  scripts.clear();
  await page.reload({ waitUntil: "networkidle" });
  await page.locator("[data-channel]").first().waitFor();
  const pageKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  const pageFiles = scripts.size;

  const firstFrame: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const channel = page.locator("[data-channel]").nth(run % 2 === 0 ? 0 : 2);
    const ms = await channel.evaluate(
      (button) =>
        new Promise<number>((resolve, reject) => {
          const started = performance.now();
          const timer = setTimeout(() => reject(new Error("no frame within 30 s")), 30_000);
          (button as HTMLButtonElement).click();
          const wait = () => {
            const video = document.querySelector("video");
            if (!video || !video.src) return requestAnimationFrame(wait);
            video.requestVideoFrameCallback(() => {
              clearTimeout(timer);
              resolve(performance.now() - started);
            });
          };
          wait();
        }),
    );
    firstFrame.push(ms);
    await page.waitForTimeout(500);
  }
  const withPlayerKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  const sorted = [...firstFrame].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`viewer page JS (gzipped, ${pageFiles} files): ${pageKb.toFixed(1)} KB (budget 150 KB)`);
  const hlsJs = [...scripts.keys()].some((url) => /hls/i.test(url));
  console.log(
    `viewer page JS after playing: ${withPlayerKb.toFixed(1)} KB (${hlsJs ? "hls.js loaded" : "native HLS in this Chromium: hls.js not loaded"})`,
  );
  console.log(
    `channel click to first frame (demo HLS, ${RUNS} runs): median ${median.toFixed(0)} ms, ` +
      `min ${(sorted[0] ?? 0).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  stopStack();
}
