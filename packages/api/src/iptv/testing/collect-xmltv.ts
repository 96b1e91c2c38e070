import type { ByteSource, ParseWarning } from "../catalog-entry.ts";
import {
  parseXmltv,
  type XmltvChannel,
  type XmltvParseOptions,
  type XmltvProgramme,
} from "../xmltv-parser.ts";

export interface CollectedXmltv {
  channels: XmltvChannel[];
  programmes: XmltvProgramme[];
  warnings: ParseWarning[];
}

/** Runs the streaming XMLTV parser to the end and gathers what it yielded; for tests. */
export async function collectXmltv(source: ByteSource, options?: XmltvParseOptions): Promise<CollectedXmltv> {
  const result: CollectedXmltv = { channels: [], programmes: [], warnings: [] };
  for await (const event of parseXmltv(source, options)) {
    if (event.type === "channel") result.channels.push(event.channel);
    else if (event.type === "programme") result.programmes.push(event.programme);
    else result.warnings.push({ line: event.line, message: event.message });
  }
  return result;
}
