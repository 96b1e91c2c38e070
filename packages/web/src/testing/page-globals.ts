/**
 * The few browser globals the web's hooks touch, as small stand-ins for `bun test`: page
 * storage (`localStorage`), `window` events, the page's `location`, relative request URLs
 * resolved against it (as a page's `/api` resolves), `Request.keepalive` (which Bun's
 * `Request` drops) and `navigator.locks`. Requests still go to real servers; `sent` records
 * each one as it leaves. `restore()` puts the process's globals back.
 */

/** Storage with its entries as own properties, so `Object.keys(localStorage)` lists them. */
export class MemoryStorage {
  [key: string]: unknown;
  getItem(key: string): string | null {
    return Object.hasOwn(this, key) ? String(this[key]) : null;
  }
  setItem(key: string, value: string): void {
    this[key] = String(value);
  }
  removeItem(key: string): void {
    delete this[key];
  }
  clear(): void {
    for (const key of Object.keys(this)) delete this[key];
  }
  key(index: number): string | null {
    return Object.keys(this)[index] ?? null;
  }
  get length(): number {
    return Object.keys(this).length;
  }
}

/** Storage that refuses every call, as a locked-down private window's does. */
export const refusingStorage = new Proxy(
  {},
  {
    get() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  },
);

export interface SentRequest {
  method: string;
  url: URL;
  keepalive: boolean;
}

/** `navigator.locks`: one holder per name at a time, the others queued in order. */
export class LockManagerStandIn {
  readonly taken: string[] = [];
  #tails = new Map<string, Promise<unknown>>();
  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(name) ?? Promise.resolve();
    const run = before.then(() => {
      this.taken.push(name);
      return callback();
    });
    this.#tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

export interface Page {
  storage: MemoryStorage;
  window: EventTarget;
  locks: LockManagerStandIn;
  sent: SentRequest[];
  restore(): void;
}

export function installPage(origin: string, options: { storage?: object } = {}): Page {
  const g = globalThis as Record<string, unknown>;
  const saved = {
    localStorage: Object.getOwnPropertyDescriptor(g, "localStorage"),
    window: Object.getOwnPropertyDescriptor(g, "window"),
    location: Object.getOwnPropertyDescriptor(g, "location"),
    Request: g.Request,
    fetch: g.fetch,
    locks: Object.getOwnPropertyDescriptor(globalThis.navigator, "locks"),
  };
  const storage = new MemoryStorage();
  const page = new EventTarget();
  const locks = new LockManagerStandIn();
  const sent: SentRequest[] = [];
  const BunRequest = globalThis.Request;
  const kept = new WeakMap<Request, boolean>();
  class PageRequest extends BunRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      const url = typeof input === "string" && input.startsWith("/") ? new URL(input, origin) : input;
      super(url, init);
      kept.set(this, init?.keepalive ?? (input instanceof BunRequest ? (kept.get(input) ?? false) : false));
    }
    override get keepalive(): boolean {
      return kept.get(this) ?? false;
    }
  }
  const realFetch = saved.fetch as typeof fetch;
  const pageFetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof PageRequest && init === undefined ? input : new PageRequest(input, init);
    sent.push({ method: request.method, url: new URL(request.url), keepalive: request.keepalive });
    return realFetch(request);
  };
  const define = (name: string, value: unknown) =>
    Object.defineProperty(g, name, { value, configurable: true, writable: true });
  define("localStorage", options.storage ?? storage);
  define("window", page);
  define("location", new URL(origin));
  define("Request", PageRequest);
  define("fetch", pageFetch);
  Object.defineProperty(globalThis.navigator, "locks", { value: locks, configurable: true });
  return {
    storage,
    window: page,
    locks,
    sent,
    restore() {
      for (const name of ["localStorage", "window", "location"] as const) {
        const descriptor = saved[name];
        if (descriptor) Object.defineProperty(g, name, descriptor);
        else delete g[name];
      }
      g.Request = saved.Request;
      g.fetch = saved.fetch;
      if (saved.locks) Object.defineProperty(globalThis.navigator, "locks", saved.locks);
      else delete (globalThis.navigator as unknown as Record<string, unknown>).locks;
    },
  };
}
