/**
 * Where a client keeps its tokens. The SDK reads the access token before each request and
 * writes the pair after a refresh; apps choose memory, web storage or their own (Electron's
 * safeStorage, webOS storage) by implementing two methods.
 */

export interface Tokens {
  accessToken: string;
  /**
   * Opaque and single use: each refresh returns a new one. Null when there is none, or when a
   * proxy keeps it in an httpOnly cookie (`refreshTokenIn: "cookie"`).
   */
  refreshToken: string | null;
}

export interface TokenStore {
  get(): Tokens | null | Promise<Tokens | null>;
  set(tokens: Tokens | null): void | Promise<void>;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let current = initial;
  return {
    get: () => current,
    set: (tokens) => {
      current = tokens;
    },
  };
}

/** A store over `localStorage`/`sessionStorage` (browsers, Electron renderers, webOS). */
export function webStorageTokenStore(storage: Storage, key = "nevewatch.tokens"): TokenStore {
  return {
    get() {
      const raw = storage.getItem(key);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as Partial<Tokens>;
        return typeof parsed.accessToken === "string"
          ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken ?? null }
          : null;
      } catch {
        return null;
      }
    },
    set(tokens) {
      if (tokens) storage.setItem(key, JSON.stringify(tokens));
      else storage.removeItem(key);
    },
  };
}
