/**
 * Cross-tenant matrix, generated from the served OpenAPI: for every route that takes an id,
 * callers of store A (owner, staff with every permission, viewer, affiliate) ask for store B's
 * object. Each answer must be exactly the answer for an id that does not exist (no data, no
 * hint), a refusal (403/404), and B's objects must be unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PERMISSIONS } from "../src/auth/permissions.ts";
import type { Principal } from "../src/auth/principal.ts";
import { entitle, importNow, startOrigin } from "../src/modules/catalog/testing.ts";
import { createKit, type Kit } from "../src/modules/entitlements/testing.ts";
import { findStoreById } from "../src/modules/stores/repo.ts";
import { ask, fill, servedOperations } from "./matrix-kit.ts";

let kit: Kit;
let origin: ReturnType<typeof startOrigin>;
const b: Record<string, string> = {};
let slugA = "";
let slugB = "";
let storeA = "";
let storeB = "";

const M3U = `#EXTM3U
#EXTINF:-1 tvg-id="b.one" group-title="News",B One
http://127.0.0.1:9/b-one.ts
`;

async function created(kit: Kit, as: Principal, path: string, body: unknown, slug: string): Promise<any> {
  const result = await kit.call("POST", path, { as, body, headers: { "x-store": slug } });
  if (result.status >= 300) throw new Error(`${path}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/b.m3u": M3U });
  storeA = await kit.store();
  storeB = await kit.store();
  slugA = (await findStoreById(kit.ctx, storeA))?.slug ?? "";
  slugB = (await findStoreById(kit.ctx, storeB))?.slug ?? "";
  const ownerB = kit.owner(storeB);
  const viewerB = await kit.viewer(storeB);
  b.store = storeB;
  b.viewer = viewerB.id;
  b.plan = (
    await created(
      kit,
      ownerB,
      "/v1/plans",
      { name: "B plan", price: 1, currency: "EUR", durationDays: 30, screens: 1 },
      slugB,
    )
  ).id;
  b.subscription = (
    await created(kit, ownerB, "/v1/subscriptions", { viewerId: viewerB.id, planId: b.plan }, slugB)
  ).id;
  b.category = (
    await created(kit, ownerB, "/v1/catalog/categories", { name: "B films", type: "movie" }, slugB)
  ).id;
  b.package = (await created(kit, ownerB, "/v1/catalog/packages", { name: "B pack" }, slugB)).id;
  const provider = await created(
    kit,
    ownerB,
    "/v1/providers",
    {
      name: "B provider",
      kind: "m3u",
      accounts: [{ label: "main", url: `${origin.url}/b.m3u`, maxConnections: 1 }],
    },
    slugB,
  );
  b.provider = provider.id;
  b.account = provider.accounts[0].id;
  const imported = await importNow(kit, ownerB, provider.id);
  b.import = imported.id;
  const items = await kit.call("GET", "/v1/catalog/items", { as: ownerB, headers: { "x-store": slugB } });
  b.item = items.body.items[0].id;
  b.epgSource = (
    await created(kit, ownerB, "/v1/epg/sources", { name: "B guide", url: `${origin.url}/b.xml` }, slugB)
  ).id;
  b.apiKey = (
    await created(kit, ownerB, "/v1/api-keys", { name: "B key", permissions: ["users.read"] }, slugB)
  ).id;
  b.node = (
    await created(
      kit,
      ownerB,
      "/v1/nodes",
      { name: "b-edge", scope: "store", maxStreams: 5, egressMbps: 10 },
      slugB,
    )
  ).node.id;
  b.domain = (
    await created(kit, kit.admin(), `/v1/stores/${storeB}/domains`, { domain: "tv.store-b.example" }, slugB)
  ).id;
  const profiles = await kit.call("GET", "/v1/me/profiles", { as: viewerB, headers: { "x-store": slugB } });
  b.profile = profiles.body.items?.[0]?.id ?? profiles.body[0]?.id;
  const login = await kit.call("POST", "/v1/auth/login", {
    body: {
      email: await emailOf(viewerB.id),
      password: "correct horse battery staple",
      device: { name: "B tv", kind: "tv" },
    },
    headers: { "x-store": slugB },
  });
  b.device = login.body.sessionId;
  b.screen = "b-screen-session";
});
afterAll(async () => {
  await kit.dispose();
  origin.stop();
});

async function emailOf(userId: string): Promise<string> {
  const { findUserById } = await import("../src/modules/users/repo.ts");
  return (await findUserById(kit.ctx, userId))?.email ?? "";
}

/** Which fixture of store B each path parameter of each route family names. */
function paramsFor(path: string): Record<string, string> | null {
  const table: Array<[RegExp, Record<string, string | undefined>]> = [
    [/^\/v1\/api-keys\/\{id\}/, { id: b.apiKey }],
    [/^\/v1\/auth\/devices\/\{id\}/, { id: b.device }],
    [/^\/v1\/catalog\/categories\/\{id\}/, { id: b.category }],
    [/^\/v1\/catalog\/imports\/\{id\}/, { id: b.import }],
    [/^\/v1\/catalog\/items\/\{id\}/, { id: b.item }],
    [/^\/v1\/catalog\/packages\/\{id\}/, { id: b.package }],
    [/^\/v1\/epg\/sources\/\{id\}/, { id: b.epgSource }],
    [/^\/v1\/jobs\/\{id\}/, { id: b.import }],
    [/^\/v1\/me\/profiles\/\{id\}/, { id: b.profile, itemId: b.item }],
    [/^\/v1\/me\/screens\/\{sessionId\}/, { sessionId: b.screen }],
    [/^\/v1\/nodes\/\{id\}/, { id: b.node }],
    [/^\/v1\/plans\/\{id\}/, { id: b.plan }],
    [/^\/v1\/player-lines\/\{viewerId\}/, { viewerId: b.viewer }],
    [/^\/v1\/providers\/\{id\}/, { id: b.provider, accountId: b.account }],
    [/^\/v1\/stores\/\{id\}/, { id: b.store, domainId: b.domain }],
    [/^\/v1\/subscriptions\/\{id\}/, { id: b.subscription }],
    [/^\/v1\/users\/\{id\}/, { id: b.viewer }],
  ];
  const found = table.find(([pattern]) => pattern.test(path));
  return found
    ? (Object.fromEntries(Object.entries(found[1]).filter(([, v]) => v)) as Record<string, string>)
    : null;
}

