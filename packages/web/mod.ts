/**
 * @nevewatch/web: the SolidStart web app (storefront, viewer, store console, platform admin).
 * Its viewer components are exported here for the desktop (Electron) and webOS apps.
 */
export * from "./src/viewer/mod.ts";
