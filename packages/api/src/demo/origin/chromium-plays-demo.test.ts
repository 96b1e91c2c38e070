import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Browser, chromium, type Page } from "@playwright/test";
import { type DemoOriginServer, serveDemoOrigin } from "./serve.ts";

// Debian's Chromium, launched as FACTS.md says it works on these machines.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless=new",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--autoplay-policy=no-user-gesture-required",
];

interface Playback {
  currentTime: number;
  width: number;
  decodedFrames: number;
  error: string | null;
  events: string[];
}

/** Plays `src` muted in a <video> until it has played `seconds` or `timeoutMs` passes. */
function play(page: Page, src: string, seconds: number, timeoutMs: number): Promise<Playback> {
  return page.evaluate(
    async ({ src, seconds, timeoutMs }) => {
      const video = document.createElement("video");
      video.muted = true;
      document.body.append(video);
      const events: string[] = [];
      for (const name of ["loadedmetadata", "playing", "error", "stalled"]) {
        video.addEventListener(name, () => events.push(name));
      }
      video.src = src;
      await video.play().catch((error: unknown) => events.push(`play(): ${String(error)}`));
      const started = performance.now();
      let firstTime: number | null = null;
      while (performance.now() - started < timeoutMs) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (firstTime === null && video.currentTime > 0) firstTime = video.currentTime;
        if (firstTime !== null && video.currentTime - firstTime >= seconds) break;
      }
      return {
        currentTime: video.currentTime - (firstTime ?? 0),
        width: video.videoWidth,
        decodedFrames: video.getVideoPlaybackQuality().totalVideoFrames,
        error: video.error?.message ?? (video.error ? `code ${video.error.code}` : null),
        events,
      };
    },
    { src, seconds, timeoutMs },
  );
}

describe("Chromium plays the demo", () => {
  let server: DemoOriginServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = serveDemoOrigin({});
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.goto(server.url.href);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("reports H.264 Baseline with AAC-LC in MP4 as supported by Media Source Extensions", async () => {
    const supported = await page.evaluate(() => ({
      mse: MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E,mp4a.40.2"'),
      video: document.createElement("video").canPlayType('video/mp4; codecs="avc1.42E01E,mp4a.40.2"'),
    }));
    expect(supported).toEqual({ mse: true, video: "probably" });
  });

  test("decodes the VOD and, natively, the live HLS across the loop's seam", async () => {
    const [vod, live] = await Promise.all([
      play(page, new URL("vod/neve-reel.mp4", server.url).href, 2, 8000),
      // 9 s is more than the 8 s loop, so playback crosses the seam wherever it starts.
      play(page, new URL("hls/neve-one/index.m3u8", server.url).href, 9, 14_000),
    ]);
    expect(vod.error).toBeNull();
    expect(vod.width).toBe(320);
    expect(vod.currentTime).toBeGreaterThanOrEqual(2);
    expect(vod.decodedFrames).toBeGreaterThan(25);
    expect(live.error).toBeNull();
    expect(live.events).not.toContain("error");
    expect(live.width).toBe(426);
    expect(live.currentTime).toBeGreaterThanOrEqual(9);
    expect(live.decodedFrames).toBeGreaterThan(9 * 25 * 0.8);
  }, 19_000);
});
