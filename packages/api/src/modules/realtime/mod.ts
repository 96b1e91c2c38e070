/**
 * The WebSocket endpoint: clients authenticate with an access token, then subscribe to
 * topics (import progress, node status, notifications) that the realtime hub feeds.
 *
 * Protocol (JSON text frames):
 *   client → `{ "type": "subscribe" | "unsubscribe", "topic": "jobs/…" }`, `{ "type": "ping" }`
 *   server → `{ "type": "subscribed" | "unsubscribed", "topic" }`, `{ "type": "message", "topic", "data" }`,
 *            `{ "type": "error", "code", "message", "topic"? }`, `{ "type": "pong" }`
 */
import { Elysia, t } from "elysia";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Sink } from "../../realtime/hub.ts";

const ClientMessage = t.Union([
  t.Object({ type: t.Literal("subscribe"), topic: t.String({ maxLength: 200 }) }),
  t.Object({ type: t.Literal("unsubscribe"), topic: t.String({ maxLength: 200 }) }),
  t.Object({ type: t.Literal("ping") }),
]);

function bearer(request: Request, query: Record<string, string | undefined>): string | undefined {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim();
  return query.access_token;
}

export function realtimeModule(ctx: AppContext, authenticate: Authenticate) {
  const principals = new WeakMap<object, Principal>();
  const sinks = new WeakMap<object, Sink>();
  const sinkOf = (ws: { raw: object; send(text: string): unknown }): Sink => {
    let sink = sinks.get(ws.raw);
    if (!sink) {
      const raw = ws;
      sink = { send: (text) => void raw.send(text) };
      sinks.set(ws.raw, sink);
    }
    return sink;
  };
  return new Elysia({ name: "realtime" })
    .derive(async ({ request, query }) => {
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return { principal: null };
      const token = bearer(request, query as Record<string, string | undefined>);
      return { principal: token ? await authenticate(token) : null };
    })
    .ws("/v1/ws", {
      body: ClientMessage,
      query: t.Object({ access_token: t.Optional(t.String()) }),
      detail: {
        summary: "Realtime topics over WebSocket (authenticate with ?access_token= or a Bearer header)",
        tags: ["realtime"],
      },
      beforeHandle({ principal }) {
        if (!principal) throw new AppError("unauthorized", "A valid access token is required");
      },
      open(ws) {
        if (ws.data.principal) principals.set(ws.raw, ws.data.principal);
      },
      async message(ws, message) {
        const principal = principals.get(ws.raw);
        if (!principal) return;
        const sink = sinkOf(ws);
        if (message.type === "ping") return void ws.send(JSON.stringify({ type: "pong" }));
        if (message.type === "unsubscribe") {
          await ctx.realtime.unsubscribe(sink, message.topic);
          return void ws.send(JSON.stringify({ type: "unsubscribed", topic: message.topic }));
        }
        const ok = await ctx.realtime.subscribe(sink, principal, message.topic);
        ws.send(
          JSON.stringify(
            ok
              ? { type: "subscribed", topic: message.topic }
              : {
                  type: "error",
                  code: "forbidden",
                  message: "You may not subscribe to this topic",
                  topic: message.topic,
                },
          ),
        );
      },
      async close(ws) {
        await ctx.realtime.detach(sinkOf(ws));
        principals.delete(ws.raw);
      },
    });
}
