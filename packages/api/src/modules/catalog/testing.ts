/**
 * Test helpers for the catalog side: a local HTTP origin on 127.0.0.1 serving playlists and
 * guides, and a way to run a catalog import through its real durable job.
 */
import type { Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { JobQueue, JobWorker } from "../../jobs/mod.ts";
import type { Kit } from "../entitlements/testing.ts";
import { registerCatalogJobs } from "./jobs.ts";
import { packages } from "./repo.ts";

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

/**
 * Empty packages of the store with the given ids, for tests whose fixture streams name fixed
 * package ids: a plan may only include packages its store has.
 */
export async function plantPackages(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  ids: string[],
): Promise<void> {
  const now = new Date().toISOString();
  for (const id of ids)
    await packages(ctx, storeId).insert({
      _id: id,
      storeId,
      name: id,
      description: "",
      itemIds: [],
      categoryIds: [],
      createdAt: now,
      updatedAt: now,
    });
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

/** Adds an M3U provider at `url` as `as` and imports it now; gives the finished import. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
export async function importPlaylist(kit: Kit, as: Principal, url: string, name = "P"): Promise<any> {
  const provider = await kit.call("POST", "/v1/providers", {
    as,
    body: { name, kind: "m3u", accounts: [{ url }] },
  });
  if (provider.status !== 201) throw new Error(`provider refused: ${JSON.stringify(provider.body)}`);
  return importNow(kit, as, provider.body.id);
}

/**
 * Gives a viewer a subscription to a new plan that includes the listed packages (created
 * from `packages`: item ids and category ids). Returns the package ids.
 */
export async function entitle(
  kit: Kit,
  storeId: string,
  viewer: Principal,
  packages: Array<{ itemIds?: string[]; categoryIds?: string[] }>,
): Promise<{ packageIds: string[]; planId: string; subscriptionId: string }> {
  const owner = kit.owner(storeId);
  const packageIds: string[] = [];
  for (const [i, body] of packages.entries()) {
    const created = await kit.call("POST", "/v1/catalog/packages", {
      as: owner,
      body: { name: `Pkg ${i}`, ...body },
    });
    if (created.status !== 201) throw new Error(`package refused: ${JSON.stringify(created.body)}`);
    packageIds.push(created.body.id);
  }
  const plan = await kit.call("POST", "/v1/plans", {
    as: owner,
    body: { name: "Plan", price: 100, currency: "EUR", durationDays: 30, screens: 2, packageIds },
  });
  if (plan.status !== 201) throw new Error(`plan refused: ${JSON.stringify(plan.body)}`);
  const sub = await kit.call("POST", "/v1/subscriptions", {
    as: owner,
    body: { viewerId: viewer.id, planId: plan.body.id },
  });
  if (sub.status !== 201) throw new Error(`subscription refused: ${JSON.stringify(sub.body)}`);
  return { packageIds, planId: plan.body.id, subscriptionId: sub.body.id };
}

/** Runs one durable job type's pending jobs to completion on a real worker. */
export async function runJobs(
  kit: Kit,
  register: (worker: JobWorker) => void,
  done: () => Promise<boolean>,
): Promise<void> {
  const worker = new JobWorker({ queue: new JobQueue(kit.ctx.store), logger: kit.ctx.log, pollMs: 5 });
  register(worker);
  worker.start();
  try {
    for (let i = 0; i < 2000 && !(await done()); i++) await Bun.sleep(5);
  } finally {
    await worker.stop();
  }
}
