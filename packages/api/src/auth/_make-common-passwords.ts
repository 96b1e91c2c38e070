/**
 * Makes `common-passwords.txt` from the password list of the npm package
 * `@zxcvbn-ts/language-common` (MIT; its `src/passwords.json`, the most common passwords of
 * public breach corpora, most common first). Only entries the length rule lets through can
 * ever match a whole password, so the file keeps those (NFKC, lowercased), sorted and unique.
 *
 *   npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz
 *   bun packages/api/src/auth/_make-common-passwords.ts package/src/passwords.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { foldPassword, MIN_PASSWORD_LENGTH } from "./password-policy.ts";

const source = process.argv[2];
if (!source) throw new Error("Usage: bun _make-common-passwords.ts <path to passwords.json>");
const list = JSON.parse(readFileSync(source, "utf8")) as unknown;
if (!Array.isArray(list) || !list.every((entry) => typeof entry === "string"))
  throw new Error(`"${source}" is not a JSON array of strings`);
const kept = [...new Set(list.map(foldPassword))]
  .filter((entry) => [...entry].length >= MIN_PASSWORD_LENGTH && !entry.includes("\n"))
  .sort();
writeFileSync(new URL("./common-passwords.txt", import.meta.url), `${kept.join("\n")}\n`);
