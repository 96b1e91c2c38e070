/**
 * Small SVG logos for the demo channels: the channel's colour and its name's initials, so the
 * channel list and the guide show something recognisable without image fixtures.
 */
import type { DemoChannel } from "../demo-channels.ts";

export function renderChannelLogo(channel: DemoChannel): string {
  const initials = channel.name
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join("")
    .slice(0, 3)
    .toUpperCase();
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
