/**
 * The demo origin on its own HTTP server, for trying it by hand:
 *
 *   bun packages/api/src/demo/origin/serve.ts [port]
 *   ffplay http://127.0.0.1:8089/ts/neve-one.ts
 *   vlc http://127.0.0.1:8089/playlist.m3u
 */
import { createLogger } from "../../log/logger.ts";
import { createDemoOrigin, type DemoOrigin, type DemoOriginOptions } from "./create-demo-origin.ts";

export interface DemoOriginServer {
  origin: DemoOrigin;
  url: URL;
  stop(): Promise<void>;
}

export function serveDemoOrigin(
  options: DemoOriginOptions & { port?: number; hostname?: string } = {},
): DemoOriginServer {
  const { port = 0, hostname = "127.0.0.1", ...originOptions } = options;
  const origin = createDemoOrigin(originOptions);
  // Live chunks leave every ~100 ms, well inside the idle timeout.
  const server = Bun.serve({ port, hostname, idleTimeout: 30, fetch: (request) => origin.fetch(request) });
  const basePath = (originOptions.basePath ?? "").replace(/\/+$/, "");
  return {
    origin,
    url: new URL(`http://${server.hostname}:${server.port}${basePath}/`),
    stop: () => server.stop(true),
  };
}

if (import.meta.main) {
  const port = Number(Bun.argv[2] ?? 8089);
  const { url, origin } = serveDemoOrigin({ port });
  const log = createLogger({ level: "info" });
  log.info(
    { url: url.href, playlist: `${url.href}playlist.m3u`, channels: origin.channels.map((c) => c.id) },
    "demo origin listening",
  );
}
