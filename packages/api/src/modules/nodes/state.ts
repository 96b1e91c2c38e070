/**
 * A node's state follows from admin intent and heartbeat age, computed when read, so no
 * sweeper has to run for a silent node to turn unhealthy and then offline.
 */
import type { NodeState, StreamingNode } from "./model.ts";

/** Heartbeats arrive every few seconds; this long without one makes a node unhealthy. */
export const HEALTHY_WITHIN_MS = 15_000;
/** …and this long makes it offline. */
export const OFFLINE_AFTER_MS = 60_000;

export function nodeState(node: StreamingNode, now = Date.now()): NodeState {
  if (node.admin === "removed") return "offline";
  if (!node.credentialHash || !node.lastHeartbeatAt) return "provisioning";
  const age = now - Date.parse(node.lastHeartbeatAt);
  if (age > OFFLINE_AFTER_MS) return "offline";
  if (node.admin === "draining" || node.selfDraining) return "draining";
  return age <= HEALTHY_WITHIN_MS ? "active" : "unhealthy";
}
