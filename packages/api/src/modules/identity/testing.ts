/**
 * Test kit for identity, stores, users, API keys and audit: the real app with the real
 * `createAuthenticate`, on real SQLite and the memory cache, with fast password hashing and
 * helpers that make stores and accounts through the API's own functions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createApp } from "../../app.ts";
import { migrate } from "../../boot.ts";
import { newId } from "../../db/mod.ts";
import { createTestContext, jsonRequest, type TestContext } from "../../testing/context.ts";
import { createMailService, mailDir } from "../mail/mod.ts";
import { createStoreWithOwner } from "../stores/signup.ts";
import { createPlatformAdmin } from "../users/admin.ts";
import { createUser } from "../users/service.ts";
import { createAuthenticate } from "./authenticate.ts";

export const PASSWORD = "correct horse battery staple";
export const DEVICE = { name: "Test browser", kind: "web" } as const;

export const FAST_ENV: Record<string, string> = {
  PASSWORD_MEMORY_KIB: "1024",
  PASSWORD_TIME_COST: "1",
  RATE_LIMIT_AUTH_PER_MIN: "10000",
  RATE_LIMIT_API_PER_MIN: "10000",
  TRUST_PROXY: "true",
};

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  store?: string;
  ip?: string;
  headers?: Record<string, string>;
  host?: string;
}

/** Undoes quoted-printable (soft line breaks and `=XX` escapes) so tests can read tokens. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export async function createIdentityKit(env: Record<string, string> = {}) {
  const ctx: TestContext = await createTestContext({ ...FAST_ENV, ...env });
  await migrate(ctx);
  const authenticate = createAuthenticate(ctx);
  const mail = createMailService(ctx);
  const app = createApp(ctx, { authenticate, mail });

  async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {
      "x-forwarded-for": options.ip ?? "198.51.100.1",
      ...options.headers,
    };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.store) headers["x-store"] = options.store;
    const request = jsonRequest(method, path, options.body, headers);
    const response = await app.handle(
      options.host ? new Request(request.url.replace("//localhost", `//${options.host}`), request) : request,
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  async function login(email: string, password = PASSWORD, store?: string): Promise<Json> {
    const answer = await call("POST", "/v1/auth/login", {
      body: { email, password, device: DEVICE },
      ...(store ? { store } : {}),
    });
    if (answer.status !== 200)
      throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  return {
    ctx,
    app,
    mail,
    call,
    login,
    /** A platform admin and their access token. */
    async admin(): Promise<{ id: string; email: string; token: string }> {
      const email = `admin-${newId()}@example.com`;
      const id = await createPlatformAdmin(ctx, email, PASSWORD);
      return { id, email, token: (await login(email)).accessToken };
    },
    /** A store with its owner, logged in. */
    async store(
      slug = `s${newId().slice(-10)}`,
    ): Promise<{ id: string; slug: string; ownerEmail: string; ownerToken: string }> {
      const ownerEmail = `owner-${newId()}@example.com`;
      const { store } = await createStoreWithOwner(
        ctx,
        null,
        { name: `Store ${slug}`, slug, owner: { email: ownerEmail, password: PASSWORD } },
        { ip: null, userAgent: null },
      );
      return {
        id: store._id,
        slug,
        ownerEmail,
        ownerToken: (await login(ownerEmail, PASSWORD, slug)).accessToken,
      };
    },
    /** An account of any store role, logged in. */
    async member(
      store: { id: string; slug: string },
      role: "store_staff" | "viewer" | "affiliate",
      permissions: string[] = [],
    ): Promise<{ id: string; email: string; token: string }> {
      const email = `${role}-${newId()}@example.com`;
      const user = await createUser(ctx, {
        storeId: store.id,
        email,
        password: PASSWORD,
        role,
        permissions: permissions as never,
      });
      return { id: user._id, email, token: (await login(email, PASSWORD, store.slug)).accessToken };
    },
    /** Delivers pending mail and returns the newest `.eml` sent to `to`, body decoded. */
    async lastMail(to: string): Promise<string> {
      await mail.drain();
      const dir = mailDir(ctx.config);
      const files = readdirSync(dir).sort().reverse();
      for (const file of files) {
        const text = readFileSync(join(dir, file), "utf8");
        if (text.includes(`To: ${to}`)) return decodeQuotedPrintable(text);
      }
      throw new Error(`no mail to ${to}`);
    },
    dispose: () => ctx.dispose(),
  };
}

export type IdentityKit = Awaited<ReturnType<typeof createIdentityKit>>;
