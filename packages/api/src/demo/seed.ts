/**
 * `seedDemo`: the demo store a new user meets — logins for each role, a provider reading
 * the built-in demo origin, its guide, a package, a plan and a subscribed viewer — created
 * through the API's own routes (so every rule applies) and safe to run again.
 */
import type { App } from "../app.ts";
import type { Principal } from "../auth/principal.ts";
import type { AppContext } from "../context.ts";
import { findStoreBySlug } from "../modules/stores/repo.ts";
import { createPlatformAdmin } from "../modules/users/admin.ts";
import { findUserByEmail } from "../modules/users/repo.ts";
import { DEMO_ORIGIN_PATH } from "./mod.ts";

export const DEMO_STORE_SLUG = "demo";

/** Demo logins: local, documented, never for production (the store is created only by `start`/`seed-demo`). */
export const DEMO_LOGINS = {
  admin: { email: "admin@nevewatch.test", password: "nevewatch-admin" },
  owner: { email: "owner@nevewatch.test", password: "nevewatch-owner" },
  viewer: { email: "viewer@nevewatch.test", password: "nevewatch-viewer" },
} as const;

// biome-ignore lint/suspicious/noExplicitAny: the seeder reads API answers loosely and checks the fields it uses
type Loose = any;
type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Loose }>;

