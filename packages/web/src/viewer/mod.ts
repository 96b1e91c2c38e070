/**
 * Viewer components shared with the desktop (Electron) and webOS apps: the player, the channel
 * list, stream resolution and a profile's favorites and progress through the SDK.
 */
export { type ChannelEntry, ChannelList, type ChannelListProps } from "./channel-list.tsx";
export { type GuideProgramme, NowNext, type NowNextProps } from "./now-next.tsx";
export { Player, type PlayerLabels, type PlayerProps, type PlayerSource } from "./player.tsx";
export {
  type ContinueEntry,
  continueWatching,
  createFavorites,
  saveProgress,
} from "./profile-lists.ts";
export { type StreamType, streamSource } from "./stream-source.ts";
