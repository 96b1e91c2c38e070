/**
 * The long watch (issue 11): a viewer watches each of the six demo channels (three HLS, three
 * MPEG-TS) for 90 s in turn, ten minutes in all, zapping with the player's channel buttons, with
 * PageUp/PageDown and in the channel list, and reloading the page once half-way. The video's
 * currentTime is sampled every 500 ms: it must show a first picture within 8 s of each zap and
 * then never stand still for more than 3 s; no error overlay may show; and the viewer's screens
 * list (GET /v1/me/screens, polled beside the page) must never hold more than one screen.
 * The run goes on to the end and then lists every problem, each with its channel and second.
 *
 * `WATCH_SECONDS=20` shortens each channel's watch while developing; CI runs the full 90 s.
 */
import { expect, type Page, type Response, test } from "@playwright/test";
import {
  apiUrl,
  DEMO,
  type DemoChannelEntry,
  ensureWatchableCatalog,
  grantPlan,
  seededDemoChannels,
  shot,
  signUpViewer,
} from "./_helpers.ts";
import { login } from "./_stack.ts";

const WATCH_MS = Number(process.env.WATCH_SECONDS ?? 90) * 1000;
const SAMPLE_MS = 500;
const FIRST_PICTURE_MS = 8000;
const STALL_MS = 3000;
const SCREENS_POLL_MS = 2000;
const PASSWORD = "long-watch-password-1234";

type Zap = "list click" | "PageUp" | "PageDown" | "Next channel button" | "Previous channel button";

/**
 * Positions in the viewer's favorites list (the six demo channels, in the app's order; today
 * each HLS channel is followed by its MPEG-TS twin, so HLS sits at 0, 2 and 4). Each position is
 * visited once; channel down from the first wraps round to the last. With today's order the
 * buttons zap HLS → TS (once wrapping round), the keys TS → HLS, and the page is reloaded while
 * an HLS channel plays, so a screen the reload leaves behind shows in the screens list.
 */
const ROUTE: { zap: Zap; index: number }[] = [
  { zap: "list click", index: 0 },
  { zap: "Previous channel button", index: 5 },
  { zap: "PageDown", index: 4 },
  { zap: "list click", index: 1 },
  { zap: "PageUp", index: 2 },
  { zap: "Next channel button", index: 3 },
];
/** The page is reloaded before this step of the route. */
const RELOAD_BEFORE = 3;

interface PlayerState {
  time: number | null;
  paused: boolean;
  readyState: number;
  /** Media errors since the zap. */
  mediaErrors: string[];
  overlay: { code: string; text: string } | null;
  /** Counted by the probe since the zap: */
  playing: number;
  detached: number;
  pausedDetached: number;
}

/**
 * Runs in the page before its scripts: counts `playing` events, and each time the <video>
 * leaves the document (a media element removed from the page pauses itself).
 */
function installProbe(): void {
  const probe = {
    playing: 0,
    detached: 0,
    pausedDetached: 0,
    errors: [] as string[],
    mark() {
      probe.playing = 0;
      probe.detached = 0;
      probe.pausedDetached = 0;
      probe.errors = [];
    },
  };
  Object.assign(window, { __watchProbe: probe });
  const hooked = new WeakSet<HTMLVideoElement>();
  const holdsVideo = (node: Node) =>
    node instanceof Element && (node.localName === "video" || node.querySelector("video") !== null);
  // The player empties the element in its own error handler, so the error is read first, on the
  // way down (capture).
  document.addEventListener(
    "error",
    (event) => {
      const target = event.target;
      if (target instanceof HTMLMediaElement && target.error) {
        probe.errors.push(`${target.error.code} ${target.error.message}`.trim());
      }
    },
    true,
  );
  new MutationObserver((records) => {
    for (const video of document.querySelectorAll("video")) {
      if (hooked.has(video)) continue;
      hooked.add(video);
      video.addEventListener("playing", () => {
        probe.playing += 1;
      });
      video.addEventListener("pause", () => {
        if (!video.isConnected) probe.pausedDetached += 1;
      });
    }
    for (const record of records) {
      for (const node of record.removedNodes) if (holdsVideo(node)) probe.detached += 1;
    }
  }).observe(document, { childList: true, subtree: true });
}

