/**
 * The fixed list of permissions a store owner may hand to staff and API keys. Owners and
 * platform admins hold every permission of their scope; viewers and affiliates hold none.
 */
import { enumOf } from "./enum.ts";

export const PERMISSIONS = [
  "store.manage",
  "users.read",
  "users.manage",
  "subscriptions.read",
  "subscriptions.manage",
  "plans.manage",
  "catalog.read",
  "catalog.manage",
  "sources.manage",
  "reports.read",
  "audit.read",
  "api_keys.manage",
  "nodes.read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export const PermissionSchema = enumOf(PERMISSIONS, {
  description: "One permission from the fixed list",
  examples: ["users.read"],
});
