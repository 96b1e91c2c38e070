import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../../app.ts";
import type { Principal } from "../../auth/principal.ts";
import { newId } from "../../db/mod.ts";
import { entitle, importPlaylist, type Origin, startOrigin } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import type { PlayerRouteRequest } from "./mod.ts";

let kit: Kit;
let origin: Origin;
const routed: PlayerRouteRequest[] = [];
let playerApp: ReturnType<typeof createApp>;

const playlist = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" tvg-logo="http://logo/one.png" tvg-chno="1" group-title="News",Neve One
http://up.example/live/acc/pw/101.ts
#EXTINF:-1 tvg-id="two.uk" tvg-chno="2" group-title="Sports",Neve Two
http://up.example/live/acc/pw/102.ts
#EXTINF:7200 tvg-logo="http://logo/film.jpg" group-title="Films",The Film (2001)
http://up.example/movie/acc/pw/201.mkv
#EXTINF:-1 tvg-logo="http://logo/show.jpg" group-title="Drama",Show S01 E01
http://up.example/series/acc/pw/301.mp4
#EXTINF:-1 tvg-logo="http://logo/show.jpg" group-title="Drama",Show S01 E02
http://up.example/series/acc/pw/302.mp4
`;

interface Setup {
  storeId: string;
  owner: Principal;
  viewer: Principal;
  line: { username: string; password: string; m3uUrl: string };
  subscriptionId: string;
}

async function setup(packages: "all" | "news"): Promise<Setup> {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  await importPlaylist(kit, owner, `${origin.url}/list.m3u?username=acc&password=pw`);
  const viewer = await kit.viewer(storeId);
  const cats = (await kit.call("GET", "/v1/catalog/categories", { as: owner })).body.items;
  const ids = (name: string) =>
    cats.filter((c: { name: string }) => c.name === name).map((c: { id: string }) => c.id);
  const pkgs =
    packages === "all"
      ? [{ categoryIds: cats.map((c: { id: string }) => c.id) }]
      : [{ categoryIds: ids("News") }];
  const { subscriptionId } = await entitle(kit, storeId, viewer, pkgs);
  const line = (await kit.call("GET", "/v1/me/line", { as: viewer })).body;
  return { storeId, owner, viewer, line, subscriptionId };
}

async function player(storeId: string, path: string): Promise<Response> {
  return playerApp.handle(new Request(`http://localhost${path}`, { headers: { "x-store": storeId } }));
}

async function api(s: Setup, query: string): Promise<any> {
  const q = `username=${s.line.username}&password=${s.line.password}${query}`;
  return (await player(s.storeId, `/player_api.php?${q}`)).json();
}

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist });
  playerApp = createApp(kit.ctx, {
    authenticate: async () => null,
    streaming: {
      async route(r) {
        routed.push({
          ...r,
          streamType: r.streamType === "vod" ? "movie" : r.streamType,
          format: r.format ?? "",
        });
        return {
          nodeId: "n",
          nodeUrl: "http://edge.example",
          url: `http://edge.example/${r.streamId}?token=t`,
          token: "t",
          expiresIn: 60,
          format: r.format ?? "file",
          sessionId: r.sessionId,
          gen: 1,
        };
      },
      edge: () => Promise.reject(new Error("no edge in this test")),
      close: async () => {},
    },
  });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

