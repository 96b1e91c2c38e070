/**
 * HTTPS through the guard: the connection names an address, yet the certificate is checked
 * against the URL's name (Bun checks it against the TLS server name), and connections stay
 * pooled per name (a `checkServerIdentity` callback would cost a handshake per request).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fakeDns, PUBLIC_ADDRESS, publicOnly, toLocal } from "../../test/fake-network.ts";
import { startTlsEcho, type TlsEcho } from "../../test/test-certificate.ts";
import { createGuardedFetch, type UpstreamFetch } from "./guarded-fetch.ts";

let server: TlsEcho;
let cert: string;

beforeAll(async () => {
  server = await startTlsEcho("cdn.example");
  cert = server.cert;
});
afterAll(() => server?.stop());

/** `toLocal`, trusting the test certificate. */
const trusting: UpstreamFetch = (url, init) =>
  toLocal(url, { ...init, tls: { ...(init as BunFetchRequestInit).tls, ca: cert } } as BunFetchRequestInit);

describe("a guarded fetch over HTTPS", () => {
  test("accepts the name's certificate at an address and keeps the connection alive", async () => {
    const guarded = createGuardedFetch(publicOnly({ transport: trusting }));
    const peers = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      const response = await guarded(`https://cdn.example:${server.port}/`);
      peers.add(((await response.json()) as { peerPort: unknown }).peerPort);
    }
    expect(peers.size).toBe(1);
  });

  test("refuses a certificate that is not the name's", async () => {
    const lookup = fakeDns({ "other.example": [PUBLIC_ADDRESS] });
    const guarded = createGuardedFetch(publicOnly({ transport: trusting, lookup }));
    const error = await guarded(`https://other.example:${server.port}/`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
  });
});
