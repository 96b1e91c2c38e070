/**
 * The demo origin: a `fetch(Request)` handler serving the demo channels as a live MPEG-TS stream
 * and live HLS, a VOD file with byte ranges, an M3U Plus playlist, an XMLTV guide and logos. It
 * can be mounted under any prefix (`basePath`) and needs nothing but the fixtures it embeds.
 */
import { AppError, CONTENT_TYPES, headersFor, notFound, ok, preflight, problem } from "./_http.ts";
import { DEMO_CHANNELS, DEMO_TITLES, type DemoChannel, titlePath } from "./demo-channels.ts";
import { EMBEDDED_FIXTURES } from "./embedded-fixtures.ts";
import { fixtureFilesIn } from "./fixture-files.ts";
import { renderChannelLogo, renderPoster } from "./guide/channel-logo.ts";
import { renderM3uPlaylist, type StreamOutput, streamUrl } from "./guide/m3u-playlist.ts";
import { renderXmltvGuide } from "./guide/xmltv-guide.ts";
import { renderLivePlaylist, renderSegment, segmentAt } from "./hls/live-hls.ts";
import { cancellableSleep, type Sleep } from "./live/cancellable-sleep.ts";
import { liveTsStream } from "./live/live-ts-stream.ts";
import { type ChannelMedia, loadDemoMedia } from "./load-demo-media.ts";
import { vodResponse } from "./vod/vod-response.ts";

export interface DemoOriginOptions {
  /** A folder laid out like `demo/fixtures` to read instead of the fixtures embedded in the code. */
  fixturesDir?: string;
  /** Wall clock in Unix milliseconds: drives the live HLS window and the guide. */
  now?: () => number;
  /**
   * Path prefix the origin is reachable under, such as `/demo-origin`, used in absolute links.
   * Requests may arrive with it (a plain `.all("/demo-origin/*")` route) or without it (Elysia's
   * `.mount()` strips it); both work. Defaults to none.
   */
  basePath?: string;
  /** Absolute URL of the origin (including `basePath`) for M3U and XMLTV links; defaults to the request's. */
  publicUrl?: string;
  /** Media a live MPEG-TS stream sends at once when it opens; defaults to 1000 ms. */
  liveBurstMs?: number;
  /** Segments in the live HLS playlist; defaults to 6. */
  hlsWindow?: number;
  /** The live stream's pacing timer; tests pass one that counts pending timers. */
  sleep?: Sleep;
}

export interface DemoOrigin {
  fetch(request: Request): Promise<Response>;
  readonly channels: readonly DemoChannel[];
  /** Live MPEG-TS streams open right now. */
  readonly openStreams: number;
}

type Handler = (request: Request, match: RegExpExecArray, path: string) => Response;

