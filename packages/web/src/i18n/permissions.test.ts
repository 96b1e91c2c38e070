import { expect, test } from "bun:test";
import { PERMISSIONS } from "@nevewatch/sdk";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { labelKey } from "./label.ts";

test("every permission the API defines (the SDK's generated list) is named in English and Spanish", () => {
  expect(PERMISSIONS).toContain("store.manage");
  const unnamed = PERMISSIONS.filter((permission) => {
    const key = labelKey("perm", permission);
    return key === null || !en[key] || !es[key] || es[key] === permission;
  });
  expect(unnamed).toEqual([]);
});
