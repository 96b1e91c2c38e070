/**
 * Follows realtime topics over the API's WebSocket (`/v1/ws?access_token=…`). The browser
 * opens it at API_PUBLIC_URL (WebSockets do not pass the web server's /api proxy).
 */
import type { NeveWatchClient } from "@nevewatch/sdk";

export interface Subscription {
  close(): void;
  /** True once the server confirmed the subscription. */
  readonly live: boolean;
}

export async function subscribe(
  api: NeveWatchClient,
  realtimeBase: string,
  topic: string,
  onMessage: (data: unknown) => void,
): Promise<Subscription> {
  const tokens = await api.tokens.get();
  const url = new URL(`${realtimeBase.replace(/\/+$/, "")}/v1/ws`);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  if (tokens) url.searchParams.set("access_token", tokens.accessToken);
  const socket = new WebSocket(url);
  const state = { live: false };
  socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "subscribe", topic })));
  socket.addEventListener("message", (event) => {
    try {
      const frame = JSON.parse(String(event.data)) as { type: string; topic?: string; data?: unknown };
      if (frame.type === "subscribed" && frame.topic === topic) state.live = true;
      if (frame.type === "message" && frame.topic === topic) onMessage(frame.data);
    } catch {
      // Not JSON: ignore.
    }
  });
  return {
    close: () => socket.close(),
    get live() {
      return state.live && socket.readyState === WebSocket.OPEN;
    },
  };
}
