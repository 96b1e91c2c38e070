/**
 * A rolling XMLTV guide for the demo channels: 30-minute programmes from the start of yesterday
 * (UTC) to the end of the day after tomorrow, derived from the clock alone so every fetch and
 * every instance agrees on what is on.
 */
import type { DemoChannel } from "../demo-channels.ts";
import { escapeXml } from "./channel-logo.ts";

const SLOT_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Show {
  title: string;
  category: string;
  desc: string;
}

const SHOWS: readonly Show[] = [
  {
    title: "Morning Test Card",
    category: "Technology",
    desc: "Colour bars and a steady tone to set up your screen.",
  },
  { title: "Pattern Hour", category: "Technology", desc: "Moving test patterns, ideal for checking motion." },
  { title: "The Signal", category: "News", desc: "Headlines from the world of broadcasting." },
  { title: "Bars & Tone Live", category: "Music", desc: "A sine wave in concert." },
  { title: "Frame by Frame", category: "Documentary", desc: "Twenty-five frames a second, one at a time." },
  { title: "Keyframe Kitchen", category: "Entertainment", desc: "Cooking up a fresh GOP every two seconds." },
  { title: "Night Loop", category: "Entertainment", desc: "Eight seconds, on repeat, until morning." },
];

export function renderXmltvGuide(channels: readonly DemoChannel[], baseUrl: string, nowMs: number): string {
  const from = Math.floor(nowMs / DAY_MS) * DAY_MS - DAY_MS;
  const to = from + 4 * DAY_MS;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE tv SYSTEM "xmltv.dtd">',
    '<tv generator-info-name="NeveWatch demo origin" source-info-name="NeveWatch demo">',
  ];
  for (const channel of channels) {
    lines.push(
      `  <channel id="${escapeXml(channel.tvgId)}">`,
      `    <display-name lang="en">${escapeXml(channel.name)}</display-name>`,
      `    <display-name>${channel.number}</display-name>`,
      `    <icon src="${escapeXml(`${baseUrl}/logos/${channel.id}.svg`)}"/>`,
      "  </channel>",
    );
  }
  for (const channel of channels) {
    for (let start = from; start < to; start += SLOT_MS) lines.push(...programme(channel, start));
  }
  lines.push("</tv>", "");
  return lines.join("\n");
}

function programme(channel: DemoChannel, start: number): string[] {
  const slot = Math.floor(start / SLOT_MS);
  const show = SHOWS[(slot + channel.number * 3) % SHOWS.length] ?? SHOWS[0];
  if (show === undefined) return [];
  return [
    `  <programme start="${xmltvTime(start)}" stop="${xmltvTime(start + SLOT_MS)}" channel="${escapeXml(channel.tvgId)}">`,
    `    <title lang="en">${escapeXml(show.title)}</title>`,
    `    <desc lang="en">${escapeXml(`${show.desc} On ${channel.name}.`)}</desc>`,
    `    <category lang="en">${escapeXml(show.category)}</category>`,
    "  </programme>",
  ];
}

/** XMLTV's `YYYYMMDDhhmmss +0000`. */
export function xmltvTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19).replace(/[-T:]/g, "")} +0000`;
}
