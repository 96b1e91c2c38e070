import { describe, expect, test } from "bun:test";
import { chunkedStream } from "./testing/chunked-stream.ts";
import { collectXmltv } from "./testing/collect-xmltv.ts";
import { generateXmltv } from "./testing/generate-xmltv.ts";
import { parseXmltv } from "./xmltv-parser.ts";

const GUIDE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tv SYSTEM "xmltv.dtd">
<tv generator-info-name="test" source-info-url="http://example.org">
  <channel id="bbcone.uk">
    <display-name lang="en">BBC One</display-name>
    <display-name>101</display-name>
    <icon src="http://logo.example/bbc.png?w=100&h=100"/>
    <url>https://www.bbc.co.uk</url>
  </channel>
  <channel id="tf1.fr"><display-name>TF1 &eacute;t&eacute;</display-name></channel>
  <programme start="20240601190000 +0100" stop="20240601200000 +0100" channel="bbcone.uk">
    <title lang="en">Tom &amp; Jerry</title>
    <title lang="fr">Tom et Jerry</title>
    <sub-title lang="en">The Cat&nbsp;Concerto</sub-title>
    <desc lang="en">Tom & Jerry; a cat, a mouse &#x2014; and a piano. <![CDATA[<b>Bold & raw</b>]]></desc>
    <credits><director>Hanna</director><actor role="Tom">Tom</actor></credits>
    <category lang="en">Animation</category>
    <category lang="en">Kids</category>
    <episode-num system="onscreen">S02E05</episode-num>
    <episode-num system="xmltv_ns">1.4/12.0/1</episode-num>
    <icon src="http://img.example/tj.jpg" width="100"/>
    <rating system="MPAA"><value>G</value><icon src="http://img.example/g.png"/></rating>
    <star-rating><value>8/10</value></star-rating>
    <vendor:extension xmlns:vendor="urn:x">ignored</vendor:extension>
  </programme>
  <programme start="20240601200000" stop="20240601210000" channel="tf1.fr">
    <title>Journal de 20h</title>
  </programme>
