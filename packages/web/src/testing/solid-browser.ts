/**
 * Runs the web's Solid code under `bun test` as the browser runs it. Bun resolves `solid-js`
 * to its server build (the `node` condition), where `isServer` is true, effects never run and
 * cleanups are inert; this plugin loads the browser build in its place, and compiles the
 * app's `.tsx` files with the same Babel preset the Vite build uses (vite-plugin-solid).
 *
 * Import it first, then the code under test with `await import(…)`: modules a test file
 * imports statically are loaded before this plugin is registered. It changes `solid-js` for
 * the whole test process, which is what every test of Solid code wants.
 */
import { plugin } from "bun";
import solid from "vite-plugin-solid";

const vite = solid({ hot: false });
const transform = vite.transform as unknown as (
  this: unknown,
  code: string,
  id: string,
  options: { ssr: boolean },
) => Promise<{ code: string } | null>;

/** Each of Solid's server builds, and the browser build that stands in for it. */
const BROWSER_BUILDS: Array<[RegExp, string]> = [
  [/\/solid-js\/dist\/server\.js$/, "dist/solid.js"],
  [/\/solid-js\/web\/dist\/server\.js$/, "web/dist/web.js"],
  [/\/solid-js\/store\/dist\/server\.js$/, "store/dist/store.js"],
];

plugin({
  name: "solid's browser build for the web's tests",
  setup(build) {
    // onLoad, not onResolve: Bun's runtime plugins are not asked to resolve bare specifiers.
    build.onLoad({ filter: /\/solid-js\/(web\/|store\/)?dist\/server\.js$/ }, async ({ path }) => {
      const root = path.slice(0, path.lastIndexOf("/solid-js/") + "/solid-js/".length);
      const browser = BROWSER_BUILDS.find(([pattern]) => pattern.test(path))?.[1] ?? "";
      return { contents: await Bun.file(root + browser).text(), loader: "js" };
    });
    build.onLoad({ filter: /\/packages\/web\/src\/.*\.tsx$/ }, async ({ path }) => {
      const out = await transform.call({}, await Bun.file(path).text(), path, { ssr: false });
      // Babel compiled the JSX and left the TypeScript for Bun.
      return { contents: out?.code ?? "", loader: "ts" };
    });
  },
});
