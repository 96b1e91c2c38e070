import { afterAll, expect, test } from "bun:test";
import { createClient } from "@nevewatch/sdk";
import { startApi } from "../testing/api-stand-in.ts";
import { installPage } from "../testing/page-globals.ts";
import { deviceId } from "./device-id.ts";
import { streamSource } from "./stream-source.ts";

const api = startApi({
  "GET /v1/streaming/node-route": (hit) => ({
    nodeId: "n1",
    nodeUrl: "http://edge.test",
    url: `http://edge.test/${hit.query.get("streamType")}/${hit.query.get("streamId")}`,
    format: hit.query.get("streamType") === "live" ? "hls" : "file",
    token: "t",
    expiresIn: 60,
    sessionId: "s-1",
    gen: "1733650000123",
  }),
});
const page = installPage(api.url);
afterAll(() => {
  page.restore();
  api.stop();
});
const client = createClient({ baseUrl: api.url, store: "demo" });

test("asks for a route on this browser's screen: its device id, and HLS for live TV", async () => {
  const live = await streamSource(client, "live", "ch1");
  const hit = api.hitsOf("GET /v1/streaming/node-route").at(-1);
  expect(hit?.query.get("screen")).toBe(deviceId());
  expect(hit?.query.get("streamId")).toBe("ch1");
  expect(hit?.query.get("format")).toBe("hls");
  expect(live).toEqual({
    url: "http://edge.test/live/ch1",
    format: "hls",
    sessionId: "s-1",
    gen: 1733650000123,
  });
});

test("films and episodes take the format the API picks, on the same screen", async () => {
  const film = await streamSource(client, "vod", "m1");
  const hit = api.hitsOf("GET /v1/streaming/node-route").at(-1);
  expect(hit?.query.has("format")).toBe(false);
  expect(hit?.query.get("screen")).toBe(page.storage.getItem("nevewatch.device"));
  expect(film.format).toBe("file");
  expect(typeof film.gen).toBe("number");
});
