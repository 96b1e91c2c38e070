/**
 * The player API as an independent Xtream client sees it: @iptv/xtream-api, driving the real API
 * over HTTP on 127.0.0.1, parses every action with its standardized serializer, and the raw
 * answers are type-checked against the library's declared Xtream types.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Xtream } from "@iptv/xtream-api";
import { standardizedSerializer } from "@iptv/xtream-api/standardized";
import { createApp } from "../../app.ts";
import { entitle, importPlaylist, type Origin, runJobs, startOrigin } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { registerGuideJobs } from "../epg/mod.ts";

// Panels print times in their own timezone (server_info.timezone, UTC here); a client reads them
// in the same one.
process.env.TZ = "UTC";

const hour = 3_600_000;
const base = Math.floor(Date.now() / hour) * hour;
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:T]/g, "")} +0000`;
const guide = `<?xml version="1.0"?><tv>
<channel id="one.uk"><display-name>Neve One</display-name></channel>
${[-1, 0, 1, 2].map((i) => `<programme start="${stamp(base + i * hour)}" stop="${stamp(base + (i + 1) * hour)}" channel="one.uk"><title>Show ${i}</title><desc>About ${i}</desc></programme>`).join("\n")}
</tv>`;
const playlist = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" tvg-logo="http://logo/one.png" tvg-chno="1" group-title="News",Neve One
http://up.example/live/acc/pw/101.ts
#EXTINF:-1 tvg-chno="2" group-title="Sports",Neve Two
http://up.example/live/acc/pw/102.ts
#EXTINF:7200 tvg-logo="http://logo/film.jpg" group-title="Films",The Film (2001)
http://up.example/movie/acc/pw/201.mkv
#EXTINF:-1 tvg-logo="http://logo/show.jpg" group-title="Drama",Show S01 E01
http://up.example/series/acc/pw/301.mp4
#EXTINF:-1 tvg-logo="http://logo/show.jpg" group-title="Drama",Show S01 E02
http://up.example/series/acc/pw/302.mp4
`;

let kit: Kit;
let origin: Origin;
let server: { stop(): Promise<void> | void; url: string };
let line: { username: string; password: string };
let client: Xtream<(typeof standardizedSerializer)["serializers"]>;
let raw: Xtream;

async function playerApi(query: string): Promise<any> {
  const q = `username=${line.username}&password=${line.password}${query}`;
  return (await fetch(`${server.url}/player_api.php?${q}`)).json();
}

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist, "/guide.xml": guide });
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  await importPlaylist(kit, owner, `${origin.url}/list.m3u`);
  const source = await kit.call("POST", "/v1/epg/sources", {
    as: owner,
    body: { name: "Guide", url: `${origin.url}/guide.xml` },
  });
  const started = await kit.call("POST", `/v1/epg/sources/${source.body.id}/import`, { as: owner });
  await runJobs(
    kit,
    (w) => registerGuideJobs(kit.ctx, { worker: w }),
    async () =>
      (await kit.call("GET", `/v1/catalog/imports/${started.body.id}`, { as: owner })).body.status ===
      "succeeded",
  );
  const viewer = await kit.viewer(storeId);
  const cats = (await kit.call("GET", "/v1/catalog/categories", { as: owner })).body.items;
  await entitle(kit, storeId, viewer, [{ categoryIds: cats.map((c: { id: string }) => c.id) }]);
  line = (await kit.call("GET", "/v1/me/line", { as: viewer })).body;
  const app = createApp(kit.ctx, { authenticate: async () => null }).listen({
    hostname: "127.0.0.1",
    port: 0,
  });
  server = {
    url: `http://127.0.0.1:${app.server?.port}`,
    async stop() {
      await app.stop();
    },
  };
  const credentials = { url: server.url, username: line.username, password: line.password };
  client = new Xtream({ ...credentials, serializer: standardizedSerializer });
  raw = new Xtream(credentials);
});
afterAll(async () => {
  await server.stop();
  origin.stop();
  await kit.dispose();
});

describe("@iptv/xtream-api against the player API", () => {
  test("get_profile and get_server_info answer the account that player_api.php answers without an action", async () => {
    const account = await playerApi("");
    expect(await raw.getProfile()).toEqual(account.user_info);
    const { timestamp_now: _, time_now: __, ...serverInfo } = account.server_info;
    expect(await raw.getServerInfo()).toMatchObject(serverInfo);

    const profile = await client.getProfile();
    expect(profile).toMatchObject({
      id: line.username,
      username: line.username,
      password: line.password,
      status: "Active",
      isTrial: false,
      maxConnections: 2,
      activeConnections: 0,
      allowedOutputFormats: ["m3u8", "ts"],
    });
    const days = (profile.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
    expect(Math.abs(profile.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const info = await client.getServerInfo();
    expect(info).toMatchObject({ url: "127.0.0.1", port: new URL(server.url).port, serverProtocol: "http" });
    expect(Math.abs(info.timeNow.getTime() - Date.now())).toBeLessThan(60_000);
  });

  test("categories and channels parse with their ids, guide ids and stream URLs", async () => {
    const categories = await client.getChannelCategories();
    expect(categories.map((c) => [c.name, c.parentId])).toEqual([
      ["News", "0"],
      ["Sports", "0"],
    ]);
    const channels = await client.getChannels();
    expect(channels.map((c): unknown[] => [c.name, c.number, c.epgId, c.logo, c.tvArchive])).toEqual([
      ["Neve One", 1, "one.uk", "http://logo/one.png", false],
      ["Neve Two", 2, null, "", false],
    ]);
    const [one] = channels;
    expect(one?.categoryIds).toEqual([categories[0]?.id ?? ""]);
    expect(one?.url).toBe(`${server.url}/live/${line.username}/${line.password}/${one?.id}.ts`);
    expect(Math.abs((one?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    const sports = await client.getChannels({ categoryId: categories[1]?.id ?? "" });
    expect(sports.map((c) => c.name)).toEqual(["Neve Two"]);
  });

  test("movies parse in the list and in get_vod_info, whose info has a backdrop_path", async () => {
    const [category] = await client.getMovieCategories();
    expect(category?.name).toBe("Films");
    const movies = await client.getMovies();
    expect(movies).toHaveLength(1);
    const [listed] = movies;
    expect(listed).toMatchObject({
      name: "The Film",
      poster: "http://logo/film.jpg",
      duration: 7200,
      voteAverage: 0,
      categoryIds: [category?.id],
      genre: [],
      cast: [],
      director: [],
    });
    expect(listed?.url).toBe(`${server.url}/movie/${line.username}/${line.password}/${listed?.id}.mkv`);
    const movie = await client.getMovie({ movieId: listed?.id ?? "" });
    expect(movie).toMatchObject({
      id: listed?.id,
      name: "The Film (2001)",
      poster: "http://logo/film.jpg",
      duration: 7200,
      durationFormatted: "02:00:00",
      voteAverage: 0,
      categoryIds: [category?.id],
      url: listed?.url,
    });
    expect(Number.isNaN(movie.createdAt.getTime())).toBe(false);
    expect((await raw.getMovie({ movieId: listed?.id ?? "" })).info.backdrop_path).toEqual([]);
    await expect(client.getMovie({ movieId: 999_999 })).rejects.toThrow("Movie Not Found");
  });

  test("series parse with their seasons and episodes, and an unknown series is not found", async () => {
    const [category] = await client.getShowCategories();
    expect(category?.name).toBe("Drama");
    const shows = await client.getShows();
    expect(shows.map((s) => [s.name, s.poster, s.categoryIds])).toEqual([
      ["Show", "http://logo/show.jpg", [category?.id ?? ""]],
    ]);
    expect(Number.isNaN(shows[0]?.updatedAt.getTime())).toBe(false);
    const show = await client.getShow({ showId: shows[0]?.id ?? "" });
    expect(show.seasons.map((s) => [s.number, s.name, s.episodeCount])).toEqual([[1, "Season 1", 2]]);
    const episodes = show.seasons[0]?.episodes ?? [];
    expect(episodes.map((e) => [e.number, e.showId, e.seasonId])).toEqual([
      [1, shows[0]?.id, "1"],
      [2, shows[0]?.id, "1"],
    ]);
    expect(episodes[0]?.url).toBe(
      `${server.url}/series/${line.username}/${line.password}/${episodes[0]?.id}.mp4`,
    );
    expect(Number.isNaN(episodes[0]?.createdAt.getTime())).toBe(false);
    await expect(client.getShow({ showId: 999_999 })).rejects.toThrow("Show Not Found");
  });

  test("the short guide and the full guide table parse with their titles and times", async () => {
    const [one] = await client.getChannels();
    const short = await client.getShortEPG({ channelId: one?.id ?? "", limit: 2 });
    expect(short.map((p) => [p.title, p.description, p.start.getTime(), p.channelId])).toEqual([
      ["Show 0", "About 0", base, "one.uk"],
      ["Show 1", "About 1", base + hour, "one.uk"],
    ]);
    const full = await client.getFullEPG({ channelId: one?.id ?? "" });
    expect(full.map((p) => [p.title, p.start.getTime(), p.end.getTime(), p.nowPlaying])).toEqual(
      [-1, 0, 1, 2].map((i) => [`Show ${i}`, base + i * hour, base + (i + 1) * hour, i === 0]),
    );
  });

  test("raw answers satisfy the library's declared Xtream types", async () => {
    const [channel] = await raw.getChannels();
    const [movie] = await raw.getMovies();
    const [show] = await raw.getShows();
    const answers = {
      profile: await raw.getProfile(),
      serverInfo: await raw.getServerInfo(),
      categories: await raw.getChannelCategories(),
      channels: await raw.getChannels(),
      movies: await raw.getMovies(),
      movie: await raw.getMovie({ movieId: movie?.stream_id ?? 0 }),
      shows: await raw.getShows(),
      show: await raw.getShow({ showId: show?.series_id ?? 0 }),
      shortEPG: await raw.getShortEPG({ channelId: channel?.stream_id ?? 0 }),
      fullEPG: await raw.getFullEPG({ channelId: channel?.stream_id ?? 0 }),
    };
    expect(answers.shortEPG.epg_listings.length).toBeGreaterThan(0);
    expect(typeCheck(answers)).toEqual([]);
  });
});

/**
 * The library's types with the few fields where the panels themselves differ from them: panels
 * send `epg_channel_id: null` for a channel without a guide and `active_cons` as a string
 * ("0"), and only XUI.one's own server_info carries `xui`, `version` and `revision`.
 */
