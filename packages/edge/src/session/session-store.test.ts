import { describe, expect, test } from "bun:test";
import type { RouteClaims } from "../token/claims.ts";
import { type EndedSession, SessionStore, type ViewerSession } from "./session-store.ts";

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
  gen: 1,
  ...over,
});

function store(now: { t: number }, ended: EndedSession[] = []) {
  return new SessionStore({ idleMs: 1000, now: () => now.t, onEnded: (list) => ended.push(...list) });
}

function opened(s: SessionStore, c: RouteClaims): ViewerSession {
  const result = s.open(c);
  if (!result.ok) throw new Error(`not opened: ${result.reason}`);
  return result.session;
}

describe("session store", () => {
  test("gives each token its own unguessable key, and the same session on a second use", () => {
    const now = { t: 0 };
    const a = store(now);
    const b = store(now);
    const first = a.open(claims());
    const again = a.open(claims());
    expect(first.ok && first.fresh).toBe(true);
    expect(again.ok && !again.fresh && again.session === (first.ok ? first.session : null)).toBe(true);
    const other = opened(a, claims({ jti: "j2", gen: 2 }));
    expect(other.key).not.toBe(first.ok ? first.session.key : "");
    expect(opened(b, claims()).key).not.toBe(first.ok ? first.session.key : "");
    expect(other.key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    a.close();
    b.close();
  });

  test("a newer route of the screen ends its older sessions and refuses their tokens", () => {
    const ended: EndedSession[] = [];
    const s = store({ t: 0 }, ended);
    opened(s, claims({ jti: "hls-1", gen: 1 }));
    opened(s, claims({ jti: "ts-2", gen: 2, fmt: "ts", stm: "11" }));
    expect(ended.map((e) => e.gen)).toEqual([1]);
    expect(s.open(claims({ jti: "hls-1", gen: 1 }))).toEqual({ ok: false, reason: "superseded" });
    expect(s.list().map((x) => x.gen)).toEqual([2]);
    s.close();
  });

  test("a revocation ends the generations it names, while later routes of the screen still open", () => {
    const ended: EndedSession[] = [];
    const s = store({ t: 0 }, ended);
    opened(s, claims({ jti: "a", gen: 5 }));
    expect(s.revoke([{ sid: "sid-1", upTo: 5 }])).toHaveLength(1);
    expect(s.open(claims({ jti: "a", gen: 5 }))).toEqual({ ok: false, reason: "revoked" });
    expect(s.open(claims({ jti: "old", gen: 3 }))).toEqual({ ok: false, reason: "revoked" });
    expect(s.open(claims({ jti: "b", gen: 6 })).ok).toBe(true);
    // A bare sid ends every generation.
    s.revoke([{ sid: "sid-1" }]);
    expect(s.open(claims({ jti: "c", gen: 99 })).ok).toBe(false);
    s.close();
  });

  test("revocations lapse after their time, so a reused screen id is not locked out for ever", () => {
    const now = { t: 0 };
    const s = new SessionStore({ idleMs: 1000, now: () => now.t, revokedTtlMs: 10_000 });
    s.revoke([{ sid: "sid-1", upTo: 7 }]);
    expect(s.isRevoked("sid-1", 7)).toBe(true);
    now.t = 10_001;
    s.sweep();
    expect(s.isRevoked("sid-1", 7)).toBe(false);
    s.close();
  });

  test("ends idle sessions but not attached ones, and reports them with their generation", () => {
    const now = { t: 0 };
    const ended: EndedSession[] = [];
    const s = store(now, ended);
    opened(s, claims({ sid: "idle", jti: "i" }));
    const busy = opened(s, claims({ sid: "busy", jti: "b", fmt: "file", stt: "vod" }));
    s.attach(busy);
    now.t = 5000;
    s.sweep();
    expect(ended.map((e) => [e.sid, e.gen])).toEqual([["idle", 1]]);
    expect(s.list().map((x) => x.sid)).toEqual(["busy"]);
    s.close();
  });

  test("ends a live session with its last connection", () => {
    const ended: EndedSession[] = [];
    const s = store({ t: 0 }, ended);
    const live = opened(s, claims({ sid: "live", fmt: "ts" }));
    s.attach(live);
    s.attach(live);
    s.detach(live);
    expect(ended).toEqual([]);
    s.detach(live);
    expect(ended.map((e) => e.sid)).toEqual(["live"]);
    expect(s.opened("j1")).toBe(false);
    s.close();
  });

  test("rebinding moves the session to a new key and forgets the old one", () => {
    const s = store({ t: 0 });
    const session = opened(s, claims());
    const old = session.key;
    s.rebind(session);
    expect(session.key).not.toBe(old);
    expect(s.touch(old)).toBeUndefined();
    expect(s.touch(session.key)).toBe(session);
    s.close();
  });
});
