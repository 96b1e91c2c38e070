// @refresh reload
import { createHandler, StartServer } from "@solidjs/start/server";
import { getRequestEvent } from "solid-js/web";

/** The chosen language (cookie) for `<html lang>`; pages refine it with the store default. */
function language(): string {
  const cookie = getRequestEvent()?.request.headers.get("cookie") ?? "";
  return /(?:^|;\s*)nw_lang=es\b/.test(cookie) ? "es" : "en";
}

export default createHandler(() => (
  <StartServer
    document={({ assets, children, scripts }) => (
      <html lang={language()}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {assets}
        </head>
        <body>
          <div id="app">{children}</div>
          {scripts}
        </body>
      </html>
    )}
  />
));
