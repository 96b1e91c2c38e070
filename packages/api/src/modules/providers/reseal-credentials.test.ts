import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { AUDIT_COLLECTION, type AuditEntry } from "../../audit/mod.ts";
import { migrate } from "../../boot.ts";
import { type BaseDoc, type CollectionDef, type Filter, newId, type Patch } from "../../db/mod.ts";
import { createTestContext, type TestContext } from "../../testing/context.ts";
import { openAccounts } from "./credentials.ts";
import { credentialKeyStatus } from "./key-status.ts";
import { resealCredentials } from "./reseal-credentials.ts";
import { currentKeyId, sealedKeyId } from "./secret-box.ts";
import { getProviderDoc, updateAccount } from "./service.ts";
import { KEY_A, KEY_B, KEY_C, keys, providerUnder, storedValues } from "./testing.ts";

const SYSTEM = { principal: null, ip: null, requestId: null };
const idA = currentKeyId(keys(KEY_A));
const idB = currentKeyId(keys(KEY_B));
const idC = currentKeyId(keys(KEY_C));

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ ENCRYPTION_KEY: KEY_A });
  await migrate(ctx);
});
afterEach(async () => {
  await ctx.dispose();
});

/** The same storage seen by a process configured with other keys. */
const configured = (current: string, ...previous: string[]) => ({
  store: ctx.store,
  config: { ...ctx.config, ...keys(current, ...previous) },
});

/**
 * Storage where someone else edits every provider just before each of the first `times`
 * re-seal writes, as an API process serving an owner would.
 */
function editedMeanwhile(times: number) {
  let left = times;
  const store = new Proxy(ctx.store, {
    get(target, prop) {
      if (prop !== "collection") return Reflect.get(target, prop);
      return (def: CollectionDef) => {
        const inner = target.collection<BaseDoc>(def);
        return new Proxy(inner, {
          get(c, name) {
            if (name !== "findOneAndUpdate") {
              const value = Reflect.get(c, name);
              return typeof value === "function" ? value.bind(c) : value;
            }
            return async (filter: Filter, patch: Patch<BaseDoc>) => {
              if ("accounts" in patch && left-- > 0) await c.updateMany({}, { name: "edited meanwhile" });
              return c.findOneAndUpdate(filter, patch);
            };
          },
        });
      };
    },
  });
  return { store, config: { ...ctx.config, ...keys(KEY_B, KEY_A) } };
}

