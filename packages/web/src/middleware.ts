/**
 * Remembers `?store=<slug>` in a cookie so a demo visitor stays on the store they named, and
 * hands the IPTV player paths (`get.php`, `/live/…`; `server/player-proxy.ts`) to the API.
 */
import { createMiddleware } from "@solidjs/start/middleware";
import { webConfig } from "./server/config.ts";
import { createPlayerProxy, isPlayerPath, type PlayerProxy } from "./server/player-proxy.ts";
import { STORE_COOKIE } from "./server/store-ref.ts";

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
let playerProxy: PlayerProxy | undefined;

export default createMiddleware({
  onRequest: (event) => {
    const url = new URL(event.request.url);
    if (isPlayerPath(url.pathname)) {
      playerProxy ??= createPlayerProxy({ apiUrl: webConfig().apiUrl });
      return playerProxy(event.request, event.clientAddress);
    }
    const slug = url.searchParams.get("store");
    if (slug && SLUG.test(slug)) {
      event.response.headers.append(
        "set-cookie",
        `${STORE_COOKIE}=${slug}; Path=/; Max-Age=2592000; SameSite=Lax`,
      );
    }
    return undefined;
  },
});
