import { describe, expect, test } from "bun:test";
import { clientIp } from "./client-ip.ts";

const peer = (address: string) => ({ requestIP: () => ({ address }) });
const request = (forwardedFor?: string) =>
  new Request("http://api.example/v1/auth/login", {
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });

describe("clientIp", () => {
  test("a remote peer's X-Forwarded-For is ignored unless TRUST_PROXY says a proxy sets it", () => {
    expect(clientIp(request("198.51.100.7"), peer("203.0.113.5"), false)).toBe("203.0.113.5");
    expect(clientIp(request("198.51.100.7"), peer("203.0.113.5"), true)).toBe("198.51.100.7");
  });

  test("a loopback peer (a proxy on this machine, like the web app's) speaks for its visitor", () => {
    expect(clientIp(request("198.51.100.7"), peer("127.0.0.1"), false)).toBe("198.51.100.7");
    expect(clientIp(request("198.51.100.7"), peer("::1"), false)).toBe("198.51.100.7");
    expect(clientIp(request("198.51.100.7"), peer("::ffff:127.0.0.1"), false)).toBe("198.51.100.7");
    expect(clientIp(request(), peer("127.0.0.1"), false)).toBe("127.0.0.1");
  });

  test("takes the entry the proxy appended, not one the client wrote before it", () => {
    expect(clientIp(request("10.9.9.9, 198.51.100.7"), peer("127.0.0.1"), false)).toBe("198.51.100.7");
    expect(clientIp(request("10.9.9.9, 198.51.100.7"), peer("203.0.113.5"), true)).toBe("198.51.100.7");
  });

  test("without a server to ask, the address is unknown", () => {
    expect(clientIp(request(), undefined, false)).toBe("unknown");
  });
});
