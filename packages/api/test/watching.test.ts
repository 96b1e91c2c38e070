/**
 * Watching as viewers really do it, against the real API process with the demo store (its
 * embedded edge, its demo origin): zapping across formats never locks the device out, one
 * route URL admits one client, signing out or losing the plan ends open streams within 5 s and
 * their URLs stop opening, a reloaded page takes its own screen back, and a player line zaps
 * without tripping its connection limit.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ApiProcess, demoCaller, demoLogin, freePort, startApi, waitForDemoBanner } from "./process.ts";

const root = join(import.meta.dir, "..", "..", "..");
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-watching-"));
let api: ApiProcess | undefined;
const call = demoCaller(() => api?.url ?? "");

interface Item {
  id: string;
  name: string;
}
let hlsChannels: Item[] = [];
let tsChannels: Item[] = [];
let film: Item | undefined;
let owner = "";
let planId = "";

beforeAll(async () => {
  api = await startApi(
    ["bun", join(root, "packages/api/src/main.ts"), "start"],
    { DATA_DIR: dataDir, PORT: String(freePort()), RATE_LIMIT_AUTH_PER_MIN: "1000" },
    { timeoutMs: 60_000 },
  );
  await waitForDemoBanner(api);
  owner = await demoLogin(call, "owner@nevewatch.test", "nevewatch-owner");
  const token = await demoLogin(call, "viewer@nevewatch.test", "nevewatch-viewer", { device: "catalog" });
  const live = (await call("/v1/me/catalog/items?type=live&limit=50", { token })).body.items as Item[];
  hlsChannels = live.filter((c) => !c.name.includes("MPEG-TS"));
  tsChannels = live.filter((c) => c.name.includes("MPEG-TS"));
  film = ((await call("/v1/me/catalog/items?type=movie", { token })).body.items as Item[])[0];
  const plans = (await call("/v1/plans", { token: owner })).body;
  planId =
    ((plans.items ?? plans) as Array<{ id: string; screens: number }>).find((p) => p.screens >= 2)?.id ?? "";
  expect(hlsChannels.length).toBeGreaterThanOrEqual(3);
  expect(tsChannels.length).toBeGreaterThanOrEqual(3);
  expect(film).toBeDefined();
  expect(planId).not.toBe("");
}, 90_000);
afterAll(async () => {
  await api?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}, 20_000);

/** A new viewer of the demo store with a 2-screen plan, signed in on one device. */
async function newViewer(label: string) {
  const email = `${label}-${crypto.randomUUID().slice(0, 8)}@watching.test`;
  const password = `Watch ${crypto.randomUUID()}`;
  const registered = await call("/v1/auth/register", {
    body: { email, password, device: { name: `${label}-signup`, kind: "web" } },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBeLessThan(300);
  const token = await demoLogin(call, email, password, { device: label });
  const id = (await call("/v1/auth/me", { token })).body.id as string;
  const granted = await call("/v1/subscriptions", { token: owner, body: { viewerId: id, planId } });
  expect(granted.status, JSON.stringify(granted.body)).toBe(201);
  return { token, email, password, id, subscriptionId: granted.body.id as string };
}

type StreamType = "live" | "vod" | "series";
async function route(token: string, item: Item, screen: string, type: StreamType = "live") {
  return call(`/v1/streaming/node-route?streamId=${item.id}&streamType=${type}&screen=${screen}`, { token });
}

/** An open live TS read: keeps reading in the background; `ended` resolves when the stream closes. */
function openTs(url: string) {
  const controller = new AbortController();
  let bytes = 0;
  const response = fetch(url, { signal: controller.signal });
  const ended = (async () => {
    const r = await response;
    if (r.status !== 200) return r.status;
    const reader = (r.body as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 0;
        bytes += value.byteLength;
      }
    } catch {
      return -1;
    }
  })();
  return {
    response,
    ended,
    bytes: () => bytes,
    close: () => controller.abort(),
  };
}

/** Reads `bytes` of a live TS URL, then hangs up; the status and the count read. */
async function sipTs(
  url: string,
  bytes = 64 * 1024,
): Promise<{ status: number; read: number; code?: string }> {
  const controller = new AbortController();
  const r = await fetch(url, { signal: controller.signal });
  if (r.status !== 200) return { status: r.status, read: 0, code: (await r.json()).code };
  const reader = (r.body as ReadableStream<Uint8Array>).getReader();
  let read = 0;
  while (read < bytes) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
  }
  controller.abort();
  return { status: 200, read };
}

