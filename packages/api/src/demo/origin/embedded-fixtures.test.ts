import { describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDemoOrigin } from "./create-demo-origin.ts";
import { EMBEDDED_FIXTURES } from "./embedded-fixtures.ts";
import { fixtureFilesIn } from "./fixture-files.ts";

const committed = join(import.meta.dir, "..", "fixtures");

describe("embedded fixtures", () => {
  test("list every committed fixture file, byte for byte", () => {
    const onDisk = fixtureFilesIn(committed);
    const media = [...onDisk.keys()].filter((name) => name !== "generate.sh");
    expect([...EMBEDDED_FIXTURES.keys()]).toEqual(media);
    for (const name of media) {
      expect(readFileSync(EMBEDDED_FIXTURES.get(name) ?? "")).toEqual(readFileSync(onDisk.get(name) ?? ""));
    }
  });

  test("give way to a fixtures folder of the operator's (DEMO_FIXTURES_DIR)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nevewatch-fixtures-"));
    try {
      cpSync(committed, dir, { recursive: true });
      // A folder's own VOD titles are what its origin lists, not the embedded ones.
      cpSync(join(dir, "vod", "neve-reel.mp4"), join(dir, "vod", "own-reel.mp4"));
      const origin = createDemoOrigin({ fixturesDir: dir });
      const index = (await (await origin.fetch(new Request("http://localhost/"))).json()) as {
        vod: Array<{ name: string }>;
      };
      expect(index.vod.map((title) => title.name)).toEqual(["neve-reel", "own-reel"]);
      expect((await origin.fetch(new Request("http://localhost/hls/neve-one/index.m3u8"))).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
