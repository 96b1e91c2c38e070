/**
 * References across stores, generated from the served OpenAPI: every write route whose body
 * names store objects by id (fields marked `x-ref: <kind>`) is called by store A's callers with
 * store B's object of that kind in that field. The answer must be the answer for an id that
 * does not exist (422 `reference_not_found` pointing at the field), and no document anywhere may
 * change; the same body with A's own object must then be taken, so the refusal is about whose
 * object it is. A new route, or a new id field on an old one, is covered the day it is added.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Principal } from "../src/auth/principal.ts";
import { COLLECTIONS } from "../src/collections.ts";
import { scan } from "../src/db/mod.ts";
import { importNow, startOrigin } from "../src/modules/catalog/testing.ts";
import { createKit, type Kit } from "../src/modules/entitlements/testing.ts";
import { findStoreById } from "../src/modules/stores/repo.ts";
import { REF_KINDS, type RefKind, refKindOf } from "../src/tenancy/ref-kinds.ts";
import { fill, servedOperations } from "./matrix-kit.ts";
import type { JsonSchema, Operation } from "./openapi-walk.ts";

/** Body fields named like ids that are not references to a store object, and why. */
const NOT_REFERENCES: Record<string, string> = {
  "POST /v1/me/trial /deviceId": "the device's own id, made up by the client",
  "PATCH /v1/catalog/items/{id} /epgId": "an XMLTV channel key, matched only within the store's own guide",
  "POST /v1/nodes /storeId": "a platform admin names the store a node serves",
};

/**
 * Routes that answer a reference to nothing in the store with their own documented code: the
 * storefront's trial says "this plan is not on offer" for a plan that is unknown or inactive.
 */
const OWN_CODES: Record<string, { status: number; code: string }> = {
  "POST /v1/me/trial": { status: 404, code: "plan_not_found" },
};

interface Fixtures {
  slug: string;
  refs: Record<RefKind, string>;
  /** A second object of the kind, where a route needs two (the target of a merge and a source). */
  second: Partial<Record<RefKind, string>>;
}

let kit: Kit;
let origin: ReturnType<typeof startOrigin>;
let storeA = "";
let storeB = "";
const a = {} as Fixtures;
const b = {} as Fixtures;

const playlist = (prefix: string) => `#EXTM3U
#EXTINF:-1 tvg-id="${prefix}.one" group-title="News",${prefix} One
http://127.0.0.1:9/${prefix}-one.ts
#EXTINF:-1 tvg-id="${prefix}.two" group-title="News",${prefix} Two
http://127.0.0.1:9/${prefix}-two.ts
`;

