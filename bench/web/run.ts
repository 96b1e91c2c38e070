#!/usr/bin/env bun
/**
 * Web bench: (1) the gzipped JavaScript the viewer's live TV page loads (before and after the
 * player lazily loads hls.js or mpegts.js) and (2) the time from a channel click to the first
 * decoded video frame for demo channels (native HLS, hls.js, MPEG-TS through mpegts.js), in Debian's Chromium against the real API and the built web app.
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

function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `median ${median.toFixed(0)} ms, min ${(sorted[0] ?? 0).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
}

type Page = import("@playwright/test").Page;

/**
 * Clicks demo channels in turn (by list position: 0, 2, 4 are HLS, 1, 3, 5 MPEG-TS); each
 * time, ms from the click to the first decoded frame.
 */
async function measureFirstFrames(page: Page, positions: [number, number] = [0, 2]): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const channel = page.locator("[data-channel]").nth(positions[run % 2] ?? 0);
    const ms = await channel.evaluate(
      (button) =>
        new Promise<number>((resolve, reject) => {
          const started = performance.now();
          const timer = setTimeout(() => {
            const v = document.querySelector("video");
            reject(
              new Error(
                `no frame within 30 s (src ${v?.currentSrc.slice(0, 40)}, readyState ${v?.readyState}, t ${v?.currentTime})`,
              ),
            );
          }, 30_000);
          const video = document.querySelector("video");
          const seen = video?.currentSrc;
          (button as HTMLButtonElement).click();
          const wait = () => {
            const current = document.querySelector("video");
            if (!current || current.currentSrc === seen || !current.currentSrc)
              return void requestAnimationFrame(wait);
            current.requestVideoFrameCallback(() => {
              clearTimeout(timer);
              resolve(performance.now() - started);
            });
          };
          wait();
        }),
    );
    times.push(ms);
    await page.waitForTimeout(500);
  }
  return times;
}

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

  const native = await measureFirstFrames(page);
  const hlsJsBefore = new Set(scripts.keys());
  await page.evaluate(() => localStorage.setItem("nevewatch.player", "hls.js"));
  await page.reload({ waitUntil: "networkidle" });
  await page.locator("[data-channel]").first().waitFor();
  // hls.js fetches playlists and segments with XHR, so the node must answer with CORS headers.
  const viaHlsJs = await measureFirstFrames(page).catch((error: unknown) => String(error));
  await page.evaluate(() => localStorage.removeItem("nevewatch.player"));
  const tsBefore = new Set(scripts.keys());
  const viaMpegts = await measureFirstFrames(page, [1, 3]).catch((error: unknown) => String(error));
  const tsChunkKb =
    [...scripts].filter(([url]) => !tsBefore.has(url) && /mpegts/i.test(url)).reduce((a, [, b]) => a + b, 0) /
    1024;
  const hlsChunkKb =
    [...scripts].filter(([url]) => !hlsJsBefore.has(url) && /hls/i.test(url)).reduce((a, [, b]) => a + b, 0) /
    1024;
  console.log(`viewer page JS (gzipped, ${pageFiles} files): ${pageKb.toFixed(1)} KB (budget 150 KB)`);
  if (pageKb > 150) {
    console.log("OVER BUDGET: viewer page JS");
    process.exitCode = 1;
  }
  console.log(
    `hls.js chunk, loaded only when a stream starts without native HLS: ${hlsChunkKb.toFixed(1)} KB`,
  );
  console.log(`mpegts.js chunk, loaded only when an MPEG-TS channel opens: ${tsChunkKb.toFixed(1)} KB`);
  console.log(`channel click to first frame, native HLS (${RUNS} runs): ${summary(native)}`);
  console.log(
    typeof viaMpegts === "string"
      ? `channel click to first frame, MPEG-TS via mpegts.js: no frame (${viaMpegts.slice(0, 120)})`
      : `channel click to first frame, MPEG-TS via mpegts.js (${RUNS} runs): ${summary(viaMpegts)}`,
  );
  console.log(
    typeof viaHlsJs === "string"
      ? `channel click to first frame, hls.js: no frame (${viaHlsJs.slice(0, 120)}); see the browser console for CORS errors`
      : `channel click to first frame, hls.js (${RUNS} runs): ${summary(viaHlsJs)}`,
  );
} finally {
  await browser.close();
  stopStack();
}
