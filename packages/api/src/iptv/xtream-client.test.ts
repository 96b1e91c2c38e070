import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { startFakeXtreamServer } from "./testing/fake-xtream-server.ts";
import { XtreamClient } from "./xtream-client.ts";
import { XtreamError } from "./xtream-error.ts";

const server = startFakeXtreamServer();
afterAll(() => server.stop());
beforeEach(() => {
  server.mode = "normal";
  server.requests.length = 0;
});

function client(
  overrides: { password?: string; timeoutMs?: number; warnings?: string[] } = {},
): XtreamClient {
  return new XtreamClient({
    baseUrl: `${server.baseUrl}/`,
    username: server.username,
    password: overrides.password ?? server.password,
    timeoutMs: overrides.timeoutMs ?? 5000,
    onWarning: (message) => overrides.warnings?.push(message),
  });
}

async function failure(promise: Promise<unknown>): Promise<XtreamError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof XtreamError) return error;
    throw error;
  }
  throw new Error("expected an XtreamError");
}

describe("XtreamClient against a fake panel", () => {
  test("reads the account with numbers sent as strings", async () => {
    expect(await client().getAccount()).toEqual({
      username: "demo",
      status: "Active",
      expiresAt: 1_767_225_600_000,
      createdAt: 1_700_000_000_000,
      isTrial: false,
      activeConnections: 0,
      maxConnections: 2,
      allowedOutputFormats: ["m3u8", "ts", "rtmp"],
      message: "Welcome to Neve Panel",
      server: {
        url: "panel.example",
        port: 8080,
        httpsPort: 8443,
        protocol: "http",
        timezone: "Europe/London",
        now: 1_717_000_000_000,
      },
    });
    const request = server.requests[0];
    expect(request?.pathname).toBe("/player_api.php");
    expect(request?.searchParams.get("password")).toBe("p@ss word");
  });

  test("normalises live streams into catalog entries with /live/ URLs and category names", async () => {
    const warnings: string[] = [];
    const api = client({ warnings });
    const categories = await api.getLiveCategories();
    expect(categories).toEqual([
      { id: "1", name: "UK | Entertainment" },
      { id: "2", name: "FR | Général" },
      { id: "3", name: "Adults" },
    ]);
    const streams = await api.getLiveStreams({ categories });
    expect(streams).toEqual([
      {
        kind: "live",
        title: "UK: BBC One FHD",
        url: `${server.baseUrl}/live/demo/p%40ss%20word/1001.ts`,
        duration: -1,
        streamId: 1001,
        tvgId: "bbc1.uk",
        tvgName: "UK: BBC One FHD",
        logo: "http://logos.example/bbc1.png",
        channelNumber: 1,
        categoryId: "1",
        categoryIds: ["1"],
        addedAt: 1_700_000_000_000,
        group: "UK | Entertainment",
        catchup: { mode: "xc", days: 7 },
      },
      {
        kind: "live",
        title: "FR: TF1 HD",
        url: `${server.baseUrl}/live/demo/p%40ss%20word/1002.ts`,
        duration: -1,
        streamId: 1002,
        tvgName: "FR: TF1 HD",
        channelNumber: 2,
        categoryId: "2",
        addedAt: 1_700_000_100_000,
        group: "FR | Général",
      },
      {
        kind: "live",
        title: "XXX: Adult",
        url: `${server.baseUrl}/live/demo/p%40ss%20word/1004.ts`,
        duration: -1,
        streamId: 1004,
        tvgName: "XXX: Adult",
        categoryId: "3",
        isAdult: true,
        group: "Adults",
      },
    ]);
    expect(warnings).toEqual([
      "category without a category_id in get_live_categories; skipped",
      "live stream without a stream_id; skipped",
    ]);
  });

  test("passes a category filter to the panel", async () => {
    const streams = await client().getLiveStreams({ categoryId: "2" });
    expect(streams.map((stream) => stream.streamId)).toEqual([1002]);
    expect(server.requests.at(-1)?.searchParams.get("category_id")).toBe("2");
  });

  test("normalises VOD with container extensions and ratings from either scale", async () => {
    const api = client();
    const vod = await api.getVodStreams({ categories: await api.getVodCategories() });
    expect(vod).toEqual([
      {
        kind: "vod",
        title: "Amélie (2001)",
        url: `${server.baseUrl}/movie/demo/p%40ss%20word/2001.mkv`,
        duration: -1,
        streamId: 2001,
        containerExtension: "mkv",
        logo: "http://img.example/amelie.jpg",
        categoryId: "10",
        addedAt: 1_700_000_200_000,
        group: "VOD | Comedy",
        rating: 7.8,
        tmdbId: "194",
        year: 2001,
      },
      {
        kind: "vod",
        title: "No Rating (2020)",
        url: `${server.baseUrl}/movie/demo/p%40ss%20word/2002.mp4`,
        duration: -1,
        streamId: 2002,
        containerExtension: "mp4",
        categoryId: "10",
        group: "VOD | Comedy",
        rating: 9,
      },
    ]);
  });

  test("lists series and reads episodes per season with /series/ URLs", async () => {
    const api = client();
    const series = await api.getSeries({ categories: await api.getSeriesCategories() });
    expect(series.map((show) => [show.seriesId, show.title, show.group, show.rating ?? null])).toEqual([
      [3001, "Dark", "Series | Drama", 8.7],
      [3002, "Gomorra", "Series | Drama", 0],
    ]);
    expect(series[0]?.backdrops).toEqual(["http://img.example/dark-1.jpg"]);
    const warnings: string[] = [];
    const info = await client({ warnings }).getSeriesInfo(3001);
    expect(info.series.title).toBe("Dark");
    expect(info.seasons.map((season) => [season.season, season.episodeCount])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(
      info.episodes.map((episode) => [episode.season, episode.episode, episode.episodeId, episode.url]),
    ).toEqual([
      [1, 1, 40001, `${server.baseUrl}/series/demo/p%40ss%20word/40001.mp4`],
      [1, 2, 40002, `${server.baseUrl}/series/demo/p%40ss%20word/40002.mp4`],
      [2, 1, 40003, `${server.baseUrl}/series/demo/p%40ss%20word/40003.mkv`],
    ]);
    expect(info.episodes[0]).toMatchObject({ kind: "series", duration: 3120, rating: 8.1, group: "Dark" });
    expect(warnings).toEqual(["episode without an id in series 3001; skipped"]);
  });

  test("reads episodes sent as a list of lists and an empty info sent as []", async () => {
    const info = await client().getSeriesInfo(3002);
    expect(info.series).toEqual({ seriesId: 3002, title: "Series 3002" });
    expect(info.episodes.map((episode) => [episode.season, episode.episodeId])).toEqual([
      [1, 50001],
      [2, 50002],
    ]);
  });

  test("reads lists that the panel sent as PHP objects keyed by index", async () => {
    server.mode = "object-lists";
    expect((await client().getVodStreams()).map((entry) => entry.streamId)).toEqual([2001, 2002]);
  });

  test("fails with reason auth when the panel answers auth 0 or HTTP 401", async () => {
    const wrong = await failure(client({ password: "nope" }).getAccount());
    expect(wrong.reason).toBe("auth");
    expect(wrong.code).toBe("unprocessable");
    expect(wrong.message).toBe(
      `Xtream panel "${new URL(server.baseUrl).host}" rejected the username or password`,
    );
    expect((await failure(client({ password: "nope" }).getLiveStreams())).reason).toBe("auth");
    server.mode = "http401";
    expect((await failure(client().getAccount())).reason).toBe("auth");
  });

  test("fails with reason http and a masked snippet on server errors", async () => {
    server.mode = "http500";
    const error = await failure(client().getLiveCategories());
    expect(error.reason).toBe("http");
    expect(error.httpStatus).toBe(500);
    expect(error.status).toBe(503);
    expect(error.details).toMatchObject({
      action: "get_live_categories",
      snippet: expect.stringContaining("***"),
    });
    expect(JSON.stringify(error.details)).not.toContain(server.password);
    expect(error.message).not.toContain(server.password);
  });

  test("fails with reason not_json on HTML or empty answers", async () => {
    server.mode = "html";
    const error = await failure(client().getVodStreams());
    expect(error.reason).toBe("not_json");
    expect(error.details?.snippet).toBe("<html><body>Checking your browser…</body></html>");
    server.mode = "empty-body";
    expect((await failure(client().getAccount())).reason).toBe("not_json");
  });

  test("fails with reason not_found for an unknown series", async () => {
    expect((await failure(client().getSeriesInfo(9999))).reason).toBe("not_found");
  });

  test("fails with reason timeout or network when the panel is slow or gone", async () => {
    server.mode = "slow";
    expect((await failure(client({ timeoutMs: 100 }).getAccount())).reason).toBe("timeout");
    const gone = new XtreamClient({
      baseUrl: "http://127.0.0.1:9",
      username: "u",
      password: "p",
      timeoutMs: 2000,
    });
    expect((await failure(gone.getAccount())).reason).toBe("network");
  });
});
