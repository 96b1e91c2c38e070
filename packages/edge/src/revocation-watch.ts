/**
 * Push of revoked screens to a node: a long poll on the API that answers as soon as a screen is
 * signed out, kicked, loses its plan or moves to a newer route, so the node ends those sessions
 * within a second instead of at its next heartbeat. While the API is unreachable it retries with
 * backoff; the heartbeat still revokes the sessions it reports.
 */
import type { ApiClient } from "./api-client.ts";
import { errorFields, type Logger } from "./logger.ts";
import type { Edge } from "./server/create-edge.ts";

export interface RevocationWatch {
  stop(): void;
}

export function watchRevocations(options: {
  edge: Pick<Edge, "revoke">;
  api: Pick<ApiClient, "revocations">;
  logger: Logger;
  /** Longest wait between attempts while the API fails. */
  maxBackoffMs?: number;
}): RevocationWatch {
  let stopped = false;
  let after = 0;
  let failures = 0;

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        const answer = await options.api.revocations(after);
        after = answer.now;
        failures = 0;
        if (answer.revocations.length > 0 && !stopped) {
          options.logger.info({ revocations: answer.revocations.length }, "API revoked screens");
          options.edge.revoke(answer.revocations);
        }
      } catch (error) {
        failures += 1;
        if (failures === 1) options.logger.warn(errorFields(error), "revocation watch failed; retrying");
        await Bun.sleep(Math.min(options.maxBackoffMs ?? 10_000, 250 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  loop().catch((error: unknown) => options.logger.error(errorFields(error), "revocation watch stopped"));
  return {
    stop() {
      stopped = true;
    },
  };
}
