/**
 * Small SVG logos for the demo channels: the channel's colour and its name's initials, so the
 * channel list and the guide show something recognisable without image fixtures.
 */
import type { DemoChannel, DemoTitle } from "../demo-channels.ts";

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .map((word) => word.charAt(0))
    .join("")
    .slice(0, 3)
    .toUpperCase();
}

/** A 2:3 poster for a demo film or episode: colour, initials and, for episodes, "S01 E02". */
export function renderPoster(title: DemoTitle): string {
  const episode = /S\d+\s?E\d+/i.exec(title.name)?.[0];
  const caption = episode ?? "Film";
  const initials = initialsOf(episode ? title.name.replace(episode, "") : title.name);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="300" viewBox="0 0 200 300">',
    `<title>${escapeXml(title.name)}</title>`,
    `<rect width="200" height="300" rx="16" fill="${escapeXml(title.colour)}"/>`,
    '<text x="100" y="160" font-family="DejaVu Sans, Arial, sans-serif" font-size="72" font-weight="700"',
    ` fill="#ffffff" text-anchor="middle">${escapeXml(initials)}</text>`,
    '<text x="100" y="250" font-family="DejaVu Sans, Arial, sans-serif" font-size="24" fill="#ffffff"',
    ` fill-opacity="0.85" text-anchor="middle">${escapeXml(caption)}</text>`,
    "</svg>",
    "",
  ].join("\n");
}

export function renderChannelLogo(channel: DemoChannel): string {
  const initials = initialsOf(channel.name);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">',
    `<title>${escapeXml(channel.name)}</title>`,
    `<rect width="256" height="256" rx="40" fill="${escapeXml(channel.colour)}"/>`,
    '<text x="128" y="150" font-family="DejaVu Sans, Arial, sans-serif" font-size="88" font-weight="700"',
    ` fill="#ffffff" text-anchor="middle">${escapeXml(initials)}</text>`,
    `<text x="128" y="212" font-family="DejaVu Sans, Arial, sans-serif" font-size="28" fill="#ffffff"`,
    ` fill-opacity="0.85" text-anchor="middle">${channel.number}</text>`,
    "</svg>",
    "",
  ].join("\n");
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
