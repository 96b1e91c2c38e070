/**
 * The built-in demo origin: makes the seeded demo channels really play (browsers via hls.js,
 * ffplay, VLC, ffprobe) with no ffmpeg at run time. It loops small committed test-pattern clips
 * (see `../fixtures/generate.sh`) as live MPEG-TS and live HLS with seamless, rewritten
 * timestamps, and serves a VOD file, an M3U Plus playlist, an XMLTV guide and logos.
 */
export { createDemoOrigin, type DemoOrigin, type DemoOriginOptions } from "./create-demo-origin.ts";
export { DEMO_CHANNELS, type DemoChannel } from "./demo-channels.ts";
export type { Sleep } from "./live/cancellable-sleep.ts";
export { type DemoOriginServer, serveDemoOrigin } from "./serve.ts";
