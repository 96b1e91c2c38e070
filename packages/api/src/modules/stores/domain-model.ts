/**
 * Custom domains of a store: stored shape, collection and API schemas.
 */
import { t } from "elysia";

export { DOMAINS_COLLECTION, type DomainDoc } from "../tenancy/mod.ts";

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
