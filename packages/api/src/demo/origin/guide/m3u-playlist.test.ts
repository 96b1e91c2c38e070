import { describe, expect, test } from "bun:test";
import { DEMO_CHANNELS } from "../demo-channels.ts";
import { renderM3uPlaylist } from "./m3u-playlist.ts";

const BASE = "https://tv.example.com/demo-origin";

describe("M3U Plus playlist", () => {
  const playlist = renderM3uPlaylist(DEMO_CHANNELS, BASE, "hls");
  const lines = playlist.trimEnd().split("\n");

  test("starts with #EXTM3U pointing at the XMLTV guide", () => {
    expect(lines[0]).toBe(`#EXTM3U url-tvg="${BASE}/epg.xml" x-tvg-url="${BASE}/epg.xml"`);
  });

  test("lists every channel with tvg-id, tvg-name, tvg-logo and group-title and an absolute HLS URL", () => {
    expect(lines).toHaveLength(1 + 2 * DEMO_CHANNELS.length);
    DEMO_CHANNELS.forEach((channel, index) => {
      const info = lines[1 + 2 * index] ?? "";
      expect(info).toStartWith("#EXTINF:-1 ");
      expect(info).toContain(`tvg-id="${channel.tvgId}"`);
      expect(info).toContain(`tvg-name="${channel.name}"`);
      expect(info).toContain(`tvg-logo="${BASE}/logos/${channel.id}.svg"`);
      expect(info).toContain(`group-title="${channel.group}"`);
      expect(info).toEndWith(`,${channel.name}`);
      expect(lines[2 + 2 * index]).toBe(`${BASE}/hls/${channel.id}/index.m3u8`);
    });
  });

  test("points at the live MPEG-TS streams when asked for ts output", () => {
    const ts = renderM3uPlaylist(DEMO_CHANNELS, BASE, "ts");
    expect(ts).toContain(`\n${BASE}/ts/neve-one.ts\n`);
    expect(ts).not.toContain(".m3u8");
  });

  test("keeps quotes in names from breaking the attributes", () => {
    const first = DEMO_CHANNELS[0];
    if (!first) throw new Error("no demo channel");
    const odd = [{ ...first, name: 'The "Quoted" One' }];
    expect(renderM3uPlaylist(odd, BASE, "hls")).toContain('tvg-name="The  Quoted  One"');
  });
});
