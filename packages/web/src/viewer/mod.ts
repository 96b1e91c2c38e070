/**
 * Viewer components shared with the desktop (Electron) and webOS apps: the player, the channel
 * list, stream resolution through the SDK and the on-device lists.
 */
export { type ChannelEntry, ChannelList, type ChannelListProps } from "./channel-list.tsx";
export { createFavorites, readPositions, savePosition, type WatchPosition } from "./local-list.ts";
export { Player, type PlayerLabels, type PlayerProps, type PlayerSource } from "./player.tsx";
export { type StreamType, streamSource } from "./stream-source.ts";
