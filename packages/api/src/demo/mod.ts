/**
 * The demo: the built-in origin mounted at `/demo-origin` (looping test-pattern channels
 * that really play) and `seedDemo`, which creates the demo store, logins and catalog.
 */
import { Elysia } from "elysia";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { createDemoOrigin, type DemoOrigin } from "./origin/mod.ts";

export const DEMO_ORIGIN_PATH = "/demo-origin";

/**
 * The origin reads its fixtures (embedded in the code and the binary, or DEMO_FIXTURES_DIR) on
 * first use, so a process that never plays the demo never holds them in memory.
 */
export function demoModule(ctx: AppContext) {
  let origin: DemoOrigin | undefined;
  const load = (): DemoOrigin => {
    try {
      origin ??= createDemoOrigin({
        basePath: DEMO_ORIGIN_PATH,
        publicUrl: `${ctx.config.PUBLIC_URL}${DEMO_ORIGIN_PATH}`,
        ...(ctx.config.DEMO_FIXTURES_DIR ? { fixturesDir: ctx.config.DEMO_FIXTURES_DIR } : {}),
      });
      return origin;
    } catch (error) {
      ctx.log.warn({ err: error }, "demo origin fixtures unavailable");
      throw new AppError(
        "unavailable",
        "The demo origin's media fixtures could not be read (check DEMO_FIXTURES_DIR)",
      );
    }
  };
  const app = new Elysia({ name: "demo-origin" });
  if (!ctx.config.DEMO_ORIGIN) return app;
  return app.all(`${DEMO_ORIGIN_PATH}/*`, ({ request }) => load().fetch(request), { detail: { hide: true } });
}