</tv>
`;

describe("parseXmltv", () => {
  test("reads channels and programmes, skipping elements it does not know", async () => {
    const { channels, programmes, warnings } = await collectXmltv(chunkedStream(GUIDE));
    expect(channels).toEqual([
      {
        id: "bbcone.uk",
        displayNames: ["BBC One", "101"],
        icon: "http://logo.example/bbc.png?w=100&h=100",
        url: "https://www.bbc.co.uk",
      },
      { id: "tf1.fr", displayNames: ["TF1 été"] },
    ]);
    expect(programmes[0]).toEqual({
      channel: "bbcone.uk",
      start: Date.parse("2024-06-01T18:00:00Z"),
      stop: Date.parse("2024-06-01T19:00:00Z"),
      title: "Tom & Jerry",
      subTitle: "The Cat\u00a0Concerto",
      description: "Tom & Jerry; a cat, a mouse — and a piano. <b>Bold & raw</b>",
      categories: ["Animation", "Kids"],
      episodeNums: [
        { system: "onscreen", value: "S02E05" },
        { system: "xmltv_ns", value: "1.4/12.0/1" },
      ],
      season: 2,
      episode: 5,
      icon: "http://img.example/tj.jpg",
      ratings: [{ system: "MPAA", value: "G" }],
    });
    expect(programmes[1]).toEqual({
      channel: "tf1.fr",
      start: Date.parse("2024-06-01T20:00:00Z"),
      stop: Date.parse("2024-06-01T21:00:00Z"),
      title: "Journal de 20h",
    });
    expect(warnings).toEqual([{ line: 0, message: 'escaped 2 bare "&" characters' }]);
  });

  test("gives the same result in one-byte and random-size chunks", async () => {
    const whole = await collectXmltv(chunkedStream(GUIDE));
    expect(await collectXmltv(chunkedStream(GUIDE, 1))).toEqual(whole);
    for (const seed of [1, 2, 3]) {
      expect(await collectXmltv(chunkedStream(GUIDE, { random: 23, seed }))).toEqual(whole);
    }
  });

  test("prefers the configured language and uses the default zone for times without offset", async () => {
    const { programmes } = await collectXmltv(chunkedStream(GUIDE), {
      language: "fr",
      defaultTimeZone: "Europe/Paris",
    });
    expect(programmes[0]?.title).toBe("Tom et Jerry");
    expect(programmes[0]?.subTitle).toBe("The Cat\u00a0Concerto");
    expect(programmes[1]?.start).toBe(Date.parse("2024-06-01T18:00:00Z"));
    const fixed = await collectXmltv(chunkedStream(GUIDE), { defaultTimeZone: -330 });
    expect(fixed.programmes[1]?.start).toBe(Date.parse("2024-06-01T20:00:00Z") + 330 * 60_000);
  });

  test("reads gzip input detected by its magic bytes, in any chunking", async () => {
    const gzipped = Bun.gzipSync(new TextEncoder().encode(GUIDE));
    const plain = await collectXmltv(chunkedStream(GUIDE));
    expect(await collectXmltv(chunkedStream(gzipped))).toEqual(plain);
    expect(await collectXmltv(chunkedStream(gzipped, 1))).toEqual(plain);
    const viaCompressionStream = new Blob([GUIDE]).stream().pipeThrough(new CompressionStream("gzip"));
    expect(await collectXmltv(viaCompressionStream)).toEqual(plain);
  });

  test("decodes the encoding the XML declaration names", async () => {
    const latin1 =
      '<?xml version="1.0" encoding="ISO-8859-1"?><tv><channel id="a"><display-name>Télé Ç</display-name></channel></tv>';
    const bytes = Uint8Array.from(latin1, (char) => char.charCodeAt(0));
    const { channels, warnings } = await collectXmltv(chunkedStream(bytes, 7));
    expect(channels[0]?.displayNames).toEqual(["Télé Ç"]);
    expect(warnings).toEqual([]);
    const unknown =
      '<?xml version="1.0" encoding="x-klingon"?><tv><channel id="a"><display-name>A</display-name></channel></tv>';
    const result = await collectXmltv(chunkedStream(unknown));
    expect(result.channels).toHaveLength(1);
    expect(result.warnings).toEqual([{ line: 0, message: 'unknown encoding "x-klingon"; reading as UTF-8' }]);
  });

  test("skips malformed programmes with a warning at their line and keeps the rest", async () => {
    const xml = [
      "<tv>",
      '<channel id="a"><display-name>A</display-name></channel>',
      '<programme start="20240101120000" channel="a"><title>No stop is fine</title></programme>',
      '<programme start="20240101120000 +0100"><title>No channel</title></programme>',
      '<programme start="tomorrow" channel="a"><title>Bad start</title></programme>',
      '<programme start="20240101120000" stop="20240101110000" channel="a"><title>Ends first</title></programme>',
      '<programme start="20240101120000" stop="soon" channel="a"><title>Bad stop</title></programme>',
      '<programme start="20240101120000" channel="a"><desc>No title</desc></programme>',
      '<programme start="20240101130000" channel="ghost"><title>Undeclared</title></programme>',
      '<programme start="20240101140000" channel="ghost"><title>Undeclared again</title></programme>',
      "<channel><display-name>No id</display-name></channel>",
      '<programme start="20240101150000" channel="a"><title>Unclosed title</programme>',
      '<programme start="20240101160000" channel="a"><title>Last\u0007</title></programme>',
      "</tv>",
    ].join("\n");
    const { programmes, warnings } = await collectXmltv(chunkedStream(xml, 5));
    expect(programmes.map((programme) => [programme.title, programme.stop ?? null])).toEqual([
      ["No stop is fine", null],
      ["Bad stop", null],
      ["Undeclared", null],
      ["Undeclared again", null],
      ["Unclosed title", null],
      ["Last", null],
    ]);
    expect(warnings).toEqual([
      { line: 4, message: "programme has no channel; skipped" },
      { line: 5, message: 'programme start "tomorrow" is not an XMLTV time; skipped' },
      { line: 6, message: "programme does not end after it starts; skipped" },
      { line: 7, message: 'programme stop "soon" is not an XMLTV time; ignored' },
      { line: 8, message: "programme has no title; skipped" },
      { line: 9, message: 'programme for channel "ghost" which has no <channel> before it' },
      { line: 11, message: "channel has no id; skipped" },
      { line: 12, message: "XML error: unexpected close tag" },
      { line: 0, message: "removed 1 control characters" },
    ]);
  });

  test("reports broken XML as warnings, counting past the limit", async () => {
    const xml = `<tv>${'<programme start="x" channel="a"><title>1</title></programme>'.repeat(3)}<a></b><c></d><e></f></tv>`;
    const { warnings } = await collectXmltv(chunkedStream(xml), { maxXmlErrors: 2 });
    expect(warnings.filter((warning) => warning.message.startsWith("XML error"))).toHaveLength(2);
    expect(warnings.at(-1)).toEqual({ line: 0, message: "6 more XML errors not shown" });
    const truncated = await collectXmltv(
      chunkedStream('<tv><channel id="a"><display-name>A</display-name></channel><programme start="2'),
    );
    expect(truncated.channels).toHaveLength(1);
    expect(truncated.warnings.some((warning) => warning.message.startsWith("XML error"))).toBe(true);
  });

  test("parses a generated 20-channel, 2-day guide with no warnings", async () => {
    const xml = generateXmltv({ channels: 20, days: 2, offset: "-0530" });
    const { channels, programmes, warnings } = await collectXmltv(
      chunkedStream(xml, { random: 4000, seed: 1 }),
    );
    expect(warnings).toEqual([]);
    expect(channels).toHaveLength(20);
    expect(programmes.length).toBeGreaterThan(20 * 2 * 10);
    const first = programmes[0];
    expect(first?.start).toBe(Date.UTC(2024, 2, 25));
    const byChannel = programmes.filter((programme) => programme.channel === "channel-1.example");
    for (let i = 1; i < byChannel.length; i++) expect(byChannel[i]?.start).toBe(byChannel[i - 1]?.stop ?? -1);
  });

  test("stops reading the source when the consumer stops early, gzipped or not", async () => {
    const big = generateXmltv({ channels: 50, days: 3 });
    for (const bytes of [new TextEncoder().encode(big), Bun.gzipSync(new TextEncoder().encode(big))]) {
      let pulls = 0;
      let cancelled = false;
      const inner = chunkedStream(bytes, 1024).getReader();
      const source = new ReadableStream<Uint8Array>({
        async pull(controller) {
          pulls++;
          const next = await inner.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel() {
          cancelled = true;
        },
      });
      for await (const event of parseXmltv(source)) {
        if (event.type === "programme") break;
      }
      expect(cancelled).toBe(true);
      expect(pulls).toBeLessThan(Math.ceil(bytes.length / 1024));
    }
  });

  test("fails, rather than ending quietly, when a gzip stream is truncated", async () => {
    const gzipped = Bun.gzipSync(new TextEncoder().encode(generateXmltv({ channels: 5, days: 1 })));
    const truncated = gzipped.subarray(0, Math.floor(gzipped.length / 2));
    await expect(collectXmltv(chunkedStream(truncated, 100))).rejects.toThrow();
  });
});
