import { XTREAM_FIXTURES } from "./xtream-fixtures.ts";

/** How the fake panel misbehaves; `normal` answers like a healthy panel. */
export type FakeXtreamMode =
  | "normal"
  | "html"
  | "http500"
  | "http401"
  | "slow"
  | "object-lists"
  | "empty-body";

export interface FakeXtreamServer {
  baseUrl: string;
  username: string;
  password: string;
  mode: FakeXtreamMode;
  /** Every request URL, in order. */
  requests: URL[];
  stop(): Promise<void>;
}

/**
 * A local stand-in for an Xtream Codes panel on 127.0.0.1, answering `player_api.php` the way
 * real panels do: numbers sometimes as strings, sometimes not, `auth: 0` with HTTP 200 for wrong
 * credentials, PHP objects in place of lists, `[]` for empty objects.
 */
export function startFakeXtreamServer(
  credentials = { username: "demo", password: "p@ss word" },
): FakeXtreamServer {
  const state: FakeXtreamServer = {
    baseUrl: "",
    ...credentials,
    mode: "normal",
    requests: [],
    stop: async () => {
      await server.stop(true);
    },
  };
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (request) => {
      const url = new URL(request.url);
      state.requests.push(url);
      if (url.pathname !== "/player_api.php") return new Response("Not Found", { status: 404 });
      switch (state.mode) {
        case "html":
          return new Response("<html><body>Checking your browser…</body></html>", {
            headers: { "content-type": "text/html" },
          });
        case "http500":
          return new Response(`Fatal error in /home/xtreamcodes/api.php for ${state.password}`, {
            status: 500,
          });
        case "http401":
          return new Response("Unauthorized", { status: 401 });
        case "empty-body":
          return new Response("");
        case "slow":
          await Bun.sleep(1000);
          break;
        default:
          break;
      }
      const user = url.searchParams.get("username");
      const pass = url.searchParams.get("password");
      if (user !== state.username || pass !== state.password)
        return Response.json({ user_info: { auth: 0 } });
      const body = answer(url.searchParams, state);
      return Response.json(state.mode === "object-lists" && Array.isArray(body) ? { ...body } : body);
    },
  });
  state.baseUrl = `http://127.0.0.1:${server.port}`;
  return state;
}

function answer(params: URLSearchParams, state: FakeXtreamServer): unknown {
  const action = params.get("action");
  const category = params.get("category_id");
  const inCategory = (items: readonly Record<string, unknown>[]) =>
    category === null ? items : items.filter((item) => String(item.category_id) === category);
  switch (action) {
    case null:
      return XTREAM_FIXTURES.account(state.username, state.password);
    case "get_live_categories":
      return XTREAM_FIXTURES.liveCategories;
    case "get_live_streams":
      return inCategory(XTREAM_FIXTURES.liveStreams);
    case "get_vod_categories":
      return XTREAM_FIXTURES.vodCategories;
    case "get_vod_streams":
      return inCategory(XTREAM_FIXTURES.vodStreams);
    case "get_series_categories":
      return XTREAM_FIXTURES.seriesCategories;
    case "get_series":
      return inCategory(XTREAM_FIXTURES.series);
    case "get_series_info":
      return XTREAM_FIXTURES.seriesInfo[params.get("series_id") ?? ""] ?? [];
    default:
      return [];
  }
}
