/**
 * Remembers `?store=<slug>` in a cookie so a demo visitor stays on the store they named.
 */
import { createMiddleware } from "@solidjs/start/middleware";
import { STORE_COOKIE } from "./server/store-ref.ts";

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export default createMiddleware({
  onRequest: (event) => {
    const slug = new URL(event.request.url).searchParams.get("store");
    if (slug && SLUG.test(slug)) {
      event.response.headers.append(
        "set-cookie",
        `${STORE_COOKIE}=${slug}; Path=/; Max-Age=2592000; SameSite=Lax`,
      );
    }
  },
});