async function created(as: Principal, path: string, body: unknown, slug: string): Promise<any> {
  const result = await kit.call("POST", path, { as, body, headers: { "x-store": slug } });
  if (result.status >= 300) throw new Error(`${path}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

async function fixturesOf(storeId: string, prefix: string): Promise<Fixtures> {
  const slug = (await findStoreById(kit.ctx, storeId))?.slug ?? "";
  const owner = kit.owner(storeId);
  const provider = await created(
    owner,
    "/v1/providers",
    { name: `${prefix} provider`, kind: "m3u", accounts: [{ url: `${origin.url}/${prefix}.m3u` }] },
    slug,
  );
  await importNow(kit, owner, provider.id);
  const items = (await kit.call("GET", "/v1/catalog/items", { as: owner, headers: { "x-store": slug } })).body
    .items;
  const categories = (
    await kit.call("GET", "/v1/catalog/categories", { as: owner, headers: { "x-store": slug } })
  ).body.items;
  const pkg = await created(owner, "/v1/catalog/packages", { name: `${prefix} pack` }, slug);
  const planBody = { price: 1, currency: "EUR", durationDays: 30, screens: 1, trialDays: 7 };
  const plan = await created(owner, "/v1/plans", { name: `${prefix} plan`, ...planBody }, slug);
  const offered = await created(owner, "/v1/plans", { name: `${prefix} offer`, ...planBody }, slug);
  const viewer = await kit.viewer(storeId);
  return {
    slug,
    refs: {
      package: pkg.id,
      item: items[0].id,
      category: categories[0].id,
      plan: plan.id,
      provider: provider.id,
      viewer: viewer.id,
    },
    second: { item: items[1].id, plan: offered.id },
  };
}

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/a.m3u": playlist("a"), "/b.m3u": playlist("b") });
  storeA = await kit.store();
  storeB = await kit.store();
  Object.assign(a, await fixturesOf(storeA, "a"));
  Object.assign(b, await fixturesOf(storeB, "b"));
});
afterAll(async () => {
  await kit.dispose();
  origin.stop();
});

/** Every document of every collection, to prove a refused request wrote nothing anywhere. */
async function everything(): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const def of COLLECTIONS) {
    const docs: unknown[] = [];
    for await (const doc of scan(kit.ctx.store.collection(def))) docs.push(doc);
    out[def.name] = docs;
  }
  return JSON.stringify(out);
}

interface RefField {
  /** JSON pointer of the field, `-` standing for "an element of this array". */
  at: string[];
  kind: RefKind;
}

/** The reference fields of a body schema, and the id-named fields that are not marked as one. */
function fieldsOf(
  schema: JsonSchema | undefined,
  at: string[] = [],
): { refs: RefField[]; unmarked: string[] } {
  const refs: RefField[] = [];
  const unmarked: string[] = [];
  if (!schema) return { refs, unmarked };
  const kind = refKindOf(schema);
  if (kind) refs.push({ at, kind });
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const inner = fieldsOf(alt, at);
    refs.push(...inner.refs);
    unmarked.push(...inner.unmarked);
  }
  if (schema.items) {
    const inner = fieldsOf(schema.items, [...at, "-"]);
    refs.push(...inner.refs);
    unmarked.push(...inner.unmarked);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const inner = fieldsOf(property, [...at, name]);
    refs.push(...inner.refs);
    unmarked.push(...inner.unmarked);
    if (/(^ids$|Ids?$)/.test(name) && inner.refs.length === 0) unmarked.push(`/${[...at, name].join("/")}`);
  }
  return { refs, unmarked };
}

/** A copy of `body` with the value at `at` set (objects made on the way; `-` is the array itself). */
function withValue(body: unknown, at: string[], value: unknown): unknown {
  const [head, ...rest] = at;
  if (head === undefined) return value;
  if (head === "-") return value;
  const object = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
  if (rest[0] === "-") return { ...object, [head]: value };
  return { ...object, [head]: withValue((object as Record<string, unknown>)[head], rest, value) };
}

function isArrayField(field: RefField): boolean {
  return field.at.at(-1) === "-";
}

/**
 * The route's example body with every reference in it naming one of A's own objects (`all`:
 * every reference field of the route, also those the example leaves out).
 */
function ownBody(op: Operation, refs: RefField[], all = false): unknown {
  const examples = op.bodySchema?.examples;
  let body = structuredClone(Array.isArray(examples) && examples.length > 0 ? examples[0] : {});
  for (const field of refs) {
    const present = field.at
      .filter((s) => s !== "-")
      .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], body);
    if (present === undefined && !all) continue;
    body = withValue(body, field.at, isArrayField(field) ? [ownId(field.kind)] : ownId(field.kind));
  }
  return body;
}

/** A's object of a kind that a route may take as a reference (not its path's own object). */
function ownId(kind: RefKind): string {
  return a.second[kind] ?? a.refs[kind];
}

/** Path parameters: A's own objects. */
function paramsFor(path: string): Record<string, string> {
  const table: Array<[RegExp, RefKind]> = [
    [/^\/v1\/plans\/\{id\}/, "plan"],
    [/^\/v1\/catalog\/items\/\{id\}/, "item"],
    [/^\/v1\/catalog\/packages\/\{id\}/, "package"],
    [/^\/v1\/catalog\/categories\/\{id\}/, "category"],
    [/^\/v1\/providers\/\{id\}/, "provider"],
  ];
  const found = table.find(([pattern]) => pattern.test(path));
  return found ? { id: a.refs[found[1]] } : {};
}

async function callerFor(op: Operation): Promise<Array<[string, Principal]>> {
  const roles = (op.raw["x-roles"] as string[] | undefined) ?? [];
  const out: Array<[string, Principal]> = [];
  if (roles.includes("store_owner")) out.push(["owner", kit.owner(storeA)]);
  if (roles.includes("platform_admin")) out.push(["platform admin", kit.admin()]);
  if (roles.includes("viewer"))
    out.push(["viewer", { ...(await kit.viewer(storeA)), sessionId: "a-device" }]);
  return out;
}

interface Answer {
  status: number;
  code: string | undefined;
  pointer: string | undefined;
  detail: string;
}

async function send(op: Operation, as: Principal, body: unknown, id: string): Promise<Answer> {
  const result = await kit.call(op.method, fill(op.path, paramsFor(op.path)), {
    as,
    body,
    headers: { "x-store": a.slug },
  });
  const detail = String(result.body?.detail ?? "").replaceAll(id, "<id>");
  return { status: result.status, code: result.body?.code, pointer: result.body?.pointer, detail };
}

const writes = async () =>
  (await servedOperations(kit)).filter(
    (op) => op.method !== "GET" && op.path.startsWith("/v1/") && !op.path.startsWith("/v1/edge/"),
  );

describe("references to another store's objects, from the served OpenAPI", () => {
  test("every id field of a write body is marked with the kind of object it names", async () => {
    const unmarked = (await writes()).flatMap((op) =>
      fieldsOf(op.bodySchema)
        .unmarked.map((field) => `${op.method} ${op.path} ${field}`)
        .filter((where) => NOT_REFERENCES[where] === undefined),
    );
    expect(unmarked).toEqual([]);
  });

  test("are refused like ids that do not exist, with the field's pointer, and nothing is written", async () => {
    const problems: string[] = [];
    const kinds = new Set<RefKind>();
    const covered = new Set<string>();
    let checked = 0;
    for (const op of await writes()) {
      const { refs } = fieldsOf(op.bodySchema);
      const route = `${op.method} ${op.path}`;
      const expected = OWN_CODES[route] ?? { status: 422, code: "reference_not_found" };
      for (const field of refs) {
        kinds.add(field.kind);
        covered.add(route);
        const base = ownBody(op, refs);
        const pointer = `/${field.at.filter((s) => s !== "-").join("/")}${isArrayField(field) ? "/1" : ""}`;
        const naming = (id: string) =>
          withValue(base, field.at, isArrayField(field) ? [ownId(field.kind), id] : id);
        const missing = `0000no${field.kind}here`;
        for (const [label, as] of await callerFor(op)) {
          const where = `${route} ${pointer} as ${label}`;
          const before = await everything();
          const theirs = await send(op, as, naming(b.refs[field.kind]), b.refs[field.kind]);
          const nothing = await send(op, as, naming(missing), missing);
          checked++;
          if ((await everything()) !== before) problems.push(`${where}: something was written`);
          if (JSON.stringify(theirs) !== JSON.stringify(nothing))
            problems.push(
              `${where}: ${JSON.stringify(theirs)} for B's object, ${JSON.stringify(nothing)} for none`,
            );
          if (theirs.status !== expected.status || theirs.code !== expected.code)
            problems.push(`${where}: answered ${theirs.status} ${theirs.code}`);
          else if (expected.code === "reference_not_found" && theirs.pointer !== pointer)
            problems.push(`${where}: pointed at ${theirs.pointer}`);
        }
      }
      if (refs.length === 0) continue;
      // The same body naming A's own objects is taken: the refusals were about whose object it is.
      const [label, as] = (await callerFor(op))[0] ?? [];
      if (!as) {
        problems.push(`${route}: no caller of store A may call it`);
        continue;
      }
      const own = await send(op, as, ownBody(op, refs, true), "");
      if (own.status >= 300)
        problems.push(`${route} as ${label} with A's own objects: ${own.status} ${own.code}`);
    }
    expect(problems).toEqual([]);
    expect([...kinds].sort()).toEqual([...REF_KINDS].sort());
    // The routes the issue named, among all those found.
    expect([...covered]).toEqual(
      expect.arrayContaining([
        "POST /v1/plans",
        "POST /v1/catalog/packages",
        "PATCH /v1/catalog/packages/{id}",
      ]),
    );
    expect(checked).toBeGreaterThan(20);
  });
});