const DECLARATIONS = `
import type * as X from "@iptv/xtream-api";
type Channel = Omit<X.XtreamChannel, "epg_channel_id"> & { epg_channel_id: string | null };
type Profile = Omit<X.XtreamUserProfile, "active_cons"> & { active_cons: string };
type ServerInfo = Omit<X.XtreamServerInfo, "xui" | "version" | "revision">;
export interface Answers {
  profile: Profile;
  serverInfo: ServerInfo;
  categories: X.XtreamCategory[];
  channels: Channel[];
  movies: X.XtreamMoviesListing[];
  movie: X.XtreamMovie;
  shows: X.XtreamShowListing[];
  show: X.XtreamShow;
  shortEPG: X.XtreamShortEPG;
  fullEPG: X.XtreamFullEPG;
}
`;

/** The compiler's complaints, one per line, about the answers as values of the library's types. */
function typeCheck(answers: Record<string, unknown>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "nevewatch-xtream-types-"));
  try {
    const types = join(dirname(Bun.resolveSync("@iptv/xtream-api", import.meta.dir)), "types", "index.d.ts");
    const tsc = join(dirname(Bun.resolveSync("typescript/package.json", import.meta.dir)), "bin", "tsc");
    // Variables, not literals, are assigned: extra fields are allowed, as players ignore them.
    // One assignment per answer, so each answer's first mismatch is reported.
    const checks = Object.entries(answers).map(
      ([key, value]) =>
        `const ${key}Answer = ${JSON.stringify(value ?? null, null, 1)};\nexport const ${key}: Answers["${key}"] = ${key}Answer;`,
    );
    writeFileSync(join(dir, "answers.ts"), `${DECLARATIONS}\n${checks.join("\n")}\n`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "preserve",
          moduleResolution: "bundler",
          target: "esnext",
          types: [],
          paths: { "@iptv/xtream-api": [types] },
        },
        files: ["answers.ts"],
      }),
    );
    const run = Bun.spawnSync([process.execPath, tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"]);
    const out = `${run.stdout.toString()}${run.stderr.toString()}`;
    const lines = out.split("\n").filter((l) => l.trim() !== "");
    if (run.exitCode !== 0 && lines.length === 0) return [`tsc exited ${run.exitCode}`];
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
