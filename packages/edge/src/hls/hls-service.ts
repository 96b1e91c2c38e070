/**
 * HLS through the edge: playlists come from a shared, coalesced cache and are rewritten so that
 * every URI is session-bound (`/hls/s/<sessionKey>/...`); segments, keys and init sections come
 * from the shared segment cache. Never sees an HTTP framework, only `Request`/`Response`.
 */

import { decodeBase64Url, encodeBase64Url, utf8 } from "../base64url.ts";
import { EdgeError } from "../errors/edge-error.ts";
import { errorFields, type Logger } from "../logger.ts";
import type { UpstreamFetch } from "../net/guarded-fetch.ts";
import type { SessionStore, ViewerSession } from "../session/session-store.ts";
import { forwardedRequestHeaders, forwardedResponseHeaders } from "../upstream/forward.ts";
import type { Source } from "../upstream/source.ts";
import { trackedBody } from "../upstream/tracked-body.ts";
import type { HlsConfig, HlsCounters } from "./hls-config.ts";
import { PlaylistCache, type PlaylistTemplate } from "./playlist-cache.ts";
import { isEndedPlaylist, isMasterPlaylist, type ResourceKind, rewritePlaylist } from "./playlist-rewrite.ts";
import type { IncomingObject, SegmentCache } from "./segment-cache.ts";

const KEY_SLOT = "\u0001session\u0001";
const PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
const MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
/** BANDWIDTH is required on a variant; with a single variant players use it for nothing. */
const WRAPPED_BANDWIDTH = 2_500_000;
const KIND_LETTER: Record<ResourceKind, string> = { playlist: "p", segment: "s", key: "k", map: "m" };
const LETTER_KIND: Record<string, ResourceKind> = { p: "playlist", s: "segment", k: "key", m: "map" };
const DEFAULT_NAME: Record<ResourceKind, string> = {
  playlist: "index.m3u8",
  segment: "segment.ts",
  key: "key.bin",
  map: "init.mp4",
};

export interface HlsServiceDeps {
  /** HLS sources of the session's stream, best first. */
  sources: (session: ViewerSession) => Promise<Source[]>;
  fetch: UpstreamFetch;
  store: SessionStore;
  cache: SegmentCache;
  config: HlsConfig;
  counters: HlsCounters;
  logger: Logger;
}

export interface HlsService {
  /** The session-bound URL of the stream's main playlist. */
  playlistPath(session: ViewerSession): string;
  /**
   * What the token URL answers: always a multivariant playlist whose URIs are session-bound
   * (the upstream's own, or one wrapping its media playlist). Players load a multivariant
   * playlist once and reload only media playlists, so the token URL is fetched once per
   * client, which is what lets a route admit one client.
   */
  entryPlaylist(session: ViewerSession): Promise<Response>;
  /** The stream's main playlist, rewritten for the session. */
  mainPlaylist(session: ViewerSession): Promise<Response>;
  /** A rewritten child playlist, or a segment, key or init section, by its session-bound path. */
  resource(session: ViewerSession, letter: string, ref: string, request: Request): Promise<Response>;
}

function fileName(url: string, kind: ResourceKind): string {
  const last = new URL(url).pathname.split("/").pop() ?? "";
  const safe = last.replace(/[^A-Za-z0-9._-]/g, "");
  return safe === "" ? DEFAULT_NAME[kind] : safe.slice(0, 80);
}

