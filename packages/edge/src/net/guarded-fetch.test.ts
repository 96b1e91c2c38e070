import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import { fakeDns, PUBLIC_ADDRESS, publicOnly } from "../../test/fake-network.ts";
import { addressedRequest, createGuardedFetch, type GuardedFetchOptions } from "./guarded-fetch.ts";
import { OutboundRefusedError } from "./outbound-refusal.ts";

let server: Server<unknown>;
let port = 0;
/** The test server by address (private) and by a public name. */
let local = "";
let named = "";
let requests = 0;

beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request, self) {
      requests++;
      const { pathname } = new URL(request.url);
      switch (pathname) {
        case "/echo":
          return Response.json({
            host: request.headers.get("host"),
            method: request.method,
            range: request.headers.get("range"),
            peerPort: self.requestIP(request)?.port,
          });
        case "/relative":
          return new Response(null, { status: 302, headers: { location: "/echo" } });
        case "/see-other":
          return new Response(null, { status: 303, headers: { location: "/echo" } });
        case "/to-loopback":
          return new Response(null, { status: 302, headers: { location: `http://127.0.0.1:${port}/echo` } });
        case "/to-metadata":
          return new Response(null, { status: 307, headers: { location: "http://169.254.169.254/latest/" } });
        case "/to-file":
          return new Response(null, { status: 301, headers: { location: "file:///etc/passwd" } });
        case "/loop":
          return new Response(null, { status: 302, headers: { location: "/loop" } });
        case "/endless":
          return new Response(
            new ReadableStream({
              pull(controller) {
                controller.enqueue(new Uint8Array(16_384).fill(35));
              },
            }),
          );
        default:
          return new Response("not found", { status: 404 });
      }
    },
  });
  port = server.port ?? 0;
  local = `http://127.0.0.1:${port}`;
  named = `http://cdn.example:${port}`;
});
afterAll(() => server.stop(true));

const HINT = "refused (set EDGE_OUTBOUND_ALLOW_PRIVATE for local sources)";

/** The message a guarded fetch refuses `url` with, or "fetched". */
async function refusal(url: string, options: GuardedFetchOptions = publicOnly()): Promise<string> {
  try {
    await (await createGuardedFetch(options)(url)).body?.cancel();
    return "fetched";
  } catch (error) {
    if (error instanceof OutboundRefusedError) return error.message;
    throw error;
  }
}

describe("a guarded fetch refuses", () => {
  test("loopback, cloud metadata and IPv4-mapped loopback addresses, without connecting", async () => {
    const before = requests;
    expect(await refusal(`${local}/echo`)).toBe(
      `The source's address "127.0.0.1" is a loopback address; ${HINT}`,
    );
    expect(await refusal("http://169.254.169.254/latest/meta-data/")).toBe(
      `The source's address "169.254.169.254" is a link-local address; ${HINT}`,
    );
    expect(await refusal(`http://[::ffff:127.0.0.1]:${port}/echo`)).toBe(
      `The source's address "::ffff:7f00:1" is a loopback address; ${HINT}`,
    );
    expect(requests).toBe(before);
  });

  test("a name with one private address among public ones, and a name that does not resolve", async () => {
    const lookup = fakeDns({ "mixed.example": [PUBLIC_ADDRESS, "10.0.0.5"] });
    expect(await refusal("http://mixed.example/live.ts", publicOnly({ lookup }))).toBe(
      `The source's address "mixed.example" (10.0.0.5) is a private address; ${HINT}`,
    );
    expect(await refusal("http://gone.example/live.ts")).toBe(
      `The source's address "gone.example" does not resolve to an address`,
    );
  });

  test("a redirect from a public name to a private address, at the hop", async () => {
    const before = requests;
    expect(await refusal(`${named}/to-loopback`)).toBe(
      `The source redirected to "127.0.0.1", a loopback address; ${HINT}`,
    );
    expect(await refusal(`${named}/to-metadata`)).toBe(
      `The source redirected to "169.254.169.254", a link-local address; ${HINT}`,
    );
    // The two redirecting requests went out; the private hops did not.
    expect(requests - before).toBe(2);
  });

  test("other schemes, redirect loops, and request bodies", async () => {
    expect(await refusal("file:///etc/passwd")).toBe(
      `The source's URL is a "file:" URL; only http and https are fetched`,
    );
    expect(await refusal(`${named}/to-file`)).toBe(
      `The source redirected to a "file:" URL; only http and https are fetched`,
    );
    expect(await refusal(`${named}/loop`)).toBe("The source redirected more than 5 times; gave up");
    const guarded = createGuardedFetch(publicOnly());
    await expect(guarded(`${named}/echo`, { method: "POST", body: "x" })).rejects.toThrow(TypeError);
  });

  test("refusals carry the reason, the address and its class", async () => {
    const error = await createGuardedFetch(publicOnly())("http://10.1.2.3/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(error).toMatchObject({
      refusal: { reason: "not_public", host: "10.1.2.3", address: "10.1.2.3", addressClass: "private" },
      redirected: false,
    });
  });
});

