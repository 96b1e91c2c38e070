/** A channel name taken apart for EPG matching. */
export interface ChannelName {
  /** Comparison key: lower-case letters and digits of any script, no accents, no spaces ("bbc1"). */
  key: string;
  /** The name without country, quality and time-shift decorations, as written ("BBC One"). */
  name: string;
  /** Upper-case country or region tag the name carried ("UK", "EX-YU"). */
  country?: string;
  /** First quality tag found, upper-case ("HD", "FHD", "4K", "HEVC"). */
  quality?: string;
  /** Hours of a `+1`-style time-shift channel. */
  timeshiftHours?: number;
}

const COUNTRIES = new Set(
  (
    "UK GB US USA CA AU NZ IE FR BE NL DE AT CH ES PT IT GR TR PL RO BG HU CZ SK SI HR RS BA MK AL ME XK RU UA " +
    "BY LT LV EE FI SE NO DK IS IN PK BD LK NP AF IR IQ SA AE QA KW BH OM YE JO LB SY PS IL EG LY TN DZ MA SD NG " +
    "GH KE ZA ET SN CM CI MX BR AR CL CO PE VE EC UY PY BO CU DO PR JM TT CN HK TW JP KR PH VN TH MY ID SG KH " +
    "LAT LATAM LATINO EXYU EX-YU ARB ARAB AFR AFRICA ASIA CARIB KUR KURD"
  ).split(" "),
);

const SEPARATORS = "|:\\-–—»•●◉★/▎┃¦";
const PREFIX = new RegExp(
  `^[\\s|[(【{]*([A-Za-z]{2,6}(?:-[A-Za-z]{2,4})?)\\s*[\\])】}]?\\s*[${SEPARATORS}]+\\s*|^\\s*[[(]([A-Za-z]{2,6}(?:-[A-Za-z]{2,4})?)[\\])]\\s*`,
);
const SUFFIX = /\s*[[(]([A-Za-z]{2,6}(?:-[A-Za-z]{2,4})?)[\])]\s*$/;
const EPG_ID_COUNTRY = /^(\S+)\.([a-z]{2,3})$/i;
const TIMESHIFT = /(?:(?<=\s)\+\s?|(?<=[\p{L}\s])\+)(\d{1,2})(?!\d)(?:\s?h(?:ours?)?\b)?/u;
const QUALITY =
  /(?<![\p{L}\p{N}])(f(?:ull)?\s?hd|u(?:ltra)?\s?hd|hd\+?|sd|hq|lq|[48]k|hevc|h\.?26[45]|x26[45]|(?:2160|1080|720|576|480)[pi]|(?:25|30|50|60)\s?fps|hdr(?:10)?|raw|backup|bkp|vip|multi[\s-]?audio)(?![\p{L}\p{N}])/giu;
const NUMBER_WORDS: Record<string, string> = {
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
};

/**
 * Takes a playlist or EPG channel name apart: country tags ("UK:", "|US|", "[FR]", ".uk" on
 * EPG ids), quality tags (HD, FHD, UHD, 4K, HEVC, ᴴᴰ), time shift ("+1") and punctuation go,
 * and the rest becomes a key that both sides of an EPG match share: "UK: BBC ONE ᴴᴰ",
 * "|UK| BBC 1 FHD" and the id "BBCOne.uk" all give "bbc1".
 */
export function parseChannelName(raw: string): ChannelName {
  let text = raw.normalize("NFKC").trim();
  let country: string | undefined;
  const prefix = PREFIX.exec(text);
  const prefixCode = prefix?.[1] ?? prefix?.[2];
  if (
    prefix !== null &&
    prefixCode !== undefined &&
    isCountry(prefixCode) &&
    prefix[0].length < text.length
  ) {
    country = prefixCode.toUpperCase();
    text = text.slice(prefix[0].length);
  }
  const suffix = SUFFIX.exec(text);
  if (suffix?.[1] !== undefined && isCountry(suffix[1]) && suffix.index > 0) {
    country ??= suffix[1].toUpperCase();
    text = text.slice(0, suffix.index);
  }
  const id = EPG_ID_COUNTRY.exec(text);
  if (id?.[1] !== undefined && id[2] !== undefined && isCountry(id[2])) {
    country ??= id[2].toUpperCase();
    text = id[1];
  }
  const result: ChannelName = { key: "", name: "" };
  const shift = TIMESHIFT.exec(text);
  if (shift?.[1] !== undefined) {
    result.timeshiftHours = Number(shift[1]);
    text = `${text.slice(0, shift.index)} ${text.slice(shift.index + shift[0].length)}`;
  }
  text = text.replace(QUALITY, (token) => {
    result.quality ??= token.toUpperCase().replace(/\s+/g, "");
    return " ";
  });
  result.name = tidy(text);
  // A name that is nothing but tags ("HD") keeps them rather than matching everything empty.
  result.key = matchKey(result.name) || matchKey(raw.normalize("NFKC"));
  if (country !== undefined) result.country = country;
  return result;
}

/** The comparison key alone; see `parseChannelName`. */
export function channelMatchKey(raw: string): string {
  return parseChannelName(raw).key;
}

function isCountry(code: string): boolean {
  return COUNTRIES.has(code.toUpperCase());
}

/** Drops brackets and separators left empty or dangling by the removals. */
function tidy(text: string): string {
  return text
    .replace(/[[({]\s*[\])}]/g, " ")
    .replace(new RegExp(`^[\\s${SEPARATORS}]+|[\\s${SEPARATORS}]+$`, "g"), "")
    .replace(/\s+/g, " ")
    .trim();
}

function matchKey(name: string): string {
  const words = name
    // "BBCOne" and "SkySports" are two words each.
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\+/g, " plus ")
    .match(/[\p{L}\p{N}]+/gu);
  return (words ?? []).map((word) => NUMBER_WORDS[word] ?? word).join("");
}
