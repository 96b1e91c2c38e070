import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { EMBEDDED_FIXTURES } from "../embedded-fixtures.ts";
import { type DemoOriginServer, serveDemoOrigin } from "../serve.ts";

const file = new Uint8Array(readFileSync(EMBEDDED_FIXTURES.get("vod/neve-reel.mp4") ?? ""));

/** Top-level MP4 box types in order. */
function boxesOf(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: string[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += view.getUint32(at)) {
    boxes.push(new TextDecoder().decode(bytes.subarray(at + 4, at + 8)));
    if (view.getUint32(at) < 8) break;
  }
  return boxes;
}

describe("VOD with range requests", () => {
  let server: DemoOriginServer;
  let url: URL;
  beforeAll(() => {
    server = serveDemoOrigin({ basePath: "/demo-origin" });
    url = new URL("vod/neve-reel.mp4", server.url);
  });
  afterAll(async () => {
    await server.stop();
  });

  test("the fixture is a faststart MP4: moov before mdat", () => {
    const boxes = boxesOf(file);
    expect(boxes.indexOf("moov")).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf("moov")).toBeLessThan(boxes.indexOf("mdat"));
  });

  test("returns the whole file with Accept-Ranges when no range is asked", async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(file);
  });

  test("returns exactly the bytes of a closed range with 206 and Content-Range", async () => {
    const response = await fetch(url, { headers: { range: "bytes=100-1123" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 100-1123/${file.length}`);
    expect(response.headers.get("content-length")).toBe("1024");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.subarray(100, 1124));
  });

  test("returns the tail for open-ended and suffix ranges", async () => {
    const open = await fetch(url, { headers: { range: `bytes=${file.length - 10}-` } });
    expect(open.status).toBe(206);
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(file.subarray(file.length - 10));
    const suffix = await fetch(url, { headers: { range: "bytes=-500" } });
    expect(suffix.headers.get("content-range")).toBe(
      `bytes ${file.length - 500}-${file.length - 1}/${file.length}`,
    );
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(file.subarray(file.length - 500));
  });

  test("answers 416 with the size for a range past the end", async () => {
    const response = await fetch(url, { headers: { range: `bytes=${file.length}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${file.length}`);
  });

  test("answers HEAD with the size and no body", async () => {
    const response = await fetch(url, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(file.length));
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  test("answers 404 for an unknown title", async () => {
    expect((await fetch(new URL("vod/nope.mp4", server.url))).status).toBe(404);
  });
});
