import "../testing/solid-browser.ts";
import { afterAll, expect, test } from "bun:test";
import { startApi, until } from "../testing/api-stand-in.ts";
import { installPage } from "../testing/page-globals.ts";

const token = `${btoa('{"alg":"none"}')}.${btoa(JSON.stringify({ sub: "u1", exp: 4_000_000_000 }))}.x`;
const user = {
  id: "u1",
  storeId: "s1",
  email: "anna@demo.test",
  name: "Anna",
  role: "viewer" as const,
  permissions: [],
  status: "active" as const,
  emailVerified: true,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
};
const api = startApi({
  "POST /api/v1/auth/login": (hit) => ({
    accessToken: token,
    refreshToken: null,
    expiresIn: 900,
    user,
    body: hit.body,
  }),
  "POST /api/v1/auth/logout": () => undefined,
  "GET /api/v1/auth/me": () => user,
});
const page = installPage(api.url);
afterAll(() => {
  page.restore();
  api.stop();
});
const { createRoot } = await import("solid-js");
const { SessionProvider, useSession } = await import("./session.tsx");
type Session = ReturnType<typeof useSession>;

/** Renders a SessionProvider for one store and hands back the session its children see. */
function mount(store: string): Session {
  let session: Session | undefined;
  createRoot(() =>
    SessionProvider({
      storeSlug: store,
      get children() {
        session = useSession();
        return null;
      },
    }),
  );
  if (!session) throw new Error("the provider rendered no children");
  return session;
}

test("a visit without a session knows it is signed out, having asked the API nothing", async () => {
  const session = mount("s-anon");
  await until(() => session.account() === null);
  expect(api.hits).toHaveLength(0);
});

test("signing in keeps the account and marks the browser; signing out ends it in the API and here", async () => {
  const session = mount("s-login");
  await until(() => session.account() === null);
  const account = await session.login({ email: user.email, password: "long-password-1234" });
  expect(account).toEqual(user);
  expect(session.account()).toEqual(user);
  const login = api.hitsOf("POST /api/v1/auth/login").at(-1);
  expect(login?.body).toMatchObject({ email: user.email, device: { kind: "web" } });
  expect(page.storage.getItem("nevewatch.signedIn.s-login")).toBe("1");

  await session.logout();
  expect(api.hitsOf("POST /api/v1/auth/logout").at(-1)?.headers.get("authorization")).toBe(`Bearer ${token}`);
  expect(page.storage.getItem("nevewatch.signedIn.s-login")).toBeNull();
  await until(() => session.account() === null && !session.account.loading);
  expect(await session.api.tokens.get()).toBeNull();
});

test("useSession outside a provider says what is missing", () => {
  expect(() => createRoot(() => useSession())).toThrow("useSession needs a SessionProvider");
});
