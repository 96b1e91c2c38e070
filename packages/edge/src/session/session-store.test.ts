import { describe, expect, test } from "bun:test";
import type { RouteClaims } from "../token/claims.ts";
import { SessionStore } from "./session-store.ts";

const claims = (over: Partial<RouteClaims> = {}): RouteClaims => ({
  iss: "nevewatch",
  aud: "n",
  sub: "v1",
  sid: "sid-1",
  sto: "st",
  stm: "10",
  stt: "live",
  fmt: "hls",
  iat: 0,
  exp: 60,
  jti: "j1",
  ...over,
});

function store(now: { t: number }, ended: string[] = []) {
  const created = new SessionStore({
    idleMs: 1000,
    now: () => now.t,
    onEnded: (sids) => ended.push(...sids),
  });
  return created;
}

describe("session store", () => {
  test("binds one key to a sid and stream, unguessable across secrets", () => {
    const now = { t: 0 };
    const a = store(now);
    const b = store(now);
    expect(a.keyFor(claims())).toBe(a.keyFor(claims({ jti: "other" })));
    expect(a.keyFor(claims())).not.toBe(a.keyFor(claims({ stm: "11" })));
    expect(a.keyFor(claims())).not.toBe(b.keyFor(claims()));
    expect(a.keyFor(claims())).toMatch(/^[A-Za-z0-9_-]{32}$/);
    a.close();
    b.close();
  });

  test("re-joins only with the token that opened the session", () => {
    const s = store({ t: 0 });
    s.open(claims());
    expect(s.rejoin(claims())).toBeDefined();
    expect(s.rejoin(claims({ jti: "j2" }))).toBeUndefined();
    s.close();
  });

  test("ends idle sessions but not attached ones, and reports them", () => {
    const now = { t: 0 };
    const ended: string[] = [];
    const s = store(now, ended);
    s.open(claims({ sid: "idle" }));
    const busy = s.open(claims({ sid: "busy", fmt: "file", stt: "vod" }));
    if (busy === undefined) throw new Error("not opened");
    s.attach(busy);
    now.t = 5000;
    s.sweep();
    expect(ended).toEqual(["idle"]);
    expect(s.list().map((x) => x.sid)).toEqual(["busy"]);
    s.close();
  });

  test("ends a live session with its last connection and refuses revoked sids", () => {
    const ended: string[] = [];
    const s = store({ t: 0 }, ended);
    const live = s.open(claims({ sid: "live", fmt: "ts" }));
    if (live === undefined) throw new Error("not opened");
    s.attach(live);
    s.attach(live);
    s.detach(live);
    expect(ended).toEqual([]);
    s.detach(live);
    expect(ended).toEqual(["live"]);
    s.open(claims({ sid: "gone" }));
    expect(s.revoke(["gone"])).toHaveLength(1);
    expect(s.open(claims({ sid: "gone" }))).toBeUndefined();
    s.close();
  });
});