export function createDemoOrigin(options: DemoOriginOptions = {}): DemoOrigin {
  const channels = DEMO_CHANNELS;
  const media = loadDemoMedia(
    options.fixturesDir === undefined ? EMBEDDED_FIXTURES : fixtureFilesIn(options.fixturesDir),
    channels,
  );
  const now = options.now ?? Date.now;
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const sleep = options.sleep ?? cancellableSleep;
  const hlsWindow = options.hlsWindow ?? 6;
  let openStreams = 0;

  const baseUrlOf = (request: Request) =>
    options.publicUrl?.replace(/\/+$/, "") ?? `${new URL(request.url).origin}${basePath}`;
  const channelOf = (id: string | undefined) => channels.find((channel) => channel.id === id);
  const mediaOf = (id: string | undefined): ChannelMedia | undefined =>
    id === undefined ? undefined : media.channels.get(id);

  const routes: Array<[RegExp, Handler]> = [
    [
      /^\/?$/,
      (request) =>
        ok(request, JSON.stringify(index(baseUrlOf(request)), null, 2), CONTENT_TYPES.json, "no-cache"),
    ],
    [
      /^\/playlist\.m3u$/,
      (request) => {
        const output: StreamOutput = new URL(request.url).searchParams.get("output") === "ts" ? "ts" : "hls";
        return ok(
          request,
          // The MPEG-TS variant lists the same live channels only (the seed merges it into them).
          renderM3uPlaylist(channels, baseUrlOf(request), output, output === "hls" ? DEMO_TITLES : []),
          CONTENT_TYPES.m3u,
          "no-cache",
        );
      },
    ],
    [
      /^\/epg\.xml$/,
      (request) =>
        ok(
          request,
          renderXmltvGuide(channels, baseUrlOf(request), now()),
          CONTENT_TYPES.xml,
          "public, max-age=300",
        ),
    ],
    [
      /^\/logos\/([\w-]+)\.svg$/,
      (request, [, id], path) => {
        const channel = channelOf(id);
        if (!channel) return notFound(`Demo channel "${id}"`, path);
        return ok(request, renderChannelLogo(channel), CONTENT_TYPES.svg, "public, max-age=86400");
      },
    ],
    [
      /^\/posters\/([\w-]+)\.svg$/,
      (request, [, id], path) => {
        const title = DEMO_TITLES.find((candidate) => candidate.id === id);
        if (!title) return notFound(`Demo title "${id}"`, path);
        return ok(request, renderPoster(title), CONTENT_TYPES.svg, "public, max-age=86400");
      },
    ],
    [
      /^\/ts\/([\w-]+)\.ts$/,
      (request, [, id], path) => {
        const channelMedia = mediaOf(id);
        if (!channelMedia) return notFound(`Demo channel "${id}"`, path);
        const headers = headersFor(CONTENT_TYPES.ts, "no-store");
        if (request.method === "HEAD") return new Response(null, { status: 200, headers });
        openStreams += 1;
        const stream = liveTsStream(channelMedia.live, {
          burstMs: options.liveBurstMs ?? 1000,
          sleep,
          clock: () => performance.now(),
          onClose: () => {
            openStreams -= 1;
          },
        });
        return new Response(stream, { status: 200, headers });
      },
    ],
    [
      /^\/hls\/([\w-]+)\/index\.m3u8$/,
      (request, [, id], path) => {
        const channelMedia = mediaOf(id);
        if (!channelMedia) return notFound(`Demo channel "${id}"`, path);
        return ok(
          request,
          renderLivePlaylist(channelMedia.hls, now(), hlsWindow),
          CONTENT_TYPES.m3u8,
          "no-cache",
        );
      },
    ],
    [
      /^\/hls\/([\w-]+)\/(\d{1,15})\.ts$/,
      (request, [, id, digits], path) => {
        const channelMedia = mediaOf(id);
        if (!channelMedia) return notFound(`Demo channel "${id}"`, path);
        const sequence = Number(digits);
        if (sequence > segmentAt(channelMedia.hls, now())) {
          return problem(new AppError("not_found", `Segment ${sequence} is not available yet`), path);
        }
        return ok(
          request,
          renderSegment(channelMedia.hls, sequence),
          CONTENT_TYPES.ts,
          "public, max-age=3600",
        );
      },
    ],
    [
      /^\/vod\/([\w-]+)\.mp4$/,
      (request, [, name], path) => {
        const body = name === undefined ? undefined : media.vods.get(name);
        if (!body) return notFound(`VOD title "${name}"`, path);
        return vodResponse(request, body, headersFor(CONTENT_TYPES.mp4, "public, max-age=86400"));
      },
    ],
    [
      /^(\/(?:movie|series)\/[\w-]+\.mp4)$/,
      (request, [, wanted], path) => {
        const title = DEMO_TITLES.find((candidate) => titlePath(candidate) === wanted);
        const body = title === undefined ? undefined : media.vods.get(title.file);
        if (!body) return notFound(`Demo title "${path}"`, path);
        return vodResponse(request, body, headersFor(CONTENT_TYPES.mp4, "public, max-age=86400"));
      },
    ],
  ];

  function index(baseUrl: string) {
    return {
      playlist: `${baseUrl}/playlist.m3u`,
      epg: `${baseUrl}/epg.xml`,
      channels: channels.map((channel) => ({
        ...channel,
        hls: streamUrl(baseUrl, channel, "hls"),
        ts: streamUrl(baseUrl, channel, "ts"),
        logo: `${baseUrl}/logos/${channel.id}.svg`,
      })),
      vod: [...media.vods.keys()].map((name) => ({ name, url: `${baseUrl}/vod/${name}.mp4` })),
      titles: DEMO_TITLES.map((title) => ({
        id: title.id,
        name: title.name,
        kind: title.kind,
        url: `${baseUrl}${titlePath(title)}`,
        poster: `${baseUrl}/posters/${title.id}.svg`,
      })),
    };
  }

  async function fetch(request: Request): Promise<Response> {
    const pathname = new URL(request.url).pathname;
    const prefixed = basePath !== "" && (pathname === basePath || pathname.startsWith(`${basePath}/`));
    const path = prefixed ? pathname.slice(basePath.length) : pathname;
    for (const [pattern, handler] of routes) {
      const match = pattern.exec(path);
      if (!match) continue;
      if (request.method === "OPTIONS") return preflight();
      if (request.method !== "GET" && request.method !== "HEAD") {
        const error = new AppError("method_not_allowed", `Method "${request.method}" is not allowed here`);
        return problem(error, pathname, { allow: "GET, HEAD, OPTIONS" });
      }
      return handler(request, match, pathname);
    }
    return problem(new AppError("route_not_found", `No demo origin route for "${pathname}"`), pathname);
  }

  return {
    fetch,
    channels,
    get openStreams() {
      return openStreams;
    },
  };
}
