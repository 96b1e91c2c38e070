/** A player's side of the HLS routes in tests: open a session by token, list a playlist's URIs. */
import { expect } from "bun:test";
import type { Harness } from "./edge-harness.ts";

/** Opens a session through the token URL and returns the session-bound playlist URL. */
export async function openHlsSession(h: Harness, streamId: string, token?: string): Promise<string> {
  const t = token ?? (await h.token(streamId, "live", "hls"));
  const response = await fetch(`${h.base}/hls/${streamId}/index.m3u8?token=${t}`, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "", h.base).href;
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
