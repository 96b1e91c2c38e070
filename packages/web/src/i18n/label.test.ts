import { describe, expect, test } from "bun:test";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { labelOf } from "./label.ts";

const inEnglish = (key: keyof typeof en): string => en[key];
const inSpanish = (key: keyof typeof en): string => es[key];

describe("labelOf", () => {
  test("names the API's codes in each language", () => {
    expect(labelOf(inEnglish, "role", "store_staff")).toBe("Staff");
    expect(labelOf(inSpanish, "role", "store_staff")).toBe("Personal");
    expect(labelOf(inEnglish, "match", "epg-id")).toBe("Guide id");
    expect(labelOf(inSpanish, "kind", "m3u")).toBe("Lista M3U");
    expect(labelOf(inEnglish, "audit", "subscription.grant")).toBe("Plan granted");
  });

  test("shows a code it does not know as it is", () => {
    expect(labelOf(inEnglish, "audit", "something.new")).toBe("something.new");
  });

  test("every role, item type, theme and guide match of the API has a label", () => {
    const values = {
      role: ["platform_admin", "store_owner", "store_staff", "viewer", "affiliate"],
      type: ["live", "movie", "series", "episode"],
      categoryType: ["live", "movie", "series"],
      theme: ["dark", "light", "system"],
      match: ["epg-id", "name"],
      kind: ["m3u", "xtream"],
      importKind: ["catalog", "epg"],
      scope: ["global", "store"],
    } as const;
    for (const [group, list] of Object.entries(values))
      for (const value of list)
        expect({ group, value, label: labelOf(inEnglish, group as never, value) !== value }).toEqual({
          group,
          value,
          label: true,
        });
  });
});
