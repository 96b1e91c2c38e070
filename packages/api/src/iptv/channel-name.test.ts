import { describe, expect, test } from "bun:test";
import { channelMatchKey, parseChannelName } from "./channel-name.ts";

describe("channel names for EPG matching", () => {
  test("gives playlist names and EPG ids of one channel the same key", () => {
    const names = [
      "UK: BBC One HD",
      "|UK| BBC ONE FHD",
      "[UK] BBC 1 ᴴᴰ",
      "UK● BBC One UHD 4K",
      "BBCOne.uk",
      "bbc1.uk",
      "BBC One",
    ];
    expect(new Set(names.map(channelMatchKey))).toEqual(new Set(["bbc1"]));
  });

  test("drops accents, case and punctuation", () => {
    expect(channelMatchKey("Télé-Québec")).toBe(channelMatchKey("TELE QUEBEC"));
    expect(channelMatchKey("E! Entertainment")).toBe("eentertainment");
    expect(channelMatchKey("US: A&E HD")).toBe(channelMatchKey("A and E"));
    expect(channelMatchKey("FR: Canal+ Sport")).toBe(channelMatchKey("Canal Plus Sport"));
    expect(channelMatchKey("24/7 Friends")).toBe("247friends");
  });

  test("keeps non-Latin scripts in the key", () => {
    expect(channelMatchKey("RU: Россия 1 HD")).toBe("россия1");
    expect(channelMatchKey("AR: قناة الجزيرة HD")).toBe(channelMatchKey("قناة الجزيرة"));
  });

  test("reports country, quality and time shift separately", () => {
    expect(parseChannelName("UK - ITV +1 HD")).toEqual({
      key: "itv",
      name: "ITV",
      country: "UK",
      quality: "HD",
      timeshiftHours: 1,
    });
    expect(parseChannelName("ITV+1")).toEqual({ key: "itv", name: "ITV", timeshiftHours: 1 });
    expect(parseChannelName("EX-YU: RTS 1")).toEqual({ key: "rts1", name: "RTS 1", country: "EX-YU" });
    expect(parseChannelName("DE: Das Erste HD (backup)")).toEqual({
      key: "daserste",
      name: "Das Erste",
      country: "DE",
      quality: "HD",
    });
    expect(parseChannelName("BBC News (UK)")).toEqual({ key: "bbcnews", name: "BBC News", country: "UK" });
    expect(parseChannelName("ES: Antena 3 HEVC").quality).toBe("HEVC");
    expect(parseChannelName("NL: NPO 1 [FHD]").name).toBe("NPO 1");
  });

  test("leaves words that only look like tags alone", () => {
    expect(parseChannelName("USA Network")).toEqual({ key: "usanetwork", name: "USA Network" });
    expect(parseChannelName("CNN International").country).toBeUndefined();
    expect(parseChannelName("FR: Canal+ Sport").timeshiftHours).toBeUndefined();
    expect(parseChannelName("UK: 5 USA")).toEqual({ key: "5usa", name: "5 USA", country: "UK" });
    expect(channelMatchKey("HD")).toBe("hd");
  });
});
