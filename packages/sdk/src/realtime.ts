/**
 * Realtime topics over the API's WebSocket (`/v1/ws`): import progress, node status,
 * notifications. One socket per subscription keeps it simple; the access token goes in the
 * query because browsers cannot set headers on a WebSocket.
 */
import type { TokenStore } from "./token-store.ts";

export interface Subscription {
  /** Resolves once the server confirmed the subscription; rejects on an error frame or close. */
  readonly ready: Promise<void>;
  close(): void;
}

export interface SubscribeOptions {
  /** Origin of the API for the socket, e.g. `https://api.example.com` (not a relative path). */
  url: string;
  tokens: TokenStore;
  topic: string;
  onMessage: (data: unknown) => void;
  /** Called when the socket closes for any reason other than `close()`. */
  onClose?: () => void;
}

type Frame = { type: string; topic?: string; data?: unknown; code?: string; message?: string };

export async function subscribe(options: SubscribeOptions): Promise<Subscription> {
  const url = new URL(`${options.url.replace(/\/+$/, "")}/v1/ws`);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const current = await options.tokens.get();
  if (current) url.searchParams.set("access_token", current.accessToken);
  const socket = new WebSocket(url);
  let closedByUs = false;
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  ready.catch(() => undefined);
  socket.addEventListener("open", () =>
    socket.send(JSON.stringify({ type: "subscribe", topic: options.topic })),
  );
  socket.addEventListener("message", (event) => {
    let frame: Frame;
    try {
      frame = JSON.parse(String(event.data)) as Frame;
    } catch {
      return;
    }
    if (frame.type === "subscribed" && frame.topic === options.topic) settle?.resolve();
    else if (frame.type === "error")
      settle?.reject(new Error(`${frame.code ?? "error"}: ${frame.message ?? ""}`));
    else if (frame.type === "message" && frame.topic === options.topic) options.onMessage(frame.data);
  });
  socket.addEventListener("close", () => {
    settle?.reject(new Error("The realtime connection closed"));
    if (!closedByUs) options.onClose?.();
  });
  return {
    ready,
    close() {
      closedByUs = true;
      socket.close();
    },
  };
}
