/**
 * The `Authenticate` the server, the realtime WebSocket and every module use: an access JWT
 * of a live session, or an API key (`nwk_…`). Callers of a suspended store get a clear problem.
 */
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { API_KEY_PREFIX } from "../apikeys/model.ts";
import { authenticateApiKey } from "../apikeys/service.ts";
import { assertActive, getStoreCached } from "../tenancy/mod.ts";
import { isSessionActive } from "./sessions.ts";
import { createTokenSigner, type TokenSigner } from "./tokens.ts";

export function createAuthenticate(
  ctx: AppContext,
  signer: TokenSigner = createTokenSigner(ctx.config),
): Authenticate {
  async function principalOf(token: string): Promise<Principal | null> {
    if (token.startsWith(API_KEY_PREFIX)) return authenticateApiKey(ctx, token);
    const claims = await signer.verify(token);
    if (!claims || !(await isSessionActive(ctx, claims.sid))) return null;
    return {
      id: claims.sub,
      kind: "user",
      role: claims.role,
      storeId: claims.sto,
      permissions: claims.perms,
      sessionId: claims.sid,
    };
  }
  return async (token) => {
    const principal = await principalOf(token);
    if (!principal?.storeId) return principal;
    const store = await getStoreCached(ctx, principal.storeId);
    if (!store) return null;
    assertActive(store);
    return principal;
  };
}
