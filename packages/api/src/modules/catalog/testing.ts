/**
 * Test helpers for the catalog side: a local HTTP origin on 127.0.0.1 serving playlists and
 * guides, and a way to run a catalog import through its real durable job.
 */
import type { Principal } from "../../auth/principal.ts";
import { JobQueue, JobWorker } from "../../jobs/mod.ts";
import type { Kit } from "../entitlements/testing.ts";
import { registerCatalogJobs } from "./jobs.ts";

export interface Origin {
  url: string;
  /** Requests seen, as `METHOD path?query`. */
  hits: string[];
  stop(): void;
}

/** Serves `routes[path]` (a body or a function of the request); 404 otherwise. */
export function startOrigin(
  routes: Record<string, string | Uint8Array | ((request: Request) => Response | Promise<Response>)>,
): Origin {
  const hits: string[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const url = new URL(request.url);
      hits.push(`${request.method} ${url.pathname}${url.search}`);
      const route = routes[url.pathname];
      if (route === undefined) return new Response("not found", { status: 404 });
      if (typeof route === "function") return route(request);
      return new Response(route as BodyInit);
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, hits, stop: () => void server.stop(true) };
}

/** Starts an import through the API and runs its job to the end on a real worker. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
export async function importNow(kit: Kit, as: Principal, providerId: string): Promise<any> {
  const started = await kit.call("POST", "/v1/catalog/imports", { as, body: { providerId } });
  if (started.status !== 202) throw new Error(`import refused: ${JSON.stringify(started.body)}`);
  const worker = new JobWorker({ queue: new JobQueue(kit.ctx.store), logger: kit.ctx.log, pollMs: 5 });
  registerCatalogJobs(kit.ctx, { worker });
  worker.start();
  try {
    for (let i = 0; i < 2000; i++) {
      const { body } = await kit.call("GET", `/v1/catalog/imports/${started.body.id}`, { as });
      if (body.status === "succeeded" || body.status === "failed") return body;
      await Bun.sleep(5);
    }
    throw new Error("import did not finish");
  } finally {
    await worker.stop();
  }
}
