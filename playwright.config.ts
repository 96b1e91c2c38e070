/**
 * Browser tests of the web app (packages/web/e2e/*.e2e.ts) in Debian's Chromium: Playwright
 * cannot download browsers here. The global setup starts the real API and the built web app.
 * Run: `cd packages/web && bun run e2e` (builds the app first; E2E_SKIP_BUILD=1 skips that).
 */
import type { PlaywrightTestConfig } from "@playwright/test";

const config: PlaywrightTestConfig = {
  testDir: "./packages/web/e2e",
  testMatch: /.*\.e2e\.ts$/,
  globalSetup: "./packages/web/e2e/global-setup.ts",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: "artifacts/playwright-results",
  reporter: [["list"], ["junit", { outputFile: "artifacts/playwright-junit.xml" }]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
};

export default config;
