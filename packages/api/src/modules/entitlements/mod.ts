/**
 * Entitlements: may this viewer watch this stream now? `canWatch` is the one decision on
 * playback (store status, subscription state, plan packages); the screen limit itself is
 * enforced by the screens module's leases. Also home of the pieces the plan, subscription,
 * profile and screen route tables share.
 */
export { type Actor, actorsOf, requestActor, storeAdmins, VIEWERS } from "../../auth/actor.ts";
export {
  canWatch,
  DENIAL_CODES,
  type DenialCode,
  type WatchDecision,
  type WatchRequest,
} from "./can-watch.ts";
