import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { backwardSteps, probePackets, transportErrors } from "../_media-tools.ts";
import { type DemoOriginServer, serveDemoOrigin } from "../serve.ts";
import { cancellableSleep, type Sleep } from "./cancellable-sleep.ts";

const LOOP_SECONDS = 8;

describe("live MPEG-TS stream", () => {
  let server: DemoOriginServer;
  let pendingSleeps = 0;
  const countingSleep: Sleep = async (ms, signal) => {
    pendingSleeps += 1;
    try {
      await cancellableSleep(ms, signal);
    } finally {
      pendingSleeps -= 1;
    }
  };

  beforeAll(() => {
    server = serveDemoOrigin({ sleep: countingSleep });
  });
  afterAll(async () => {
    await server.stop();
  });

  test("plays in ffprobe at real time with monotonic timestamps and continuous counters across the loop", async () => {
    const seconds = LOOP_SECONDS + 2;
    const { run, packets } = await probePackets(new URL("ts/neve-one.ts", server.url).href, seconds, 18_000);

    expect(run.exitCode).toBe(0);
    expect(transportErrors(run.stderr)).toEqual([]);
    expect(backwardSteps(packets)).toEqual([]);
    const video = packets.filter((packet) => packet.stream === 0);
    const audio = packets.filter((packet) => packet.stream === 1);
    // 25 fps for 10 s; the last video timestamp lies in the second pass of the 8 s loop.
    expect(video.length).toBeGreaterThanOrEqual(seconds * 25 - 1);
    const span = ((video.at(-1)?.dts ?? 0) - (video[0]?.dts ?? 0)) / 90_000;
    expect(span).toBeGreaterThan(LOOP_SECONDS + 1);
    expect(audio.length).toBeGreaterThan(seconds * 45);
    // Paced: 10 s of media with a 1 s head start cannot arrive much faster than 9 s.
    expect(run.elapsedMs).toBeGreaterThan((seconds - 1.5) * 1000);
    expect(run.elapsedMs).toBeLessThan((seconds + 3) * 1000);
  }, 20_000);

  test("stops its pacing loop and timer when the client disconnects", async () => {
    const abort = new AbortController();
    const response = await fetch(new URL("ts/neve-bars.ts", server.url), { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp2t");
    const reader = response.body?.getReader();
    let received = 0;
    // Read past the 1 s burst so the stream is waiting on its timer.
    const until = performance.now() + 1500;
    while (reader && performance.now() < until) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.length;
    }
    expect(received).toBeGreaterThan(20_000);
    expect(server.origin.openStreams).toBe(1);
    expect(pendingSleeps).toBeLessThanOrEqual(1);

    abort.abort();
    const deadline = performance.now() + 3000;
    while ((server.origin.openStreams > 0 || pendingSleeps > 0) && performance.now() < deadline) {
      await Bun.sleep(25);
    }
    expect(server.origin.openStreams).toBe(0);
    expect(pendingSleeps).toBe(0);
    // Nothing wakes up again later.
    await Bun.sleep(300);
    expect(pendingSleeps).toBe(0);
  });

  test("answers HEAD without opening a stream", async () => {
    const response = await fetch(new URL("ts/neve-rgb.ts", server.url), { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(server.origin.openStreams).toBe(0);
  });

  test("answers 404 problem+json for an unknown channel", async () => {
    const response = await fetch(new URL("ts/nope.ts", server.url));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { code: string }).code).toBe("not_found");
  });
});
