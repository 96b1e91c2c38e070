/**
 * Which viewer a routed screen session belongs to, remembered when the route is handed out,
 * so that an edge reporting "session ended" (by its id alone) can release the right screen.
 */
import type { AppContext } from "../../context.ts";
import { releaseScreen } from "../screens/mod.ts";

const key = (sid: string) => `screen-session:${sid}`;
const REMEMBER_MS = 24 * 3600_000;

export async function rememberScreenSession(
  ctx: Pick<AppContext, "cache">,
  sid: string,
  owner: { storeId: string; viewerId: string },
): Promise<void> {
  await ctx.cache.set(key(sid), JSON.stringify(owner), REMEMBER_MS);
}

/** An edge's stream of generation `gen` ended: frees the screen unless the device has moved on. */
export async function endScreenSession(
  ctx: Pick<AppContext, "cache" | "store">,
  session: { sid: string; gen: number },
): Promise<void> {
  const raw = await ctx.cache.get(key(session.sid));
  if (!raw) return;
  const { storeId, viewerId } = JSON.parse(raw) as { storeId: string; viewerId: string };
  await releaseScreen(ctx, { storeId, viewerId, sessionId: session.sid }, { gen: session.gen });
}
