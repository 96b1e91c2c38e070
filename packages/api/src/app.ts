/**
 * Composes the control plane: the shared pipeline, the OpenAPI document and every module.
 * New capabilities add a module here and their collections to `collections.ts`.
 */
import { Elysia } from "elysia";
import type { Authenticate } from "./auth/principal.ts";
import type { AppContext } from "./context.ts";
import { openapiPlugin } from "./http/openapi.ts";
import { pipeline } from "./http/pipeline.ts";
import { ProblemSchema } from "./http/problem.ts";
import { healthModule } from "./modules/health/mod.ts";
import { jobsModule } from "./modules/jobs/mod.ts";
import { plansModule } from "./modules/plans/mod.ts";
import { profilesModule } from "./modules/profiles/mod.ts";
import { realtimeModule } from "./modules/realtime/mod.ts";
import { screensModule } from "./modules/screens/mod.ts";
import { subscriptionsModule } from "./modules/subscriptions/mod.ts";

export interface AppOptions {
  authenticate: Authenticate;
}

export function createApp(ctx: AppContext, options: AppOptions) {
  return new Elysia({
    name: "nevewatch-api",
    // Unknown request fields are refused (400), not silently dropped; responses are built
    // from explicit DTOs, so nothing extra is there to strip.
    normalize: false,
  })
    .use(pipeline(ctx))
    .model({ Problem: ProblemSchema })
    .use(openapiPlugin())
    .use(healthModule(ctx))
    .use(realtimeModule(ctx, options.authenticate))
    .use(jobsModule(ctx, options.authenticate))
    .use(plansModule(ctx, options.authenticate))
    .use(subscriptionsModule(ctx, options.authenticate))
    .use(profilesModule(ctx, options.authenticate))
    .use(screensModule(ctx, options.authenticate));
}

export type App = ReturnType<typeof createApp>;
