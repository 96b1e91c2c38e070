/**
 * HTTPS through the guard: the connection names an address, yet the certificate is checked
 * against the URL's name (Bun checks it against the TLS server name), and connections stay
 * pooled per name (a `checkServerIdentity` callback would cost a handshake per request).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "bun";
import { fakeDns, PUBLIC_ADDRESS, publicOnly, toLocal } from "../../test/fake-network.ts";
import { createGuardedFetch, type UpstreamFetch } from "./guarded-fetch.ts";

let dir: string;
let cert: string;
let server: Server<unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "guard-tls-"));
  const made = Bun.spawnSync(
    [
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=cdn.example",
      "-addext",
      "subjectAltName=DNS:cdn.example",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stderr: "pipe" },
  );
  if (made.exitCode !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  cert = await Bun.file(join(dir, "cert.pem")).text();
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: { cert, key: await Bun.file(join(dir, "key.pem")).text() },
    fetch: (request, self) => Response.json({ peerPort: self.requestIP(request)?.port }),
  });
});
afterAll(async () => {
  server?.stop(true);
  await rm(dir, { recursive: true, force: true });
});

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
