/**
 * Liveness, readiness (every probe the app composes: storage, cache, route keys) and
 * Prometheus metrics: what load balancers, orchestrators and Prometheus poll.
 */
import { Elysia, t } from "elysia";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";

const CHECK_TIMEOUT_MS = 2000;

async function check(name: string, probe: () => Promise<void>): Promise<[string, string]> {
  let timer: Timer | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return [name, "ok"];
  } catch (error) {
    return [name, `failed: ${error instanceof Error ? error.message : String(error)}`];
  } finally {
    clearTimeout(timer);
  }
}

const Live = t.Object({ status: t.Literal("ok") }, { examples: [{ status: "ok" }] });
const Ready = t.Object(
  { status: t.Literal("ok"), checks: t.Record(t.String(), t.String()) },
  { examples: [{ status: "ok", checks: { storage: "ok", cache: "ok" } }] },
);

/** Readiness probes by name: each resolves when its dependency is usable, or rejects saying why. */
export type ReadinessProbes = Readonly<Record<string, () => Promise<void>>>;

export function healthModule(ctx: AppContext, probes: ReadinessProbes) {
  return new Elysia({ name: "health", tags: ["health"] })
    .get("/health/live", () => ({ status: "ok" as const }), {
      detail: { summary: "Liveness: the process answers", tags: ["health"] },
      response: { 200: Live },
    })
    .get(
      "/health/ready",
      async () => {
        const checks = Object.fromEntries(
          await Promise.all(Object.entries(probes).map(([name, probe]) => check(name, probe))),
        );
        const failed = Object.entries(checks).filter(([, v]) => v !== "ok");
        if (failed.length === 0) return { status: "ok" as const, checks };
        throw new AppError("unavailable", `Not ready: ${failed.map(([k]) => k).join(", ")} failed`, {
          checks,
        });
      },
      {
        detail: {
          summary: "Readiness: storage and cache answer; a 503 problem names the failed checks",
          tags: ["health"],
        },
        response: { 200: Ready, ...problems(503) },
      },
    )
    .get(
      "/metrics",
      async ({ set }) => {
        set.headers["content-type"] = ctx.metrics.registry.contentType;
        return ctx.metrics.registry.metrics();
      },
      {
        detail: { summary: "Prometheus metrics in text exposition format", tags: ["health"] },
        response: { 200: t.String({ examples: ["# HELP http_requests_total …"] }) },
      },
    );
}
