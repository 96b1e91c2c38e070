import { seededRandom } from "./seeded-random.ts";

export interface GenerateXmltvOptions {
  channels: number;
  days: number;
  /** First programme start, UTC epoch ms. Default 2024-03-25T00:00:00Z (a week spanning a DST change). */
  start?: number;
  seed?: number;
  /** Offset written on every time, e.g. `"+0100"`. Default `"+0000"`. */
  offset?: string;
}

const TITLES = [
  "News at Six",
  "Match of the Day",
  "Le Journal",
  "Tagesschau",
  "Planet Earth",
  "Doctor Who",
  "Café & Croissants",
];
const CATEGORIES = ["News", "Sports", "Documentary", "Drama", "Kids", "Movie", "Entertainment"];

/**
 * Yields an XMLTV guide in pieces, one channel's programmes per piece: the channel list first,
 * then back-to-back programmes of 15 to 120 minutes with the elements real guides carry.
 */
export function* generateXmltvChunks(options: GenerateXmltvOptions): Generator<string> {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const start = options.start ?? Date.UTC(2024, 2, 25);
  const end = start + options.days * 86_400_000;
  const offset = options.offset ?? "+0000";
  const shift = offsetMinutes(offset) * 60_000;
  const time = (utc: number): string => `${stamp(utc + shift)} ${offset}`;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd">\n<tv generator-info-name="nevewatch-bench">\n';
  let text = "";
  for (let c = 1; c <= options.channels; c++) {
    text +=
      `  <channel id="channel-${c}.example">\n    <display-name lang="en">Channel ${c} HD</display-name>\n` +
      `    <display-name>${c}</display-name>\n    <icon src="https://picons.example-cdn.net/${c}.png"/>\n  </channel>\n`;
  }
  yield text;
  for (let c = 1; c <= options.channels; c++) {
    text = "";
    let at = start;
    let episode = 1;
    while (at < end) {
      const stop = at + (15 + Math.floor(random() * 8) * 15) * 60_000;
      const title = pick(TITLES).replace("&", "&amp;");
      text +=
        `  <programme start="${time(at)}" stop="${time(stop)}" channel="channel-${c}.example">\n` +
        `    <title lang="en">${title}</title>\n` +
        (random() < 0.5 ? `    <sub-title lang="en">Episode ${episode}</sub-title>\n` : "") +
        `    <desc lang="en">${title}: an episode description long enough to look like the real thing, with a few ` +
        `details about who appears and what happens in it.</desc>\n` +
        `    <category lang="en">${pick(CATEGORIES)}</category>\n` +
        `    <episode-num system="xmltv_ns">${Math.floor(episode / 20)}.${episode % 20}.</episode-num>\n` +
        `    <rating system="VCHIP"><value>TV-PG</value></rating>\n  </programme>\n`;
      at = stop;
      episode++;
    }
    yield text;
  }
  yield "</tv>\n";
}

/** The whole generated guide as one string; for tests with small sizes. */
export function generateXmltv(options: GenerateXmltvOptions): string {
  let text = "";
  for (const chunk of generateXmltvChunks(options)) text += chunk;
  return text;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith("-") ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
}
