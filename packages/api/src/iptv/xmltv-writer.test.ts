import { describe, expect, test } from "bun:test";
import { chunkedStream } from "./testing/chunked-stream.ts";
import { collectXmltv } from "./testing/collect-xmltv.ts";
import {
  formatXmltvChannel,
  formatXmltvHeader,
  formatXmltvProgramme,
  formatXmltvTime,
  XMLTV_FOOTER,
} from "./xmltv-writer.ts";

describe("XMLTV writer", () => {
  test("writes a guide the XMLTV parser reads back to the same channels and programmes", async () => {
    const start = Date.UTC(2026, 0, 2, 20, 0, 0);
    const doc =
      formatXmltvHeader() +
      formatXmltvChannel({
        id: "news.uk",
        displayName: 'News & "Views" <UK>',
        icon: "http://logo/?a=1&b=2",
      }) +
      formatXmltvProgramme({
        channel: "news.uk",
        start: new Date(start).toISOString(),
        stop: start + 1_800_000,
        title: "Late <Night> News",
        subTitle: "Tom's part",
        description: "Bells\u0007 and & whistles",
        categories: ["News", "Talk"],
      }) +
      XMLTV_FOOTER;
    const parsed = await collectXmltv(chunkedStream(doc, 7));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.channels).toEqual([
      { id: "news.uk", displayNames: ['News & "Views" <UK>'], icon: "http://logo/?a=1&b=2" },
    ]);
    expect(parsed.programmes).toHaveLength(1);
    expect(parsed.programmes[0]).toMatchObject({
      channel: "news.uk",
      start,
      stop: start + 1_800_000,
      title: "Late <Night> News",
      subTitle: "Tom's part",
      description: "Bells and & whistles",
      categories: ["News", "Talk"],
    });
  });

  test("writes UTC times with an explicit offset and leaves out empty optional children", () => {
    expect(formatXmltvTime("2026-01-02T20:05:09.000Z")).toBe("20260102200509 +0000");
    expect(formatXmltvTime(Date.UTC(2026, 0, 2, 20, 5, 9))).toBe("20260102200509 +0000");
    expect(formatXmltvChannel({ id: "a", displayName: "A", icon: null })).toBe(
      '<channel id="a"><display-name>A</display-name></channel>\n',
    );
    expect(
      formatXmltvProgramme({
        channel: "a",
        start: 0,
        stop: 60_000,
        title: "T",
        subTitle: null,
        description: "",
      }),
    ).toBe(
      '<programme start="19700101000000 +0000" stop="19700101000100 +0000" channel="a"><title>T</title></programme>\n',
    );
  });
});
