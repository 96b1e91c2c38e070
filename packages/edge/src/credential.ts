/**
 * Where a node's long-lived credential comes from: the environment, a credential file, or a
 * one-time exchange of the registration secret (saved to the file when one is configured, so a
 * restart does not try to reuse the spent secret).
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ApiClient } from "./api-client.ts";
import type { NodeConfig } from "./config.ts";
import type { Logger } from "./logger.ts";

async function readCredentialFile(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, "utf8")).trim();
    return text === "" ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Exchanges the one-time registration secret for a credential, saving it when a file is configured. */
export async function register(
  config: Readonly<NodeConfig>,
  api: ApiClient,
  version: string,
): Promise<string> {
  if (config.registrationSecret === undefined) throw new Error("EDGE_REGISTRATION_SECRET is not set");
  const answer = await api.register({
    nodeId: config.nodeId,
    registrationSecret: config.registrationSecret,
    url: config.publicUrl,
    version,
  });
  if (config.credentialFile !== undefined) {
    await mkdir(dirname(config.credentialFile), { recursive: true });
    await writeFile(config.credentialFile, `${answer.credential}\n`, { mode: 0o600 });
    await chmod(config.credentialFile, 0o600);
  }
  return answer.credential;
}

export async function resolveCredential(
  config: Readonly<NodeConfig>,
  api: ApiClient,
  version: string,
  logger: Logger,
): Promise<string> {
  if (config.credential !== undefined) return config.credential;
  const saved =
    config.credentialFile === undefined ? undefined : await readCredentialFile(config.credentialFile);
  if (saved !== undefined) return saved;
  logger.info({ nodeId: config.nodeId }, "no credential yet: registering with the one-time secret");
  return register(config, api, version);
}
