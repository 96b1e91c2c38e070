import { afterAll, describe, expect, test } from "bun:test";
import { createPlayerProxy, isPlayerPath } from "./player-proxy.ts";

describe("isPlayerPath", () => {
  test("names the player files and the stream URLs, nothing else", () => {
    for (const path of [
      "/get.php",
      "/xmltv.php",
      "/player_api.php",
      "/live/u1/p1/5.ts",
      "/movie/u1/p1/7.mp4",
      "/series/u1/p1/9.mkv",
    ])
      expect({ path, player: isPlayerPath(path) }).toEqual({ path, player: true });
    for (const path of ["/", "/watch/live", "/live", "/live/u1", "/get.php/x", "/api/v1/auth/me", "/login"])
      expect({ path, player: isPlayerPath(path) }).toEqual({ path, player: false });
  });
});

describe("the player proxy in front of a real HTTP server", () => {
  const seen: { url: string; host: string | null; store: string | null; forwardedFor: string | null }[] = [];
  let releaseStream: (() => void) | undefined;
  const api = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const url = new URL(request.url);
      seen.push({
        url: url.pathname + url.search,
        host: request.headers.get("host"),
        store: request.headers.get("x-store"),
        forwardedFor: request.headers.get("x-forwarded-for"),
      });
      if (url.pathname === "/get.php")
        return new Response(
          `#EXTM3U\n#EXTINF:-1,One\nhttp://${request.headers.get("host")}/live/u/p/1.ts\n`,
          {
            headers: {
              "content-type": "audio/x-mpegurl",
              "content-disposition": 'attachment; filename="p.m3u"',
            },
          },
        );
      if (url.pathname.startsWith("/live/"))
        return new Response(null, { status: 302, headers: { location: "http://edge.test/s/1.ts?t=x" } });
      if (url.pathname === "/movie/u/p/2.mp4") {
        // The first chunk goes out at once, the rest only when the test says so: a buffering
        // proxy would answer nothing until the end.
        const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
        const writer = writable.getWriter();
        void writer.write(new TextEncoder().encode("first"));
        releaseStream = () => {
          void writer.write(new TextEncoder().encode("-rest")).then(() => writer.close());
        };
        return new Response(readable, { headers: { "content-type": "video/mp4" } });
      }
      return Response.json({ user_info: { auth: 1 } });
    },
  });
  afterAll(() => api.stop(true));
  const proxy = createPlayerProxy({ apiUrl: `http://127.0.0.1:${api.port}` });
  const from = (path: string, headers: Record<string, string> = {}) =>
    new Request(`http://tv.example.com:3000${path}`, {
      headers: { host: "tv.example.com:3000", ...headers },
    });

  test("forwards the path, the query, the visitor's Host, store and address", async () => {
    const response = await proxy(
      from("/get.php?username=a&password=b&type=m3u_plus&output=ts"),
      "203.0.113.9",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/x-mpegurl");
    expect(response.headers.get("content-disposition")).toContain("p.m3u");
    expect(await response.text()).toContain("http://tv.example.com:3000/live/u/p/1.ts");
    expect(seen.at(-1)).toEqual({
      url: "/get.php?username=a&password=b&type=m3u_plus&output=ts",
      host: "tv.example.com:3000",
      store: null,
      forwardedFor: "203.0.113.9",
    });
  });

  test("names the store of ?store= like the page does", async () => {
    await proxy(from("/player_api.php?username=a&password=b&store=demo"));
    expect(seen.at(-1)?.store).toBe("demo");
  });

  test("hands a stream's redirect to the player instead of following it", async () => {
    const response = await proxy(from("/live/u/p/1.ts"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://edge.test/s/1.ts?t=x");
  });

  test("streams a body as it arrives", async () => {
    const response = await proxy(from("/movie/u/p/2.mp4"));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("first");
    releaseStream?.();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe("-rest");
  });

  test("refuses methods players do not use, and says when the API is down", async () => {
    expect((await proxy(new Request("http://web.local/get.php", { method: "POST" }))).status).toBe(405);
    const down = createPlayerProxy({ apiUrl: "http://127.0.0.1:9" });
    const response = await down(from("/get.php"));
    expect(response.status).toBe(503);
  });
});
