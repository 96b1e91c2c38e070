import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import { type GuardedFetchOptions, guardedFetch, outboundPolicy } from "./guarded-fetch.ts";
import { OutboundError } from "./outbound-error.ts";
import type { Lookup } from "./resolve-public.ts";

let server: Server<unknown>;
let origin: string;
let requests = 0;

beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      requests++;
      const { pathname } = new URL(request.url);
      switch (pathname) {
        case "/echo":
          return Response.json({ host: request.headers.get("host"), accept: request.headers.get("accept") });
        case "/relative":
          return new Response(null, { status: 302, headers: { location: "/echo" } });
        case "/to-name":
          return new Response(null, {
            status: 301,
            headers: { location: `http://panel.example:${server.port}/echo` },
          });
        case "/to-private":
          return new Response(null, { status: 302, headers: { location: "http://10.0.0.5/playlist.m3u" } });
        case "/to-file":
          return new Response(null, { status: 307, headers: { location: "file:///etc/passwd" } });
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
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop(true));

/** A resolver answering from a table, counting its calls. */
function fakeDns(...answers: string[][]): Lookup & { calls: number } {
  const lookup = async () => {
    const answer = answers[Math.min(lookup.calls++, answers.length - 1)] ?? [];
    return answer.map((address) => ({
      address,
      family: address.includes(":") ? (6 as const) : (4 as const),
    }));
  };
  lookup.calls = 0;
  return lookup;
}

function options(overrides: Partial<GuardedFetchOptions> = {}): GuardedFetchOptions {
  return {
    allowPrivate: false,
    allowOrigins: [],
    label: "provider",
    signal: AbortSignal.timeout(2000),
    ...overrides,
  };
}

/** The message `guardedFetch` refuses with, or "fetched" when it does not. */
async function refusal(url: string, overrides: Partial<GuardedFetchOptions> = {}): Promise<string> {
  try {
    await (await guardedFetch(url, options(overrides))).body?.cancel();
    return "fetched";
  } catch (error) {
    if (error instanceof OutboundError) return error.message;
    throw error;
  }
}

const HINT = "refused (set OUTBOUND_ALLOW_PRIVATE for local providers)";

describe("guardedFetch refuses", () => {
  test("loopback, the cloud metadata address and IPv4-mapped loopback, without connecting", async () => {
    const before = requests;
    expect(await refusal(`${origin}/echo`)).toBe(
      `The provider's address "127.0.0.1" is a loopback address; ${HINT}`,
    );
    expect(await refusal("http://169.254.169.254/latest/meta-data/")).toBe(
      `The provider's address "169.254.169.254" is a link-local address; ${HINT}`,
    );
    expect(await refusal(`http://[::ffff:127.0.0.1]:${server.port}/echo`)).toBe(
      `The provider's address "::ffff:7f00:1" is a loopback address; ${HINT}`,
    );
    expect(requests).toBe(before);
  });

  test("a name with one private address among public ones", async () => {
    const message = await refusal("http://mixed.example/get.php", {
      lookup: fakeDns(["93.184.216.34", "10.0.0.5"]),
    });
    expect(message).toBe(`The provider's address "mixed.example" (10.0.0.5) is a private address; ${HINT}`);
  });

  test("a name that does not resolve, and URLs that are not http(s)", async () => {
    expect(await refusal("http://gone.example/", { lookup: fakeDns([]) })).toBe(
      `The provider's address "gone.example" does not resolve to an address`,
    );
    expect(await refusal("file:///etc/passwd")).toBe(
      `The provider's URL is a "file:" URL; only http and https are fetched`,
    );
    expect(await refusal("not a url")).toBe("The provider's URL is not a valid URL");
  });

  test("a redirect from an allowed origin to a private address, at the hop", async () => {
    const message = await refusal(`${origin}/to-private`, { allowOrigins: [origin], label: "guide" });
    expect(message).toBe(
      `The guide redirected to "10.0.0.5", a private address; refused (set OUTBOUND_ALLOW_PRIVATE for local guides)`,
    );
  });

  test("a redirect to another scheme, and a redirect loop after five hops", async () => {
    const allowed = { allowOrigins: [origin] };
    expect(await refusal(`${origin}/to-file`, allowed)).toBe(
      `The provider redirected to a "file:" URL; only http and https are fetched`,
    );
    const before = requests;
    expect(await refusal(`${origin}/loop`, allowed)).toBe(
      "The provider redirected more than 5 times; gave up",
    );
    expect(requests - before).toBe(6);
  });

  test("refusals are unprocessable problems naming the address class", async () => {
    const error = await guardedFetch("http://10.1.2.3/", options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect(error).toMatchObject({ code: "unprocessable", status: 422, details: { addressClass: "private" } });
  });
});

describe("guardedFetch fetches", () => {
  test("an allowed origin whatever its address", async () => {
    const response = await guardedFetch(`${origin}/echo`, options({ allowOrigins: [origin] }));
    expect(await response.json()).toMatchObject({ host: `127.0.0.1:${server.port}` });
  });

  test("the checked address with the name as Host, looking the name up once (DNS rebinding)", async () => {
    const dns = fakeDns(["127.0.0.1"], ["10.66.66.66"]);
    const response = await guardedFetch(
      `http://panel.example:${server.port}/echo`,
      options({ allowPrivate: true, lookup: dns, headers: { accept: "application/json" } }),
    );
    expect(await response.json()).toEqual({
      host: `panel.example:${server.port}`,
      accept: "application/json",
    });
    expect(dns.calls).toBe(1);
  });

  test("relative and absolute redirects, resolving each new name (addresses need no lookup)", async () => {
    const dns = fakeDns(["127.0.0.1"]);
    const relative = await guardedFetch(
      `${origin}/relative`,
      options({ allowOrigins: [origin], lookup: dns }),
    );
    expect(relative.status).toBe(200);
    const named = await guardedFetch(`${origin}/to-name`, options({ allowPrivate: true, lookup: dns }));
    expect(await named.json()).toMatchObject({ host: `panel.example:${server.port}` });
    expect(dns.calls).toBe(1);
  });

  test("the next checked address when one refuses the connection", async () => {
    const response = await guardedFetch(
      `http://two.example:${server.port}/echo`,
      options({ allowPrivate: true, lookup: fakeDns(["127.0.0.2", "127.0.0.1"]) }),
    );
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  test("a body as a stream, without reading it all", async () => {
    const response = await guardedFetch(`${origin}/endless`, options({ allowOrigins: [origin] }));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.value?.[0]).toBe(35);
    await reader.cancel();
  });
});

describe("outboundPolicy", () => {
  test("allows the origin of PUBLIC_URL and follows OUTBOUND_ALLOW_PRIVATE", () => {
    expect(
      outboundPolicy({ PUBLIC_URL: "https://tv.example.com:443/api", OUTBOUND_ALLOW_PRIVATE: false }),
    ).toEqual({
      allowPrivate: false,
      allowOrigins: ["https://tv.example.com"],
    });
    expect(
      outboundPolicy({ PUBLIC_URL: "http://127.0.0.1:8080", OUTBOUND_ALLOW_PRIVATE: true }).allowPrivate,
    ).toBe(true);
  });
});
