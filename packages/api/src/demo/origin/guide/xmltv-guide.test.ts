import { describe, expect, test } from "bun:test";
import { SaxesParser } from "saxes";
import { DEMO_CHANNELS } from "../demo-channels.ts";
import { renderXmltvGuide, xmltvTime } from "./xmltv-guide.ts";

const NOW = Date.UTC(2026, 10, 25, 13, 47, 12);
const BASE = "https://tv.example.com/demo-origin";

interface Programme {
  start: string;
  stop: string;
  channel: string;
}

function parse(xml: string) {
  const parser = new SaxesParser();
  const channels: string[] = [];
  const programmes: Programme[] = [];
  const titles: string[] = [];
  let inTitle = false;
  parser.on("opentag", (tag) => {
    const attr = (name: string) => String(tag.attributes[name] ?? "");
    if (tag.name === "channel") channels.push(attr("id"));
    if (tag.name === "programme")
      programmes.push({ start: attr("start"), stop: attr("stop"), channel: attr("channel") });
    inTitle = tag.name === "title";
  });
  parser.on("text", (text) => {
    if (inTitle) titles.push(text);
  });
  parser.on("closetag", () => {
    inTitle = false;
  });
  parser.write(xml).close();
  return { channels, programmes, titles };
}

describe("XMLTV guide", () => {
  const xml = renderXmltvGuide(DEMO_CHANNELS, BASE, NOW);
  const { channels, programmes, titles } = parse(xml);

  test("is well-formed XMLTV naming every demo channel by its tvg-id with its logo", () => {
    expect(channels).toEqual(DEMO_CHANNELS.map((channel) => channel.tvgId));
    expect(xml).toContain(`<icon src="${BASE}/logos/neve-one.svg"/>`);
  });

  test("covers yesterday to the end of the day after tomorrow in back-to-back 30-minute slots", () => {
    for (const channel of DEMO_CHANNELS) {
      const own = programmes.filter((programme) => programme.channel === channel.tvgId);
      expect(own).toHaveLength(4 * 48);
      expect(own[0]?.start).toBe("20261124000000 +0000");
      expect(own.at(-1)?.stop).toBe("20261128000000 +0000");
      own.forEach((programme, index) => {
        if (index > 0) expect(programme.start).toBe(own[index - 1]?.stop ?? "");
      });
    }
    expect(titles.every((title) => title.length > 0)).toBe(true);
  });

  test("has something on every channel right now", () => {
    const now = xmltvTime(NOW);
    for (const channel of DEMO_CHANNELS) {
      const current = programmes.filter((p) => p.channel === channel.tvgId && p.start <= now && now < p.stop);
      expect(current).toHaveLength(1);
    }
  });

  test("gives the same guide for the same clock", () => {
    expect(renderXmltvGuide(DEMO_CHANNELS, BASE, NOW)).toBe(xml);
  });

  test("formats times as XMLTV's YYYYMMDDhhmmss +0000", () => {
    expect(xmltvTime(NOW)).toBe("20261125134712 +0000");
  });
});
