/**
 * Screen sessions on this edge. A route token opens (or re-joins) a session; the session then
 * carries the viewer past the token's expiry through an HMAC-bound session key, until it sits
 * idle too long or the API revokes it. The store is also what the heartbeat reports.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { RouteClaims, StreamFormat, StreamType } from "../token/claims.ts";

export interface ViewerSession {
  /** Unguessable key that binds the session id to one stream (used in session-bound URLs). */
  readonly key: string;
  readonly sid: string;
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
}

export interface SessionStoreOptions {
  /** Edge-local secret for session keys; random per process unless given. */
  secret?: Uint8Array;
  /** Idle time after which a session without open responses ends. */
  idleMs: number;
  /** How long revoked session ids stay refused. */
  revokedTtlMs?: number;
  /** Told about ended sessions, in batches. */
  onEnded?: (sids: string[]) => void;
  now?: () => number;
}

export interface SessionSummary {
  sid: string;
  viewerId: string;
  storeId: string;
  streamId: string;
  streamType: StreamType;
  startedAt: string;
}

export class SessionStore {
  private readonly secret: Uint8Array;
  private readonly byKey = new Map<string, ViewerSession>();
  private readonly revoked = new Map<string, number>();
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

  /** The key a session for these claims has (same sid and stream → same key). */
  keyFor(claims: Pick<RouteClaims, "sid" | "stt" | "stm">): string {
    return this.mac(`s\u0000${claims.sid}\u0000${claims.stt}\u0000${claims.stm}`, 24);
  }

  /** A MAC over `text` with the edge secret, as base64url of `bytes` bytes. */
  mac(text: string, bytes = 16): string {
    return createHmac("sha256", this.secret).update(text).digest().subarray(0, bytes).toString("base64url");
  }

  isRevoked(sid: string): boolean {
    const until = this.revoked.get(sid);
    return until !== undefined && until > this.now();
  }

  /** Opens or refreshes the session for verified claims. Returns undefined when the sid is revoked. */
  open(claims: RouteClaims): ViewerSession | undefined {
    if (this.isRevoked(claims.sid)) return undefined;
    const key = this.keyFor(claims);
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      existing.lastSeenAt = this.now();
      return existing;
    }
    const session: ViewerSession = {
      key,
      sid: claims.sid,
      viewerId: claims.sub,
      storeId: claims.sto,
      streamId: claims.stm,
      streamType: claims.stt,
      format: claims.fmt,
      jti: claims.jti,
      startedAt: this.now(),
      lastSeenAt: this.now(),
      attached: 0,
    };
    this.byKey.set(key, session);
    return session;
  }

  /** The live session for an expired token, only when that very token opened it. */
  rejoin(claims: RouteClaims): ViewerSession | undefined {
    const session = this.byKey.get(this.keyFor(claims));
    if (session === undefined || session.jti !== claims.jti || this.isRevoked(claims.sid)) return undefined;
    session.lastSeenAt = this.now();
    return session;
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

  /** Ends and refuses the given sids; returns the ended sessions. */
  revoke(sids: Iterable<string>): ViewerSession[] {
    const set = new Set(sids);
    const until = this.now() + (this.options.revokedTtlMs ?? 600_000);
    for (const sid of set) this.revoked.set(sid, until);
    const ended = [...this.byKey.values()].filter((session) => set.has(session.sid));
    this.end(ended);
    return ended;
  }

  list(): SessionSummary[] {
    return [...this.byKey.values()].map((session) => ({
      sid: session.sid,
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
    for (const [sid, until] of this.revoked) if (until <= now) this.revoked.delete(sid);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.end([...this.byKey.values()]);
  }

  private end(sessions: ViewerSession[]): void {
    const sids: string[] = [];
    for (const session of sessions) {
      if (this.byKey.get(session.key) !== session) continue;
      this.byKey.delete(session.key);
      sids.push(session.sid);
    }
    if (sids.length > 0) this.options.onEnded?.([...new Set(sids)]);
  }
}
