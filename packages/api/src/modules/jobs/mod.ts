/**
 * Admin view of durable jobs: list, inspect and retry dead jobs (platform admins only).
 */
import { Elysia } from "elysia";
import type { Authenticate } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";

export function jobsModule(_ctx: AppContext, _authenticate: Authenticate) {
  return new Elysia({ name: "jobs" });
}
