import { describe, expect, test } from "bun:test";
import {
  panelRoot,
  xtreamApiUrl,
  xtreamCredentialsFromUrl,
  xtreamGuideUrl,
  xtreamPlaylistUrl,
  xtreamStreamUrls,
} from "./xtream-urls.ts";

const panel = { baseUrl: "http://panel.example:8080/", username: "demo", password: "p/ss" };

describe("Xtream URLs", () => {
  test("builds live, movie and episode URLs with escaped credentials", () => {
    const urls = xtreamStreamUrls(panel);
    expect(urls.live(1001)).toBe("http://panel.example:8080/live/demo/p%2Fss/1001.ts");
    expect(urls.live("1001", "m3u8")).toBe("http://panel.example:8080/live/demo/p%2Fss/1001.m3u8");
    expect(urls.movie(2001, "mkv")).toBe("http://panel.example:8080/movie/demo/p%2Fss/2001.mkv");
    expect(urls.episode(40001, "mp4")).toBe("http://panel.example:8080/series/demo/p%2Fss/40001.mp4");
    expect(urls.movie(2002, "../x")).toBe("http://panel.example:8080/movie/demo/p%2Fss/2002.ts");
  });

  test("finds the panel root in pasted URLs, keeping a path prefix", () => {
    expect(panelRoot("https://panel.example/get.php")).toBe("https://panel.example");
    expect(panelRoot("http://panel.example:80/iptv/player_api.php")).toBe("http://panel.example/iptv");
    expect(panelRoot(" http://panel.example:8080// ")).toBe("http://panel.example:8080");
  });

  test("builds API, playlist and guide URLs", () => {
    expect(xtreamApiUrl(panel, { action: "get_series_info", series_id: "3" })).toBe(
      "http://panel.example:8080/player_api.php?username=demo&password=p%2Fss&action=get_series_info&series_id=3",
    );
    expect(xtreamPlaylistUrl(panel)).toBe(
      "http://panel.example:8080/get.php?username=demo&password=p%2Fss&type=m3u_plus&output=ts",
    );
    expect(xtreamGuideUrl(panel)).toBe("http://panel.example:8080/xmltv.php?username=demo&password=p%2Fss");
  });

  test("recognises credentials in a pasted get.php link and nothing else", () => {
    expect(
      xtreamCredentialsFromUrl("http://panel.example:8080/get.php?username=a&password=b&type=m3u_plus"),
    ).toEqual({
      baseUrl: "http://panel.example:8080",
      username: "a",
      password: "b",
    });
    expect(xtreamCredentialsFromUrl("http://cdn.example/list.m3u?username=a&password=b")).toBeUndefined();
    expect(xtreamCredentialsFromUrl("http://panel.example/get.php?username=a")).toBeUndefined();
    expect(xtreamCredentialsFromUrl("not a url")).toBeUndefined();
  });
});
