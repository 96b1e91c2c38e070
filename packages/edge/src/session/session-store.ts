/**
 * Screen sessions on this edge. A route token opens one session for the one client it was
 * issued to; the session then carries that client past the token's expiry through an
 * HMAC-bound session key, until it sits idle too long, a newer route of the same screen
 * supersedes it, or the API revokes the screen. The store is also what the heartbeat reports.
 *
 * Generations: every route the API hands out for a screen (`sid`) carries a larger `gen`. A
 * revocation names a screen and the last generation it ends (`upTo`), so tokens issued later
 * (the same device signing in again, or zapping) are never caught by an older revocation.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { RouteClaims, StreamFormat, StreamType } from "../token/claims.ts";

export interface ViewerSession {
  /** Unguessable key that binds the session to its one client (used in session-bound URLs). */
  key: string;
  readonly sid: string;
  /** The route generation of the token that opened the session. */
  readonly gen: number;
  readonly viewerId: string;
  readonly storeId: string;
  readonly streamId: string;
  readonly streamType: StreamType;
  readonly format: StreamFormat;
  /** The `jti` of the token that opened the session. */
  readonly jti: string;
  readonly startedAt: number;
  lastSeenAt: number;
  /** Open long-running responses (live viewers, VOD bodies); an attached session never idles out. */
  attached: number;
  /** How many times the token entry re-bound the session to a new client. */
  binds: number;
}

/** Ends the screen's sessions of generation `upTo` and below; `upTo` omitted: every generation. */
export interface Revocation {
  sid: string;
  upTo?: number;
}

export interface EndedSession {
  sid: string;
  gen: number;
  key: string;
}

export interface SessionStoreOptions {
  /** Edge-local secret for session keys; random per process unless given. */
  secret?: Uint8Array;
  /** Idle time after which a session without open responses ends. */
  idleMs: number;
  /** How long a revocation stays in force; longer than any route token lives. */
  revokedTtlMs?: number;
  /** Told about ended sessions, in batches. */
  onEnded?: (sessions: EndedSession[]) => void;
  now?: () => number;
}

export interface SessionSummary {
  sid: string;
  gen: number;
  viewerId: string;
  storeId: string;
  streamId: string;
  streamType: StreamType;
  startedAt: string;
}

export type OpenResult =
  | { ok: true; session: ViewerSession; fresh: boolean }
  | { ok: false; reason: "revoked" | "superseded" };

export class SessionStore {
  private readonly secret: Uint8Array;
  private readonly byKey = new Map<string, ViewerSession>();
  private readonly byJti = new Map<string, ViewerSession>();
  /** Each screen's sessions: supersede and revoke touch one screen, never the whole store. */
  private readonly bySid = new Map<string, Set<ViewerSession>>();
  /** sid → the highest generation revoked, and until when that stays in force. */
  private readonly revoked = new Map<string, { upTo: number; until: number }>();
  /** sid → the newest generation seen on this edge (older tokens of the screen are superseded). */
  private readonly newest = new Map<string, { gen: number; until: number }>();
  private readonly now: () => number;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(private readonly options: SessionStoreOptions) {
    this.secret = options.secret ?? randomBytes(32);
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), Math.max(250, Math.min(5000, options.idleMs / 4)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.byKey.size;
  }

  /** A MAC over `text` with the edge secret, as base64url of `bytes` bytes. */
  mac(text: string, bytes = 16): string {
    return createHmac("sha256", this.secret).update(text).digest().subarray(0, bytes).toString("base64url");
  }

  private keyOf(jti: string, binds: number): string {
    return this.mac(`s\u0000${jti}\u0000${binds}`, 24);
  }

  private revokedUpTo(sid: string): number {
    const entry = this.revoked.get(sid);
    return entry !== undefined && entry.until > this.now() ? entry.upTo : -1;
  }

  /** True when a token of this screen and generation may no longer open anything. */
  isRevoked(sid: string, gen: number): boolean {
    return gen <= this.revokedUpTo(sid);
  }

  private ttl(): number {
    return this.options.revokedTtlMs ?? 600_000;
  }

