import { solidStart } from "@solidjs/start/config";
import { nitro } from "nitro/vite";
import { defineConfig } from "vite";

// nitro is pinned to 3.0.260903-beta with the `bun` preset: nitro 3.0.0's SSR handler hangs
// on every request (it fetches itself). Serve the build with `bun run .output/server/index.mjs`.
export default defineConfig({
  plugins: [solidStart({ middleware: "src/middleware.ts" }), nitro({ preset: "bun" })],
});
