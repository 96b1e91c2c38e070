import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown }> }>;
}

let kit: Kit;
let paths: Record<string, { get?: Operation }>;

beforeAll(async () => {
  kit = await createKit();
  const response = await kit.app.handle(new Request("http://localhost/openapi/json"));
  paths = ((await response.json()) as { paths: typeof paths }).paths;
});
afterAll(() => kit.dispose());

describe("the player outputs in the served OpenAPI", () => {
  test("lists get.php, xmltv.php and player_api.php under player-api, with their query", () => {
    for (const path of ["/get.php", "/xmltv.php", "/player_api.php"]) {
      const operation = paths[path]?.get;
      expect({ path, tags: operation?.tags }).toEqual({ path, tags: ["player-api"] });
      expect(operation?.summary).toBeString();
      const query = (operation?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      expect(query).toEqual(expect.arrayContaining(["username", "password", "output", "action"]));
    }
  });

  test("documents each output's media type with an example, and its problems", () => {
    const documented = (path: string, type: string) => paths[path]?.get?.responses?.["200"]?.content?.[type];
    expect(documented("/get.php", "audio/x-mpegurl")?.example).toStartWith("#EXTM3U");
    expect(documented("/xmltv.php", "application/xml")?.example).toStartWith("<?xml");
    expect(Object.keys(documented("/player_api.php", "application/json")?.examples ?? {})).toEqual([
      "account",
      "get_live_streams",
      "refused",
    ]);
    expect(Object.keys(paths["/get.php"]?.get?.responses ?? {})).toEqual(["200", "401", "403", "404"]);
  });

  test("lists the live, movie and series stream URLs under player-api", () => {
    for (const kind of ["live", "movie", "series"]) {
      const operation = paths[`/${kind}/{username}/{password}/{file}`]?.get;
      expect({ kind, tags: operation?.tags }).toEqual({ kind, tags: ["player-api"] });
    }
  });
});
