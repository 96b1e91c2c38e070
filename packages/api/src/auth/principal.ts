/**
 * Who is calling: the authenticated principal every route and topic check works from.
 */

export const ROLES = ["platform_admin", "store_owner", "store_staff", "viewer", "affiliate"] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** User id, API key id or node id, depending on `kind`. */
  readonly id: string;
  readonly kind: "user" | "api_key" | "node";
  readonly role: Role;
  /** The store this principal belongs to; null for platform admins and global nodes. */
  readonly storeId: string | null;
  /** Fine-grained permissions (store staff and API keys); owners and admins hold all of their scope. */
  readonly permissions: readonly string[];
  /** The refresh family (device session) an access token belongs to; absent for API keys and nodes. */
  readonly sessionId?: string;
  /**
   * A session opened by a registration whose e-mail already had an account: it stands for no
   * account and passes only the routes whose access rule says `pending: true`.
   */
  readonly pending?: true;
}

/** Resolves a bearer token to a principal, or null when it is missing, invalid or expired. */
export type Authenticate = (token: string) => Promise<Principal | null>;
