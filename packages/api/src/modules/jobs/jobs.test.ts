import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../../app.ts";
import type { Principal } from "../../auth/principal.ts";
import { migrate } from "../../boot.ts";
import { createTestContext, jsonRequest, type TestContext } from "../../testing/context.ts";

const admin: Principal = { id: "a1", kind: "user", role: "platform_admin", storeId: null, permissions: [] };
const owner: Principal = { id: "o1", kind: "user", role: "store_owner", storeId: "s1", permissions: [] };
let ctx: TestContext;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ctx = await createTestContext();
  await migrate(ctx);
  app = createApp(ctx, {
    authenticate: async (token) => (token === "admin" ? admin : token === "owner" ? owner : null),
  });
});
afterAll(() => ctx.dispose());

async function call(method: string, path: string, token: string) {
  const response = await app.handle(
    jsonRequest(method, path, undefined, { authorization: `Bearer ${token}` }),
  );
  return { status: response.status, body: (await response.json()) as any };
}

describe("admin view of jobs", () => {
  test("lists jobs with progress and filters by status, for platform admins only", async () => {
    const job = await ctx.jobs.queue.enqueue("demo.work", { n: 1 });
    await ctx.jobs.queue.enqueue("demo.other", { n: 2 });
    const claimed = await ctx.jobs.queue.claim("w1", ["demo.work"], 10_000);
    expect(claimed?._id).toBe(job._id);
    if (claimed) await ctx.jobs.queue.progress(claimed, { done: 3, total: 10, message: "going" });
    const running = await call("GET", "/v1/jobs?status=running", "admin");
    expect(running.status).toBe(200);
    expect(running.body.items).toHaveLength(1);
    expect(running.body.items[0]).toMatchObject({
      id: job._id,
      type: "demo.work",
      progress: { done: 3, total: 10 },
    });
    const all = await call("GET", "/v1/jobs", "admin");
    expect(all.body.items.map((j: { type: string }) => j.type).sort()).toEqual(["demo.other", "demo.work"]);
    expect((await call("GET", "/v1/jobs", "owner")).status).toBe(403);
    expect((await call("GET", "/v1/jobs", "nobody")).status).toBe(401);
  });

  test("retries a dead job and refuses to retry a live one", async () => {
    const job = await ctx.jobs.queue.enqueue("demo.fragile", {}, { maxAttempts: 1 });
    const claimed = await ctx.jobs.queue.claim("w2", ["demo.fragile"], 10_000);
    if (!claimed) throw new Error("not claimed");
    const failed = await ctx.jobs.queue.fail(claimed, new Error("upstream down"));
    expect(failed?.status).toBe("dead");
    const shown = await call("GET", `/v1/jobs/${job._id}`, "admin");
    expect(shown.body).toMatchObject({ status: "dead", lastError: expect.stringContaining("upstream down") });
    const retried = await call("POST", `/v1/jobs/${job._id}/retry`, "admin");
    expect(retried.body).toMatchObject({ status: "queued", attempts: 0 });
    expect((await call("POST", `/v1/jobs/${job._id}/retry`, "admin")).status).toBe(409);
    expect((await call("POST", "/v1/jobs/missing/retry", "admin")).status).toBe(404);
  });

  test("shows recurring schedules registered by modules", async () => {
    await ctx.jobs.schedules.upsert({ name: "demo-every-minute", type: "demo.tick", everyMs: 60_000 });
    const list = await call("GET", "/v1/jobs/schedules", "admin");
    expect(list.body.some((s: { name: string }) => s.name === "demo-every-minute")).toBe(true);
  });
});
