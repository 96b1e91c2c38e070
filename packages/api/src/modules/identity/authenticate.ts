/**
 * The `Authenticate` the server, the realtime WebSocket and every module use: an access JWT
 * of a live session, or an API key (`nwk_…`). Callers of a suspended store get a clear problem.
 *
 * A token's claims are not trusted beyond naming its session: the session record says whose
 * it is and its store (a token whose `sub` or `sto` disagree is refused), and the account says
 * the role and permissions. So a token re-signed with another role, wherever the signing secret
 * leaked, gets nothing its account does not hold.
 */
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { API_KEY_PREFIX, authenticateApiKey } from "../apikeys/mod.ts";
import { assertActive, getStoreCached } from "../tenancy/mod.ts";
import { sessionBinding } from "./sessions.ts";
import { createTokenSigner, type TokenSigner } from "./tokens.ts";

export function createAuthenticate(
  ctx: AppContext,
  signer: TokenSigner = createTokenSigner(ctx.config),
): Authenticate {
  async function principalOf(token: string): Promise<Principal | null> {
    if (token.startsWith(API_KEY_PREFIX)) return authenticateApiKey(ctx, token);
    const claims = await signer.verify(token);
    if (!claims) return null;
    const binding = await sessionBinding(ctx, claims.sid);
    if (!binding || binding.userId !== claims.sub || binding.storeId !== claims.sto) return null;
    if (binding.role !== claims.role)
      // Harmless after a role change (the next refresh brings the new claim); otherwise forged.
      ctx.log.warn(
        { sessionId: claims.sid, userId: claims.sub, claimed: claims.role, role: binding.role },
        "access token claims a role its account does not hold",
      );
    return {
      id: binding.userId,
      kind: "user",
      role: binding.role,
      storeId: binding.storeId,
      permissions: binding.permissions,
      sessionId: claims.sid,
      ...(binding.pending ? { pending: true as const } : {}),
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