describe("cross-tenant matrix from the served OpenAPI", () => {
  test("store A's callers get, for store B's objects, the answer of an id that does not exist", async () => {
    const callers: Array<[string, Principal]> = [
      ["owner", kit.owner(storeA)],
      ["staff", kit.staff(storeA, [...PERMISSIONS])],
      ["viewer", { ...(await kit.viewer(storeA)), sessionId: "a-device" }],
      ["affiliate", { id: "aff-a", kind: "user", role: "affiliate", storeId: storeA, permissions: [] }],
    ];
    const operations = (await servedOperations(kit)).filter(
      (op) => op.path.includes("{") && op.path.startsWith("/v1/") && !op.path.startsWith("/v1/edge/"),
    );
    const problems: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const params = paramsFor(op.path);
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
      if (!params || names.some((n) => !params[n])) {
        problems.push(`${op.method} ${op.path}: no store-B fixture for its parameters; add one`);
        continue;
      }
      const missing = Object.fromEntries(names.map((n) => [n, `0000${n}doesnotexist`]));
      for (const [label, who] of callers) {
        const theirs = await ask(kit, op, fill(op.path, params), who, slugA);
        const nothing = await ask(kit, op, fill(op.path, missing), who, slugA);
        checked++;
        const where = `${op.method} ${op.path} as ${label}`;
        if (theirs.status !== nothing.status || theirs.code !== nothing.code)
          problems.push(
            `${where}: ${theirs.status} ${theirs.code} for B's object but ${nothing.status} ${nothing.code} for none`,
          );
        if (theirs.status !== 403 && theirs.status !== 404)
          problems.push(`${where}: answered ${theirs.status}`);
        const leaked = Object.values(params).find((id) => theirs.text.includes(id));
        if (leaked) problems.push(`${where}: the answer names B's object ${leaked}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  test("a viewer of A cannot favorite or track B's item on their own profile", async () => {
    const viewerA = { ...(await kit.viewer(storeA)), sessionId: "a-own" };
    await entitle(kit, storeA, viewerA, [{}]);
    const profiles = await kit.call("GET", "/v1/me/profiles", { as: viewerA, headers: { "x-store": slugA } });
    const own = (profiles.body.items ?? profiles.body)[0].id as string;
    for (const [method, path, body] of [
      ["PUT", `/v1/me/profiles/${own}/favorites/${b.item}`, undefined],
      ["PUT", `/v1/me/profiles/${own}/progress/${b.item}`, { position: 10, duration: 100 }],
    ] as const) {
      const result = await kit.call(method, path, {
        as: viewerA,
        headers: { "x-store": slugA },
        ...(body ? { body } : {}),
      });
      expect(`${method} ${path.replace(b.item ?? "", "<B item>")} ${result.status}`).toBe(
        `${method} ${path.replace(b.item ?? "", "<B item>")} 404`,
      );
    }
  });

  test("store B's objects are untouched after the matrix", async () => {
    const ownerB = kit.owner(storeB);
    for (const path of [
      `/v1/plans/${b.plan}`,
      `/v1/subscriptions/${b.subscription}`,
      `/v1/providers/${b.provider}`,
      `/v1/catalog/items/${b.item}`,
      `/v1/nodes/${b.node}`,
      `/v1/users/${b.viewer}`,
      `/v1/catalog/packages/${b.package}`,
    ]) {
      const result = await kit.call("GET", path, { as: ownerB, headers: { "x-store": slugB } });
      expect(`${path} ${result.status}`).toBe(`${path} 200`);
    }
    const sub = await kit.call("GET", `/v1/subscriptions/${b.subscription}`, {
      as: ownerB,
      headers: { "x-store": slugB },
    });
    expect(sub.body.status).toBe("active");
  });
});
