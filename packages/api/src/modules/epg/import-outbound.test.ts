/**
 * Guide imports with the SSRF guard on (OUTBOUND_ALLOW_PRIVATE off, the default outside tests):
 * a guide on a private address is refused with a reason and nothing is imported.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { migrate } from "../../boot.ts";
import { createTestContext, type TestContext } from "../../testing/context.ts";
import { createImport } from "../catalog/mod.ts";
import { type Origin, startOrigin } from "../catalog/testing.ts";
import { programmes } from "./repo.ts";
import { runGuideImport } from "./run-import.ts";
import { createGuideSource } from "./sources.ts";

const GUIDE = `<?xml version="1.0" encoding="UTF-8"?><tv>
<channel id="one.uk"><display-name>Neve One</display-name></channel>
<programme start="20300101000000 +0000" stop="20300101010000 +0000" channel="one.uk"><title>Later</title></programme>
</tv>`;
const BY = { principal: null, ip: null, requestId: null };

let ctx: TestContext;
let local: Origin;

beforeAll(async () => {
  local = startOrigin({ "/guide.xml": GUIDE });
  ctx = await createTestContext({ OUTBOUND_ALLOW_PRIVATE: "false" });
  await migrate(ctx);
});
afterAll(async () => {
  local.stop();
  await ctx.dispose();
});

test("a guide on 127.0.0.1 fails with the reason and imports nothing; with OUTBOUND_ALLOW_PRIVATE it imports", async () => {
  const storeId = "guide-store";
  const source = await createGuideSource(
    ctx,
    storeId,
    { name: "Local guide", url: `${local.url}/guide.xml` },
    BY,
  );
  const refused = await runGuideImport(
    ctx,
    storeId,
    (await createImport(ctx, storeId, "epg", source.id))._id,
  );
  expect(refused).toMatchObject({
    status: "failed",
    failure: `The guide's address "127.0.0.1" is a loopback address; refused (set OUTBOUND_ALLOW_PRIVATE for local guides)`,
  });
  expect(local.hits).toEqual([]);
  expect((await programmes(ctx, storeId).find({})).items).toEqual([]);

  const allowed = { ...ctx, config: { ...ctx.config, OUTBOUND_ALLOW_PRIVATE: true } };
  const done = await runGuideImport(
    allowed,
    storeId,
    (await createImport(ctx, storeId, "epg", source.id))._id,
  );
  expect(done).toMatchObject({ status: "succeeded", counts: { read: 1 } });
});
