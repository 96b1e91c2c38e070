/**
 * Where a screen lives in the cache, shared by the lease (acquire, renew, release) and the
 * revocation side (sign-out, kick, plan end). No dependency on other modules, so identity and
 * subscriptions can revoke screens from below.
 */
import type { ActiveScreen } from "./model.ts";

export interface ScreenKey {
  storeId: string;
  viewerId: string;
}

export interface ScreenSession extends ScreenKey {
  sessionId: string;
}

/** What the cache keeps about a screen beside its slot. */
export interface ScreenInfo extends ActiveScreen {
  /** Route generation of the screen's current stream: larger for every route handed out. */
  gen: number;
  /** The login session (refresh family) that opened the screen, when a signed-in device did. */
  login: string | null;
}

/** Pub/sub topic on which revoked screens go out to every edge: `Revocation[]` as JSON. */
export const REVOCATIONS_TOPIC = "edge/revocations";
/** How long a revocation is remembered, so a lapsed lease is not taken for a revoked one. */
export const REVOKED_MEMORY_MS = 3600_000;

export const slotKey = ({ storeId, viewerId }: ScreenKey): string => `screens:${storeId}:${viewerId}`;
export const infoKey = (s: ScreenSession): string => `screen:${s.storeId}:${s.viewerId}:${s.sessionId}`;
export const revokedKey = (s: ScreenSession): string =>
  `screen-revoked:${s.storeId}:${s.viewerId}:${s.sessionId}`;

export function parseInfo(sessionId: string, raw: string | null): ScreenInfo | null {
  if (raw === null) return null;
  const info = JSON.parse(raw) as Partial<ScreenInfo>;
  return {
    sessionId,
    streamId: typeof info.streamId === "string" ? info.streamId : null,
    device: typeof info.device === "string" ? info.device : null,
    since: typeof info.since === "string" ? info.since : null,
    gen: typeof info.gen === "number" ? info.gen : 0,
    login: typeof info.login === "string" ? info.login : null,
  };
}
