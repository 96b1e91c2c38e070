/** `GET|HEAD /vod/:streamType/:streamId?token=…`: byte-range pass-through for films and episodes. */
import { trackedBody } from "../upstream/tracked-body.ts";
import { proxyVod } from "../vod/vod-proxy.ts";
import { admit } from "./admit.ts";
import type { EdgeContext } from "./edge-context.ts";

export async function vodRoute(
  context: EdgeContext,
  request: Request,
  streamType: "vod" | "series",
  streamId: string,
): Promise<Response> {
  const { session } = await admit(context, request, {
    streamId,
    fits: (claims) => claims.stt === streamType && claims.fmt === "file",
  });
  const sources = await context.sources(streamType, session.streamId);
  const files = sources.filter((source) => source.format === "file");
  const upstream = await proxyVod(context.vod, files, request);
  if (upstream.body === null) return upstream;
  // Attached while the body flows, so a long film never idles its session out.
  context.store.attach(session);
  const body = trackedBody(
    upstream.body,
    (bytes) => {
      context.vodCounters.bytesOut += bytes;
    },
    () => context.store.detach(session),
  );
  return new Response(body, { status: upstream.status, headers: upstream.headers });
}
