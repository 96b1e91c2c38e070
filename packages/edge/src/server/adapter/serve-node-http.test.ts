import { afterEach, describe, expect, test } from "bun:test";
import { rawGet } from "../../../test/raw-http.ts";
import { silentLogger } from "../../logger.ts";
import { type NodeHttpServer, serveNodeHttp } from "./serve-node-http.ts";

let server: NodeHttpServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serve(handler: (request: Request) => Promise<Response>, idleTimeoutSec = 0): Promise<string> {
  server = await serveNodeHttp(
    { hostname: "127.0.0.1", port: 0, idleTimeoutSec, logger: silentLogger },
    handler,
  );
  return `http://127.0.0.1:${server.port}`;
}

/** An endless body of 64 KiB chunks that counts what was pulled and whether it was cancelled. */
function endlessBody() {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(64 * 1024);
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulled += chunk.length;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!check() && performance.now() < deadline) await Bun.sleep(20);
  return check();
}

describe("serveNodeHttp", () => {
  test("sends a streamed body with the Content-Length its handler set, not chunked", async () => {
    const chunks = [new Uint8Array(3000).fill(1), new Uint8Array(5000).fill(2)];
    const url = await serve(async () => {
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await Bun.sleep(5);
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(next);
        },
      });
      return new Response(body, { status: 206, headers: { "content-length": "8000" } });
    });
    const wire = await rawGet(`${url}/x?y=1`);
    expect(wire.status).toBe(206);
    expect(wire.chunked).toBe(false);
    expect(wire.headers.get("content-length")).toBe("8000");
    expect(wire.body.length).toBe(8000);
  });

  test("passes method, path, query and headers to the handler", async () => {
    let seen: Request | undefined;
    const url = await serve(async (request) => {
      seen = request;
      return new Response("ok");
    });
    const response = await fetch(`${url}/a/b%20c?token=t`, {
      method: "HEAD",
      headers: { range: "bytes=1-2" },
    });
    expect(response.status).toBe(200);
    expect(seen?.method).toBe("HEAD");
    expect(new URL(seen?.url ?? "").pathname).toBe("/a/b%20c");
    expect(new URL(seen?.url ?? "").search).toBe("?token=t");
    expect(seen?.headers.get("range")).toBe("bytes=1-2");
  });

  test("pulls the body only as fast as the client reads, and cancels it when the client leaves", async () => {
    const { body, state } = endlessBody();
    const url = await serve(async () => new Response(body));
    const response = await fetch(url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    let settled = -1;
    for (let i = 0; i < 20 && settled !== state.pulled; i += 1) {
      settled = state.pulled;
      await Bun.sleep(50);
    }
    // Socket buffers hold a few MiB at most; an adapter that ignored back-pressure would run on.
    expect(state.pulled).toBeLessThan(32 * 1024 * 1024);
    await reader.cancel();
    expect(await until(() => state.cancelled, 2000)).toBe(true);
  });

  test("cuts the connection when the body fails after the headers went out", async () => {
    const url = await serve(async () => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > 0) controller.error(new Error("upstream reset"));
          else controller.enqueue(new Uint8Array(1000));
          sent += 1;
        },
      });
      return new Response(body, { headers: { "content-length": "5000" } });
    });
    const response = await fetch(url);
    expect(response.headers.get("content-length")).toBe("5000");
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  test("closes a connection whose client stopped reading once the idle timeout passes", async () => {
    const { body, state } = endlessBody();
    const url = await serve(async () => new Response(body), 1);
    const response = await fetch(url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(await until(() => state.cancelled, 5000)).toBe(true);
    await reader.cancel().catch(() => {});
  }, 10_000);

  test("keeps a stream open past the idle timeout while its client reads", async () => {
    const url = await serve(async () => {
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            await Bun.sleep(100);
            controller.enqueue(new Uint8Array(1000));
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body);
    }, 1);
    const response = await fetch(url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const startedAt = performance.now();
    let received = 0;
    while (performance.now() - startedAt < 2500) received += (await reader.read()).value?.length ?? 0;
    expect(received).toBeGreaterThan(15_000);
    await reader.cancel();
  }, 10_000);

  test("stop ends the streams still running", async () => {
    const { body, state } = endlessBody();
    const url = await serve(async () => new Response(body));
    const response = await fetch(url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await server?.stop();
    server = undefined;
    expect(await until(() => state.cancelled, 2000)).toBe(true);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) throw new Error("ended cleanly");
      })(),
    ).rejects.toThrow();
  });
});
