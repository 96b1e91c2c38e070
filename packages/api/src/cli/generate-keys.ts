/**
 * `keys generate`: fresh random values for every secret of the environment, printed as lines to
 * paste into the API's secret store (and the route public key for every edge node's), so the
 * fix each config problem names is one command that needs no source tree.
 */
import { generateRouteKeyPair } from "@nevewatch/edge";

const random = (bytes: number, encoding: "base64" | "base64url") =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString(encoding);

export async function generateKeys(): Promise<string> {
  const pair = await generateRouteKeyPair();
  return [
    "# Fresh secrets for the API (keep them in a secret store, never in the repository)",
    `JWT_SECRET=${random(48, "base64url")}`,
    `NODE_SECRET_PEPPER=${random(48, "base64url")}`,
    "# ENCRYPTION_KEY: for a new installation, or as the new key of a rotation (see .env.example)",
    `ENCRYPTION_KEY=${random(32, "base64")}`,
    `ROUTE_TOKEN_PRIVATE_KEY=${pair.privateKey}`,
    `ROUTE_TOKEN_PUBLIC_KEY=${pair.publicKey}`,
    "# For every edge node",
    `EDGE_ROUTE_PUBLIC_KEY=${pair.publicKey}`,
  ].join("\n");
}
