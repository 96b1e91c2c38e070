/**
 * All live channels of one edge: at most one channel (and so one upstream connection) per
 * stream, created on the first viewer and gone a linger period after the last.
 */
import type { Logger } from "../logger.ts";
import type { UpstreamFetch } from "../net/guarded-fetch.ts";
import type { Source, UpstreamSlots } from "../upstream/source.ts";
import { type ChannelInfo, LiveChannel } from "./live-channel.ts";
import type { LiveConfig, LiveCounters } from "./live-config.ts";
import type { LiveViewer } from "./live-viewer.ts";

export interface LiveHubDeps {
  /** TS sources of a live stream, best first. */
  sources: (streamId: string) => Promise<Source[]>;
  slots?: UpstreamSlots | undefined;
  fetch?: UpstreamFetch;
  config: LiveConfig;
  counters: LiveCounters;
  logger: Logger;
}

export interface LiveHub {
  /**
   * Joins a viewer to a channel, opening the upstream when it is the first. Waits (up to
   * `startTimeoutMs`) for a new channel's first bytes; rejects with an `EdgeError` when none come.
   */
  join(streamId: string, sid: string, startTimeoutMs: number): Promise<LiveViewer>;
  /** Ends the viewers of the given screen sessions; returns how many. */
  revoke(sids: ReadonlySet<string>): number;
  channels(): ChannelInfo[];
  /** Closes every channel and waits for their upstream slots to be released. */
  close(): Promise<void>;
}

export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const channels = new Map<string, LiveChannel>();
  const fetchUpstream = deps.fetch ?? fetch;

  function channelFor(streamId: string): LiveChannel {
    const existing = channels.get(streamId);
    if (existing !== undefined) return existing;
    const channel = new LiveChannel({
      streamId,
      sources: () => deps.sources(streamId),
      slots: deps.slots,
      fetch: fetchUpstream,
      config: deps.config,
      counters: deps.counters,
      logger: deps.logger,
      onClosed: (closed) => {
        if (channels.get(streamId) === closed) channels.delete(streamId);
      },
    });
    channels.set(streamId, channel);
    return channel;
  }

  return {
    async join(streamId, sid, startTimeoutMs) {
      const channel = channelFor(streamId);
      const viewer = channel.addViewer(sid);
      try {
        await channel.waitReady(startTimeoutMs);
      } catch (error) {
        viewer.end("upstream_lost");
        throw error;
      }
      return viewer;
    },
    revoke(sids) {
      let count = 0;
      for (const channel of channels.values()) count += channel.revoke(sids);
      return count;
    },
    channels() {
      return [...channels.values()].map((channel) => channel.info());
    },
    async close() {
      const closing = [...channels.values()];
      for (const channel of closing) channel.close();
      await Promise.all(closing.map((channel) => channel.settled()));
    },
  };
}
