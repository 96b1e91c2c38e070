/**
 * Labels for the values the API names by code (roles, item types, themes, audit actions…):
 * the dictionary's `<group>.<value>` entry, or the value itself for a code this version of the
 * app does not know yet (the API may add values before the app learns them).
 */
import { en, type MessageKey } from "./en.ts";

export type LabelGroup =
  | "role"
  | "actor"
  | "type"
  | "categoryType"
  | "theme"
  | "match"
  | "kind"
  | "importKind"
  | "scope"
  | "perm"
  | "target"
  | "audit"
  | "status";

export function labelKey(group: LabelGroup, value: string): MessageKey | null {
  const key = `${group}.${value}`;
  return key in en ? (key as MessageKey) : null;
}

export function labelOf(t: (key: MessageKey) => string, group: LabelGroup, value: string): string {
  const key = labelKey(group, value);
  return key ? t(key) : value;
}
