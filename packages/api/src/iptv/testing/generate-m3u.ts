import { seededRandom } from "./seeded-random.ts";

export interface GenerateM3uOptions {
  /** Number of entries. */
  count: number;
  /** Same seed, same playlist. Default 1. */
  seed?: number;
  /** Panel base URL. Default `http://panel.example.net:8080`. */
  baseUrl?: string;
  username?: string;
  password?: string;
  /** Share of live, VOD and series entries; normalised. Default 60/30/10. */
  mix?: { live: number; vod: number; series: number };
}

const COUNTRIES = ["UK", "US", "FR", "DE", "ES", "IT", "AR", "PT", "NL", "PL", "TR", "IN", "CA", "EX-YU"];
const CHANNELS = [
  "BBC One",
  "Sky Sports Main Event",
  "CNN International",
  "TF1",
  "Das Erste",
  "La 1",
  "Rai 1",
  "beIN Sports 1",
  "MBC 1",
  "RTP 1",
  "NPO 1",
  "TVP 1",
  "TRT 1",
  "Star Plus",
  "CBC Toronto",
  "Canal+ Sport",
  "France 2",
  "ZDF",
  "Antena 3",
  "Al Jazeera English",
  "Télé-Québec",
  "Россия 1",
  "Первый канал",
  "قناة الجزيرة",
  "Nat Geo Wild",
  "Discovery Channel",
  "Cartoon Network",
  "E! Entertainment",
];
const QUALITIES = ["", " HD", " FHD", " UHD", " 4K", " ᴴᴰ", " +1", " (backup)", " HEVC", " SD"];
const LIVE_GROUPS = [
  "Entertainment",
  "Général",
  "Sports",
  "News",
  "Kids",
  "Documentaries",
  "Movies 24/7",
  "Music",
];
const FILMS = [
  "The Godfather (1972)",
  "Amélie (2001)",
  "Spirited Away (2001)",
  "Parasite, the Black and White Edition (2019)",
  "Léon: The Professional (1994)",
  "Crouching Tiger, Hidden Dragon (2000)",
  "Der Untergang (2004)",
  "Cidade de Deus (2002)",
];
const SHOWS = ["Breaking Bad", "La Casa de Papel", "Dark", "The Office (US)", "Gomorra", "Narcos: México"];
const VOD_GROUPS = ["VOD | Action", "VOD | Drama", "VOD | Comédie", "Movies 2024", "4K Movies"];
const SERIES_GROUPS = ["Series | Drama", "Séries | Crime", "TV Shows"];

/**
 * Yields an M3U+ playlist in pieces of about a thousand entries, with the shapes real panels
 * serve: Xtream-style URLs, country prefixes and quality suffixes, non-Latin names, long logo
 * URLs, catch-up attributes, commas in titles and in quoted attributes.
 */
export function* generateM3uChunks(options: GenerateM3uOptions): Generator<string> {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const base = options.baseUrl ?? "http://panel.example.net:8080";
  const user = options.username ?? "demo_user";
  const pass = options.password ?? "s3cr3t";
  const mix = options.mix ?? { live: 60, vod: 30, series: 10 };
  const total = mix.live + mix.vod + mix.series;
  yield `#EXTM3U x-tvg-url="${base}/xmltv.php?username=${user}&password=${pass}" url-tvg="${base}/epg.xml.gz"\n`;
  let text = "";
  for (let i = 1; i <= options.count; i++) {
    const roll = random() * total;
    const id = 10_000 + i;
    if (roll < mix.live) {
      const country = pick(COUNTRIES);
      const channel = pick(CHANNELS);
      const name = `${country}: ${channel}${pick(QUALITIES)}`;
      const slug = channel.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      const catchup = random() < 0.2 ? ` catchup="xc" catchup-days="${1 + Math.floor(random() * 7)}"` : "";
      const ext = random() < 0.5 ? "" : ".ts";
      text +=
        `#EXTINF:-1 tvg-id="${slug}.${country.toLowerCase()}" tvg-name="${name}" ` +
        `tvg-logo="https://picons.example-cdn.net/logos/${country.toLowerCase()}/${slug}-${id}.png?v=${id}" ` +
        `tvg-chno="${i}" group-title="${country} | ${pick(LIVE_GROUPS)}"${catchup},${name}\n` +
        `${base}/${user}/${pass}/${id}${ext}\n`;
    } else if (roll < mix.live + mix.vod) {
      const film = pick(FILMS);
      text +=
        `#EXTINF:-1 tvg-id="" tvg-name="${film}" tvg-logo="https://image.tmdb.example.org/t/p/w600_and_h900_bestv2/${id}.jpg" ` +
        `group-title="${pick(VOD_GROUPS)}",${film}\n${base}/movie/${user}/${pass}/${id}.${pick(["mkv", "mp4", "avi"])}\n`;
    } else {
      const show = pick(SHOWS);
      const season = 1 + Math.floor(random() * 6);
      const episode = 1 + Math.floor(random() * 12);
      const title = `${show} S${pad(season)} E${pad(episode)}`;
      text +=
        `#EXTINF:-1 tvg-id="" tvg-name="${title}" tvg-logo="https://image.tmdb.example.org/t/p/w185/${id}.jpg" ` +
        `group-title="${pick(SERIES_GROUPS)}",${title}\n${base}/series/${user}/${pass}/${id}.${pick(["mkv", "mp4"])}\n`;
    }
    if (i % 1000 === 0) {
      yield text;
      text = "";
    }
  }
  if (text !== "") yield text;
}

/** The whole generated playlist as one string; for tests with small counts. */
export function generateM3u(options: GenerateM3uOptions): string {
  let text = "";
  for (const chunk of generateM3uChunks(options)) text += chunk;
  return text;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
