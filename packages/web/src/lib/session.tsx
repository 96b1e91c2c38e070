/**
 * The signed-in account in the browser, one session per store: the access token in memory,
 * the refresh token in the `/api` proxy's httpOnly cookie (`client-api.ts`); the account comes
 * from `/v1/auth/me`. Server renders see no session (the cookie only goes to `/api/v1/auth`),
 * so signed-in pages render their data on the client.
 */
import type { NeveWatchClient, ResponseBody } from "@nevewatch/sdk";
import { createContext, createResource, type JSX, type Resource, useContext } from "solid-js";
import { isServer } from "solid-js/web";
import { clientApi, resumeSession } from "./client-api.ts";

export type Account = ResponseBody<"/v1/auth/me", "get">;
type Credentials = { email: string; password: string };

export interface Session {
  api: NeveWatchClient;
  account: Resource<Account | null>;
  login(credentials: Credentials): Promise<Account>;
  register(credentials: Credentials & { name?: string }): Promise<Account>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session>();

function deviceName(): string {
  if (isServer) return "Web";
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom/.test(ua)
        ? "Chrome"
        : "Browser";
  return `${browser} on the web`;
}

export function SessionProvider(props: { storeSlug: string | null; children: JSX.Element }) {
  const api = clientApi(props.storeSlug);
  const [account, { mutate, refetch }] = createResource(
    () => !isServer,
    async () => {
      if (!(await resumeSession(props.storeSlug))) return null;
      return api.GET("/v1/auth/me").catch(() => null);
    },
  );
  const device = { name: deviceName(), kind: "web" as const };
  const session: Session = {
    api,
    account,
    async login(credentials) {
      const tokens = await api.POST("/v1/auth/login", { body: { ...credentials, device } });
      await api.remember(tokens);
      mutate(tokens.user);
      return tokens.user;
    },
    async register(credentials) {
      const tokens = await api.POST("/v1/auth/register", { body: { ...credentials, device } });
      await api.remember(tokens);
      mutate(tokens.user);
      return tokens.user;
    },
    async logout() {
      await api.POST("/v1/auth/logout").catch(() => undefined);
      await api.forget();
      mutate(null);
      await refetch();
    },
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a SessionProvider");
  return session;
}
