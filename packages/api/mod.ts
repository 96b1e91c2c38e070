/**
 * The NeveWatch control plane as a library: build the context from config, compose the
 * Elysia app, serve it. The CLI (`src/main.ts`) and the tests use exactly these.
 */
export { type App, createApp } from "./src/app.ts";
export { closeContext, createContext, migrate, type Running, serve } from "./src/boot.ts";
export { type Config, ConfigError, loadConfig } from "./src/config/config.ts";
export type { AppContext } from "./src/context.ts";
export { AppError, ERROR_STATUS, type ErrorCode } from "./src/errors/app-error.ts";
