import { describe, expect, test } from "bun:test";
import { parseM3u } from "./m3u-parser.ts";
import { chunkedStream } from "./testing/chunked-stream.ts";
import { collectM3u } from "./testing/collect-m3u.ts";
import { generateM3u } from "./testing/generate-m3u.ts";

const NASTY = [
  '\uFEFF#EXTM3U x-tvg-url="http://epg.example/a.xml,http://epg.example/b.xml.gz" url-tvg=\'http://epg.example/a.xml\' tvg-shift="-1.5"',
  "",
  "# a comment the parser must skip",
  '#EXTINF:-1 tvg-id="bbcone.uk" tvg-name=\'BBC One, HD\' tvg-logo=http://logo.example/bbc1.png tvg-chno="101" group-title="UK | Général",UK: BBC One, "The" Channel',
  "#EXTVLCOPT:http-user-agent=Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0)",
  "#EXTVLCOPT:http-referrer=http://portal.example/",
  "#EXTVLCOPT:network-caching=1000",
  "http://panel.example:8080/user/pass/1001",
  '#EXTINF:-1 catchup="append" catchup-days="7" catchup-source="?utc={utc}&lutc={lutc}" timeshift="3" tvg-rec="2",Канал 1 ᴴᴰ',
  "#EXTGRP:Russia",
  "#KODIPROP:inputstream.adaptive.manifest_type=mpd",
  "#KODIPROP:inputstream.adaptive.license_type=clearkey",
  '#EXTHTTP:{"cookie":"session=abc","x-count":3}',
  "https://cdn.example/live/ru/channel1/index.m3u8?token=a,b",
  '#EXTINF:7260 tvg-name="Amélie (2001)" group-title="VOD | Comédie",Amélie (2001)',
  "http://panel.example:8080/movie/user/pass/2001.mkv",
  '#EXTINF:-1 group-title="Series",Dark S01 E03',
  "http://panel.example:8080/series/user/pass/3001.mp4",
  "http://bare.example/streams/Some%20Channel.ts",
].join("\r\n");

