/**
 * MPEG-TS live channels in browsers that cannot play TS themselves (all but a few TVs): the
 * edge's `.ts` stream goes through mpegts.js, which remuxes it to fragmented MP4 for Media Source
 * Extensions. Loaded only when a TS channel opens, so no page pays for it up front. Why a
 * library: transmuxing TS (PAT/PMT, PES, H.264/AAC framing, timestamp wraps) is exactly what
 * mpegts.js does well and is maintained for; the alternative, the edge repackaging TS as HLS,
 * would cost CPU per channel on every node.
 */

export interface TsPlayback {
  destroy(): void;
}

export interface TsPlaybackEvents {
  /** A failure that ends playback: `stream_offline` when the edge refused or lost the stream. */
  onError(code: "stream_offline" | "network_error" | "unsupported"): void;
}

export async function playTs(
  video: HTMLVideoElement,
  url: string,
  events: TsPlaybackEvents,
): Promise<TsPlayback> {
  const { default: mpegts } = await import("mpegts.js");
  if (!mpegts.isSupported() || !mpegts.getFeatureList().mseLivePlayback) {
    events.onError("unsupported");
    return { destroy() {} };
  }
  mpegts.LoggingControl.enableAll = false;
  const player = mpegts.createPlayer(
    { type: "mpegts", isLive: true, url, hasAudio: true, hasVideo: true },
    {
      enableWorker: false,
      // Live: keep the buffer short and catch up after a stall rather than drift behind.
      liveBufferLatencyChasing: true,
      liveBufferLatencyMaxLatency: 6,
      liveBufferLatencyMinRemain: 1.5,
      lazyLoad: false,
      autoCleanupSourceBuffer: true,
      autoCleanupMaxBackwardDuration: 30,
      autoCleanupMinBackwardDuration: 15,
    },
  );
  player.on(mpegts.Events.ERROR, (type: string, detail: string) => {
    const offline =
      type === mpegts.ErrorTypes.NETWORK_ERROR &&
      (detail === mpegts.ErrorDetails.NETWORK_STATUS_CODE_INVALID ||
        detail === mpegts.ErrorDetails.NETWORK_UNRECOVERABLE_EARLY_EOF);
    events.onError(offline ? "stream_offline" : "network_error");
  });
  player.attachMediaElement(video);
  player.load();
  void Promise.resolve(player.play()).catch(() => undefined);
  return {
    destroy() {
      player.pause();
      player.unload();
      player.detachMediaElement();
      player.destroy();
    },
  };
}
