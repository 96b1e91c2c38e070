import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import type { Lookup } from "../../net/resolve-public.ts";
import { fetchProof, type ProofConfig, proofRequest } from "./fetch-proof.ts";

const TOKEN = "nwv_proof-token";
let server: Server<unknown>;
let requests = 0;

beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      requests++;
      switch (request.headers.get("host")) {
        case "moved.example.com":
          return new Response(null, { status: 302, headers: { location: "http://127.0.0.1/elsewhere" } });
        case "huge.example.com":
          // Endless: only a reader that stops on its own finishes before the timeout.
          return new Response(
            new ReadableStream({
              pull(controller) {
                controller.enqueue(new Uint8Array(16_384).fill(120));
              },
            }),
          );
        default:
          return new Response(`${TOKEN}\n`);
      }
    },
  });
});
afterAll(() => server.stop(true));

function config(overrides: Partial<ProofConfig> = {}): ProofConfig {
  return {
    DOMAIN_VERIFY_SCHEME: "http",
    DOMAIN_VERIFY_PORT: server.port,
    DOMAIN_VERIFY_CONNECT_HOST: undefined,
    DOMAIN_VERIFY_TIMEOUT_MS: 2000,
    DOMAIN_VERIFY_ALLOW_PRIVATE: false,
    ...overrides,
  };
}

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

describe("fetchProof", () => {
  test("refuses a name with one non-public address among its answers, without connecting", async () => {
    const before = requests;
    const proof = await fetchProof(config(), "mixed.example.com", fakeDns(["93.184.216.34", "10.0.0.5"]));
    expect(proof).toEqual({
      error: '"mixed.example.com" resolves to a private address, which the platform does not connect to',
      addressClass: "private",
    });
    expect(requests).toBe(before);
  });

  test("refuses the cloud metadata address and IPv4-mapped loopback", async () => {
    const meta = await fetchProof(config(), "meta.example.com", fakeDns(["169.254.169.254"]));
    expect("addressClass" in meta && meta.addressClass).toBe("link-local");
    const mapped = await fetchProof(config(), "mapped.example.com", fakeDns(["::ffff:127.0.0.1"]));
    expect("addressClass" in mapped && mapped.addressClass).toBe("loopback");
  });

  test("connects to the address it checked, not to a second answer for the name (DNS rebinding)", async () => {
    const dns = fakeDns(["127.0.0.1"], ["10.66.66.66"]);
    const proof = await fetchProof(config({ DOMAIN_VERIFY_ALLOW_PRIVATE: true }), "tv.example.com", dns);
    expect(proof).toEqual({ body: TOKEN });
    expect(dns.calls).toBe(1);
  });

  test("does not follow a redirect", async () => {
    const proof = await fetchProof(
      config({ DOMAIN_VERIFY_ALLOW_PRIVATE: true }),
      "moved.example.com",
      fakeDns(["127.0.0.1"]),
    );
    expect(proof).toEqual({ error: "The verification URL answered HTTP 302" });
  });

  test("stops reading a verification file past 4 KiB", async () => {
    const started = performance.now();
    const proof = await fetchProof(
      config({ DOMAIN_VERIFY_ALLOW_PRIVATE: true }),
      "huge.example.com",
      fakeDns(["127.0.0.1"]),
    );
    expect(proof).toEqual({ error: "The verification file is too large" });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  test("a name that does not resolve, and a lookup that never answers, fail with a reason", async () => {
    const missing = await fetchProof(config(), "gone.example.com", fakeDns([]));
    expect(missing).toEqual({ error: '"gone.example.com" does not resolve to an address' });
    const stuck = await fetchProof(
      config({ DOMAIN_VERIFY_TIMEOUT_MS: 100 }),
      "stuck.example.com",
      () => new Promise(() => undefined),
    );
    expect(stuck).toEqual({ error: "The verification URL did not answer in time" });
  });
});

describe("proofRequest", () => {
  test("names the checked address in the URL and the domain in Host and the TLS server name", () => {
    const { url, init } = proofRequest(
      config({ DOMAIN_VERIFY_SCHEME: "https", DOMAIN_VERIFY_PORT: 8443 }),
      "tv.acme.example",
      { address: "2606:4700::6810:84e5", family: 6 },
    );
    expect(url).toBe("https://[2606:4700::6810:84e5]:8443/.well-known/nevewatch-verify");
    expect(init.headers.host).toBe("tv.acme.example");
    expect(init.redirect).toBe("manual");
    expect("tls" in init && init.tls.serverName).toBe("tv.acme.example");
  });

  test("sends plain HTTP to an IPv4 address without TLS options", () => {
    const { url, init } = proofRequest(config({ DOMAIN_VERIFY_PORT: undefined }), "tv.acme.example", {
      address: "93.184.216.34",
      family: 4,
    });
    expect(url).toBe("http://93.184.216.34/.well-known/nevewatch-verify");
    expect("tls" in init).toBe(false);
  });
});
