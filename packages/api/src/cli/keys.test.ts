/**
 * `keys status` and `keys reseal` as an operator runs them: the real entry point in a child
 * process, on a data directory prepared under the old key.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../boot.ts";
import { newId } from "../db/mod.ts";
import { LINES_COLLECTION } from "../modules/playerapi/mod.ts";
import type { LineDoc } from "../modules/playerapi/model.ts";
import { currentKeyId, openSecret, sealSecret } from "../modules/providers/mod.ts";
import {
  KEY_A,
  KEY_B,
  KEY_C,
  keys,
  storedProviders as providersCollection,
  providerUnder,
} from "../modules/providers/testing.ts";
import { createTestContext, type TestContext } from "../testing/context.ts";

const main = join(import.meta.dir, "..", "main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-keys-"));
const idA = currentKeyId(keys(KEY_A));
const idB = currentKeyId(keys(KEY_B));
const idC = currentKeyId(keys(KEY_C));
let ctx: TestContext;
let lost: { storeId: string; id: string; accountId: string };
let lineId = "";
const linePasswords = () => ctx.store.collection<LineDoc>(LINES_COLLECTION);

beforeAll(async () => {
  ctx = await createTestContext({
    ENCRYPTION_KEY: KEY_A,
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, "nevewatch.db")}`,
  });
  await migrate(ctx);
  await providerUnder(ctx, keys(KEY_A), "m3u", [{ url: "http://a.example/get.php?username=u&password=p" }]);
  await providerUnder(ctx, keys(KEY_A), "xtream", [{ username: "neve", password: "s3cret" }]);
  const storeId = newId();
  const provider = await providerUnder(
    ctx,
    keys(KEY_A),
    "m3u",
    [{ url: "http://c.example/list.m3u" }],
    storeId,
  );
  const account = (await providersCollection(ctx, storeId).get(provider.id))?.accounts[0];
  if (!account) throw new Error("the provider has no account");
  lost = { storeId, id: provider.id, accountId: account.id };
  const url = await sealSecret(keys(KEY_C), "http://c.example/list.m3u");
  await providersCollection(ctx, storeId).update(provider.id, { accounts: [{ ...account, url }] });
  // A viewer's player line, whose password is sealed with the same key.
  const now = new Date().toISOString();
  lineId = (
    await linePasswords().insert({
      storeId,
      viewerId: newId(),
      username: "line-user",
      password: await sealSecret(keys(KEY_A), "line-password"),
      createdAt: now,
      updatedAt: now,
    })
  )._id;
});

afterAll(async () => {
  await ctx.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

function run(command: string, current: string, ...previous: string[]) {
  const result = Bun.spawnSync(["bun", main, "keys", command], {
    // Outside the repository, so no .env file is loaded into the child.
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: current,
      ENCRYPTION_KEYS_PREVIOUS: previous.join(","),
      JOBS_ENABLED: "false",
      LOG_LEVEL: "warn",
    },
    stdout: "pipe",
    stderr: "pipe",
    timeout: 30_000,
  });
  return { code: result.exitCode, out: result.stdout.toString(), err: result.stderr.toString() };
}

test(
  "keys status and keys reseal walk an operator through a rotation",
  async () => {
    const before = run("status", KEY_B, KEY_A);
    expect(before.code, before.err).toBe(0);
    expect(before.out).toContain("Provider credentials: 4 sealed value(s) by key id");
    expect(before.out).toMatch(new RegExp(`${idB}\\s+0\\s+current`));
    expect(before.out).toMatch(new RegExp(`${idA}\\s+3\\s+previous`));
    expect(before.out).toMatch(new RegExp(`${idC}\\s+1\\s+not configured`));
    expect(before.out).toContain('3 value(s) still need a previous key: run "nevewatch-api keys reseal"');
    expect(before.out).toContain("1 value(s) name a key that is not configured");
    expect(before.out).toContain("Player-line passwords: 1 sealed value(s) by key id");

    const first = run("reseal", KEY_B, KEY_A);
    expect(first.code, first.err).toBe(1);
    expect(first.out).toContain(`Resealed provider credentials under key ${idB}`);
    expect(first.out).toContain("scanned 4, resealed 3, already current 0, failed 1");
    expect(first.out).toContain(
      `store ${lost.storeId} provider ${lost.id} account ${lost.accountId} url (key "${idC}")`,
    );
    expect(first.out).toContain(`Resealed player-line passwords under key ${idB}`);
    expect(first.out).toContain("scanned 1, resealed 1, already current 0, failed 0");

    await providersCollection(ctx, lost.storeId).delete(lost.id);
    const second = run("reseal", KEY_B, KEY_A);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain("scanned 3, resealed 0, already current 3, failed 0");

    const after = run("status", KEY_B);
    expect(after.code, after.err).toBe(0);
    expect(after.out).toMatch(new RegExp(`${idB}\\s+3\\s+current`));
    expect(after.out).toContain("Every provider credential is sealed under the current key");
    expect(after.out).toContain("Every player-line password is sealed under the current key");
    // The viewer's line still opens, now with the new key alone.
    const line = await linePasswords().get(lineId);
    expect(await openSecret(keys(KEY_B), line?.password ?? "")).toBe("line-password");
  },
  { timeout: 60_000 },
);
