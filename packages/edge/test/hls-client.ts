/** A player's side of the HLS routes in tests: open a session by token, list a playlist's URIs. */
import { expect } from "bun:test";
import type { Harness } from "./edge-harness.ts";

/**
 * Opens a session through the token URL, which answers a multivariant playlist, and returns
 * the session-bound URL of its first variant (for a media-playlist upstream, the stream itself).
 */
export async function openHlsSession(h: Harness, streamId: string, token?: string): Promise<string> {
  return new URL(playlistUris(await openHlsEntry(h, streamId, token))[0] ?? "", h.base).href;
}

/** Opens a session through the token URL and returns the multivariant playlist it answers. */
export async function openHlsEntry(h: Harness, streamId: string, token?: string): Promise<string> {
  const t = token ?? (await h.token(streamId, "live", "hls"));
  const response = await fetch(`${h.base}/hls/${streamId}/index.m3u8?token=${t}`, { redirect: "manual" });
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toContain("#EXT-X-STREAM-INF");
  return text;
}

/** Every URI in a playlist: media lines and `URI="…"` attributes, in order. */
export function playlistUris(playlist: string): string[] {
  const out: string[] = [];
  for (const line of playlist.split("\n")) {
    if (line !== "" && !line.startsWith("#")) out.push(line);
    const attribute = /URI="([^"]+)"/.exec(line);
    if (attribute?.[1] !== undefined) out.push(attribute[1]);
  }
  return out;
}
