/** Where a panel is and who logs in. */
export interface XtreamCredentials {
  /** Scheme, host, port and any path prefix, e.g. `http://panel.example:8080`. */
  baseUrl: string;
  username: string;
  password: string;
}

/** The panel root without trailing slash or a pasted `player_api.php` / `get.php` / `xmltv.php`. */
export function panelRoot(baseUrl: string): string {
  const url = new URL(baseUrl.trim());
  const path = url.pathname.replace(/\/(player_api|get|xmltv|panel_api)\.php$/i, "").replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${path}`;
}

/** `…/player_api.php?username=…&password=…[&action=…]`. */
export function xtreamApiUrl(credentials: XtreamCredentials, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    username: credentials.username,
    password: credentials.password,
    ...params,
  });
  return `${panelRoot(credentials.baseUrl)}/player_api.php?${query}`;
}

/** Builders of stream URLs with the panel root worked out once, for lists of many thousand streams. */
export interface XtreamStreamUrls {
  /** `/live/u/p/id.ts` (or `.m3u8`). */
  live(streamId: number | string, format?: string): string;
  /** `/movie/u/p/id.ext`. */
  movie(streamId: number | string, extension: string): string;
  /** `/series/u/p/id.ext`, where the id is the episode's. */
  episode(episodeId: number | string, extension: string): string;
}

export function xtreamStreamUrls(credentials: XtreamCredentials): XtreamStreamUrls {
  const prefix = `/${encodeURIComponent(credentials.username)}/${encodeURIComponent(credentials.password)}/`;
  const root = panelRoot(credentials.baseUrl);
  const build = (kind: string, id: number | string, extension: string): string => {
    const ext = /^[a-z0-9]{1,8}$/i.test(extension) ? extension : "ts";
    return `${root}/${kind}${prefix}${encodeURIComponent(String(id))}.${ext}`;
  };
  return {
    live: (streamId, format = "ts") => build("live", streamId, format),
    movie: (streamId, extension) => build("movie", streamId, extension),
    episode: (episodeId, extension) => build("series", episodeId, extension),
  };
}

/** The playlist and guide URLs panels also serve, for providers imported as M3U + XMLTV. */
export function xtreamPlaylistUrl(credentials: XtreamCredentials, output: "ts" | "m3u8" = "ts"): string {
  const query = new URLSearchParams({
    username: credentials.username,
    password: credentials.password,
    type: "m3u_plus",
    output,
  });
  return `${panelRoot(credentials.baseUrl)}/get.php?${query}`;
}

export function xtreamGuideUrl(credentials: XtreamCredentials): string {
  const query = new URLSearchParams({ username: credentials.username, password: credentials.password });
  return `${panelRoot(credentials.baseUrl)}/xmltv.php?${query}`;
}

/**
 * Recognises a pasted panel URL (`get.php`, `player_api.php`, `xmltv.php` with `username` and
 * `password`), so an M3U link can be imported through the richer Xtream API instead.
 */
export function xtreamCredentialsFromUrl(link: string): XtreamCredentials | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if (!/\/(get|player_api|xmltv)\.php$/i.test(url.pathname)) return undefined;
  const username = url.searchParams.get("username");
  const password = url.searchParams.get("password");
  if (!username || !password) return undefined;
  return { baseUrl: panelRoot(url.href.split("?")[0] ?? url.href), username, password };
}
