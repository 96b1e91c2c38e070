import { afterAll, beforeAll, expect, test } from "bun:test";
import { createApp } from "../app.ts";
import { migrate } from "../boot.ts";
import { createTestContext, type TestContext } from "../testing/context.ts";

let ctx: TestContext;
let app: ReturnType<ReturnType<typeof createApp>["listen"]>;
let base: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await migrate(ctx);
  app = createApp(ctx, { authenticate: async () => null }).listen({ hostname: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${app.server?.port}`;
});
afterAll(async () => {
  await app.stop();
  await ctx.dispose();
});

/** `promtool check metrics` (Debian's prometheus package, which `npm test` installs) on a scrape. */
function promtool(text: string): { code: number; output: string } {
  if (!Bun.which("promtool"))
    throw new Error("promtool is missing: apt-get install prometheus (npm test installs it)");
  const run = Bun.spawnSync(["promtool", "check", "metrics"], { stdin: new TextEncoder().encode(text) });
  return { code: run.exitCode, output: `${run.stdout.toString()}${run.stderr.toString()}`.trim() };
}

test("the API's /metrics passes promtool check metrics after real traffic", async () => {
  // Answers of several kinds, so the request counter and the duration histogram have series.
  await (await fetch(`${base}/health/live`)).arrayBuffer();
  await (await fetch(`${base}/nope`)).arrayBuffer();
  await (await fetch(`${base}/v1/auth/me`)).arrayBuffer();
  await (
    await fetch(`${base}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    })
  ).arrayBuffer();
  Bun.gc(true);
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(promtool(text)).toEqual({ code: 0, output: "" });
  const families = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  expect(families).toEqual(
    expect.arrayContaining([
      "http_requests_total counter",
      "http_request_duration_seconds histogram",
      "process_cpu_seconds_total counter",
      "nodejs_active_handles gauge",
      "nodejs_active_requests gauge",
      "nodejs_active_resources gauge",
    ]),
  );
  expect(text).toMatch(/^http_requests_total\{[^}]*route="\/health\/live"[^}]*status="200"[^}]*\} 1$/m);
  expect(text).toMatch(/^http_requests_total\{[^}]*route="unmatched"[^}]*status="404"[^}]*\} 1$/m);
});