function readPlayer(): PlayerState {
  const video = document.querySelector("video");
  const overlay = document.querySelector<HTMLElement>(".player-error");
  const probe = (
    window as unknown as {
      __watchProbe?: { playing: number; detached: number; pausedDetached: number; errors: string[] };
    }
  ).__watchProbe;
  return {
    time: video ? video.currentTime : null,
    paused: video?.paused ?? true,
    readyState: video?.readyState ?? 0,
    mediaErrors: [...(probe?.errors ?? [])],
    overlay: overlay
      ? {
          code: overlay.dataset.code ?? "",
          text: (overlay.querySelector("p") ?? overlay).textContent?.trim() ?? "",
        }
      : null,
    playing: probe?.playing ?? 0,
    detached: probe?.detached ?? 0,
    pausedDetached: probe?.pausedDetached ?? 0,
  };
}

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const clock = (ms: number) =>
  `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, "0")}`;

/** Node-route answers and refused stream requests, so a problem can say what the network did. */
class NetworkLog {
  private entries: { at: number; text: string }[] = [];

  constructor(page: Page) {
    page.on("response", (response) => void this.record(response));
  }

  private async record(response: Response): Promise<void> {
    const url = new URL(response.url());
    const route = url.pathname.endsWith("/v1/streaming/node-route");
    if (!route && (response.status() < 400 || url.pathname.startsWith("/_build"))) return;
    const body = (await response.json().catch(() => ({}))) as { format?: string; code?: string };
    const what = route ? "node-route" : url.pathname.replace(/^(.{40}).+$/, "$1…");
    const detail = response.ok() ? `format ${body.format ?? "?"}` : (body.code ?? "");
    this.entries.push({ at: Date.now(), text: `${what} ${response.status()} ${detail}`.trim() });
  }

  /** What happened since `from`, repeats counted. */
  since(from: number): string {
    const counts = new Map<string, number>();
    for (const e of this.entries) if (e.at >= from) counts.set(e.text, (counts.get(e.text) ?? 0) + 1);
    const list = [...counts].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text));
    return list.length > 0 ? list.join("; ") : "no route call seen";
  }
}

