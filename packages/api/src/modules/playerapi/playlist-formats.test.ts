import { afterAll, beforeAll, expect, test } from "bun:test";
import { createServer } from "node:net";
import type { Principal } from "../../auth/principal.ts";
import { type Running, serve } from "../../boot.ts";
import { seedDemo } from "../../demo/seed.ts";
import { createTestContext, type TestContext } from "../../testing/context.ts";
import { createAuthenticate } from "../identity/mod.ts";
import { FAST_ENV } from "../identity/testing.ts";

/** What a player expects behind each extension of a playlist URL. */
const TYPES: Record<string, RegExp> = {
  ts: /^video\/mp2t/,
  m3u8: /^(application\/vnd\.apple\.mpegurl|application\/x-mpegurl|audio\/mpegurl)/i,
  mp4: /^video\/mp4/,
};

let ctx: TestContext;
let running: Running;
let m3uUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  // The demo origin's playlist names PUBLIC_URL, so the port is chosen before the server starts.
  const port = await freePort();
  ctx = await createTestContext({
    ...FAST_ENV,
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    JOBS_ENABLED: "true",
    LOG_LEVEL: "warn",
  });
  const seedTokens = new Map<string, Principal>();
  const authenticate = createAuthenticate(ctx);
  running = await serve(ctx, async (token) => seedTokens.get(token) ?? authenticate(token));
  const seeded = await seedDemo({
    ctx,
    app: running.app,
    registerToken: (token, principal) => seedTokens.set(token, principal),
  });
  if (!seeded.m3uUrl) throw new Error("the demo viewer has no player line");
  m3uUrl = seeded.m3uUrl;
}, 60_000);

afterAll(async () => {
  await running.stop();
  await ctx.dispose();
});

async function landing(url: string): Promise<{ status: number; type: string; at: string }> {
  const response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(10_000) });
  const type = response.headers.get("content-type") ?? "";
  // Live MPEG-TS never ends: the headers are the answer.
  await response.body?.cancel();
  return { status: response.status, type, at: response.url };
}

for (const output of ["ts", "m3u8"] as const) {
  test(`every URL of the output=${output} demo playlist lands on a stream of its extension's type`, async () => {
    const list = new URL(m3uUrl);
    list.searchParams.set("output", output);
    const text = await (await fetch(list)).text();
    const urls = text.split("\n").filter((line) => line.startsWith("http"));
    // Six demo channels (three HLS, three MPEG-TS), the film and three episodes.
    expect(urls.length).toBe(10);
    const live = urls.filter((u) => u.includes("/live/"));
    expect(live.filter((u) => u.endsWith(".m3u8")).length).toBe(3);
    expect(live.filter((u) => u.endsWith(".ts")).length).toBe(3);
    for (const url of urls) {
      const ext = url.slice(url.lastIndexOf(".") + 1);
      const got = await landing(url);
      expect({ url, status: got.status, type: got.type }).toEqual({
        url,
        status: 200,
        type: expect.stringMatching(TYPES[ext] ?? /^$/),
      });
    }
  }, 60_000);
}
