import { buildEntry, type PendingEntry } from "./_build-entry.ts";
import { parseExtinf, parseHeaderAttributes } from "./_extinf.ts";
import { fingerprint } from "./_fingerprint.ts";
import { FingerprintMap } from "./_fingerprint-map.ts";
import { headerFromAttributes, type M3uHeader } from "./m3u-header.ts";
import type { M3uEvent } from "./m3u-parser.ts";

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const NOT_A_PATH = /\s|^[<{[]/;

/**
 * The synchronous heart of the M3U parser: fed lines in order, it turns them into events.
 * Directives between entries (`#EXTGRP`, `#EXTVLCOPT`, `#KODIPROP`, `#EXTHTTP`) belong to the
 * next URL line, whether they come before or after its `#EXTINF`.
 */
export class M3uLineReader {
  readonly #maxLineLength: number;
  readonly #seen: FingerprintMap | undefined;
  #line = 0;
  #started = false;
  #header: M3uHeader | undefined;
  #pending: PendingEntry = emptyPending();
  #extinfLine = 0;
  #hlsWarned = false;

  constructor(maxLineLength: number, detectDuplicates: boolean) {
    this.#maxLineLength = maxLineLength;
    this.#seen = detectDuplicates ? new FingerprintMap() : undefined;
  }

  read(lines: readonly (string | null)[], out: M3uEvent[]): void {
    for (const raw of lines) {
      this.#line++;
      if (raw === null) {
        this.#warn(out, `line is longer than ${this.#maxLineLength} characters; skipped`);
        continue;
      }
      const text = (raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).trim();
      if (text === "") continue;
      if (text.includes("\uFFFD")) this.#warn(out, "invalid UTF-8 bytes replaced with U+FFFD");
      if (!this.#started) {
        this.#started = true;
        if (!/^#EXTM3U\b/i.test(text)) this.#warn(out, "playlist does not start with #EXTM3U");
      }
      if (text.charCodeAt(0) === 35) this.#directive(text, out);
      else this.#urlLine(text, out);
    }
  }

  end(out: M3uEvent[]): void {
    if (this.#extinfLine > 0) {
      out.push({
        type: "warning",
        line: this.#extinfLine,
        message: "#EXTINF is not followed by a URL; dropped",
      });
    }
    if (!this.#started) out.push({ type: "warning", line: 0, message: "playlist is empty" });
  }

  #directive(text: string, out: M3uEvent[]): void {
    const colon = text.indexOf(":");
    const space = text.search(/\s/);
    const tagEnd = colon < 0 ? (space < 0 ? text.length : space) : space < 0 ? colon : Math.min(colon, space);
    const tag = text.slice(0, tagEnd).toUpperCase();
    const body = text.slice(colon >= 0 && colon === tagEnd ? tagEnd + 1 : tagEnd);
    switch (tag) {
      case "#EXTM3U":
        this.#headerLine(body, out);
        break;
      case "#EXTINF":
        this.#extinf(body, out);
        break;
      case "#EXTGRP":
        this.#pending.extgrp = body.trim();
        break;
      case "#EXTVLCOPT":
        this.#vlcOption(body, out);
        break;
      case "#KODIPROP":
        this.#kodiProp(body, out);
        break;
      case "#EXTHTTP":
        this.#httpHeaders(body, out);
        break;
      default:
        if (tag.startsWith("#EXT-X-") && !this.#hlsWarned) {
          this.#hlsWarned = true;
          this.#warn(out, "this looks like an HLS media playlist, not a channel list");
        }
    }
  }

  #kodiProp(body: string, out: M3uEvent[]): void {
    const [key, value] = splitOption(body);
    if (key === "") this.#warn(out, "#KODIPROP without a property name; ignored");
    else this.#pending.kodiProps = { ...this.#pending.kodiProps, [key]: value };
  }

  #headerLine(body: string, out: M3uEvent[]): void {
    const problems: string[] = [];
    this.#header = headerFromAttributes(parseHeaderAttributes(body), problems);
    for (const message of problems) this.#warn(out, message);
    out.push({ type: "header", line: this.#line, header: this.#header });
  }

  #extinf(body: string, out: M3uEvent[]): void {
    if (this.#extinfLine > 0) {
      out.push({
        type: "warning",
        line: this.#extinfLine,
        message: "#EXTINF is not followed by a URL; dropped",
      });
      this.#pending = emptyPending();
    }
    const parsed = parseExtinf(body);
    for (const message of parsed.problems) this.#warn(out, message);
    this.#pending.duration = parsed.duration;
    this.#pending.title = parsed.title;
    this.#pending.attributes = parsed.attributes;
    this.#extinfLine = this.#line;
  }

  #vlcOption(body: string, out: M3uEvent[]): void {
    const [key, value] = splitOption(body);
    if (key === "") {
      this.#warn(out, "#EXTVLCOPT without an option name; ignored");
      return;
    }
    const name = key.toLowerCase();
    if (name === "http-user-agent") this.#pending.userAgent = value;
    else if (name === "http-referrer" || name === "http-referer") this.#pending.referrer = value;
    else this.#pending.vlcOptions = { ...this.#pending.vlcOptions, [name]: value };
  }

  #httpHeaders(body: string, out: M3uEvent[]): void {
    const parsed = parseJsonObject(body);
    if (parsed === undefined) {
      this.#warn(out, "#EXTHTTP is not a JSON object; ignored");
      return;
    }
    const headers: Record<string, string> = { ...this.#pending.httpHeaders };
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "string") headers[key] = value;
    }
    this.#pending.httpHeaders = headers;
  }

  #urlLine(text: string, out: M3uEvent[]): void {
    if (!URL_SCHEME.test(text) && NOT_A_PATH.test(text)) {
      this.#warn(out, "line is neither a directive nor a URL; ignored");
      return;
    }
    const problems: string[] = [];
    const entry = buildEntry(this.#pending, text, this.#header, problems);
    const line = this.#extinfLine > 0 ? this.#extinfLine : this.#line;
    for (const message of problems) out.push({ type: "warning", line, message });
    this.#pending = emptyPending();
    this.#extinfLine = 0;
    if (this.#seen !== undefined) {
      const first = this.#seen.firstLine(fingerprint(entry.url, entry.title), line);
      if (first !== undefined)
        out.push({ type: "warning", line, message: `duplicate of the entry at line ${first}` });
    }
    out.push({ type: "entry", line, entry });
  }

  #warn(out: M3uEvent[], message: string): void {
    out.push({ type: "warning", line: this.#line, message });
  }
}

function emptyPending(): PendingEntry {
  return {
    duration: -1,
    title: undefined,
    attributes: new Map(),
    extgrp: undefined,
    userAgent: undefined,
    referrer: undefined,
    httpHeaders: undefined,
    vlcOptions: undefined,
    kodiProps: undefined,
  };
}

/** `key=value`; a flag without `=` gets an empty value. */
function splitOption(body: string): [string, string] {
  const eq = body.indexOf("=");
  if (eq < 0) return [body.trim(), ""];
  return [body.slice(0, eq).trim(), body.slice(eq + 1).trim()];
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON: the caller warns.
  }
  return undefined;
}
