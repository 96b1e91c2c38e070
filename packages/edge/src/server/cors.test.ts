import { describe, expect, test } from "bun:test";
import { preflight, withCors } from "./cors.ts";

describe("cross-origin access to streams", () => {
  test("adds allow-origin to responses, mutable or not", async () => {
    const made = withCors(new Response("x", { headers: { "content-type": "video/mp2t" } }));
    expect(made.headers.get("access-control-allow-origin")).toBe("*");
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("upstream") });
    try {
      const fetched = withCors(await fetch(`http://127.0.0.1:${server.port}/`));
      expect(fetched.headers.get("access-control-allow-origin")).toBe("*");
      expect(await fetched.text()).toBe("upstream");
    } finally {
      server.stop(true);
    }
  });

  test("answers a preflight for Range requests", () => {
    const response = preflight();
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toContain("Range");
  });
});