describe("parseM3u", () => {
  test("reads header attributes, quoting styles, commas in titles and quoted values", async () => {
    const { headers, entries, warnings } = await collectM3u(chunkedStream(NASTY));
    expect(warnings).toEqual([]);
    expect(headers).toEqual([
      {
        epgUrls: ["http://epg.example/a.xml", "http://epg.example/b.xml.gz"],
        tvgShift: -1.5,
        attributes: {},
      },
    ]);
    expect(entries[0]).toEqual({
      kind: "live",
      title: 'UK: BBC One, "The" Channel',
      url: "http://panel.example:8080/user/pass/1001",
      duration: -1,
      tvgId: "bbcone.uk",
      tvgName: "BBC One, HD",
      logo: "http://logo.example/bbc1.png",
      channelNumber: 101,
      group: "UK | Général",
      tvgShift: -1.5,
      userAgent: "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0)",
      referrer: "http://portal.example/",
      vlcOptions: { "network-caching": "1000" },
    });
  });

  test("reads catch-up attributes, #EXTGRP, #KODIPROP and #EXTHTTP into the entry", async () => {
    const { entries } = await collectM3u(chunkedStream(NASTY));
    expect(entries[1]).toEqual({
      kind: "live",
      title: "Канал 1 ᴴᴰ",
      url: "https://cdn.example/live/ru/channel1/index.m3u8?token=a,b",
      duration: -1,
      group: "Russia",
      catchup: { mode: "append", days: 7, source: "?utc={utc}&lutc={lutc}" },
      tvgShift: -1.5,
      httpHeaders: { cookie: "session=abc" },
      kodiProps: {
        "inputstream.adaptive.manifest_type": "mpd",
        "inputstream.adaptive.license_type": "clearkey",
      },
    });
  });

  test("classifies live, VOD and series entries from URL paths and titles", async () => {
    const { entries } = await collectM3u(chunkedStream(NASTY));
    expect(entries.map((entry) => [entry.kind, entry.title])).toEqual([
      ["live", 'UK: BBC One, "The" Channel'],
      ["live", "Канал 1 ᴴᴰ"],
      ["vod", "Amélie (2001)"],
      ["series", "Dark S01 E03"],
      ["live", "Some Channel"],
    ]);
    expect(entries[2]?.duration).toBe(7260);
    expect(entries[2]?.tvgShift).toBeUndefined();
  });

  test("gives the same result whatever the chunking, down to one byte at a time", async () => {
    const whole = await collectM3u(chunkedStream(NASTY, 1 << 20));
    expect(await collectM3u(chunkedStream(NASTY, 1))).toEqual(whole);
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(await collectM3u(chunkedStream(NASTY, { random: 17, seed }))).toEqual(whole);
    }
  });

  test("accepts LF, CRLF and lone CR line breaks alike, even when CR and LF fall in different chunks", async () => {
    const lf = NASTY.replaceAll("\r\n", "\n");
    const cr = NASTY.replaceAll("\r\n", "\r");
    const expected = await collectM3u(chunkedStream(lf));
    expect(await collectM3u(chunkedStream(cr, 3))).toEqual(expected);
    expect(await collectM3u(chunkedStream(NASTY, 2))).toEqual(expected);
    const extraBlank = await collectM3u(chunkedStream(NASTY.replace("\r\n", "\r\r\n"), 1));
    expect(extraBlank.entries).toEqual(expected.entries);
    expect(extraBlank.lines).toEqual(expected.lines.map((line) => line + 1));
  });

  test("reports an #EXTINF with no URL, at its own line, without losing the next entry", async () => {
    const text =
      "#EXTM3U\n#EXTINF:-1,Lost\n#EXTVLCOPT:http-user-agent=lost\n#EXTINF:-1,Kept\nhttp://a/1\n#EXTINF:-1,Last\n";
    const { entries, warnings, lines } = await collectM3u(chunkedStream(text));
    expect(entries.map((entry) => entry.title)).toEqual(["Kept"]);
    expect(entries[0]?.userAgent).toBeUndefined();
    expect(lines).toEqual([4]);
    expect(warnings).toEqual([
      { line: 2, message: "#EXTINF is not followed by a URL; dropped" },
      { line: 6, message: "#EXTINF is not followed by a URL; dropped" },
    ]);
  });

  test("yields duplicate entries and warns about them with the first one's line", async () => {
    const text = "#EXTM3U\n#EXTINF:-1,A\nhttp://a/1\n#EXTINF:-1,B\nhttp://a/2\n#EXTINF:-1,A\nhttp://a/1\n";
    const { entries, warnings } = await collectM3u(chunkedStream(text));
    expect(entries).toHaveLength(3);
    expect(warnings).toEqual([{ line: 6, message: "duplicate of the entry at line 2" }]);
    const quiet = await collectM3u(chunkedStream(text), { detectDuplicates: false });
    expect(quiet.warnings).toEqual([]);
  });

  test("keeps huge attribute values whole and skips lines past the length limit", async () => {
    const logo = `data:image/png;base64,${"A".repeat(300_000)}`;
    const text = `#EXTM3U\n#EXTINF:-1 tvg-logo="${logo}",Big\nhttp://a/1\n#EXTINF:-1 tvg-logo="${logo}",Too big\nhttp://a/2\n`;
    const { entries } = await collectM3u(chunkedStream(text, { random: 4096, seed: 7 }));
    expect(entries[0]?.logo).toBe(logo);
    const limited = await collectM3u(chunkedStream(text, 1000), { maxLineLength: 100_000 });
    expect(limited.warnings).toEqual([
      { line: 2, message: "line is longer than 100000 characters; skipped" },
      { line: 4, message: "line is longer than 100000 characters; skipped" },
    ]);
    expect(limited.entries.map((entry) => entry.title)).toEqual(["1", "2"]);
  });

  test("replaces bytes that are not UTF-8 with U+FFFD, warns, and goes on", async () => {
    const head = new TextEncoder().encode("#EXTM3U\n#EXTINF:-1,Canal ");
    const tail = new TextEncoder().encode(" Info\nhttp://a/1\n#EXTINF:-1,Next\nhttp://a/2\n");
    const bytes = new Uint8Array([...head, 0xe9, 0xff, ...tail]);
    const { entries, warnings } = await collectM3u(chunkedStream(bytes, 1));
    expect(entries.map((entry) => entry.title)).toEqual(["Canal \uFFFD\uFFFD Info", "Next"]);
    expect(warnings).toEqual([{ line: 2, message: "invalid UTF-8 bytes replaced with U+FFFD" }]);
  });

  test("reassembles multi-byte characters split across chunks", async () => {
    const text = '#EXTM3U\n#EXTINF:-1 tvg-name="قناة الجزيرة 📺",Télé-Québec 😀 Россия\nhttp://a/1\n';
    for (const size of [1, 2, 3, 5]) {
      const { entries, warnings } = await collectM3u(chunkedStream(text, size));
      expect(warnings).toEqual([]);
      expect(entries[0]?.title).toBe("Télé-Québec 😀 Россия");
      expect(entries[0]?.tvgName).toBe("قناة الجزيرة 📺");
    }
  });

  test("reports garbage lines and malformed #EXTINF lines as warnings, not errors", async () => {
    const text = [
      "<html><body>not a playlist</body></html>",
      '#EXTINF:tvg-id="x",No duration',
      "http://a/1",
      '#EXTINF:-1 tvg-id="x" tvg-name="unterminated,Title after',
      "http://a/2",
      '#EXTINF:-1 tvg-id="y" Missing Comma Title',
      "http://a/3",
      "random words in the middle",
      '#EXTINF:-1 stray words tvg-id="z",Recovered',
      "http://a/4",
      "#EXTINF:-1 tvg-id=a tvg-id=b,Repeated",
      "http://a/5",
      "#EXTVLCOPT:",
      "http://a/6",
    ].join("\n");
    const { entries, warnings } = await collectM3u(chunkedStream(text));
    expect(entries.map((entry) => [entry.title, entry.tvgId ?? null, entry.duration])).toEqual([
      ["No duration", "x", -1],
      ["Title after", "x", -1],
      ["Missing Comma Title", "y", -1],
      ["Recovered", "z", -1],
      ["Repeated", "a", -1],
      ["6", null, -1],
    ]);
    expect(entries[1]?.tvgName).toBe("unterminated");
    expect(warnings).toEqual([
      { line: 1, message: "playlist does not start with #EXTM3U" },
      { line: 1, message: "line is neither a directive nor a URL; ignored" },
      { line: 2, message: "#EXTINF has no duration; assuming -1" },
      { line: 4, message: 'unterminated quote in attribute "tvg-name"' },
      { line: 6, message: "no comma before the title; reading the rest of the line as the title" },
      { line: 8, message: "line is neither a directive nor a URL; ignored" },
      { line: 9, message: 'ignoring unexpected text "stray words"' },
      { line: 11, message: 'repeated attribute "tvg-id"; keeping the first' },
      { line: 13, message: "#EXTVLCOPT without an option name; ignored" },
    ]);
  });

  test("keeps unknown attributes verbatim and unreadable numbers raw, with a warning", async () => {
    const text =
      '#EXTM3U\n#EXTINF:-1 tvg-chno="12a" Provider-ID="77" tvg-country="FR" tvg-logo="",X\nhttp://a/1\n';
    const { entries, warnings } = await collectM3u(chunkedStream(text));
    expect(entries[0]).toEqual({
      kind: "live",
      title: "X",
      url: "http://a/1",
      duration: -1,
      attributes: { "provider-id": "77", "tvg-country": "FR", "tvg-chno": "12a" },
    });
    expect(warnings).toEqual([{ line: 2, message: 'attribute "tvg-chno" is not a number: "12a"' }]);
  });

  test("keeps quoted values exactly: inner spaces, commas, equals signs and apostrophes", async () => {
    const text =
      '#EXTM3U\n#EXTINF:-1 x-a=" spaced "\tx-b="k=v, it\'s" x-c=bare x-d=\'single\',Title\nhttp://a/1\n';
    const { entries, warnings } = await collectM3u(chunkedStream(text));
    expect(entries[0]?.attributes).toEqual({
      "x-a": " spaced ",
      "x-b": "k=v, it's",
      "x-c": "bare",
      "x-d": "single",
    });
    expect(entries[0]?.title).toBe("Title");
    expect(warnings).toEqual([]);
  });

  test("warns about an empty input and an HLS media playlist", async () => {
    expect((await collectM3u(chunkedStream(""))).warnings).toEqual([
      { line: 0, message: "playlist is empty" },
    ]);
    const hls = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nseg1.ts\n";
    const { entries, warnings } = await collectM3u(chunkedStream(hls));
    expect(warnings).toEqual([
      { line: 2, message: "this looks like an HLS media playlist, not a channel list" },
    ]);
    expect(entries[0]?.duration).toBe(6);
  });

  test("stops reading the source when the consumer stops early", async () => {
    let pulls = 0;
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode(`#EXTINF:-1,Channel ${pulls}\nhttp://a/${pulls}\n`));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of parseM3u(source)) {
      if (event.type === "entry") break;
    }
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(10);
  });

  test("parses a generated 3,000-entry list with no warnings, the same in random chunks", async () => {
    const text = generateM3u({ count: 3000, seed: 42 });
    const whole = await collectM3u(chunkedStream(text));
    expect(whole.warnings).toEqual([]);
    expect(whole.entries).toHaveLength(3000);
    const kinds = new Set(whole.entries.map((entry) => entry.kind));
    expect([...kinds].sort()).toEqual(["live", "series", "vod"]);
    expect(await collectM3u(chunkedStream(text, { random: 700, seed: 9 }))).toEqual(whole);
  });
});
