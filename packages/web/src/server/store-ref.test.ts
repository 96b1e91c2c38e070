import { describe, expect, test } from "bun:test";
import { forwardedHeaders, NO_STORE, storeRefOf } from "./store-ref.ts";

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("storeRefOf", () => {
  test("prefers ?store= over the header and the cookie", () => {
    const r = request("http://web.local/?store=acme", { "x-store": "other", cookie: "nw_store=third" });
    expect(storeRefOf(r)).toBe("acme");
  });

  test("falls back to X-Store, then the nw_store cookie", () => {
    expect(storeRefOf(request("http://web.local/", { "x-store": "acme" }))).toBe("acme");
    expect(storeRefOf(request("http://web.local/", { cookie: "a=1; nw_store=demo; b=2" }))).toBe("demo");
  });

  test("ignores values that are not slugs", () => {
    expect(storeRefOf(request("http://web.local/?store=..%2Fadmin", { "x-store": "Bad Slug" }))).toBeNull();
  });

  test('"X-Store: -" names no store even when a cookie does', () => {
    expect(
      storeRefOf(request("http://web.local/", { "x-store": NO_STORE, cookie: "nw_store=demo" })),
    ).toBeNull();
  });
});

describe("forwardedHeaders", () => {
  test("forwards the visitor's host and the store it names", () => {
    const headers = forwardedHeaders(
      request("http://tv.acme.example/?store=acme", { host: "tv.acme.example" }),
    );
    expect(headers.get("host")).toBe("tv.acme.example");
    expect(headers.get("x-store")).toBe("acme");
  });

  test("prefers X-Forwarded-Host from a front proxy", () => {
    const headers = forwardedHeaders(
      request("http://127.0.0.1/", { host: "127.0.0.1:3000", "x-forwarded-host": "tv.acme.example" }),
    );
    expect(headers.get("host")).toBe("tv.acme.example");
  });
});

test("appends the visitor's address to X-Forwarded-For", () => {
  const headers = forwardedHeaders(
    request("http://web.local/", { "x-forwarded-for": "203.0.113.9" }),
    "10.0.0.2",
  );
  expect(headers.get("x-forwarded-for")).toBe("203.0.113.9, 10.0.0.2");
  expect(forwardedHeaders(request("http://web.local/"), "10.0.0.2").get("x-forwarded-for")).toBe("10.0.0.2");
});