  /**
   * The session of a verified token: the one it already opened, or a new one. A new session
   * ends the screen's older sessions on this edge (the device moved to another stream).
   */
  open(claims: RouteClaims): OpenResult {
    if (this.isRevoked(claims.sid, claims.gen)) return { ok: false, reason: "revoked" };
    const newest = this.newest.get(claims.sid);
    if (newest !== undefined && newest.gen > claims.gen && newest.until > this.now())
      return { ok: false, reason: "superseded" };
    const existing = this.byJti.get(claims.jti);
    if (existing !== undefined) return { ok: true, session: existing, fresh: false };
    const session: ViewerSession = {
      key: this.keyOf(claims.jti, 0),
      sid: claims.sid,
      gen: claims.gen,
      viewerId: claims.sub,
      storeId: claims.sto,
      streamId: claims.stm,
      streamType: claims.stt,
      format: claims.fmt,
      jti: claims.jti,
      startedAt: this.now(),
      lastSeenAt: this.now(),
      attached: 0,
      binds: 0,
    };
    const older = [...(this.bySid.get(claims.sid) ?? [])].filter((s) => s.gen < claims.gen);
    this.byKey.set(session.key, session);
    this.byJti.set(session.jti, session);
    const screen = this.bySid.get(claims.sid) ?? new Set<ViewerSession>();
    screen.add(session);
    this.bySid.set(claims.sid, screen);
    this.newest.set(claims.sid, { gen: claims.gen, until: this.now() + this.ttl() });
    this.end(older);
    return { ok: true, session, fresh: true };
  }

  /** True while the session that the token `jti` opened lives. */
  opened(jti: string): boolean {
    return this.byJti.has(jti);
  }

  /** Moves the session to a new key: the client that held the old key loses it. */
  rebind(session: ViewerSession): void {
    if (this.byKey.get(session.key) !== session) return;
    this.byKey.delete(session.key);
    session.binds += 1;
    session.key = this.keyOf(session.jti, session.binds);
    session.lastSeenAt = this.now();
    this.byKey.set(session.key, session);
  }

  /** Looks a session up by key and marks it seen. */
  touch(key: string): ViewerSession | undefined {
    const session = this.byKey.get(key);
    if (session !== undefined) session.lastSeenAt = this.now();
    return session;
  }

  attach(session: ViewerSession): void {
    session.attached += 1;
    session.lastSeenAt = this.now();
  }

  /** Drops one open response; a live session ends with its last viewer connection. */
  detach(session: ViewerSession): void {
    session.attached = Math.max(0, session.attached - 1);
    session.lastSeenAt = this.now();
    if (session.attached === 0 && session.format === "ts") this.end([session]);
  }

  /** Ends one session now (refused after it was opened, or its client is gone). */
  drop(session: ViewerSession): void {
    this.end([session]);
  }

  /** Ends the named generations of each screen and refuses their tokens from here on. */
  revoke(revocations: Iterable<Revocation>): ViewerSession[] {
    const until = this.now() + this.ttl();
    const limits = new Map<string, number>();
    for (const { sid, upTo } of revocations) {
      const limit = Math.max(upTo ?? Number.MAX_SAFE_INTEGER, this.revokedUpTo(sid), limits.get(sid) ?? -1);
      limits.set(sid, limit);
      this.revoked.set(sid, { upTo: limit, until });
    }
    const ended = [...limits].flatMap(([sid, limit]) =>
      [...(this.bySid.get(sid) ?? [])].filter((s) => s.gen <= limit),
    );
    this.end(ended);
    return ended;
  }

  list(): SessionSummary[] {
    return [...this.byKey.values()].map((session) => ({
      sid: session.sid,
      gen: session.gen,
      viewerId: session.viewerId,
      storeId: session.storeId,
      streamId: session.streamId,
      streamType: session.streamType,
      startedAt: new Date(session.startedAt).toISOString(),
    }));
  }

  /** Ends idle sessions and forgets old revocations. */
  sweep(): void {
    const now = this.now();
    const idle = [...this.byKey.values()].filter(
      (session) => session.attached === 0 && now - session.lastSeenAt > this.options.idleMs,
    );
    this.end(idle);
    for (const [sid, entry] of this.revoked) if (entry.until <= now) this.revoked.delete(sid);
    for (const [sid, entry] of this.newest) if (entry.until <= now) this.newest.delete(sid);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.end([...this.byKey.values()]);
  }

  private end(sessions: ViewerSession[]): void {
    const ended: EndedSession[] = [];
    for (const session of sessions) {
      if (this.byKey.get(session.key) !== session) continue;
      this.byKey.delete(session.key);
      this.byJti.delete(session.jti);
      const screen = this.bySid.get(session.sid);
      screen?.delete(session);
      if (screen?.size === 0) this.bySid.delete(session.sid);
      ended.push({ sid: session.sid, gen: session.gen, key: session.key });
    }
    if (ended.length > 0) this.options.onEnded?.(ended);
  }
}