const uris = (playlist: string) => playlist.split("\n").filter((l) => l !== "" && !l.startsWith("#"));

/** An HLS player's first steps: the token URL, the media playlist, one segment. */
async function sipHls(
  url: string,
): Promise<{ status: number; code?: string; media?: string; segment?: number }> {
  const entry = await fetch(url);
  if (entry.status !== 200) return { status: entry.status, code: (await entry.json()).code };
  const base = new URL(url).origin;
  const media = `${base}${uris(await entry.text())[0]}`;
  const playlist = await fetch(media);
  if (playlist.status !== 200) return { status: playlist.status, code: (await playlist.json()).code };
  const segment = await fetch(`${base}${uris(await playlist.text()).at(-1)}`);
  await segment.arrayBuffer();
  return { status: 200, media, segment: segment.status };
}

async function screensOf(token: string): Promise<Array<{ sessionId: string; streamId: string | null }>> {
  return (await call("/v1/me/screens", { token })).body.items;
}

async function endsWithin(ended: Promise<number>, ms: number): Promise<boolean> {
  return Promise.race([ended.then(() => true), Bun.sleep(ms).then(() => false)]);
}

describe("zapping", () => {
  test("HLS then MPEG-TS on one device, and a player line's .m3u8 then .ts, still play after the lease keeper ran", async () => {
    const viewer = await newViewer("zap");
    const hls = await route(viewer.token, hlsChannels[0] as Item, "tv");
    expect(hls.body.format).toBe("hls");
    expect((await sipHls(hls.body.url)).status).toBe(200);
    const ts = await route(viewer.token, tsChannels[0] as Item, "tv");
    expect(ts.body.format).toBe("ts");
    expect((await sipTs(ts.body.url)).status).toBe(200);

    const line = (await call("/v1/me/line", { token: viewer.token })).body as {
      username: string;
      password: string;
    };
    const player = {
      headers: { "user-agent": "VLC/3.0.20 LibVLC/3.0.20", "x-store": "demo" },
      redirect: "manual" as const,
    };
    // Players name channels by the numeric stream_id the player API lists.
    const listed = (await (
      await fetch(
        `${api?.url}/player_api.php?username=${line.username}&password=${line.password}&action=get_live_streams`,
        player,
      )
    ).json()) as Array<{ name: string; stream_id: number | string }>;
    const streamIdOf = (item: Item) => listed.find((s) => s.name === item.name)?.stream_id;
    const lineUrl = (item: Item, ext: string) =>
      `${api?.url}/live/${line.username}/${line.password}/${streamIdOf(item)}.${ext}`;
    const first = await fetch(lineUrl(hlsChannels[1] as Item, "m3u8"), player);
    expect(first.status, await first.clone().text()).toBe(302);
    expect((await sipHls(first.headers.get("location") ?? "")).status).toBe(200);
    const second = await fetch(lineUrl(tsChannels[1] as Item, "ts"), player);
    expect(second.status).toBe(302);
    expect((await sipTs(second.headers.get("location") ?? "")).status).toBe(200);

    // The embedded edge renews its leases every 10 s: the lockout came at that renewal.
    await Bun.sleep(11_000);
    const again = await route(viewer.token, hlsChannels[2] as Item, "tv");
    expect(again.status).toBe(200);
    expect(await sipHls(again.body.url)).toMatchObject({ status: 200, segment: 200 });
    const back = await route(viewer.token, tsChannels[0] as Item, "tv");
    expect((await sipTs(back.body.url)).status).toBe(200);
    const third = await fetch(lineUrl(tsChannels[2] as Item, "ts"), player);
    expect(third.status).toBe(302);
    // The player holds one of the line's connections, as panels report it.
    const account = await (
      await fetch(`${api?.url}/player_api.php?username=${line.username}&password=${line.password}`, player)
    ).json();
    expect(account.user_info.active_cons).toBe("1");
    expect((await sipTs(third.headers.get("location") ?? "")).status).toBe(200);
  }, 60_000);

  test("50 zaps in a minute across HLS, MPEG-TS and a film, then an unbroken watch on one screen", async () => {
    const viewer = await newViewer("zap50");
    const items: Array<[Item, StreamType]> = [
      ...hlsChannels.map((c) => [c, "live"] as [Item, StreamType]),
      ...tsChannels.map((c) => [c, "live"] as [Item, StreamType]),
      [film as Item, "vod"],
    ];
    const started = Date.now();
    let maxScreens = 0;
    for (let i = 0; i < 50; i++) {
      const [item, type] = items[(i * 5) % items.length] as [Item, StreamType];
      const r = await route(viewer.token, item, "phone", type);
      expect(r.status, `zap ${i} to ${item.name}: ${JSON.stringify(r.body)}`).toBe(200);
      if (r.body.format === "hls") expect((await sipHls(r.body.url)).status, `zap ${i}`).toBe(200);
      else if (r.body.format === "ts")
        expect((await sipTs(r.body.url, 16 * 1024)).status, `zap ${i}`).toBe(200);
      else {
        const part = await fetch(r.body.url, { headers: { range: "bytes=0-65535" } });
        expect(part.status, `zap ${i}`).toBe(206);
        await part.arrayBuffer();
      }
      if (i % 10 === 0) maxScreens = Math.max(maxScreens, (await screensOf(viewer.token)).length);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(maxScreens).toBe(1);

    const watch = await route(viewer.token, tsChannels[1] as Item, "phone");
    const stream = openTs(watch.body.url);
    expect((await stream.response).status).toBe(200);
    const samples: number[] = [];
    for (let s = 0; s < 12; s++) {
      await Bun.sleep(1000);
      samples.push(stream.bytes());
    }
    expect((await screensOf(viewer.token)).map((x) => x.sessionId)).toEqual([watch.body.sessionId]);
    stream.close();
    // Bytes keep coming every second (the demo channels run at ~150 kbit/s, ~19 KB/s).
    for (let s = 1; s < samples.length; s++)
      expect((samples[s] ?? 0) - (samples[s - 1] ?? 0), `second ${s}`).toBeGreaterThan(2_000);
  }, 90_000);
});

describe("one route URL, one client", () => {
  test("five concurrent readers of one URL: one plays, four are refused; the screens list shows one", async () => {
    const viewer = await newViewer("share");
    const ts = await route(viewer.token, tsChannels[0] as Item, "shared-ts");
    const readers = Array.from({ length: 5 }, () => openTs(ts.body.url));
    const statuses = await Promise.all(readers.map(async (r) => (await r.response).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    const refused = await (await readers[statuses.indexOf(409)]?.response)?.json();
    expect(refused.code).toBe("route_in_use");
    for (const r of readers) r.close();

    const hls = await route(viewer.token, hlsChannels[0] as Item, "shared-hls");
    const entries = await Promise.all(Array.from({ length: 5 }, () => fetch(hls.body.url)));
    expect(entries.map((e) => e.status).sort()).toEqual([200, 409, 409, 409, 409]);
    // The closed TS readers freed their screen; the HLS client holds one.
    const held = (await screensOf(viewer.token)).map((s) => s.sessionId);
    expect(held).toContain(hls.body.sessionId);
    expect(held.length).toBeLessThanOrEqual(2);
  }, 30_000);
});

describe("access ends with the session", () => {
  for (const how of ["logout", "logout-all", "password change", "kick", "plan suspended"] as const) {
    test(`${how}: the open stream ends within 5 s and its URLs stop opening`, async () => {
      const viewer = await newViewer(how.replace(" ", "-"));
      // A second device of the same account keeps its login through "logout" and "kick".
      const other = await demoLogin(call, viewer.email, viewer.password, { device: "other" });
      const ts = await route(viewer.token, tsChannels[0] as Item, "tv");
      const hls = await route(viewer.token, hlsChannels[0] as Item, "laptop");
      expect([ts.status, hls.status]).toEqual([200, 200]);
      const stream = openTs(ts.body.url);
      expect((await stream.response).status).toBe(200);
      const played = await sipHls(hls.body.url);
      expect(played.status).toBe(200);

      const at = Date.now();
      if (how === "logout")
        expect((await call("/v1/auth/logout", { token: viewer.token, body: {} })).status).toBe(204);
      if (how === "logout-all")
        expect((await call("/v1/auth/logout-all", { token: other, body: {} })).status).toBe(200);
      if (how === "password change") {
        const changed = await call("/v1/auth/password", {
          token: other,
          body: { currentPassword: viewer.password, newPassword: `Changed ${crypto.randomUUID()}` },
        });
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      }
      if (how === "kick") {
        for (const screen of await screensOf(other))
          expect(
            (
              await call(`/v1/me/screens/${encodeURIComponent(screen.sessionId)}`, {
                method: "DELETE",
                token: other,
              })
            ).status,
          ).toBe(204);
      }
      if (how === "plan suspended") {
        const suspended = await call(`/v1/subscriptions/${viewer.subscriptionId}/suspend`, {
          token: owner,
          body: {},
        });
        expect(suspended.status, JSON.stringify(suspended.body)).toBeLessThan(300);
      }

      expect(await endsWithin(stream.ended, 5000), `${how}: the TS stream still flows`).toBe(true);
      expect(Date.now() - at).toBeLessThan(5000);
      const media = await fetch(played.media ?? "");
      expect(media.status, `${how}: the HLS session still answers`).toBe(403);
      const reopened = await fetch(ts.body.url);
      expect(reopened.status).toBe(403);
      expect((await reopened.json()).code).toBe("session_revoked");
    }, 30_000);
  }
});

describe("screens and reloads", () => {
  test("a reload takes its own screen back; a released route frees the screen for another device at once", async () => {
    const viewer = await newViewer("reload");
    const a = await route(viewer.token, hlsChannels[0] as Item, "browser-a");
    const b = await route(viewer.token, tsChannels[0] as Item, "browser-b");
    expect([a.status, b.status]).toEqual([200, 200]);
    const c = await route(viewer.token, hlsChannels[1] as Item, "browser-c");
    expect(c.status).toBe(409);
    expect(c.body.code).toBe("screen_limit_reached");
    // Browser A reloads: the same device id gets its screen back.
    const reloaded = await route(viewer.token, hlsChannels[1] as Item, "browser-a");
    expect(reloaded.status).toBe(200);
    expect(await sipHls(reloaded.body.url)).toMatchObject({ status: 200, segment: 200 });
    // A release naming an older route of A frees nothing; naming the current one frees it.
    const path = `/v1/me/screens/${encodeURIComponent(reloaded.body.sessionId)}`;
    expect((await call(`${path}?gen=${a.body.gen}`, { method: "DELETE", token: viewer.token })).status).toBe(
      204,
    );
    expect((await route(viewer.token, hlsChannels[1] as Item, "browser-c")).status).toBe(409);
    expect(
      (await call(`${path}?gen=${reloaded.body.gen}`, { method: "DELETE", token: viewer.token })).status,
    ).toBe(204);
    const now = await route(viewer.token, hlsChannels[1] as Item, "browser-c");
    expect(now.status).toBe(200);
  }, 30_000);
});
