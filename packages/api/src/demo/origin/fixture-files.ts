/**
 * The demo origin's fixtures as a map from their path inside the fixtures folder
 * (`live/neve-one.mpegts`) to a path that can be read right now. The default is the embedded
 * set (`embedded-fixtures.ts`); `fixtureFilesIn` lists another folder (DEMO_FIXTURES_DIR).
 */
import { readdirSync, statSync } from "node:fs";
import { join, sep } from "node:path";

export type FixtureFiles = ReadonlyMap<string, string>;

/** Every file under `dir`, keyed by its `/`-separated path inside it; throws if `dir` is missing. */
export function fixtureFilesIn(dir: string): FixtureFiles {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) files.set(entry.split(sep).join("/"), path);
  }
  return files;
}
