import { describe, expect, test } from "bun:test";
import { en } from "./en.ts";
import { es } from "./es.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  test("Spanish has exactly the English keys", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  test("every translation keeps the placeholders of the English text", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, vars: placeholders(es[key]) }).toEqual({ key, vars: placeholders(en[key]) });
    }
  });

  test("no translation is left empty", () => {
    for (const [key, text] of Object.entries(es))
      expect({ key, empty: text.trim() === "" }).toEqual({ key, empty: false });
  });
});
