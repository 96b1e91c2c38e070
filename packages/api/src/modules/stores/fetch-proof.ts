/**
 * Reads what a custom domain serves at the verification path. The platform makes this request
 * on a store owner's say-so, so it is guarded against server-side request forgery: the host is
 * resolved once and every address checked (no loopback, private, link-local, shared, multicast
 * or reserved address unless `DOMAIN_VERIFY_ALLOW_PRIVATE`), the connection goes to that checked
 * address with the domain as Host and TLS server name, redirects are not followed, and both the
 * time taken and the bytes read are bounded.
 */
import { checkServerIdentity } from "node:tls";
import type { Config } from "../../config/config.ts";
import type { AddressClass } from "../../net/public-address.ts";
import { type Lookup, type ResolvedAddress, resolvePublic } from "../../net/resolve-public.ts";

export const VERIFY_PATH = "/.well-known/nevewatch-verify";
const MAX_BODY_BYTES = 4096;

export type ProofConfig = Pick<
  Config,
  | "DOMAIN_VERIFY_SCHEME"
  | "DOMAIN_VERIFY_PORT"
  | "DOMAIN_VERIFY_CONNECT_HOST"
  | "DOMAIN_VERIFY_TIMEOUT_MS"
  | "DOMAIN_VERIFY_ALLOW_PRIVATE"
>;

/** The token text the domain serves, or why it could not be read. */
export type Proof = { body: string } | { error: string; addressClass?: Exclude<AddressClass, "public"> };

/** The URL and options of the verification request to one checked address. */
export function proofRequest(config: ProofConfig, domain: string, to: ResolvedAddress) {
  const host = to.family === 6 ? `[${to.address.replace("%", "%25")}]` : to.address;
  const port = config.DOMAIN_VERIFY_PORT === undefined ? "" : `:${config.DOMAIN_VERIFY_PORT}`;
  const https = config.DOMAIN_VERIFY_SCHEME === "https";
  return {
    url: `${config.DOMAIN_VERIFY_SCHEME}://${host}${port}${VERIFY_PATH}`,
    init: {
      headers: { host: domain, "user-agent": "NeveWatch-DomainVerifier/1" },
      redirect: "manual",
      // The certificate must be the domain's, though the connection names an address.
      ...(https
        ? {
            tls: {
              serverName: domain,
              checkServerIdentity: (_host: string, cert: Parameters<typeof checkServerIdentity>[1]) =>
                checkServerIdentity(domain, cert),
            },
          }
        : {}),
    } satisfies BunFetchRequestInit,
  };
}

/** The body as text, or null once it passes `max` bytes (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array> | null, max: number): Promise<string | null> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new TextDecoder().decode(Buffer.concat(chunks, size));
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

export async function fetchProof(config: ProofConfig, domain: string, lookup?: Lookup): Promise<Proof> {
  const signal = AbortSignal.timeout(config.DOMAIN_VERIFY_TIMEOUT_MS);
  try {
    const resolved = await resolvePublic(config.DOMAIN_VERIFY_CONNECT_HOST ?? domain, {
      allowPrivate: config.DOMAIN_VERIFY_ALLOW_PRIVATE,
      signal,
      ...(lookup ? { lookup } : {}),
    });
    if (!resolved.ok)
      return resolved.reason === "unresolved"
        ? { error: `"${domain}" does not resolve to an address` }
        : {
            error: `"${domain}" resolves to a ${resolved.addressClass} address, which the platform does not connect to`,
            addressClass: resolved.addressClass,
          };
    const { url, init } = proofRequest(config, domain, resolved.address);
    const response = await fetch(url, { ...init, signal });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { error: `The verification URL answered HTTP ${response.status}` };
    }
    const text = await readAtMost(response.body, MAX_BODY_BYTES);
    return text === null ? { error: "The verification file is too large" } : { body: text.trim() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      error: timedOut
        ? "The verification URL did not answer in time"
        : "The verification URL could not be reached",
    };
  }
}
