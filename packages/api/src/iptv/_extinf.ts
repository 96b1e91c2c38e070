/** The parts of an `#EXTINF:` (or `#EXTM3U`) line, read the way players read them. */
export interface DirectiveLine {
  /** Seconds after the colon; -1 when absent or unreadable. */
  duration: number;
  /** Attributes in source order, keys lower-cased; the first of a repeated key wins. */
  attributes: Map<string, string>;
  /** Text after the first comma outside quotes, trimmed; undefined when there is no comma. */
  title: string | undefined;
  problems: string[];
}

const DURATION = /^\s*([+-]?\d+(?:\.\d+)?)/;

/** Reads the text after `#EXTINF:`: `<duration> key="value" key2='v' key3=v,<title>`. */
export function parseExtinf(body: string): DirectiveLine {
  const match = DURATION.exec(body);
  const problems: string[] = [];
  let duration = -1;
  let start = 0;
  if (match?.[1] === undefined) {
    problems.push("#EXTINF has no duration; assuming -1");
  } else {
    duration = Number(match[1]);
    start = match[0].length;
  }
  const scanned = scanAttributes(body, start, problems);
  return { duration, attributes: scanned.attributes, title: scanned.title, problems };
}

/** Reads the attributes after `#EXTM3U`. */
export function parseHeaderAttributes(body: string): DirectiveLine {
  const problems: string[] = [];
  const scanned = scanAttributes(body, 0, problems);
  return { duration: -1, attributes: scanned.attributes, title: scanned.title, problems };
}

/** Spaces, then `key="value"`: key characters as `isKeyChar` reads them, the value up to its quote. */
const QUOTED_ATTRIBUTE = /[ \t]*([^ \t=,"']+)="([^"]*)"/y;

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** Key characters stop at whitespace, `=`, `,` and quotes. */
function isKeyChar(code: number): boolean {
  return !isSpace(code) && code !== 61 && code !== 44 && code !== 34 && code !== 39;
}

function scanAttributes(
  text: string,
  from: number,
  problems: string[],
): { attributes: Map<string, string>; title: string | undefined } {
  const attributes = new Map<string, string>();
  const length = text.length;
  // Words that are not attributes are skipped one by one and reported together.
  let strayStart = -1;
  let strayEnd = -1;
  const reportStray = (): void => {
    if (strayStart < 0) return;
    problems.push(`ignoring unexpected text "${truncate(text.slice(strayStart, strayEnd))}"`);
    strayStart = -1;
  };
  let i = from;
  while (i < length) {
    // The common shape, ` key="value"`, in one step of the regex engine; anything else
    // (unquoted or single-quoted values, stray words, a missing quote) by the scanner below.
    QUOTED_ATTRIBUTE.lastIndex = i;
    const quoted = QUOTED_ATTRIBUTE.exec(text);
    if (quoted !== null) {
      reportStray();
      const key = (quoted[1] as string).toLowerCase();
      if (attributes.has(key)) problems.push(`repeated attribute "${key}"; keeping the first`);
      else attributes.set(key, quoted[2] as string);
      i = QUOTED_ATTRIBUTE.lastIndex;
      continue;
    }
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    if (code === 44) {
      reportStray();
      return { attributes, title: text.slice(i + 1).trim() };
    }
    const keyStart = i;
    while (i < length && isKeyChar(text.charCodeAt(i))) i++;
    if (i === keyStart || text.charCodeAt(i) !== 61) {
      if (text.indexOf(",", keyStart) < 0) {
        problems.push("no comma before the title; reading the rest of the line as the title");
        return { attributes, title: text.slice(strayStart < 0 ? keyStart : strayStart).trim() };
      }
      if (strayStart < 0) strayStart = keyStart;
      while (i < length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 44) i++;
      strayEnd = i;
      continue;
    }
    reportStray();
    const key = text.slice(keyStart, i).toLowerCase();
    i++;
    let value: string;
    const quote = text.charCodeAt(i);
    if (quote === 34 || quote === 39) {
      const end = text.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (end < 0) {
        // Unterminated quote: the value runs to the next comma so that the title survives.
        const comma = text.indexOf(",", i + 1);
        const stop = comma < 0 ? length : comma;
        problems.push(`unterminated quote in attribute "${key}"`);
        value = text.slice(i + 1, stop);
        i = stop;
      } else {
        value = text.slice(i + 1, end);
        i = end + 1;
      }
    } else {
      const valueStart = i;
      while (i < length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 44) i++;
      value = text.slice(valueStart, i);
    }
    if (attributes.has(key)) problems.push(`repeated attribute "${key}"; keeping the first`);
    else attributes.set(key, value);
  }
  reportStray();
  return { attributes, title: undefined };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
