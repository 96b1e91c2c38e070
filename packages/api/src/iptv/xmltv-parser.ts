import { SaxesParser } from "saxes";
import { decodeXml } from "./_decode-xml.ts";
import { HTML_ENTITIES } from "./_html-entities.ts";
import { maybeGunzip } from "./_maybe-gunzip.ts";
import { XmlSanitizer } from "./_xml-sanitizer.ts";
import { XmltvCollector } from "./_xmltv-collector.ts";
import type { ByteSource } from "./catalog-entry.ts";
import { type DefaultTimeZone, xmltvTimeReader } from "./xmltv-time.ts";

export interface XmltvChannel {
  id: string;
  /** Every `<display-name>`, in document order. */
  displayNames: string[];
  icon?: string;
  url?: string;
}

export interface XmltvProgramme {
  /** The `id` of the `<channel>` it airs on. */
  channel: string;
  /** UTC epoch milliseconds. */
  start: number;
  /** UTC epoch milliseconds; absent when the guide leaves it out. */
  stop?: number;
  title: string;
  subTitle?: string;
  description?: string;
  categories?: string[];
  episodeNums?: { system?: string; value: string }[];
  /** 1-based, from the first `<episode-num>` that reads. */
  season?: number;
  episode?: number;
  icon?: string;
  ratings?: { system?: string; value: string }[];
}

/** What the XMLTV parser yields, in document order. Warnings never stop the parse. */
export type XmltvEvent =
  | { type: "channel"; line: number; channel: XmltvChannel }
  | { type: "programme"; line: number; programme: XmltvProgramme }
  | { type: "warning"; line: number; message: string };

export interface XmltvParseOptions {
  /** Zone of times written without an offset. Default 0 (UTC). */
  defaultTimeZone?: DefaultTimeZone;
  /** Preferred `lang` for titles and descriptions (e.g. `"fr"`); otherwise the first one wins. */
  language?: string;
  /** XML syntax errors reported one by one before the rest are only counted. Default 100. */
  maxXmlErrors?: number;
}

/**
 * Parses an XMLTV guide as it streams in, plain or gzipped (detected by its magic bytes), in
 * the encoding it declares. Memory depends on the largest programme, not on the guide. Bare
 * `&`, control characters and HTML entities, all common in real exports, are tolerated.
 */
export async function* parseXmltv(
  source: ByteSource,
  options: XmltvParseOptions = {},
): AsyncGenerator<XmltvEvent> {
  const events: XmltvEvent[] = [];
  const parser = new SaxesParser();
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const collector = new XmltvCollector({
    readTime: xmltvTimeReader(options.defaultTimeZone ?? 0),
    language: options.language?.toLowerCase(),
    maxXmlErrors: options.maxXmlErrors ?? 100,
    out: events,
  });
  collector.attach(parser);
  const sanitizer = new XmlSanitizer();
  const warn = (message: string): void => {
    events.push({ type: "warning", line: 0, message });
  };
  for await (const text of decodeXml(maybeGunzip(source), warn)) {
    parser.write(sanitizer.push(text));
    for (const event of events) yield event;
    events.length = 0;
  }
  parser.write(sanitizer.flush());
  parser.close();
  if (sanitizer.ampersands > 0) warn(`escaped ${sanitizer.ampersands} bare "&" characters`);
  if (sanitizer.controls > 0) warn(`removed ${sanitizer.controls} control characters`);
  collector.finish();
  yield* events;
}
