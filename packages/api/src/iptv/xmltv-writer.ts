/**
 * XMLTV writer: the `<tv>` document the XMLTV DTD accepts (`tv_validate_file`), one element at a
 * time so a caller can stream a guide of any size. Times are written in UTC.
 */

/** Characters XML 1.0 has no place for, even escaped (C0 controls but tab and newlines). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text and attribute values: the five XML entities escaped, characters XML forbids dropped. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/[<>&"']/g, (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`);
}

/** An XMLTV time (`YYYYMMDDhhmmss +0000`) from an ISO 8601 UTC instant or epoch milliseconds. */
export function formatXmltvTime(at: string | number): string {
  const iso = typeof at === "number" ? new Date(at).toISOString() : at;
  return `${iso.slice(0, 19).replace(/[-:T]/g, "")} +0000`;
}

/** The XML declaration, the DOCTYPE and the opening `<tv>`. */
export function formatXmltvHeader(generator = "NeveWatch"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd">\n<tv generator-info-name="${xmlText(generator)}">\n`;
}

export const XMLTV_FOOTER = "</tv>\n";

export interface XmltvChannelInput {
  id: string;
  displayName: string;
  icon?: string | null | undefined;
}

/** One `<channel>` line. The DTD wants every channel before every programme. */
export function formatXmltvChannel(channel: XmltvChannelInput): string {
  const icon = channel.icon ? `<icon src="${xmlText(channel.icon)}"/>` : "";
  return `<channel id="${xmlText(channel.id)}"><display-name>${xmlText(channel.displayName)}</display-name>${icon}</channel>\n`;
}

export interface XmltvProgrammeInput {
  channel: string;
  /** ISO 8601 UTC or epoch milliseconds. */
  start: string | number;
  stop: string | number;
  title: string;
  subTitle?: string | null | undefined;
  description?: string | null | undefined;
  categories?: readonly string[] | undefined;
}

/** One `<programme>` line, its children in the order the DTD requires. */
export function formatXmltvProgramme(p: XmltvProgrammeInput): string {
  let text = `<programme start="${formatXmltvTime(p.start)}" stop="${formatXmltvTime(p.stop)}" channel="${xmlText(p.channel)}"><title>${xmlText(p.title)}</title>`;
  if (p.subTitle) text += `<sub-title>${xmlText(p.subTitle)}</sub-title>`;
  if (p.description) text += `<desc>${xmlText(p.description)}</desc>`;
  for (const c of p.categories ?? []) text += `<category>${xmlText(c)}</category>`;
  return `${text}</programme>\n`;
}