describe("resealCredentials", () => {
  test("seals every value under the new key, so the old key can go, and a second run changes nothing", async () => {
    const m3uStore = newId();
    const xtreamStore = newId();
    const m3u = await providerUnder(
      ctx,
      keys(KEY_A),
      "m3u",
      [
        { url: "http://a.example/get.php?username=u1&password=p1" },
        { url: "http://a.example/list?token=t2" },
      ],
      m3uStore,
    );
    const xtream = await providerUnder(
      ctx,
      keys(KEY_A),
      "xtream",
      [{ username: "neve", password: "s3cret" }],
      xtreamStore,
    );
    const before = await storedValues(ctx);
    expect(before.map((v) => sealedKeyId(v.sealed))).toEqual([idA, idA, idA, idA]);
    const rotated = configured(KEY_B, KEY_A);
    expect(await credentialKeyStatus(rotated)).toEqual({
      values: 4,
      keys: [
        { keyId: idB, role: "current", values: 0 },
        { keyId: idA, role: "previous", values: 4 },
      ],
    });

    const report = await resealCredentials(rotated);

    expect(report).toEqual({
      keyId: idB,
      scanned: 4,
      resealed: 4,
      alreadyCurrent: 0,
      failed: 0,
      failures: [],
    });
    const after = await storedValues(ctx);
    expect(after.map((v) => sealedKeyId(v.sealed))).toEqual([idB, idB, idB, idB]);
    const onlyB = configured(KEY_B);
    const opened = async (storeId: string, id: string) =>
      (await openAccounts(onlyB, await getProviderDoc(ctx, storeId, id))).map(
        ({ playlistUrl, username, password }) => ({ playlistUrl, username, password }),
      );
    expect(await opened(m3uStore, m3u.id)).toEqual([
      { playlistUrl: "http://a.example/get.php?username=u1&password=p1", username: "u1", password: "p1" },
      { playlistUrl: "http://a.example/list?token=t2", username: null, password: null },
    ]);
    expect(await opened(xtreamStore, xtream.id)).toEqual([
      {
        playlistUrl:
          "http://panel.example:8080/get.php?username=neve&password=s3cret&type=m3u_plus&output=ts",
        username: "neve",
        password: "s3cret",
      },
    ]);

    const again = await resealCredentials(rotated);
    expect(again).toMatchObject({ scanned: 4, resealed: 0, alreadyCurrent: 4, failed: 0 });
    expect(await storedValues(ctx)).toEqual(after);
    expect((await credentialKeyStatus(rotated)).keys).toEqual([
      { keyId: idB, role: "current", values: 4 },
      { keyId: idA, role: "previous", values: 0 },
    ]);

    const audit = await ctx.store
      .collection<AuditEntry>(AUDIT_COLLECTION)
      .find({ action: "provider.credentials_reseal" }, { sort: [["at", 1]] });
    expect(audit.items.map((e) => [e.actorKind, e.storeId, e.targetId, e.after])).toEqual([
      [
        "system",
        null,
        idB,
        { keyId: idB, scanned: 4, resealed: 4, alreadyCurrent: 0, failed: 0, via: "cli", failures: [] },
      ],
      [
        "system",
        null,
        idB,
        { keyId: idB, scanned: 4, resealed: 0, alreadyCurrent: 4, failed: 0, via: "cli", failures: [] },
      ],
    ]);
  });

  test("reports a value under a key no longer configured, leaves it as it was and reseals the rest", async () => {
    const storeId = newId();
    const mixed = await providerUnder(
      ctx,
      keys(KEY_A),
      "xtream",
      [
        { username: "u1", password: "p1" },
        { username: "u2", password: "p2" },
      ],
      storeId,
    );
    const second = mixed.accounts[1]?.id ?? "";
    await updateAccount(configured(KEY_C, KEY_A), storeId, mixed.id, second, { password: "p2" }, SYSTEM);
    const lost = await providerUnder(ctx, keys(KEY_C), "m3u", [{ url: "http://c.example/list.m3u" }]);
    const before = await storedValues(ctx);
    const rotated = configured(KEY_B, KEY_A);

    const report = await resealCredentials(rotated);

    expect(report).toMatchObject({ scanned: 5, resealed: 3, alreadyCurrent: 0, failed: 2 });
    const reason = `No configured encryption key has id "${idC}"`;
    expect(report.failures).toEqual(
      expect.arrayContaining([
        { storeId, providerId: mixed.id, accountId: second, field: "password", keyId: idC, reason },
        {
          storeId: expect.any(String),
          providerId: lost.id,
          accountId: lost.accounts[0]?.id,
          field: "url",
          keyId: idC,
          reason,
        },
      ]),
    );
    const after = await storedValues(ctx);
    const underC = (values: typeof before) => values.filter((v) => sealedKeyId(v.sealed) === idC);
    expect(underC(after)).toEqual(underC(before));
    expect(after.filter((v) => sealedKeyId(v.sealed) !== idC).map((v) => sealedKeyId(v.sealed))).toEqual([
      idB,
      idB,
      idB,
    ]);
    expect(await credentialKeyStatus(rotated)).toEqual({
      values: 5,
      keys: [
        { keyId: idB, role: "current", values: 3 },
        { keyId: idA, role: "previous", values: 0 },
        { keyId: idC, role: "unknown", values: 2 },
      ],
    });

    expect(await resealCredentials(rotated)).toMatchObject({ resealed: 0, alreadyCurrent: 3, failed: 2 });
    expect(await storedValues(ctx)).toEqual(after);
  });

  test("starts a provider again when it was edited between reading and writing, keeping the edit", async () => {
    const storeId = newId();
    const provider = await providerUnder(
      ctx,
      keys(KEY_A),
      "xtream",
      [{ username: "u", password: "p" }],
      storeId,
    );

    const report = await resealCredentials(editedMeanwhile(2));

    expect(report).toMatchObject({ scanned: 2, resealed: 2, failed: 0 });
    const doc = await getProviderDoc(ctx, storeId, provider.id);
    expect(doc.name).toBe("edited meanwhile");
    expect((await openAccounts(configured(KEY_B), doc))[0]).toMatchObject({ username: "u", password: "p" });
  });

  test("reports the values of a provider that keeps changing and leaves them readable", async () => {
    await providerUnder(ctx, keys(KEY_A), "xtream", [{ username: "u", password: "p" }]);
    const before = await storedValues(ctx);

    const report = await resealCredentials(editedMeanwhile(Number.POSITIVE_INFINITY));

    expect(report).toMatchObject({ scanned: 2, resealed: 0, alreadyCurrent: 0, failed: 2 });
    expect(report.failures.map((f) => [f.field, f.keyId, f.reason])).toEqual([
      ["username", idA, "The provider kept changing during the run; run it again"],
      ["password", idA, "The provider kept changing during the run; run it again"],
    ]);
    expect(await storedValues(ctx)).toEqual(before);
  });
});
