/**
 * Composes the control plane: the shared pipeline, the OpenAPI document and every module.
 * New capabilities add a module here and their collections to `collections.ts`.
 */
import { Elysia } from "elysia";
import { auditNamers } from "./audit-namers.ts";
import type { Authenticate } from "./auth/principal.ts";
import type { AppContext } from "./context.ts";
import { demoModule } from "./demo/mod.ts";
import type { RouteShape } from "./http/body-policy.ts";
import { openapiPlugin } from "./http/openapi.ts";
import { pipeline } from "./http/pipeline.ts";
import { ProblemSchema } from "./http/problem.ts";
import { apiKeysModule } from "./modules/apikeys/mod.ts";
import { auditModule } from "./modules/audit/mod.ts";
import { catalogModule } from "./modules/catalog/mod.ts";
import { epgModule } from "./modules/epg/mod.ts";
import { healthModule } from "./modules/health/mod.ts";
import { createTokenSigner, identityModule, revokeUserSessions } from "./modules/identity/mod.ts";
import { jobsModule } from "./modules/jobs/mod.ts";
import { libraryModule } from "./modules/library/mod.ts";
import { createMailService, type MailService } from "./modules/mail/mod.ts";
import { nodesModule } from "./modules/nodes/mod.ts";
import { plansModule } from "./modules/plans/mod.ts";
import { playerApiModule, streamingRouteFor } from "./modules/playerapi/mod.ts";
import { profilesModule } from "./modules/profiles/mod.ts";
import { providersModule } from "./modules/providers/mod.ts";
import { realtimeModule } from "./modules/realtime/mod.ts";
import { screensModule } from "./modules/screens/mod.ts";
import { storesModule } from "./modules/stores/mod.ts";
import { catalogDirectory } from "./modules/streaming/catalog-directory.ts";
import {
  createStreaming,
  type StreamDirectory,
  type Streaming,
  streamingModule,
} from "./modules/streaming/mod.ts";
import { planInUse, subscriptionsModule } from "./modules/subscriptions/mod.ts";
import { usersModule } from "./modules/users/mod.ts";
import { readinessProbes } from "./readiness.ts";

export interface AppOptions {
  authenticate: Authenticate;
  /** Outgoing mail (defaults to the outbox with the configured transport). */
  mail?: MailService;
  /** Where streaming learns about streams and sources; the catalog by default. */
  directory?: StreamDirectory;
  /** Route selection and the embedded edge; one per process, created here when not given. */
  streaming?: Streaming;
}

export function createApp(ctx: AppContext, options: AppOptions) {
  const identity = {
    authenticate: options.authenticate,
    signer: createTokenSigner(ctx.config),
    mail: options.mail ?? createMailService(ctx),
  };
  const directory = options.directory ?? catalogDirectory(ctx);
  const streaming = options.streaming ?? createStreaming(ctx, directory);
  const app = new Elysia({
    name: "nevewatch-api",
    // Unknown request fields are refused (400), not silently dropped; responses are built
    // from explicit DTOs, so nothing extra is there to strip.
    normalize: false,
  })
    // A request whose chunked body the pipeline read runs through the whole app again.
    .use(
      pipeline(
        ctx,
        (request: Request): Promise<Response> => app.handle(request),
        (): readonly RouteShape[] => app.routes,
      ),
    )
    .model({ Problem: ProblemSchema })
    .use(openapiPlugin())
    .use(healthModule(ctx, readinessProbes(ctx)))
    .use(realtimeModule(ctx, options.authenticate))
    .use(jobsModule(ctx, options.authenticate))
    .use(identityModule(ctx, identity))
    .use(storesModule(ctx, identity))
    .use(usersModule(ctx, options.authenticate, revokeUserSessions))
    .use(apiKeysModule(ctx, options.authenticate))
    .use(auditModule(ctx, options.authenticate, auditNamers(ctx)))
    .use(plansModule(ctx, options.authenticate, planInUse))
    .use(subscriptionsModule(ctx, options.authenticate))
    .use(profilesModule(ctx, options.authenticate))
    .use(screensModule(ctx, options.authenticate))
    .use(providersModule(ctx, options.authenticate))
    .use(catalogModule(ctx, options.authenticate))
    .use(epgModule(ctx, options.authenticate))
    .use(libraryModule(ctx, options.authenticate))
    .use(playerApiModule(ctx, options.authenticate, { routeFor: streamingRouteFor(streaming) }))
    .use(nodesModule(ctx, options.authenticate, directory))
    .use(streamingModule(ctx, options.authenticate, streaming))
    .use(demoModule(ctx));
  return app;
}

export type App = ReturnType<typeof createApp>;
