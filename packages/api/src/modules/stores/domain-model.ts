/**
 * Custom domains of a store: stored shape, collection and API schemas.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export interface DomainDoc extends BaseDoc {
  storeId: string;
  domain: string;
  /**
   * Set to `domain` once verified, and unique: one store owns a verified domain, while any store
   * may claim an unverified one, so nobody can block a domain's real owner by adding it first.
   */
  verifiedDomain?: string;
  token: string;
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export const DOMAINS_COLLECTION: CollectionDef = {
  name: "store_domains",
  indexes: [
    { fields: [["verifiedDomain", 1]], unique: true },
    {
      fields: [
        ["storeId", 1],
        ["domain", 1],
      ],
      unique: true,
    },
  ],
};

export const DomainSchema = t.Object(
  {
    id: t.String(),
    storeId: t.String(),
    domain: t.String(),
    verified: t.Boolean(),
    verifiedAt: t.Union([t.String({ format: "date-time" }), t.Null()]),
    token: t.String({ description: "Serve exactly this text at /.well-known/nevewatch-verify" }),
    verifyUrl: t.String(),
    lastCheckedAt: t.Union([t.String({ format: "date-time" }), t.Null()]),
    lastError: t.Union([t.String(), t.Null()]),
    createdAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: "01jd6y6z0m7q8r9s0t1v2w3x4z",
        storeId: "01jd6y6z0m7q8r9s0t1v2w3x4y",
        domain: "tv.acme.example",
        verified: false,
        verifiedAt: null,
        token: "nwv_3q2x…",
        verifyUrl: "http://tv.acme.example/.well-known/nevewatch-verify",
        lastCheckedAt: null,
        lastError: null,
        createdAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);

export const AddDomainBody = t.Object(
  { domain: t.String({ minLength: 4, maxLength: 253, examples: ["tv.acme.example"] }) },
  { additionalProperties: false, examples: [{ domain: "tv.acme.example" }] },
);

export const DomainParams = t.Object({
  id: t.String({ maxLength: 64 }),
  domainId: t.String({ maxLength: 64 }),
});
