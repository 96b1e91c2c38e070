/**
 * Every module's job handlers and recurring schedules, registered once per process.
 */
import type { AppContext } from "./context.ts";
import { registerCatalogJobs } from "./modules/catalog/mod.ts";
import { registerGuideJobs } from "./modules/epg/jobs.ts";
import { registerIdentityJobs } from "./modules/identity/mod.ts";
import { registerMailJobs } from "./modules/mail/mod.ts";
import { registerSubscriptionJobs } from "./modules/subscriptions/mod.ts";

export async function registerJobs(ctx: AppContext): Promise<void> {
  await registerSubscriptionJobs(ctx, ctx.jobs);
  registerMailJobs(ctx, ctx.jobs);
  await registerIdentityJobs(ctx, ctx.jobs);
  registerCatalogJobs(ctx, ctx.jobs);
  registerGuideJobs(ctx, ctx.jobs);
}