describe("player API", () => {
  test("account info has Xtream Codes field names and types", async () => {
    const s = await setup("all");
    const info = await api(s, "");
    expect(Object.keys(info.user_info).sort()).toEqual(
      [
        "username",
        "password",
        "message",
        "auth",
        "status",
        "exp_date",
        "is_trial",
        "active_cons",
        "created_at",
        "max_connections",
        "allowed_output_formats",
      ].sort(),
    );
    expect(info.user_info).toMatchObject({
      username: s.line.username,
      password: s.line.password,
      auth: 1,
      status: "Active",
      is_trial: "0",
      active_cons: "0",
      max_connections: "2",
    });
    expect(info.user_info.exp_date).toMatch(/^\d{10}$/);
    expect(info.user_info.created_at).toMatch(/^\d{10}$/);
    expect(info.user_info.allowed_output_formats).toEqual(["m3u8", "ts"]);
    expect(info.server_info).toMatchObject({
      url: "localhost",
      port: "80",
      https_port: "443",
      server_protocol: "http",
    });
    expect(typeof info.server_info.rtmp_port).toBe("string");
    expect(typeof info.server_info.timezone).toBe("string");
    expect(typeof info.server_info.timestamp_now).toBe("number");
    expect(info.server_info.time_now).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  test("every action answers with the panel's field names and types", async () => {
    const s = await setup("all");
    const liveCats = await api(s, "&action=get_live_categories");
    expect(liveCats.map((c: { category_name: string }) => c.category_name)).toEqual(["News", "Sports"]);
    for (const c of liveCats) {
      expect(c).toEqual({
        category_id: expect.stringMatching(/^\d+$/),
        category_name: expect.any(String),
        parent_id: 0,
      });
    }
    const live = await api(s, "&action=get_live_streams");
    // Bun's asymmetric matchers write into the received object: keep the ids first.
    const liveId = live[0].stream_id;
    expect(live).toHaveLength(2);
    expect(live[0]).toEqual({
      num: 1,
      name: "Neve One",
      stream_type: "live",
      stream_id: expect.any(Number),
      stream_icon: "http://logo/one.png",
      epg_channel_id: "one.uk",
      added: expect.stringMatching(/^\d+$/),
      is_adult: "0",
      category_id: liveCats[0].category_id,
      category_ids: [Number(liveCats[0].category_id)],
      custom_sid: "",
      tv_archive: 0,
      direct_source: "",
      tv_archive_duration: 0,
      thumbnail: "",
    });
    const sports = await api(s, `&action=get_live_streams&category_id=${liveCats[1].category_id}`);
    expect(sports.map((x: { name: string }) => x.name)).toEqual(["Neve Two"]);

    const vodCats = await api(s, "&action=get_vod_categories");
    expect(vodCats.map((c: { category_name: string }) => c.category_name)).toEqual(["Films"]);
    const vod = await api(s, "&action=get_vod_streams");
    const vodId = vod[0].stream_id;
    expect(vod[0]).toMatchObject({
      num: 1,
      name: "The Film (2001)",
      title: "The Film",
      year: "2001",
      stream_type: "movie",
      stream_id: expect.any(Number),
      stream_icon: "http://logo/film.jpg",
      rating: 0,
      rating_5based: 0,
      episode_run_time: 120,
      is_adult: "0",
      category_id: vodCats[0].category_id,
      container_extension: "mkv",
    });
    const vodInfo = await api(s, `&action=get_vod_info&vod_id=${vodId}`);
    expect(vodInfo.info).toMatchObject({
      name: "The Film (2001)",
      movie_image: "http://logo/film.jpg",
      backdrop_path: [],
      tmdb_id: 0,
      rating: 0,
      episode_run_time: 120,
      duration_secs: 7200,
      duration: "02:00:00",
    });
    expect(vodInfo.movie_data).toMatchObject({ stream_id: vodId, container_extension: "mkv" });

    const seriesCats = await api(s, "&action=get_series_categories");
    expect(seriesCats.map((c: { category_name: string }) => c.category_name)).toEqual(["Drama"]);
    const series = await api(s, "&action=get_series");
    const seriesId = series[0].series_id;
    expect(series[0]).toMatchObject({
      num: 1,
      name: "Show",
      title: "Show",
      stream_type: "series",
      series_id: expect.any(Number),
      cover: "http://logo/show.jpg",
      rating: "0",
      rating_5based: 0,
      backdrop_path: [],
      episode_run_time: "0",
      category_id: seriesCats[0].category_id,
    });
    const info = await api(s, `&action=get_series_info&series_id=${seriesId}`);
    expect(info.seasons).toEqual([
      expect.objectContaining({ season_number: 1, episode_count: 2, id: 1, vote_average: 0 }),
    ]);
    expect(info.info.name).toBe("Show");
    expect(info.episodes["1"].map((e: { episode_num: string }) => e.episode_num)).toEqual(["1", "2"]);
    expect(info.episodes["1"][0]).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      container_extension: "mp4",
      season: 1,
    });

    const epg = await api(s, `&action=get_short_epg&stream_id=${liveId}`);
    expect(epg).toEqual({ epg_listings: [] });
    const table = await api(s, `&action=get_simple_data_table&stream_id=${liveId}`);
    expect(table).toEqual({ epg_listings: [] });
    expect(await api(s, "&action=get_series_info&series_id=999999")).toMatchObject({
      seasons: [],
      info: { name: null },
    });
    expect(await api(s, "&action=nonsense")).toEqual([]);
  });

  test("wrong credentials get auth 0 and 401; a suspended line gets auth 0 and 403, never data", async () => {
    const s = await setup("all");
    const wrong = await player(
      s.storeId,
      `/player_api.php?username=${s.line.username}&password=nope&action=get_live_streams`,
    );
    expect(await wrong.json()).toEqual({ user_info: { auth: 0 } });
    expect((await player(s.storeId, `/get.php?username=${s.line.username}&password=nope`)).status).toBe(401);
    expect((await player(s.storeId, `/xmltv.php?username=x&password=y`)).status).toBe(401);
    expect((await player(s.storeId, `/live/${s.line.username}/nope/1.ts`)).status).toBe(401);

    await kit.call("POST", `/v1/subscriptions/${s.subscriptionId}/suspend`, { as: s.owner, body: {} });
    expect(await api(s, "&action=get_live_streams")).toEqual({ user_info: { auth: 0 } });
    expect(await api(s, "")).toEqual({ user_info: { auth: 0 } });
    const q = `username=${s.line.username}&password=${s.line.password}`;
    expect((await player(s.storeId, `/get.php?${q}`)).status).toBe(403);
    expect((await player(s.storeId, `/xmltv.php?${q}`)).status).toBe(403);

    // Another store's host does not know this line.
    const other = await kit.store();
    expect(await (await player(other, `/player_api.php?${q}`)).json()).toEqual({ user_info: { auth: 0 } });
  });

  test("regenerating the line retires the old credentials", async () => {
    const s = await setup("all");
    const fresh = (await kit.call("POST", "/v1/me/line/regenerate", { as: s.viewer })).body;
    expect(fresh.username).not.toBe(s.line.username);
    expect(await api(s, "")).toEqual({ user_info: { auth: 0 } });
    const info = await api({ ...s, line: fresh }, "");
    expect(info.user_info.auth).toBe(1);
  });

  test("stream URLs redirect through routeFor, and a stream outside the plan is 403", async () => {
    const s = await setup("news");
    const live = await api(s, "&action=get_live_streams");
    expect(live.map((x: { name: string }) => x.name)).toEqual(["Neve One"]);
    const q = `${s.line.username}/${s.line.password}`;
    const ok = await player(s.storeId, `/live/${q}/${live[0].stream_id}.m3u8`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toStartWith("http://edge.example/");
    expect(routed.at(-1)).toMatchObject({
      storeId: s.storeId,
      viewerId: s.viewer.id,
      streamType: "live",
      format: "hls",
    });

    const owner = s.owner;
    const all = (await kit.call("GET", "/v1/catalog/items?type=live", { as: owner })).body.items;
    const two = all.find((i: { name: string }) => i.name === "Neve Two");
    const denied = await player(s.storeId, `/live/${q}/${two.xid}.ts`);
    expect(denied.status).toBe(403);
    const movie = (await kit.call("GET", "/v1/catalog/items?type=movie", { as: owner })).body.items[0];
    expect((await player(s.storeId, `/movie/${q}/${movie.xid}.mkv`)).status).toBe(403);
    expect((await player(s.storeId, `/live/${q}/999999.ts`)).status).toBe(404);
    // Hidden items answer empty shapes in the player API too.
    expect(await api(s, `&action=get_vod_info&vod_id=${movie.xid}`)).toEqual({ info: [], movie_data: [] });
  });

  test("without a streaming route the stream URL answers 503 streaming_unavailable", async () => {
    const s = await setup("all");
    const { Elysia } = await import("elysia");
    const { pipeline } = await import("../../http/pipeline.ts");
    const { playerApiModule } = await import("./mod.ts");
    const bare = new Elysia()
      .use(pipeline(kit.ctx, (request: Request): Promise<Response> => bare.handle(request)))
      .use(playerApiModule(kit.ctx, async () => null));
    const live = await api(s, "&action=get_live_streams");
    const response = await bare.handle(
      new Request(`http://localhost/live/${s.line.username}/${s.line.password}/${live[0].stream_id}.ts`, {
        headers: { "x-store": s.storeId },
      }),
    );
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe("streaming_unavailable");
  });

  test("round trip: import an M3U, export it through get.php, re-import it elsewhere: same catalog", async () => {
    const s = await setup("all");
    const exported = await (
      await player(
        s.storeId,
        `/get.php?username=${s.line.username}&password=${s.line.password}&type=m3u_plus&output=ts`,
      )
    ).text();
    expect(exported).toStartWith(`#EXTM3U x-tvg-url="http://localhost/xmltv.php?username=${s.line.username}`);
    expect(exported).toContain('tvg-id="one.uk"');
    expect(exported).toContain('tvg-chno="1"');
    expect(exported).toContain('group-title="News"');
    expect(exported).toContain(`http://localhost/live/${s.line.username}/${s.line.password}/`);

    const second = startOrigin({ "/export.m3u": exported });
    try {
      const storeB = await kit.store();
      const ownerB = kit.owner(storeB);
      const done = await importPlaylist(kit, ownerB, `${second.url}/export.m3u`, "Re");
      expect(done.status).toBe("succeeded");
      const shape = async (as: Principal) => {
        const items = (await kit.call("GET", "/v1/catalog/items?limit=500", { as })).body.items;
        const cats = new Map(
          (await kit.call("GET", "/v1/catalog/categories", { as })).body.items.map(
            (c: { id: string; name: string }) => [c.id, c.name],
          ),
        );
        const parents = new Map(items.map((i: { id: string; name: string }) => [i.id, i.name]));
        return items
          .map((i: Record<string, unknown>) => ({
            type: i.type,
            name: i.name,
            number: i.number,
            epgId: i.epgId,
            logo: i.type === "episode" ? null : i.logo,
            ext: i.containerExtension,
            duration: i.duration,
            season: i.season,
            episode: i.episode,
            category: i.categoryId ? cats.get(i.categoryId as string) : null,
            series: i.seriesId ? parents.get(i.seriesId as string) : null,
          }))
          .sort((a: { type: string; name: string }, b: { type: string; name: string }) =>
            `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`),
          );
      };
      expect(await shape(ownerB)).toEqual(await shape(s.owner));
    } finally {
      second.stop();
    }
  });
});

test("line credentials are not another viewer's business", async () => {
  const storeId = await kit.store();
  const viewer = await kit.viewer(storeId);
  const line = (await kit.call("GET", "/v1/me/line", { as: viewer })).body;
  const owner = kit.owner(storeId);
  const audit = JSON.stringify(await kit.audit(viewer.id));
  expect(audit).not.toContain(line.password);
  expect((await kit.call("POST", `/v1/player-lines/${newId()}/regenerate`, { as: owner })).status).toBe(404);
  expect((await kit.call("POST", `/v1/player-lines/${viewer.id}/regenerate`, { as: owner })).status).toBe(
    204,
  );
  expect((await kit.call("GET", "/v1/me/line", { as: viewer })).body.username).not.toBe(line.username);
});