export function createHlsService(deps: HlsServiceDeps): HlsService {
  const playlists = new PlaylistCache({
    refreshMs: deps.config.refreshMs,
    endedTtlMs: deps.config.endedPlaylistTtlMs,
    staleMs: deps.config.staleMs,
  });
  const base = `${deps.config.prefix}/hls/s/`;
  const preferred = new Map<string, number>();

  const streamOf = (session: ViewerSession): string => `${session.streamType}\u0000${session.streamId}`;
  const refMac = (session: ViewerSession, kind: ResourceKind, url: string): string =>
    deps.store.mac(`r\u0000${streamOf(session)}\u0000${kind}\u0000${url}`);

  function render(template: PlaylistTemplate, session: ViewerSession): Response {
    const body = template.template.replaceAll(KEY_SLOT, session.key);
    return new Response(body, { headers: { "content-type": PLAYLIST_TYPE, "cache-control": "no-cache" } });
  }

  async function fetchUpstream(url: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await deps.fetch(url, {
        ...init,
        signal: AbortSignal.timeout(deps.config.upstreamTimeoutMs),
      });
    } catch (error) {
      // Refused (SSRF guard), unreachable or timed out: the viewer learns the upstream failed,
      // the log says why.
      deps.logger.warn(errorFields(error), "HLS upstream fetch failed");
      throw new EdgeError("upstream_failed", "The upstream could not be fetched");
    }
    if (!response.ok && response.status !== 206) {
      await response.body?.cancel();
      throw new EdgeError("upstream_failed", `Upstream answered ${response.status}`);
    }
    return response;
  }

  async function loadPlaylist(session: ViewerSession, url: string): Promise<PlaylistTemplate> {
    deps.counters.playlistFetches += 1;
    const response = await fetchUpstream(url);
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_PLAYLIST_BYTES) throw new EdgeError("upstream_failed", "Upstream playlist is too large");
    const text = await response.text();
    if (!text.trimStart().startsWith("#EXTM3U"))
      throw new EdgeError("upstream_failed", "Upstream playlist is not M3U");
    const finalUrl = response.url === "" ? url : response.url;
    const template = rewritePlaylist(text, finalUrl, (absolute, kind) => {
      const ref = `${encodeBase64Url(utf8(absolute))}.${refMac(session, kind, absolute)}`;
      return `${base}${KEY_SLOT}/${KIND_LETTER[kind]}/${ref}/${fileName(absolute, kind)}`;
    });
    return { template, ended: isEndedPlaylist(text), master: isMasterPlaylist(text) };
  }

  /** The main playlist from the first source that answers, starting with the last good one. */
  async function loadMain(session: ViewerSession): Promise<PlaylistTemplate> {
    const sources = await deps.sources(session);
    if (sources.length === 0)
      throw new EdgeError("no_source", `Stream "${session.streamId}" has no HLS source`);
    const stream = streamOf(session);
    const first = preferred.get(stream) ?? 0;
    let lastError: unknown;
    for (let step = 0; step < sources.length; step += 1) {
      const index = (first + step) % sources.length;
      const source = sources[index] as Source;
      try {
        const loaded = await loadPlaylist(session, source.url);
        preferred.set(stream, index);
        return loaded;
      } catch (error) {
        lastError = error;
        deps.logger.warn(
          { streamId: session.streamId, sourceId: source.id, ...errorFields(error) },
          "HLS source failed",
        );
      }
    }
    throw lastError instanceof EdgeError
      ? lastError
      : new EdgeError("upstream_failed", "No HLS source answered");
  }

  /** Resolves once the upstream's headers are in; the body streams on into the cache. */
  async function loadObject(url: string, kind: ResourceKind): Promise<IncomingObject> {
    deps.counters.segmentFetches += 1;
    const response = await fetchUpstream(url);
    const fallback = kind === "key" ? "application/octet-stream" : "video/mp2t";
    const declared = response.headers.get("content-length");
    // fetch decodes a compressed body, after which the declared length no longer holds.
    const length =
      declared === null || response.headers.has("content-encoding") ? undefined : Number(declared);
    return {
      body: response.body ?? new Blob().stream(),
      contentType: response.headers.get("content-type") ?? fallback,
      length: length !== undefined && Number.isSafeInteger(length) && length >= 0 ? length : undefined,
    };
  }

  /** Byte-range requests (EXT-X-BYTERANGE) go straight through, uncached. */
  async function passThrough(url: string, request: Request): Promise<Response> {
    deps.counters.segmentFetches += 1;
    const upstream = await fetchUpstream(url, { headers: forwardedRequestHeaders(request) });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: forwardedResponseHeaders(upstream),
    });
  }

  return {
    playlistPath(session) {
      return `${base}${session.key}/index.m3u8`;
    },

    async mainPlaylist(session) {
      return render(await playlists.get(`${streamOf(session)}\u0000main`, () => loadMain(session)), session);
    },

    async entryPlaylist(session) {
      const main = await playlists.get(`${streamOf(session)}\u0000main`, () => loadMain(session));
      if (main.master) return render(main, session);
      const wrapper = `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=${WRAPPED_BANDWIDTH}\n${base}${session.key}/index.m3u8\n`;
      return new Response(wrapper, {
        headers: { "content-type": PLAYLIST_TYPE, "cache-control": "no-store" },
      });
    },

    async resource(session, letter, ref, request) {
      const kind = LETTER_KIND[letter];
      const [encoded, mac] = ref.split(".");
      const bytes = encoded === undefined ? undefined : decodeBase64Url(encoded);
      if (kind === undefined || bytes === undefined || mac === undefined) {
        throw new EdgeError("ref_invalid", "Resource reference is malformed");
      }
      const url = new TextDecoder().decode(bytes);
      if (refMac(session, kind, url) !== mac)
        throw new EdgeError("ref_invalid", "Resource reference is not for this stream");
      if (kind === "playlist") {
        return render(
          await playlists.get(`${streamOf(session)}\u0000${url}`, () => loadPlaylist(session, url)),
          session,
        );
      }
      if (request.headers.has("range")) return passThrough(url, request);
      const answer = await deps.cache.get(url, () => loadObject(url, kind));
      const headers: Record<string, string> = {
        "content-type": answer.contentType,
        "cache-control": "private, max-age=60",
      };
      if (answer.length !== undefined) headers["content-length"] = String(answer.length);
      if (answer.body instanceof Uint8Array) {
        deps.counters.bytesOut += answer.body.length;
        return new Response(answer.body, { headers });
      }
      const counted = trackedBody(
        answer.body,
        (bytes) => {
          deps.counters.bytesOut += bytes;
        },
        () => {},
      );
      return new Response(counted, { headers });
    },
  };
}
