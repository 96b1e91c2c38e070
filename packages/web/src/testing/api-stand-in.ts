/**
 * A real HTTP server on 127.0.0.1 that answers a few API paths as the API does, for the web's
 * hooks to call through the real SDK client. Routes are `"METHOD /path/:param"`; every request
 * is recorded in `hits`; an unknown path answers a 404 problem.
 */
export interface Hit {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export type Handler = (
  hit: Hit,
  params: Record<string, string>,
) => Response | unknown | Promise<Response | unknown>;

export interface ApiStandIn {
  url: string;
  hits: Hit[];
  /** Requests to one route, e.g. `"GET /v1/me/catalog/items"`. */
  hitsOf(route: string): Hit[];
  stop(): void;
}

export function problem(status: number, code: string): Response {
  return Response.json(
    { type: "about:blank", title: code, status, code, detail: code },
    { status, headers: { "content-type": "application/problem+json" } },
  );
}

export function startApi(routes: Record<string, Handler>): ApiStandIn {
  const hits: Hit[] = [];
  const table = Object.entries(routes).map(([route, handler]) => {
    const [method, pattern = ""] = route.split(" ");
    const names: string[] = [];
    const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    return { route, method, regex: new RegExp(`^${source}$`), names, handler };
  });
  const routeOf = new Map<Hit, string>();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const text = await request.text();
      const hit: Hit = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      hits.push(hit);
      for (const entry of table) {
        const match = entry.method === request.method ? entry.regex.exec(url.pathname) : null;
        if (!match) continue;
        routeOf.set(hit, entry.route);
        const params = Object.fromEntries(
          entry.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]),
        );
        const answer = await entry.handler(hit, params);
        if (answer instanceof Response) return answer;
        if (answer === undefined) return new Response(null, { status: 204 });
        return Response.json(answer);
      }
      return problem(404, "not_found");
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    hits,
    hitsOf: (route) => hits.filter((h) => routeOf.get(h) === route),
    stop: () => void server.stop(true),
  };
}

/** Waits for `check` to hold (a resource settling, a request arriving); fails after `ms`. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms: ${check}`);
    await Bun.sleep(5);
  }
}
