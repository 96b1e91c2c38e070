// Fixture media imported `with { type: "file" }` (see embedded-fixtures.ts) give a file path.
declare module "*.mpegts" {
  const path: string;
  export default path;
}
declare module "*.m3u8" {
  const path: string;
  export default path;
}
declare module "*.mp4" {
  const path: string;
  export default path;
}
