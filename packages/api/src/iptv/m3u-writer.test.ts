import { describe, expect, test } from "bun:test";
import type { CatalogEntry } from "./catalog-entry.ts";
import { attribute, formatM3uEntry, formatM3uHeader, m3uStream } from "./m3u-writer.ts";
import { chunkedStream } from "./testing/chunked-stream.ts";
import { type CollectedM3u, collectM3u } from "./testing/collect-m3u.ts";
import { generateM3u } from "./testing/generate-m3u.ts";

async function rewrite(parsed: CollectedM3u): Promise<CollectedM3u> {
  const stream = m3uStream(parsed.entries, parsed.headers[0] ?? {});
  return collectM3u(stream);
}

const NASTY = [
  '#EXTM3U x-tvg-url="http://e/a.xml" catchup="shift" catchup-days="2" tvg-shift="1" x-custom=\'a "b"\'',
  '#EXTINF:-1 tvg-id="a" tvg-name=\'Say "Hi", all\' tvg-logo=it\'s group-title="News, World",Title, with "quotes" and \'apostrophes\'',
  "#EXTVLCOPT:http-user-agent=UA/1.0 (x, y)",
  '#EXTHTTP:{"Cookie":"k=v; k2=\\"v2\\""}',
  "#KODIPROP:inputstream=inputstream.adaptive",
  "http://h/1",
  '#EXTINF:-1 tvg-chno="x1" catchup-days="bad" timeshift="4" tvg-shift="soon",Raw numbers',
  "http://h/2",
  '#EXTINF:5400.5 tvg-type="movie",Film without a VOD URL',
  "http://h/3.m3u8",
  '#EXTINF:-1 group-title="VOD" custom-empty="",Ep S02E01',
  "http://h/4",
  "http://bare/Only%20URL.ts",
].join("\n");

describe("M3U writer", () => {
  test("round-trips parse, write, parse to identical entries and header", async () => {
    const first = await collectM3u(chunkedStream(NASTY));
    expect(first.entries).toHaveLength(5);
    const second = await rewrite(first);
    expect(second.entries).toEqual(first.entries);
    expect(second.headers).toEqual(first.headers);
    expect(second.warnings.filter((w) => !w.message.includes("not a number"))).toEqual([]);
  });

  test("round-trips a generated 5,000-entry list", async () => {
    const first = await collectM3u(chunkedStream(generateM3u({ count: 5000, seed: 3 })));
    const second = await rewrite(first);
    expect(second.entries).toEqual(first.entries);
    expect(second.warnings).toEqual([]);
  });

  test("quotes values so that quotes, commas and spaces survive", () => {
    expect(attribute("k", "plain")).toBe('k="plain"');
    expect(attribute("k", 'say "hi"')).toBe("k='say \"hi\"'");
    expect(attribute("k", `it's "x"`)).toBe(`k="it's 'x'"`);
    expect(attribute("k", `a"b'c`)).toBe(`k=a"b'c`);
    expect(attribute("k", "two\r\nlines")).toBe('k="two lines"');
  });

  test("writes entries from other sources so that they parse back to the same entry", async () => {
    const entries: CatalogEntry[] = [
      {
        kind: "series",
        title: "Show, the one S01E01",
        url: "http://p/series/u/p/9.mkv",
        duration: 2700,
        group: "Drama",
      },
      { kind: "vod", title: "A film", url: "http://p/x/10.m3u8", duration: -1, logo: "http://l/a b.png" },
      {
        kind: "live",
        title: "Movies 24/7",
        url: "http://p/movie/u/p/11.mp4",
        duration: -1,
        channelNumber: 7,
      },
      {
        kind: "live",
        title: "Catch-up",
        url: "http://p/u/p/12",
        duration: -1,
        catchup: { mode: "xc", days: 3 },
        tvgShift: -2,
        referrer: "http://r/",
        vlcOptions: { "network-caching": "500" },
      },
    ];
    const parsed = await collectM3u(m3uStream(entries));
    expect(parsed.entries).toEqual(entries);
    expect(parsed.warnings).toEqual([]);
  });

  test("writes the header with both EPG attribute names and one entry per #EXTINF", () => {
    expect(formatM3uHeader({ epgUrls: ["http://e/1.xml", "http://e/2.xml"], tvgShift: 1 })).toBe(
      '#EXTM3U x-tvg-url="http://e/1.xml,http://e/2.xml" url-tvg="http://e/1.xml,http://e/2.xml" tvg-shift="1"\n',
    );
    expect(formatM3uHeader()).toBe("#EXTM3U\n");
    expect(formatM3uEntry({ kind: "live", title: "A", url: "http://a/1", duration: -1, tvgId: "a.uk" })).toBe(
      '#EXTINF:-1 tvg-id="a.uk",A\nhttp://a/1\n',
    );
  });

  test("streams lazily: cancelling the output returns the entry iterator", async () => {
    let produced = 0;
    let returned = false;
    function* entries(): Generator<CatalogEntry> {
      try {
        for (;;) {
          produced++;
          yield { kind: "live", title: `C${produced}`, url: `http://a/${produced}`, duration: -1 };
        }
      } finally {
        returned = true;
      }
    }
    const reader = m3uStream(entries()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(returned).toBe(true);
    expect(produced).toBeLessThan(5000);
  });
});
