#!/usr/bin/env bun
/**
 * The standalone edge node: `serve` (default) runs it, `register` exchanges the one-time
 * registration secret for a credential. Configuration comes from `EDGE_*` variables only.
 */
import pino from "pino";
import packageJson from "../package.json" with { type: "json" };
import { createApiClient } from "./api-client.ts";
import { type Command, ConfigError, loadConfig } from "./config.ts";
import { register } from "./credential.ts";
import { errorFields } from "./logger.ts";
import { serveNode } from "./serve-node.ts";

const USAGE = "Usage: nevewatch-edge [serve|register]\n";

async function main(argv: string[]): Promise<number> {
  const command = (argv[0] ?? "serve") as Command | "help" | "--help";
  if (command === "help" || command === "--help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== "serve" && command !== "register") {
    process.stderr.write(`Unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, command);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const logger = pino({ level: config.logLevel, base: { nodeId: config.nodeId } });
  const version = packageJson.version;

  if (command === "register") {
    const api = createApiClient({ baseUrl: config.apiUrl, nodeId: config.nodeId });
    const credential = await register(config, api, version);
    logger.info({ credentialFile: config.credentialFile ?? null }, "registered");
    // The credential goes to stdout for the operator to store (or it is in the credential file).
    if (config.credentialFile === undefined) process.stdout.write(`EDGE_NODE_CREDENTIAL=${credential}\n`);
    return 0;
  }

  const node = await serveNode(config, version, logger);
  const done = Promise.withResolvers<number>();
  let signals = 0;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals > 1) {
        // A second signal means "now": skip the rest of the drain.
        logger.warn({ signal }, "second signal: exiting without finishing the drain");
        done.resolve(1);
        return;
      }
      node.shutdown(signal).then(
        () => done.resolve(0),
        () => done.resolve(1),
      );
    });
  }
  return done.promise;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${JSON.stringify({ level: 60, msg: "edge failed to start", ...errorFields(error) })}\n`,
    );
    process.exit(1);
  },
);
