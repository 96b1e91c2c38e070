import { afterAll, beforeAll, expect, test } from "bun:test";
import { type ServedApi, startServedApi } from "../scripts/_served-api.ts";
import { createClient } from "./client.ts";

let api: ServedApi;

beforeAll(async () => {
  api = await startServedApi({ env: { ALLOW_STORE_SIGNUP: "true" } });
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

test("follows an import's progress on its realtime topic until it succeeds", async () => {
  const slug = `rt-${Date.now().toString(36)}`;
  const client = createClient({ baseUrl: api.url, store: slug });
  const session = await client.POST("/v1/stores/signup", {
    body: {
      name: "Realtime test",
      slug,
      owner: { email: `owner@${slug}.test`, password: "owner-password-1234" },
      device: { name: "SDK test", kind: "web" },
    },
  });
  await client.remember(session.session);
  const me = await client.GET("/v1/auth/me");
  // The API's built-in demo origin serves a small M3U playlist to import.
  const provider = await client.POST("/v1/providers", {
    body: { name: "Demo", kind: "m3u", accounts: [{ url: `${api.url}/demo-origin/playlist.m3u` }] },
  });

  const started = await client.POST("/v1/catalog/imports", { body: { providerId: provider.id } });
  const seen: { status: string; percent: number }[] = [];
  const finished = new Promise<void>((resolve) => {
    void client
      .subscribe(`stores/${me.storeId}/imports/${started.id}`, (data) => {
        const record = data as { status: string; percent: number };
        seen.push(record);
        if (record.status === "succeeded" || record.status === "failed") resolve();
      })
      .then((subscription) => finished.finally(() => subscription.close()));
  });
  // The import may already be done when the subscription lands: read it once too.
  const poll = async () => {
    for (;;) {
      const record = await client.GET("/v1/catalog/imports/{id}", { params: { path: { id: started.id } } });
      if (record.status === "succeeded" || record.status === "failed") return record;
      await Bun.sleep(200);
    }
  };
  const [final] = await Promise.all([poll(), Promise.race([finished, Bun.sleep(15_000)])]);
  expect(final.status).toBe("succeeded");
  expect(Number(final.counts.inserted)).toBeGreaterThan(0);
  if (seen.length > 0) expect(seen.at(-1)?.status).toBe("succeeded");
}, 30_000);