describe("a guarded fetch fetches", () => {
  test("a public name at its checked address, with the name as Host and as the response's URL", async () => {
    const response = await createGuardedFetch(publicOnly())(`${named}/echo`, {
      headers: { range: "bytes=0-" },
    });
    expect(response.url).toBe(`${named}/echo`);
    expect(await response.json()).toMatchObject({ host: `cdn.example:${port}`, range: "bytes=0-" });
  });

  test("redirects by hand: the final named URL, 303 turning into GET, HEAD staying HEAD", async () => {
    const guarded = createGuardedFetch(publicOnly());
    const relative = await guarded(`${named}/relative`, { redirect: "follow" });
    expect(relative.url).toBe(`${named}/echo`);
    expect(relative.redirected).toBe(true);
    expect(await relative.json()).toMatchObject({ host: `cdn.example:${port}`, method: "GET" });
    const head = await guarded(`${named}/relative`, { method: "HEAD" });
    expect(head.status).toBe(200);
    const seeOther = await guarded(`${named}/see-other`, { method: "HEAD" });
    expect(seeOther.status).toBe(200);
    const manual = await guarded(`${named}/relative`, { redirect: "manual" });
    expect(manual.status).toBe(302);
  });

  test("an allowed origin or, with allowPrivate, any address", async () => {
    expect(await refusal(`${local}/echo`, publicOnly({ allowOrigins: [local] }))).toBe("fetched");
    expect(await refusal(`${named}/to-loopback`, publicOnly({ allowOrigins: [named] }))).toBe(
      `The source redirected to "127.0.0.1", a loopback address; ${HINT}`,
    );
    expect(await refusal(`${named}/to-loopback`, publicOnly({ allowPrivate: true }))).toBe("fetched");
  });

  test("each name looked up once per cache period, over one kept-alive connection", async () => {
    const lookup = fakeDns({ "cdn.example": [PUBLIC_ADDRESS] });
    const guarded = createGuardedFetch(publicOnly({ lookup }));
    const peers = new Set<unknown>();
    for (let i = 0; i < 5; i++)
      peers.add(((await (await guarded(`${named}/echo`)).json()) as { peerPort: unknown }).peerPort);
    expect(lookup.asked).toEqual(["cdn.example"]);
    expect(peers.size).toBe(1);
    const uncached = createGuardedFetch(publicOnly({ lookup, cacheTtlMs: 0 }));
    await (await uncached(`${named}/echo`)).body?.cancel();
    await (await uncached(`${named}/echo`)).body?.cancel();
    expect(lookup.asked).toHaveLength(3);
  });

  test("the next checked address when one refuses the connection", async () => {
    const lookup = fakeDns({ "two.example": ["127.0.0.2", "127.0.0.1"] });
    const response = await createGuardedFetch(publicOnly({ lookup, allowPrivate: true }))(
      `http://two.example:${port}/echo`,
    );
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  test("a body as a stream, without reading it all", async () => {
    const response = await createGuardedFetch(publicOnly())(`${named}/endless`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).value?.[0]).toBe(35);
    await reader.cancel();
  });
});

describe("addressedRequest", () => {
  test("names the address in the URL and the name in Host and the TLS server name", () => {
    const { url, init } = addressedRequest(
      new URL("https://panel.example:8443/player_api.php?username=u"),
      { address: "2606:4700::6810:84e5", family: 6 },
      { headers: { range: "bytes=0-" } },
    );
    expect(url).toBe("https://[2606:4700::6810:84e5]:8443/player_api.php?username=u");
    expect(init.headers.get("host")).toBe("panel.example:8443");
    expect(init.headers.get("range")).toBe("bytes=0-");
    expect(init.redirect).toBe("manual");
    expect("tls" in init && init.tls.serverName).toBe("panel.example");
  });
});
