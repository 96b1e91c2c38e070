/**
 * Imports with the SSRF guard on (OUTBOUND_ALLOW_PRIVATE off, the default outside tests):
 * providers on private addresses are refused with a reason, the platform's own PUBLIC_URL
 * origin stays reachable, and a redirect is checked at every hop.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { migrate } from "../../boot.ts";
import { createTestContext, type TestContext } from "../../testing/context.ts";
import { createProvider } from "../providers/service.ts";
import { insertStoreDoc } from "../stores/repo.ts";
import { createImport, type ImportDoc, itemsOf, runCatalogImport } from "./mod.ts";
import { type Origin, startOrigin } from "./testing.ts";

const PLAYLIST = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" group-title="News",Neve One
http://up.example/live/a/b/1.ts
#EXTINF:-1 tvg-id="two.uk" group-title="News",Neve Two
http://up.example/live/a/b/2.ts
`;
const BY = { principal: null, ip: null, requestId: null };

let ctx: TestContext;
/** The platform's own origin (PUBLIC_URL) and a provider elsewhere on this machine. */
let own: Origin;
let local: Origin;

beforeAll(async () => {
  local = startOrigin({ "/list.m3u": PLAYLIST });
  own = startOrigin({
    "/demo-origin/playlist.m3u": PLAYLIST,
    "/moved.m3u": () => new Response(null, { status: 302, headers: { location: `${local.url}/list.m3u` } }),
  });
  ctx = await createTestContext({ OUTBOUND_ALLOW_PRIVATE: "false", PUBLIC_URL: own.url });
  await migrate(ctx);
});
afterAll(async () => {
  own.stop();
  local.stop();
  await ctx.dispose();
});

async function newStore(): Promise<string> {
  return insertStoreDoc(ctx, { slug: `s${crypto.randomUUID().slice(0, 8)}` });
}

/** Imports an M3U provider at `url` into a new store, with the guard as `allowPrivate` says. */
async function importM3u(url: string, allowPrivate = false): Promise<{ done: ImportDoc; items: number }> {
  const storeId = await newStore();
  const provider = await createProvider(
    ctx,
    storeId,
    { name: "Provider", kind: "m3u", accounts: [{ url, maxConnections: 1 }] },
    BY,
  );
  const record = await createImport(ctx, storeId, "catalog", provider.id);
  const config = { ...ctx.config, OUTBOUND_ALLOW_PRIVATE: allowPrivate };
  const done = await runCatalogImport({ ...ctx, config }, storeId, record._id);
  const items = (await itemsOf(ctx, storeId).find({}, { limit: 100 })).items.length;
  return { done, items };
}

describe("catalog import with OUTBOUND_ALLOW_PRIVATE off", () => {
  test("refuses an M3U provider on 127.0.0.1 with the reason, imports nothing and never connects", async () => {
    const { done, items } = await importM3u(`${local.url}/list.m3u`);
    expect(done.status).toBe("failed");
    expect(done.failure).toBe(
      `The provider's address "127.0.0.1" is a loopback address; refused (set OUTBOUND_ALLOW_PRIVATE for local providers)`,
    );
    expect(items).toBe(0);
    expect(local.hits).toEqual([]);
  });

  test("imports the same provider once OUTBOUND_ALLOW_PRIVATE is on", async () => {
    const { done, items } = await importM3u(`${local.url}/list.m3u`, true);
    expect(done.status).toBe("succeeded");
    expect(items).toBe(2);
  });

  test("imports from the origin of PUBLIC_URL (the demo origin), though it is loopback", async () => {
    const { done, items } = await importM3u(`${own.url}/demo-origin/playlist.m3u`);
    expect(done.status).toBe("succeeded");
    expect(items).toBe(2);
  });

  test("refuses a redirect from the PUBLIC_URL origin to a private address at the hop", async () => {
    const before = local.hits.length;
    const { done, items } = await importM3u(`${own.url}/moved.m3u`);
    expect(done.status).toBe("failed");
    expect(done.failure).toBe(
      `The provider redirected to "127.0.0.1", a loopback address; refused (set OUTBOUND_ALLOW_PRIVATE for local providers)`,
    );
    expect(items).toBe(0);
    expect(local.hits.length).toBe(before);
  });

  test("refuses an Xtream Codes panel on a private address with the same reason", async () => {
    const storeId = await newStore();
    const provider = await createProvider(
      ctx,
      storeId,
      {
        name: "Panel",
        kind: "xtream",
        baseUrl: "http://10.0.0.5:8080",
        accounts: [{ username: "u", password: "p", maxConnections: 1 }],
      },
      BY,
    );
    const record = await createImport(ctx, storeId, "catalog", provider.id);
    const done = await runCatalogImport(ctx, storeId, record._id);
    expect(done.status).toBe("failed");
    expect(done.failure).toBe(
      `The provider's address "10.0.0.5" is a private address; refused (set OUTBOUND_ALLOW_PRIVATE for local providers)`,
    );
  });
});