/** Calls the app in process as the given principal, with the demo store resolved by header. */
function caller(app: App, principal: Principal, register: (token: string, p: Principal) => void): Call {
  const token = `seed-${crypto.randomUUID()}`;
  register(token, principal);
  return async (method, path, body) => {
    const response = await app.handle(
      new Request(`http://localhost${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          "x-store": DEMO_STORE_SLUG,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

function must(result: { status: number; body: Loose }, what: string): Loose {
  if (result.status >= 300)
    throw new Error(`Demo seed: ${what} failed with ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body;
}

async function waitForImport(call: Call, path: string, timeoutMs: number): Promise<Loose> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const record = must(await call("GET", path), "reading import");
    if (record.status === "succeeded") return record;
    if (record.status === "failed") throw new Error(`Demo seed: import failed: ${record.failure}`);
    await Bun.sleep(200);
  }
  throw new Error(`Demo seed: import did not finish within ${timeoutMs} ms`);
}

export interface SeedDeps {
  ctx: AppContext;
  /** The running app (its job worker must run, and PUBLIC_URL must reach its demo origin). */
  app: App;
  /** Lets the seeder act as a principal through the app's authenticate. */
  registerToken(token: string, principal: Principal): void;
}

export interface SeedResult {
  storeId: string;
  /** The demo viewer's ready-to-play M3U URL for existing players (VLC, ffplay, IPTV apps). */
  m3uUrl: string | null;
  channels: number;
  created: boolean;
}

export async function seedDemo({ ctx, app, registerToken }: SeedDeps): Promise<SeedResult> {
  const admin = await findUserByEmail(ctx, null, DEMO_LOGINS.admin.email);
  const adminId =
    admin?._id ?? (await createPlatformAdmin(ctx, DEMO_LOGINS.admin.email, DEMO_LOGINS.admin.password));
  const asAdmin = caller(
    app,
    { id: adminId, kind: "user", role: "platform_admin", storeId: null, permissions: [] },
    registerToken,
  );

  const existing = await findStoreBySlug(ctx, DEMO_STORE_SLUG);
  const store =
    existing ??
    must(
      await asAdmin("POST", "/v1/stores/", {
        name: "NeveWatch Demo",
        slug: DEMO_STORE_SLUG,
        branding: { primaryColor: "#6d28d9", accentColor: "#f59e0b", theme: "dark" },
        owner: { ...DEMO_LOGINS.owner, name: "Demo Owner" },
      }),
      "creating the demo store",
    );
  const storeId: string = existing?._id ?? store.id;
  const packages = must(await asAdmin("GET", "/v1/catalog/packages"), "listing packages");
  const known = (packages.items ?? packages) as Array<{ id: string; name: string }>;
  if (existing && known.some((p) => p.name === "Demo channels")) {
    const items = must(await asAdmin("GET", "/v1/catalog/items?type=live"), "listing channels");
    return {
      storeId,
      channels: (items.items ?? []).length,
      m3uUrl: await viewerM3u(ctx, app, storeId, registerToken),
      created: false,
    };
  }

  const originUrl = `${ctx.config.PUBLIC_URL}${DEMO_ORIGIN_PATH}`;
  const provider = must(
    await asAdmin("POST", "/v1/providers", {
      name: "NeveWatch demo origin",
      kind: "m3u",
      accounts: [{ label: "demo", url: `${originUrl}/playlist.m3u`, maxConnections: 100 }],
    }),
    "adding the demo provider",
  );
  const started = must(
    await asAdmin("POST", "/v1/catalog/imports", { providerId: provider.id }),
    "starting the import",
  );
  const imported = await waitForImport(asAdmin, `/v1/catalog/imports/${started.id}`, 60_000);
  // The same channels as endless MPEG-TS, so both live formats can be watched (and probed).
  const tsProvider = must(
    await asAdmin("POST", "/v1/providers", {
      name: "NeveWatch demo origin (MPEG-TS)",
      kind: "m3u",
      accounts: [{ label: "demo-ts", url: `${originUrl}/playlist.m3u?output=ts`, maxConnections: 100 }],
    }),
    "adding the MPEG-TS demo provider",
  );
  const tsStarted = must(
    await asAdmin("POST", "/v1/catalog/imports", { providerId: tsProvider.id }),
    "starting the TS import",
  );
  await waitForImport(asAdmin, `/v1/catalog/imports/${tsStarted.id}`, 60_000);
  const tsItems = must(await asAdmin("GET", "/v1/catalog/items?type=live"), "listing TS channels");
  for (const item of (tsItems.items ?? []) as Array<{
    id: string;
    name: string;
    number: number | null;
    sources: Array<{ providerId: string }>;
  }>) {
    if (!item.sources.some((s) => s.providerId === tsProvider.id)) continue;
    must(
      await asAdmin("PATCH", `/v1/catalog/items/${item.id}`, {
        name: `${item.name} (MPEG-TS)`,
        number: 100 + (item.number ?? 0),
      }),
      "naming a TS channel",
    );
  }

  const guide = must(
    await asAdmin("POST", "/v1/epg/sources", { name: "Demo guide", url: `${originUrl}/epg.xml` }),
    "adding the demo guide",
  );
  const guideImport = must(
    await asAdmin("POST", `/v1/epg/sources/${guide.id}/import`),
    "starting the guide import",
  );
  await waitForImport(asAdmin, `/v1/catalog/imports/${guideImport.id}`, 60_000);

  const idsOf = async (type: string) => {
    const list = must(
      await asAdmin("GET", `/v1/catalog/items?type=${type}&limit=200`),
      `listing ${type} items`,
    );
    return ((list.items ?? []) as Array<{ id: string }>).map((i) => i.id);
  };
  const channelIds = await idsOf("live");
  // A series in a package brings its episodes with it.
  const titleIds = [...(await idsOf("movie")), ...(await idsOf("series"))];
  const pack = must(
    await asAdmin("POST", "/v1/catalog/packages", {
      name: "Demo channels",
      description: "The looping test-pattern channels, film and series of the built-in demo origin",
      itemIds: [...channelIds, ...titleIds],
    }),
    "creating the demo package",
  );
  const plan = must(
    await asAdmin("POST", "/v1/plans", {
      name: "Demo Basic",
      description: "Every demo channel, film and series on two screens",
      price: 499,
      currency: "EUR",
      durationDays: 30,
      screens: 2,
      trialDays: 7,
      packageIds: [pack.id],
    }),
    "creating the demo plan",
  );
  const existingViewer = await findUserByEmail(ctx, storeId, DEMO_LOGINS.viewer.email);
  const viewer: string =
    existingViewer?._id ??
    must(
      await asAdmin("POST", "/v1/users/", { ...DEMO_LOGINS.viewer, name: "Demo Viewer", role: "viewer" }),
      "creating the demo viewer",
    ).id;
  must(
    await asAdmin("POST", "/v1/subscriptions", { viewerId: viewer, planId: plan.id }),
    "granting the demo plan",
  );
  ctx.log.info(
    { storeId, channels: channelIds.length, titles: titleIds.length, imported: imported.counts },
    "demo store seeded",
  );
  return {
    storeId,
    channels: channelIds.length,
    m3uUrl: await viewerM3u(ctx, app, storeId, registerToken),
    created: true,
  };
}

/** The demo viewer's player line, read through the viewer's own route. */
async function viewerM3u(
  ctx: AppContext,
  app: App,
  storeId: string,
  registerToken: SeedDeps["registerToken"],
): Promise<string | null> {
  const viewer = await findUserByEmail(ctx, storeId, DEMO_LOGINS.viewer.email);
  if (!viewer) return null;
  const asViewer = caller(
    app,
    { id: viewer._id, kind: "user", role: "viewer", storeId, permissions: [], sessionId: "demo-seed" },
    registerToken,
  );
  const line = await asViewer("GET", "/v1/me/line");
  if (line.status !== 200) return null;
  // The seeder calls the app in process; players reach it at PUBLIC_URL.
  const url = new URL(line.body.m3uUrl as string);
  return `${ctx.config.PUBLIC_URL}${url.pathname}${url.search}`;
}
