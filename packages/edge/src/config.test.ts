import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "./config.ts";
import { generateRouteKeyPair } from "./token/keys.ts";

const keys = await generateRouteKeyPair();
const base = {
  EDGE_API_URL: "http://127.0.0.1:8080/",
  EDGE_NODE_ID: "edge-fra-1",
  EDGE_NODE_CREDENTIAL: "c".repeat(32),
  EDGE_ROUTE_PUBLIC_KEY: keys.publicKey,
};

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("config was accepted");
}

describe("node config", () => {
  test("applies defaults and freezes the result", () => {
    const config = loadConfig({ ...base, PATH: "/usr/bin", EDGE_CACHE_MB: "" }, "serve");
    expect(config).toMatchObject({
      apiUrl: "http://127.0.0.1:8080",
      listen: { host: "127.0.0.1", port: 8081 },
      publicUrl: "http://127.0.0.1:8081",
      cacheMb: 256,
      viewerQueueBytes: 2048 * 1024,
      logLevel: "info",
      prefix: "",
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.listen)).toBe(true);
  });

  test("parses numbers and the listen address", () => {
    const config = loadConfig(
      { ...base, EDGE_LISTEN: "0.0.0.0:9000", EDGE_CACHE_MB: "64", EDGE_VIEWER_QUEUE_KB: "512" },
      "serve",
    );
    expect(config.listen).toEqual({ host: "0.0.0.0", port: 9000 });
    expect(config.cacheMb).toBe(64);
    expect(config.viewerQueueBytes).toBe(512 * 1024);
  });

  test("names every bad variable in one message without echoing secrets", () => {
    const message = messageOf(() =>
      loadConfig(
        {
          ...base,
          EDGE_API_URL: "not a url",
          EDGE_LISTEN: "8081",
          EDGE_CACHE_MB: "lots",
          EDGE_ROUTE_PUBLIC_KEY: "short",
          EDGE_NODE_CREDENTIAL: "tiny",
          EDGE_LOG_LEVEL: "loud",
        },
        "serve",
      ),
    );
    for (const name of [
      "EDGE_API_URL",
      "EDGE_LISTEN",
      "EDGE_CACHE_MB",
      "EDGE_ROUTE_PUBLIC_KEY",
      "EDGE_NODE_CREDENTIAL",
      "EDGE_LOG_LEVEL",
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain("tiny");
  });

  test("requires a credential source and the route key to serve, and the secret to register", () => {
    const { EDGE_NODE_CREDENTIAL: _c, EDGE_ROUTE_PUBLIC_KEY: _k, ...bare } = base;
    const serve = messageOf(() => loadConfig(bare, "serve"));
    expect(serve).toContain("EDGE_ROUTE_PUBLIC_KEY: is required to serve");
    expect(serve).toContain("EDGE_NODE_CREDENTIAL: is required to serve");
    expect(messageOf(() => loadConfig(bare, "register"))).toContain(
      "EDGE_REGISTRATION_SECRET: is required to register",
    );
    expect(
      loadConfig({ ...bare, EDGE_REGISTRATION_SECRET: "s".repeat(20) }, "register").registrationSecret,
    ).toBe("s".repeat(20));
  });
});

describe("EDGE_ROUTE_PUBLIC_KEY", () => {
  test("refuses 32 bytes that are no usable Ed25519 key, naming the variable and the fix", () => {
    const zeros = Buffer.alloc(32).toString("base64url");
    const notOnCurve = Buffer.from(`02${"00".repeat(31)}`, "hex").toString("base64url");
    for (const [key, problem] of [
      [zeros, "small-order"],
      [notOnCurve, "not a point on the Ed25519 curve"],
    ] as const) {
      const message = messageOf(() => loadConfig({ ...base, EDGE_ROUTE_PUBLIC_KEY: key }, "serve"));
      expect(message).toMatch(new RegExp(`EDGE_ROUTE_PUBLIC_KEY: [^\\n]*${problem}`));
      expect(message).toContain("nevewatch-api keys generate");
      expect(message).not.toContain(key);
    }
  });
});

describe("EDGE_OUTBOUND_ALLOW_PRIVATE", () => {
  test("is off unless set to a true value, and refuses anything else", () => {
    expect(loadConfig(base, "serve").outboundAllowPrivate).toBe(false);
    expect(loadConfig({ ...base, EDGE_OUTBOUND_ALLOW_PRIVATE: "true" }, "serve").outboundAllowPrivate).toBe(
      true,
    );
    expect(loadConfig({ ...base, EDGE_OUTBOUND_ALLOW_PRIVATE: "0" }, "serve").outboundAllowPrivate).toBe(
      false,
    );
    expect(messageOf(() => loadConfig({ ...base, EDGE_OUTBOUND_ALLOW_PRIVATE: "maybe" }, "serve"))).toContain(
      "EDGE_OUTBOUND_ALLOW_PRIVATE",
    );
  });
});

describe(".env.example", () => {
  test("documents every variable the node reads", async () => {
    const { envSchema } = await import("./config.ts");
    const example = await Bun.file(new URL("../.env.example", import.meta.url)).text();
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    expect([...documented].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});
