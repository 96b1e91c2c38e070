/**
 * The M3U Plus playlist of the demo channels, as an IPTV provider would publish it: `tvg-*`
 * attributes, a group per channel, the XMLTV guide's address and absolute stream URLs; films
 * and episodes follow, with their length and poster, under Xtream-style `/movie/` and `/series/`
 * URLs.
 */
import { type DemoChannel, type DemoTitle, titlePath } from "../demo-channels.ts";

export type StreamOutput = "hls" | "ts";

export function renderM3uPlaylist(
  channels: readonly DemoChannel[],
  baseUrl: string,
  output: StreamOutput,
  titles: readonly DemoTitle[] = [],
): string {
  const lines = [`#EXTM3U url-tvg="${baseUrl}/epg.xml" x-tvg-url="${baseUrl}/epg.xml"`];
  for (const channel of channels) {
    const attributes = [
      `tvg-id="${attribute(channel.tvgId)}"`,
      `tvg-name="${attribute(channel.name)}"`,
      `tvg-logo="${baseUrl}/logos/${channel.id}.svg"`,
      `tvg-chno="${channel.number}"`,
      `group-title="${attribute(channel.group)}"`,
    ];
    lines.push(`#EXTINF:-1 ${attributes.join(" ")},${channel.name}`, streamUrl(baseUrl, channel, output));
  }
  for (const title of titles) {
    const attributes = [
      `tvg-name="${attribute(title.name)}"`,
      `tvg-logo="${baseUrl}/posters/${title.id}.svg"`,
      `group-title="${attribute(title.group)}"`,
    ];
    lines.push(
      `#EXTINF:${title.seconds} ${attributes.join(" ")},${title.name}`,
      `${baseUrl}${titlePath(title)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function streamUrl(baseUrl: string, channel: DemoChannel, output: StreamOutput): string {
  return output === "ts" ? `${baseUrl}/ts/${channel.id}.ts` : `${baseUrl}/hls/${channel.id}/index.m3u8`;
}

/** M3U attributes have no escaping; a quote or line break would end them. */
function attribute(value: string): string {
  return value.replace(/["\r\n]/g, " ");
}
