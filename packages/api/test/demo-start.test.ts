/**
 * The README's start, as a new user meets it: `start` seeds the demo store, a viewer logs in,
 * asks for a route, and ffprobe (a real player stack) reads the channel through the embedded
 * edge, as HLS and as MPEG-TS. Also: a second start is idempotent.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ApiProcess,
  demoCaller,
  demoLogin,
  freePort,
  playDemoLiveChannels,
  probeCodecs,
  startApi,
  waitForDemoBanner,
} from "./process.ts";

const main = join(import.meta.dir, "..", "src", "main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-demo-"));
let api: ApiProcess | undefined;
let port = 0;

const env = () => ({ DATA_DIR: dataDir, PORT: String(port), JOBS_POLL_MS: "100" });

async function started(): Promise<ApiProcess> {
  const running = await startApi(["bun", main, "start"], env(), { timeoutMs: 60_000 });
  await waitForDemoBanner(running);
  return running;
}

beforeAll(async () => {
  port = freePort();
  api = await started();
});
afterAll(async () => {
  await api?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

const call = demoCaller(() => api?.url ?? "");
const viewerToken = (device: string) =>
  demoLogin(call, "viewer@nevewatch.test", "nevewatch-viewer", { device });

describe("npm start with demo data", () => {
  test("prints the demo logins and the viewer watches demo channels as HLS and MPEG-TS", async () => {
    const printed = api?.logs.join("\n") ?? "";
    expect(printed).toContain("viewer@nevewatch.test");
    expect(printed).toContain("owner@nevewatch.test");
    // The banner hands out a playlist an existing player can open as is.
    const playlist = printed.match(/http:\/\/\S+\/get\.php\?\S+/)?.[0] ?? "";
    const m3u = await fetch(playlist);
    expect(m3u.status).toBe(200);
    expect(await m3u.text()).toContain('tvg-name="Neve One"');
    await playDemoLiveChannels(call, await viewerToken("probe"));
  }, 90_000);

  test("the demo viewer finds a film and a series, plays them, and continues where they stopped", async () => {
    const token = await viewerToken("vod");
    const list = async (query: string) =>
      (await call(`/v1/me/catalog/items?${query}`, { token })).body.items as Array<{
        id: string;
        name: string;
      }>;
    const [film] = await list("type=movie");
    const [series] = await list("type=series");
    expect(film?.name).toBe("Neve Reel (2026)");
    expect(series?.name).toBe("Neve Tales");
    const episodes = await list(`type=episode&seriesId=${series?.id}`);
    expect(episodes.map((e) => e.name)).toEqual([
      "Neve Tales S01 E01",
      "Neve Tales S01 E02",
      "Neve Tales S01 E03",
    ]);
    for (const [id, type] of [
      [film?.id, "vod"],
      [episodes[1]?.id, "series"],
    ] as const) {
      const route = await call(`/v1/streaming/node-route?streamId=${id}&streamType=${type}`, { token });
      expect(route.status).toBe(200);
      expect(probeCodecs(route.body.url)).toBe("aac,h264");
    }
    const profiles = (await call("/v1/me/profiles", { token })).body;
    const profileId = ((profiles.items ?? profiles) as Array<{ id: string }>)[0]?.id;
    const saved = await call(`/v1/me/profiles/${profileId}/progress/${episodes[1]?.id}`, {
      method: "PUT",
      token,
      body: { position: 3, duration: 6 },
    });
    expect(saved.status).toBeLessThan(300);
    const resume = (await call(`/v1/me/profiles/${profileId}/continue`, { token })).body;
    const entries = resume.items as Array<{ item: { id: string }; position: number }>;
    expect(entries.map((e) => `${e.item.id}@${e.position}`)).toEqual([`${episodes[1]?.id}@3`]);
  }, 90_000);

  test("an existing player's way in: ffprobe opens the get.php M3U's entries through the redirect", async () => {
    const line = (await call("/v1/me/line", { token: await viewerToken("m3u") })).body as {
      username: string;
      password: string;
    };
    for (const output of ["ts", "m3u8"]) {
      const m3u = await fetch(
        `${api?.url}/get.php?username=${line.username}&password=${line.password}&type=m3u_plus&output=${output}`,
        { headers: { "x-store": "demo" } },
      );
      expect(m3u.status).toBe(200);
      const text = await m3u.text();
      expect(text).toStartWith("#EXTM3U");
      expect(text).toContain('tvg-id="neve-one.demo"');
      // Entries point at the store's player URLs, which redirect to a route on a node.
      const entries = text.split("\n").filter((l) => l.startsWith("http"));
      expect(entries.length).toBeGreaterThanOrEqual(3);
      const first = entries.find((l) => l.includes(`.${output}`)) ?? "";
      // One player (one address, one user agent) is one screen of the line: the check of the
      // redirect and ffprobe's read are the same player.
      const player = "NeveWatch-Test-Player/1.0";
      const redirect = await fetch(first, {
        redirect: "manual",
        headers: { "x-store": "demo", "user-agent": player },
      });
      expect(redirect.status).toBe(302);
      expect(probeCodecs(first, player)).toBe("aac,h264");
    }
  }, 90_000);

  test("a second start finds the demo store and seeds nothing twice", async () => {
    await api?.kill("SIGTERM");
    api = await started();
    const plans = await call("/v1/public/plans");
    expect(plans.status).toBe(200);
    expect(plans.body.items.filter((p: { name: string }) => p.name === "Demo Basic")).toHaveLength(1);
  }, 90_000);
});