/** Polls the viewer's screens list beside the page; notes every time it holds more than one. */
function watchScreens(token: string, during: () => string, started: number) {
  const problems: string[] = [];
  let most = 0;
  let over = false;
  let running = true;
  const poll = async () => {
    const response = await fetch(`${apiUrl()}/v1/me/screens`, {
      headers: { authorization: `Bearer ${token}`, "x-store": DEMO.store },
    });
    const at = Date.now() - started;
    if (response.status !== 200) {
      problems.push(`GET /v1/me/screens answered ${response.status} at ${clock(at)} of the watch`);
      return;
    }
    const body = (await response.json()) as {
      limit: number;
      items: { sessionId: string; device: string | null; streamId: string | null }[];
    };
    most = Math.max(most, body.items.length);
    if (body.items.length > 1 && !over) {
      const list = body.items.map((s) => `${s.device ?? "?"} ${s.sessionId} on ${s.streamId ?? "-"}`);
      problems.push(
        `the screens list held ${body.items.length} screens (limit ${body.limit}) at ${clock(at)} of the ` +
          `watch, during ${during()}: ${list.join(", ")}`,
      );
    }
    over = body.items.length > 1;
  };
  const loop = (async () => {
    while (running) {
      const next = Date.now() + SCREENS_POLL_MS;
      await poll().catch((error) => problems.push(`the screens list could not be read: ${String(error)}`));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { problems, most };
    },
  };
}

function describeState(s: PlayerState): string {
  const parts = [s.paused ? "the video is paused" : "the video is not paused", `readyState ${s.readyState}`];
  if (s.mediaErrors.length > 0) parts.push(`media error ${[...new Set(s.mediaErrors)].join(", ")}`);
  if (s.detached > 0) {
    parts.push(
      `the <video> was taken out of the page ${s.detached}× since the zap (paused ${s.pausedDetached}× while out)`,
    );
  }
  return parts.join(", ");
}

async function zapTo(page: Page, zap: Zap, channel: DemoChannelEntry): Promise<void> {
  if (zap === "list click") await page.locator(`[data-channel="${channel.id}"]`).click();
  else if (zap === "PageUp" || zap === "PageDown") {
    await page.locator("video").focus();
    await page.keyboard.press(zap);
  } else {
    const name = zap === "Next channel button" ? "Next channel" : "Previous channel";
    await page.getByRole("button", { name, exact: true }).click();
  }
  await expect(
    page.locator(`[data-channel="${channel.id}"]`),
    `${zap} should switch to ${channel.name}`,
  ).toHaveAttribute("aria-current", "true", { timeout: 5000 });
}

/**
 * Watches the channel just zapped to for WATCH_MS from `zapAt`, sampling every SAMPLE_MS.
 * Returns a one-line summary and the problems seen, each naming the channel and the second.
 */
async function watch(
  page: Page,
  label: string,
  zapAt: number,
  started: number,
  network: NetworkLog,
): Promise<{ summary: string; problems: string[] }> {
  const problems: string[] = [];
  const when = (ms: number) => `${seconds(ms)} after the zap (${clock(zapAt - started + ms)} of the watch)`;
  const stalls: { from: number; to: number | null; state: PlayerState; time: number }[] = [];
  let firstPicture: number | null = null;
  let lastTime: number | null = null;
  let lastAdvance = 0;
  let advanced = 0;
  let overlay = false;
  let late = false;
  let state: PlayerState | null = null;
  for (let tick = 1; tick * SAMPLE_MS <= WATCH_MS; tick++) {
    await page.waitForTimeout(Math.max(0, zapAt + tick * SAMPLE_MS - Date.now()));
    state = await page.evaluate(readPlayer);
    const at = Date.now() - zapAt;
    const time = state.time;
    const moved = time !== null && lastTime !== null && time > lastTime;
    if (state.overlay && !overlay) {
      overlay = true;
      problems.push(
        `${label}: the error overlay showed ${when(at)}: "${state.overlay.text}" (code ${state.overlay.code}; ` +
          `${describeState(state)}; ${network.since(zapAt)})`,
      );
      await shot(page, `watch-long-overlay-${slug(label)}`);
    }
    if (firstPicture === null) {
      if (moved && state.playing > 0) {
        firstPicture = at;
        lastAdvance = at;
      } else if (at > FIRST_PICTURE_MS && !late) {
        late = true;
        problems.push(
          `${label}: no picture within ${seconds(FIRST_PICTURE_MS)} of the zap ` +
            `(currentTime ${time?.toFixed(1) ?? "-"}; ${describeState(state)}; ${network.since(zapAt)})`,
        );
      }
    } else if (moved && lastTime !== null && time !== null) {
      advanced += time - lastTime;
      const open = stalls.at(-1);
      if (open && open.to === null) open.to = at;
      lastAdvance = at;
    } else if (at - lastAdvance > STALL_MS && stalls.at(-1)?.to !== null) {
      stalls.push({ from: lastAdvance, to: null, state, time: time ?? 0 });
      await shot(page, `watch-long-stall-${slug(label)}`);
    }
    lastTime = time;
  }
  for (const stall of stalls) {
    const how =
      stall.to === null
        ? `and never went on (watched to ${seconds(WATCH_MS)})`
        : `for ${seconds(stall.to - stall.from)}`;
    problems.push(
      `${label}: playback stalled ${when(stall.from)} ${how}: currentTime stuck at ` +
        `${stall.time.toFixed(1)} s; ${describeState(stall.state)}; ${network.since(zapAt)}`,
    );
  }
  const summary =
    firstPicture === null
      ? `${label}: never played in ${seconds(WATCH_MS)} (${network.since(zapAt)})`
      : `${label}: first picture after ${seconds(firstPicture)}, currentTime advanced ` +
        `${advanced.toFixed(1)} s in ${seconds(WATCH_MS)}, ${stalls.length} stall(s)` +
        (overlay ? ", error overlay shown" : "");
  return { summary, problems };
}

test("a viewer watches the six demo channels for ten minutes, zapping and reloading, with no stall, no error and one screen", async ({
  page,
}) => {
  test.setTimeout(ROUTE.length * (WATCH_MS + 20_000) + 180_000);
  await ensureWatchableCatalog();
  const demo = await seededDemoChannels();
  await page.addInitScript(installProbe);
  const network = new NetworkLog(page);

  const email = await signUpViewer(page, "long-watch", PASSWORD);
  await grantPlan(email, "Demo Basic");
  await page.getByRole("list", { name: "Who is watching?" }).getByRole("button").first().click();
  await expect(page).toHaveURL(/\/watch\/live/);

  // The six demo channels as the viewer's favorites: channel up/down steps through just them,
  // whatever other channels the store has (the owner's test imports the demo playlist again).
  for (const channel of demo) {
    const star = page
      .locator("li.channel")
      .filter({ has: page.locator(`[data-channel="${channel.id}"]`) })
      .locator(".channel-fav");
    await star.click();
    await expect(star).toHaveAttribute("aria-pressed", "true");
  }
  await page.getByRole("button", { name: "★ Favorites" }).click();
  const list = page.locator("[data-channel]");
  await expect(list).toHaveCount(demo.length);
  const order = await list.evaluateAll((buttons) =>
    buttons.map((b) => (b as HTMLElement).dataset.channel ?? ""),
  );
  const byId = new Map(demo.map((c) => [c.id, c]));
  const lineup = order.map((id) => byId.get(id)).filter((c): c is DemoChannelEntry => c !== undefined);
  expect(lineup, "the favorites list shows the six demo channels").toHaveLength(6);

  const started = Date.now();
  let now = "the start";
  const screens = watchScreens(
    await login(apiUrl(), { email, password: PASSWORD }, DEMO.store),
    () => now,
    started,
  );
  const summaries: string[] = [];
  const problems: string[] = [];
  try {
    for (const [step, { zap, index }] of ROUTE.entries()) {
      const channel = lineup[index];
      if (!channel) throw new Error(`the route names position ${index} of a list of ${lineup.length}`);
      if (step === RELOAD_BEFORE) {
        now = "the reload";
        await page.reload();
        await expect(list, "the favorites list is back after the reload").toHaveCount(demo.length);
      }
      const label = `${channel.name} [${channel.format === "hls" ? "HLS" : "MPEG-TS"}, by ${zap}${step === RELOAD_BEFORE ? " after the reload" : ""}]`;
      now = label;
      await page.evaluate(() =>
        (window as unknown as { __watchProbe: { mark(): void } }).__watchProbe.mark(),
      );
      const zapAt = Date.now();
      await zapTo(page, zap, channel);
      const seen = await watch(page, label, zapAt, started, network);
      summaries.push(seen.summary);
      problems.push(...seen.problems);
      process.stderr.write(`long watch ${clock(Date.now() - started)}: ${seen.summary}\n`);
    }
  } finally {
    const counted = await screens.stop();
    problems.push(...counted.problems);
    summaries.push(`screens: at most ${counted.most} at once`);
    await test.info().attach("long-watch-report.txt", {
      body: [...summaries, "", ...problems].join("\n"),
      contentType: "text/plain",
    });
  }
  expect(problems, `The long watch went wrong:\n${summaries.join("\n")}`).toEqual([]);
});
