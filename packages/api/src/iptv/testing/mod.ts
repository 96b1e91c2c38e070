/**
 * Test and benchmark helpers for code that uses the IPTV parsers: deterministic playlist
 * and guide generators, a chunking stream to test chunk boundaries, collectors that run a
 * parser to the end, and a fake Xtream Codes panel on 127.0.0.1. Not for production code.
 */
export { type Chunking, chunkedStream } from "./chunked-stream.ts";
export { type CollectedM3u, collectM3u } from "./collect-m3u.ts";
export { type CollectedXmltv, collectXmltv } from "./collect-xmltv.ts";
export { type FakeXtreamMode, type FakeXtreamServer, startFakeXtreamServer } from "./fake-xtream-server.ts";
export { type GenerateM3uOptions, generateM3u, generateM3uChunks } from "./generate-m3u.ts";
export { type GenerateXmltvOptions, generateXmltv, generateXmltvChunks } from "./generate-xmltv.ts";
export { seededRandom } from "./seeded-random.ts";
